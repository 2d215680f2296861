import { type KindInfo } from './types.js';

export const liveEditingInfo: KindInfo = {
  kind: 'live-editing',
  cloud: 'aliyun',
  label: 'Live production-studio editing',
  icon: 'record',
  idPrompt: 'Production studio CasterId(s): every editing task of the caster is tracked',
  // casterId is not a CLI option: the CLI's id is the CasterId. A reference with casterId names one task (its id
  // is the ShowId); without it, the whole caster (see ARCHITECTURE.md).
  params: [{ name: 'showId', cliFlag: 'show-id', required: false }],
  api: 'GetEditingJobInfo',
  console: { url: 'https://live.console.aliyun.com/', regionQuery: false },
};
