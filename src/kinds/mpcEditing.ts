import { type KindInfo } from './types.js';

export const mpcEditingInfo: KindInfo = {
  kind: 'mpc-editing',
  cloud: 'huawei',
  label: 'MPC editing job',
  icon: 'layers',
  idPrompt: 'MPC editing job_id(s)',
  params: [{
    name: 'projectId', cliFlag: 'project-id', required: false,
    trackPrompt: 'Project id (empty: the one saved with your Huawei Cloud credentials)', what: 'project id',
  }],
  api: 'ListEditingJobs',
  console: { url: 'https://console.huaweicloud.com/mpc/', regionQuery: true },
  // The inspector panel: no Timeline, no template; files out.
  inspector: {
    timeline: false, template: false, subJobMaterials: false, liveOutput: false,
    noStreams: { note: 'This job has no editing_output with video_info or audio_info yet.' },
  },
};
