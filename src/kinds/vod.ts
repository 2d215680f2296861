import { type KindDetect, type KindInfo } from './types.js';

export const vodInfo: KindInfo = {
  kind: 'vod',
  cloud: 'aliyun',
  label: 'VOD transcode task',
  icon: 'file-media',
  idPrompt: 'VOD TranscodeTaskId(s)',
  params: [],
  api: 'GetTranscodeTask',
  // With a snapshot, src/present/consoleLinks.ts links the video's own page instead.
  console: { url: 'https://vod.console.aliyun.com/#/media/video/list', regionQuery: false },
  // The status API's call (src/clouds/).
  apiVersion: '2017-03-21', batchSize: 1, rateLimit: { requests: 15, perSeconds: 1 },
  // The inspector panel: no Timeline, no template; files out.
  inspector: {
    timeline: false, template: false, subJobMaterials: false, liveOutput: false,
    noStreams: { note: 'This task\'s outputs carry no stream lists.', untilOutput: 'Stream lists appear when the transcode jobs finish.' },
  },
  // Wording (src/kinds/types.ts): a task's name is its VideoId, whose page is the task's page.
  nameLabel: 'Video ID',
  namePage: { prefix: 'https://vod.console.aliyun.com/#/media/video/detail/', suffix: '/video', namePattern: /^[0-9a-f]{32}$/ },
  cloudCli: { tool: 'aliyun', product: 'vod', operation: 'GetTranscodeTask', idFlag: 'TranscodeTaskId', paramFlags: {}, unconfirmed: 'the CLI\'s metadata has no regional VOD endpoints: outside cn-shanghai, --endpoint vod.<region>.aliyuncs.com may be needed' },
};

// Detection (src/detect/): what marks a VOD task's id in text (its own key; a JobId only beside a VOD marker).
export const vodDetect: KindDetect = {
  product: { name: 'vod', cli: 'aliyun', hosts: ['vod', 'vod-vpc'], sdks: ['vod20170321', 'vod_20170321'] },
  markers: ['TranscodeTask', 'transcode_task'],
  siblingKeys: [],
  jobKeys: {},
  keys: [{ names: ['TranscodeTaskId', 'transcodeTaskId', 'transcode_task_id'], id: true }],
  idShapes: { shapes: ['hex32'], rank: 1 },
};
