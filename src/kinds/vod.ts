import { type KindInfo } from './types.js';

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
};
