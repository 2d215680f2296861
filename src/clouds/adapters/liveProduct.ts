/**
 * ApsaraVideo Live, the product both live kinds (production-studio editing, edge transcoding) call: its
 * endpoints (https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-endpoint). Most
 * regions use the global `live.aliyuncs.com`; Singapore and Frankfurt have their own host.
 */
import { type Endpoint } from './kindDefinition.js';

const LIVE_GLOBAL_REGIONS = ['ap-northeast-1', 'ap-southeast-5', 'cn-beijing', 'cn-qingdao', 'cn-shenzhen', 'cn-shanghai', 'me-central-1'];

export const LIVE_ENDPOINT: Endpoint<'live'> = {
  product: 'live',
  origins: {
    ...Object.fromEntries(LIVE_GLOBAL_REGIONS.map((r) => [r, 'https://live.aliyuncs.com'])),
    'ap-southeast-1': 'https://live.ap-southeast-1.aliyuncs.com',
    'eu-central-1': 'https://live.eu-central-1.aliyuncs.com',
  },
};
