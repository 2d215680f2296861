import { type KindDetect, type KindInfo } from './types.js';

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
  // The status API's call (src/clouds/): the documented MPC tenant limit (stated for transcoding; UNCONFIRMED here).
  apiVersion: 'v2', batchSize: 10, rateLimit: { requests: 100, perSeconds: 60 },
  // The inspector panel: no Timeline, no template; files out.
  inspector: {
    timeline: false, template: false, subJobMaterials: false, liveOutput: false,
    noStreams: { note: 'This job has no editing_output with video_info or audio_info yet.' },
  },
  // KooCLI (hcloud): `hcloud <service> <operation> --param=value`, arrays indexed `--name.1=` (its FAQ on array parameters).
  cloudCli: { tool: 'hcloud', product: 'MPC', operation: 'ListEditingJobs', idFlag: 'job_id.1', paramFlags: { projectId: 'project_id' }, unconfirmed: 'KooCLI\'s MPC operation name and the --job_id.1= form for a query array are not confirmed by a public page' },
};

// Detection (src/detect/): a job_id beside an MPC marker; its project from `/v2/{project_id}/editing/jobs` or a
// project_id key (not `ProjectId`: that is an ICE project, not a Huawei project).
export const mpcEditingDetect: KindDetect = {
  product: { name: 'mpc', hosts: ['mpc', 'mts'], sdks: ['sdk-?mpc', 'sdk\\.mpc'] },
  markers: ['EditingJob', '[Ee]diting_job', 'editing/jobs', 'job_array', 'hcloud\\s+(?:MPC|mpc)'],
  siblingKeys: ['exec_description', 'editing_output'],
  jobKeys: { guess: { job_id: 0 } },
  keys: [{ names: ['project_id', 'project-id', 'projectId'], param: 'projectId' }],
  paramPatterns: [{ param: 'projectId', contains: 'editing/jobs', pattern: '/v[0-9]+/([A-Za-z0-9_-]{6,64})/editing/jobs\\b' }],
  idShapes: { shapes: ['hex32', 'number'], rank: 2 },
};
