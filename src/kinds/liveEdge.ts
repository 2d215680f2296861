import { type KindDetect, type KindInfo } from './types.js';

export const liveEdgeInfo: KindInfo = {
  kind: 'live-edge',
  cloud: 'aliyun',
  label: 'Live edge transcode job',
  icon: 'broadcast',
  idPrompt: 'Edge transcode JobId(s)',
  params: [{ name: 'clusterId', cliFlag: 'cluster-id', required: true, trackPrompt: 'ClusterId of the edge transcode jobs', what: 'ClusterId' }],
  api: 'GetEdgeTranscodeJob',
  console: { url: 'https://live.console.aliyun.com/', regionQuery: false },
  // The status API's call (src/clouds/).
  apiVersion: '2016-11-01', batchSize: 1, rateLimit: { requests: 6000, perSeconds: 60 },
  // The inspector panel: no Timeline, no template; a live stream out.
  inspector: {
    timeline: false, template: false, subJobMaterials: false, liveOutput: true,
    noStreams: { note: 'Edge transcode jobs report no stream details; the output stream and template are on the Overview.' },
  },
  // Wording: the SDK's GetEdgeTranscodeJob model says Status "0" is "not started" (the model's `stopped`).
  statusLabels: { '0': 'Not started' },
  // References (src/kinds/types.ts): Look Up asks for the ClusterId the text did not give.
  lookUpParams: [{ name: 'clusterId', always: true, prompt: 'ClusterId of the edge transcode job', what: 'ClusterId', why: 'an edge transcode job needs its ClusterId' }],
  cloudCli: { tool: 'aliyun', product: 'live', operation: 'GetEdgeTranscodeJob', idFlag: 'JobId', paramFlags: { clusterId: 'ClusterId' } },
};

// Detection (src/detect/): a JobId beside an edge marker or a ClusterId (which it needs).
export const liveEdgeDetect: KindDetect = {
  product: { name: 'live', cli: 'aliyun', hosts: ['live', 'live-vpc'], sdks: ['live20161101', 'live_20161101'] },
  markers: ['EdgeTranscodeJob', 'edge_transcode_job'],
  siblingKeys: ['StreamInput', 'StreamOutput', 'LastStartAt', 'LastStopAt'],
  jobKeys: { guess: { JobId: 1, job_id: 2 } },
  keys: [{ names: ['ClusterId', 'clusterId', 'cluster_id', 'cluster-id'], param: 'clusterId' }],
  idShapes: { shapes: ['uuid'], rank: 3 },
};
