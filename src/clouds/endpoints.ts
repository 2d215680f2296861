/**
 * Where each API lives, per region, with the quirks found in the clouds' endpoint pages
 * (https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-endpoint,
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-endpoint) and their SDKs:
 * - ICE: the documented regional host `ice.<region>.aliyuncs.com` (the generated SDKs send every region but
 *   cn-shanghai to the bare `ice.aliyuncs.com`; whether that routes by RegionId is unconfirmed, so we follow
 *   the docs and let users override).
 * - VOD: regional hosts, and `cn-hangzhou` served by `vod.cn-shanghai.aliyuncs.com` as the SDK maps it.
 * - Live: most regions use the global `live.aliyuncs.com`; Singapore and Frankfurt have their own host.
 * - MPC: `mpc.<region>.myhuaweicloud.com`, except cn-north-1 which is `mts.cn-north-1.myhuaweicloud.com`.
 */
import { ConfigError } from './errors.js';
import { type CloudId } from '../model/job.js';
import { isRegionName } from '../util/region.js';
import { isHttpProtocol } from '../util/urls.js';

export type EndpointProduct = 'ice' | 'vod' | 'live' | 'mpc';

const ICE_REGIONS = ['cn-shanghai', 'cn-hangzhou', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'us-west-1'];
const VOD_REGIONS = [
  'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1',
  'ap-southeast-5', 'eu-central-1', 'us-west-1', 'me-central-1',
];
const LIVE_GLOBAL_REGIONS = ['ap-northeast-1', 'ap-southeast-5', 'cn-beijing', 'cn-qingdao', 'cn-shenzhen', 'cn-shanghai', 'me-central-1'];
const MPC_REGIONS = ['cn-north-4', 'cn-east-2', 'cn-east-3', 'cn-south-1', 'ap-southeast-3'];

/** The region table: product → region → https origin. */
export const ENDPOINTS: Readonly<Record<EndpointProduct, Readonly<Record<string, string>>>> = {
  ice: Object.fromEntries(ICE_REGIONS.map((r) => [r, `https://ice.${r}.aliyuncs.com`])),
  vod: {
    ...Object.fromEntries(VOD_REGIONS.map((r) => [r, `https://vod.${r}.aliyuncs.com`])),
    'cn-hangzhou': 'https://vod.cn-shanghai.aliyuncs.com',
  },
  live: {
    ...Object.fromEntries(LIVE_GLOBAL_REGIONS.map((r) => [r, 'https://live.aliyuncs.com'])),
    'ap-southeast-1': 'https://live.ap-southeast-1.aliyuncs.com',
    'eu-central-1': 'https://live.eu-central-1.aliyuncs.com',
  },
  mpc: {
    ...Object.fromEntries(MPC_REGIONS.map((r) => [r, `https://mpc.${r}.myhuaweicloud.com`])),
    'cn-north-1': 'https://mts.cn-north-1.myhuaweicloud.com',
  },
};

export const DEFAULT_REGION: Readonly<Record<CloudId, string>> = {
  aliyun: 'cn-shanghai',
  huawei: 'cn-north-4',
};

export { isRegionName };

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Validates a user-given endpoint base URL: https, or plain http only to a loopback address (the emulator).
 * Returns its origin (`https://host[:port]`). Paths, queries and credentials in the URL are refused, because
 * the signatures cover the path and a URL with `user:pass@` would leak into logs.
 */
export function validateEndpoint(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`endpoint "${raw}" is not a URL`, 'give a base URL such as https://ice-vpc.cn-shanghai.aliyuncs.com');
  }
  if (!isHttpProtocol(url.protocol)) {
    throw new ConfigError(`endpoint "${url.protocol}//…" must use https`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(`endpoint ${url.origin} uses plain http`, 'plain http is allowed only to loopback addresses (127.0.0.1, localhost, ::1); use https');
  }
  if (url.username || url.password) {
    throw new ConfigError('endpoint must not contain a user name or password');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError(`endpoint ${url.origin}${url.pathname} has a path or query`, 'give only the scheme, host and port');
  }
  return url.origin;
}

/**
 * The origin to send a product's requests to: the override when given (validated), else the region table.
 * Throws ConfigError for a region missing from the table.
 */
export function resolveEndpoint(product: EndpointProduct, region: string, override?: string): string {
  if (override !== undefined && override !== '') return validateEndpoint(override);
  const origin = ENDPOINTS[product][region];
  if (origin === undefined) {
    const known = Object.keys(ENDPOINTS[product]).sort().join(', ');
    throw new ConfigError(
      `region "${region}" has no known ${product} endpoint`,
      `known regions: ${known}; or give an endpoint explicitly (--endpoint / the endpoint setting)`,
    );
  }
  return origin;
}
