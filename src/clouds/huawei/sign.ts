/**
 * Huawei Cloud AK/SK request signing (SDK-HMAC-SHA256). Pure: the clock is an argument.
 * Every header sent is signed, as the official SDKs do.
 */
import { createHash, createHmac } from 'node:crypto';
import type { HuaweiCredentials } from '../credentials.js';
import type { SignedHttpRequest } from '../signedRequest.js';
// Huawei's unreserved set is RFC 3986's, the same as Alibaba's.
import { percentEncode } from '../aliyun/percentEncode.js';

export const SDK_HMAC_SHA256 = 'SDK-HMAC-SHA256';

/** A Huawei REST call as the signer takes it. */
export interface HuaweiRequestToSign {
  method: string;            // 'GET'
  host: string;              // host or host:port
  path: string;              // e.g. /v2/{project}/editing/jobs (wire path; canonical URI gets the trailing '/')
  query: Array<[string, string]>;  // repeated keys allowed
  headers: Record<string, string>; // extra headers to send and sign, e.g. content-type
  body: string;              // '' for GET
}

/** UTC `YYYYMMDDTHHMMSSZ`, the `X-Sdk-Date` format. */
export function sdkDate(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

/**
 * CanonicalURI: each segment of the wire path decoded then RFC 3986-encoded, with a trailing `/`.
 * Decoding first (as Huawei's API Gateway signer and the Go SDK do) makes `a%7Eb` and `a~b` sign alike.
 * Throws `URIError` on a malformed `%` escape.
 */
export function canonicalUriHuawei(path: string): string {
  const uri = path
    .split('/')
    .map((segment) => percentEncode(decodeURIComponent(segment)))
    .join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * CanonicalQueryString: names sorted, and for a repeated name its values sorted too (raw strings in
 * UTF-16 code-unit order, as the SDK sorts), `enc(name)=enc(value)` joined by `&`; `name=` when empty.
 */
export function canonicalQueryHuawei(query: ReadonlyArray<readonly [string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of query) {
    const values = byName.get(name) ?? [];
    values.push(value);
    byName.set(name, values);
  }
  const parts: string[] = [];
  for (const name of [...byName.keys()].sort()) {
    for (const value of (byName.get(name) ?? []).sort()) parts.push(`${percentEncode(name)}=${percentEncode(value)}`);
  }
  return parts.join('&');
}

export interface CanonicalRequestHuawei {
  canonicalRequest: string;
  /** Signed header names, lower-case, `;`-joined. */
  signedHeaders: string;
}

/**
 * The canonical request over exactly the headers given (all of them signed, names lower-cased,
 * values trimmed). An `x-sdk-content-sha256` header replaces the body hash, as in the SDK.
 */
export function canonicalRequestHuawei(req: Omit<HuaweiRequestToSign, 'host'>): CanonicalRequestHuawei {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(req.headers)) headers.set(name.toLowerCase(), value.trim());
  const names = [...headers.keys()].sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers.get(n) ?? ''}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = headers.get('x-sdk-content-sha256') ?? sha256Hex(req.body);
  const canonicalRequest = [
    req.method,
    canonicalUriHuawei(req.path),
    canonicalQueryHuawei(req.query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/** `SDK-HMAC-SHA256\n<X-Sdk-Date>\n` + hex SHA-256 of the canonical request. */
export function stringToSignHuawei(xSdkDate: string, canonicalRequest: string): string {
  return `${SDK_HMAC_SHA256}\n${xSdkDate}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * Signs a request with SDK-HMAC-SHA256. Adds `host`, `x-sdk-date`, `x-project-id` (when `projectId`
 * is given) and `x-security-token` (temporary credentials) to the caller's headers, signs them all,
 * and sets `authorization`. The wire query keeps the caller's order; only the canonical one is sorted.
 */
export function signHuawei(
  req: HuaweiRequestToSign,
  creds: HuaweiCredentials,
  now: Date,
  projectId?: string,
): SignedHttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value.trim();
  // A caller-supplied authorization would be signed and then overwritten; drop it instead.
  delete headers.authorization;
  headers.host = req.host;
  const date = sdkDate(now);
  headers['x-sdk-date'] = date;
  if (projectId) headers['x-project-id'] = projectId;
  if (creds.securityToken) headers['x-security-token'] = creds.securityToken;

  const { canonicalRequest, signedHeaders } = canonicalRequestHuawei({ ...req, headers });
  const stringToSign = stringToSignHuawei(date, canonicalRequest);
  const signature = createHmac('sha256', creds.sk).update(stringToSign, 'utf8').digest('hex');
  headers.authorization = `${SDK_HMAC_SHA256} Access=${creds.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;

  const query = req.query.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  return {
    method: req.method,
    pathAndQuery: query ? `${req.path}?${query}` : req.path,
    headers,
    body: req.body === '' ? null : req.body,
  };
}
