import { type KindDetect, type KindInfo } from './types.js';

export const iceInfo: KindInfo = {
  kind: 'ice',
  cloud: 'aliyun',
  label: 'IMS editing job',
  icon: 'device-camera-video',
  idPrompt: 'IMS JobId(s) (GetMediaProducingJob)',
  params: [],
  api: 'GetMediaProducingJob',
  console: { url: 'https://ims.console.aliyun.com/summary', regionQuery: false },
  // The status API's call (src/clouds/): not published for this API (UNCONFIRMED); 10/s is its sibling APIs' figure.
  apiVersion: '2020-11-09', batchSize: 1, rateLimit: { requests: 10, perSeconds: 1 },
  // The inspector panel: a Timeline, or a template's ClipsParam; files out.
  inspector: {
    timeline: true, template: true, subJobMaterials: true, liveOutput: false,
    noStreams: { note: 'IMS editing jobs report no stream details; the output\'s duration is on the Overview.' },
  },
  // aliyun CLI (github.com/aliyun/aliyun-cli): its bundled metadata lists ICE 2020-11-09 with no APIs, so --force.
  cloudCli: { tool: 'aliyun', product: 'ice', operation: 'GetMediaProducingJob', idFlag: 'JobId', paramFlags: {}, force: true, unconfirmed: 'not run against the aliyun CLI here: whether it resolves ICE\'s endpoint from --region with --force' },
};

// Detection (src/detect/): what marks an IMS job's id in text.
export const iceDetect: KindDetect = {
  product: { name: 'ice', cli: 'aliyun', hosts: ['ice', 'ice-vpc'], sdks: ['ice20201109', 'ice_20201109'] },
  markers: ['MediaProducingJob', 'media_producing_job'],
  siblingKeys: ['Timeline', 'ClipsParam', 'SubJobMaterials'],
  jobKeys: { guess: { JobId: 0, job_id: 1 } },
  keys: [],
  idShapes: { shapes: ['hex32'], rank: 0 },
};
