/**
 * Alibaba Cloud request signing, both schemes: V3 (ACS3-HMAC-SHA256, headers) and V1 (HMAC-SHA1 RPC).
 * Pure: the clock and the nonce are arguments, so the official test vectors reproduce byte for byte.
 *
 * Where the official core `@alicloud/openapi-util` and the reference prose differ on inputs that
 * real APIs never produce, this follows the core (it is what the servers have accepted for years):
 * - parameters are sorted by their raw names in UTF-16 code-unit order (JS `sort()`, Java `TreeMap`),
 *   not by their encoded names;
 * - V3 canonical query names are not percent-encoded (only values are).
 * For the ASCII letter/digit/dot names every API uses, both readings give the same bytes.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AliyunCredentials } from '../credentials.js';
import type { SignedHttpRequest } from '../signedRequest.js';
import { percentEncode } from './percentEncode.js';

export type { SignedHttpRequest } from '../signedRequest.js';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** An Alibaba RPC call as the signers take it: what to call, where, and the API's own parameters. */
export interface AliyunRequestToSign {
  method: 'GET' | 'POST';
  /** Host header value as sent: host or host:port */
  host: string;
  action: string;
  version: string;
  /** The API's own parameters (e.g. JobId, RegionId) */
  params: Record<string, string>;
}

/** Parameter names V1 adds itself; an API parameter with one of these names would be ambiguous. */
const V1_RESERVED = new Set([
  'Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion',
  'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature',
]);

/** UTC `yyyy-MM-ddTHH:mm:ssZ` without milliseconds: V1 `Timestamp` and V3 `x-acs-date`. */
export function acsTimestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Lower-case hex SHA-256 of the UTF-8 body: V3's HashedRequestPayload and `x-acs-content-sha256`. */
export function hashedPayloadV3(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Raw names in UTF-16 code-unit order, the order the SDK cores sign in. */
function sortedPairs(params: Record<string, string>): Array<[string, string]> {
  return Object.keys(params)
    .sort()
    .map((name): [string, string] => [name, params[name] ?? '']);
}

/** `enc(name)=enc(value)&…`: the wire form of a parameter list (query string or form body). */
function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
}

// ---------------------------------------------------------------------------------------------- V3

/** V3 CanonicalQueryString: sorted by name, values RFC 3986-encoded, names as the core writes them. */
export function canonicalQueryV3(query: Record<string, string>): string {
  return sortedPairs(query)
    .map(([name, value]) => `${name}=${percentEncode(value)}`)
    .join('&');
}

export interface CanonicalRequestV3Input {
  method: string;
  /** `/` for RPC-style APIs. */
  canonicalUri: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Headers as sent; only `host`, `content-type` and `x-acs-*` are signed (names matched case-insensitively). */
  headers: Record<string, string>;
  hashedPayload: string;
}

export interface CanonicalRequestV3 {
  canonicalRequest: string;
  /** Signed header names, lower-case, `;`-joined. */
  signedHeaders: string;
}

/**
 * The V3 CanonicalRequest. Header values are trimmed; names that differ only in case are merged,
 * their values sorted and joined with `,` (as `@alicloud/openapi-util` does).
 */
export function canonicalRequestV3(input: CanonicalRequestV3Input): CanonicalRequestV3 {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'host' && lower !== 'content-type' && !lower.startsWith('x-acs-')) continue;
    const values = byName.get(lower) ?? [];
    values.push(value.trim());
    byName.set(lower, values);
  }
  const names = [...byName.keys()].sort();
  const canonicalHeaders = names.map((n) => `${n}:${(byName.get(n) ?? []).sort().join(',')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    input.method,
    input.canonicalUri,
    canonicalQueryV3(input.query),
    canonicalHeaders,
    signedHeaders,
    input.hashedPayload,
  ].join('\n');
  return { canonicalRequest, signedHeaders };
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function stringToSignV3(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${hashedPayloadV3(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 keyed with the bare AccessKey secret (no trailing `&`, unlike V1). */
export function signatureV3(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Signs an RPC call with ACS3-HMAC-SHA256. API parameters travel in the query string and the
 * body is empty for GET and POST alike. `x-acs-accesskey-id` is deliberately not sent: the server
 * does not need it, and leaving it out keeps the STS test vector reproducible.
 */
export function signAliyunV3(
  req: AliyunRequestToSign,
  creds: AliyunCredentials,
  now: Date,
  nonce: string,
): SignedHttpRequest {
  const hashedPayload = hashedPayloadV3('');
  const signed: Record<string, string> = {
    host: req.host,
    'x-acs-action': req.action,
    'x-acs-version': req.version,
    'x-acs-date': acsTimestamp(now),
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': hashedPayload,
  };
  if (creds.securityToken) signed['x-acs-security-token'] = creds.securityToken;
  // Send exactly the values that were signed (the canonical form trims them).
  for (const name of Object.keys(signed)) signed[name] = (signed[name] ?? '').trim();

  const { canonicalRequest, signedHeaders } = canonicalRequestV3({
    method: req.method,
    canonicalUri: '/',
    query: req.params,
    headers: signed,
    hashedPayload,
  });
  const signature = signatureV3(stringToSignV3(canonicalRequest), creds.accessKeySecret);
  const query = encodePairs(sortedPairs(req.params));
  return {
    method: req.method,
    pathAndQuery: query ? `/?${query}` : '/',
    headers: {
      ...signed,
      accept: 'application/json',
      authorization: `${ACS3_ALGORITHM} Credential=${creds.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
    body: null,
  };
}

// ---------------------------------------------------------------------------------------------- V1

/** V1 CanonicalizedQueryString: every parameter except `Signature`, sorted, `enc(k)=enc(v)` joined by `&`. */
export function canonicalQueryV1(params: Record<string, string>): string {
  return encodePairs(sortedPairs(params));
}

/** V1 StringToSign: `METHOD&%2F&` + the canonicalized query string percent-encoded a second time. */
export function stringToSignV1(method: string, params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQueryV1(params))}`;
}

/** Base64 HMAC-SHA1: the primitive under V1 (and ROA) signatures. */
export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

/** V1 Signature: HMAC-SHA1 keyed with `AccessKeySecret + "&"`, Base64. */
export function signatureV1(stringToSign: string, accessKeySecret: string): string {
  return hmacSha1Base64(`${accessKeySecret}&`, stringToSign);
}

/**
 * Signs an RPC call with HMAC-SHA1 (signature version 1.0). GET puts every parameter, `Signature`
 * last, in the query; POST sends them all form-encoded in the body to `/`.
 * Throws if an API parameter reuses a common parameter's name.
 */
export function signAliyunV1(
  req: AliyunRequestToSign,
  creds: AliyunCredentials,
  now: Date,
  nonce: string,
): SignedHttpRequest {
  for (const name of Object.keys(req.params)) {
    if (V1_RESERVED.has(name)) throw new Error(`Parameter ${name} is set by the V1 signer and cannot be an API parameter`);
  }
  const all: Record<string, string> = {
    ...req.params,
    Action: req.action,
    Version: req.version,
    Format: 'JSON',
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: nonce,
    Timestamp: acsTimestamp(now),
  };
  if (creds.securityToken) all.SecurityToken = creds.securityToken;

  const signature = signatureV1(stringToSignV1(req.method, all), creds.accessKeySecret);
  const encoded = encodePairs([...sortedPairs(all), ['Signature', signature]]);
  const headers: Record<string, string> = { host: req.host, accept: 'application/json' };
  if (req.method === 'GET') {
    return { method: 'GET', pathAndQuery: `/?${encoded}`, headers, body: null };
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  return { method: 'POST', pathAndQuery: '/', headers, body: encoded };
}
