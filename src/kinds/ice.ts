import { type KindInfo } from './types.js';

export const iceInfo: KindInfo = {
  kind: 'ice',
  cloud: 'aliyun',
  label: 'IMS editing job',
  icon: 'device-camera-video',
  idPrompt: 'IMS JobId(s) (GetMediaProducingJob)',
  params: [],
  api: 'GetMediaProducingJob',
  console: { url: 'https://ims.console.aliyun.com/summary', regionQuery: false },
};
