/**
 * Endpoint rules shared by every API: the default region per cloud, loopback hosts, checking a user-given
 * endpoint, and resolving an API's origin from its adapter's region table (src/clouds/adapters/). Light on
 * purpose: host-side code reads `isRegionName` and `DEFAULT_REGION` from here without loading the adapters.
 */
import { ConfigError } from './errors.js';
import { type CloudId } from '../model/job.js';
import { isRegionName } from '../util/region.js';
import { isHttpProtocol } from '../util/urls.js';
import * as l10n from '../util/l10n.js';

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
    throw new ConfigError(l10n.t('endpoint "{0}" is not a URL', raw), l10n.t('give a base URL such as https://ice-vpc.cn-shanghai.aliyuncs.com'));
  }
  if (!isHttpProtocol(url.protocol)) {
    throw new ConfigError(l10n.t('endpoint "{0}//…" must use https', url.protocol));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(l10n.t('endpoint {0} uses plain http', url.origin), l10n.t('plain http is allowed only to loopback addresses (127.0.0.1, localhost, ::1); use https'));
  }
  if (url.username || url.password) {
    throw new ConfigError(l10n.t('endpoint must not contain a user name or password'));
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError(l10n.t('endpoint {0} has a path or query', `${url.origin}${url.pathname}`), l10n.t('give only the scheme, host and port'));
  }
  return url.origin;
}

/** An API's region table, as its adapter declares it (`endpoint` of a KindDefinition). */
export interface EndpointTable {
  product: string;
  origins: Readonly<Record<string, string>>;
}

/**
 * The origin to send an API's requests to: the override when given (validated), else its region table.
 * Throws ConfigError for a region missing from the table.
 */
export function resolveEndpoint(endpoint: EndpointTable, region: string, override?: string): string {
  if (override !== undefined && override !== '') return validateEndpoint(override);
  const { product, origins } = endpoint;
  const origin = Object.hasOwn(origins, region) ? origins[region] : undefined;
  if (origin === undefined) {
    const known = Object.keys(origins).sort().join(', ');
    throw new ConfigError(
      l10n.t('region "{0}" has no known {1} endpoint', region, product),
      l10n.t('known regions: {0}; or give an endpoint explicitly (--endpoint / the endpoint setting)', known),
    );
  }
  return origin;
}
