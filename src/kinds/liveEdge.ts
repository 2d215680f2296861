import { type KindInfo } from './types.js';

export const liveEdgeInfo: KindInfo = {
  kind: 'live-edge',
  cloud: 'aliyun',
  label: 'Live edge transcode job',
  icon: 'broadcast',
  idPrompt: 'Edge transcode JobId(s)',
  params: [{ name: 'clusterId', cliFlag: 'cluster-id', required: true, trackPrompt: 'ClusterId of the edge transcode jobs', what: 'ClusterId' }],
  api: 'GetEdgeTranscodeJob',
  console: { url: 'https://live.console.aliyun.com/', regionQuery: false },
};
