import { type KindDetect, type KindInfo } from './types.js';

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
  // The status API's call (src/clouds/).
  apiVersion: '2016-11-01', batchSize: 1, rateLimit: { requests: 10, perSeconds: 1 },
  // The inspector panel: no Timeline, no template; files out.
  inspector: {
    timeline: false, template: false, subJobMaterials: false, liveOutput: false,
    noStreams: { note: 'Production-studio editing tasks report no stream details.' },
  },
  // References and wording (src/kinds/types.ts): tasks are listed per caster; a ShowId needs its CasterId.
  casterParam: 'casterId',
  lookUpParams: [{
    name: 'casterId', always: false, prompt: 'CasterId of the production studio that ShowId {id} belongs to', what: 'CasterId',
    why: 'a ShowId needs its CasterId',
  }],
  runningPhases: { '1': 'editing', '2': 'uploading to VOD' },
  failureHint: { place: 'the production studio', param: 'casterId', paramLabel: 'caster', console: 'the ApsaraVideo Live console' },
  cloudCli: { tool: 'aliyun', product: 'live', operation: 'GetEditingJobInfo', idFlag: 'CasterId', taskFlag: 'ShowId', paramFlags: {} },
};

// Detection (src/detect/): a CasterId names the whole caster, one ShowId beside it narrows it to that show; a
// ShowId needs its CasterId. A generic JobId is never a production-studio task.
export const liveEditingDetect: KindDetect = {
  product: { name: 'live', cli: 'aliyun', hosts: ['live', 'live-vpc'], sdks: ['live20161101', 'live_20161101'] },
  markers: ['GetEditingJobInfo', 'get_editing_job_info', 'EditingJobInfo', 'EditingTasksInfo', 'editing_job_info'],
  siblingKeys: [],
  keys: [
    { names: ['CasterId', 'casterId', 'caster_id', 'caster-id'], id: true, param: 'casterId', narrowedBy: 'showId' },
    { names: ['ShowId', 'showId', 'show_id', 'show-id'], id: true, param: 'showId', needs: 'casterId' },
  ],
  idShapes: { shapes: ['uuid'], rank: 4 },
};
