/**
 * Alibaba Cloud request authentication as the POP gateway does it, for both RPC signature versions:
 * V1 (HMAC-SHA1, everything in query or form body) and V3 (ACS3-HMAC-SHA256, Authorization header).
 *
 * The expected signature comes from the official core (`@alicloud/openapi-util`, see sdkCores.ts). The only
 * thing computed here is the "server string to sign" echoed in SignatureDoesNotMatch messages, which the real
 * gateway appends (and which the product must redact, since for V1 it holds the AccessKeyId and STS token).
 *
 * Check order (first failure answers): required parameters → AccessKey exists → STS token → timestamp format
 * and 15-minute window → signature → nonce not reused in the last 15 minutes.
 */
import { createHash } from 'node:crypto';
import { type IncomingHttpHeaders } from 'node:http';
import { type AliyunKey } from './credentials.js';
import { officialAcs3Authorization, officialRpcSignature } from './sdkCores.js';

export const SIGNATURE_WINDOW_MS = 15 * 60 * 1000;

export type AliyunSignatureVersion = 'v1' | 'v3';

export type AliyunAuthResult =
  | { ok: true; version: AliyunSignatureVersion; accessKeyId: string }
  | { ok: false; version: AliyunSignatureVersion; accessKeyId: string | null; status: number; code: string; message: string };

export interface AliyunAuthInput {
  method: string;
  /** URL query, decoded. */
  query: URLSearchParams;
  /** x-www-form-urlencoded body params, decoded (empty when there is no form body). */
  form: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

/** Nonces seen per AccessKey, forgotten after the signature window (a replay older than that fails on time). */
export class NonceStore {
  private readonly seen = new Map<string, number>();

  /** True when the nonce is fresh (and records it); false when it was used within the window. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    if (this.seen.size > 10_000) this.prune(now);
    const key = `${accessKeyId}\n${nonce}`;
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(key, now + SIGNATURE_WINDOW_MS);
    return true;
  }

  private prune(now: number): void {
    for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
  }
}

/** V3 is recognised by its headers; anything else on `/` is treated as V1. */
export function isAcs3Request(headers: IncomingHttpHeaders): boolean {
  const auth = headerValue(headers, 'authorization');
  return headerValue(headers, 'x-acs-action') !== undefined || (auth !== undefined && auth.startsWith('ACS3-'));
}

export function verifyAliyun(input: AliyunAuthInput, keys: ReadonlyMap<string, AliyunKey>, nonces: NonceStore, now: number): AliyunAuthResult {
  return isAcs3Request(input.headers) ? verifyV3(input, keys, nonces, now) : verifyV1(input, keys, nonces, now);
}

const ALIYUN_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function fail(version: AliyunSignatureVersion, accessKeyId: string | null, status: number, code: string, message: string): AliyunAuthResult {
  return { ok: false, version, accessKeyId, status, code, message };
}

export function missingParameter(name: string): { code: string; message: string } {
  return { code: 'MissingParameter', message: `The input parameter "${name}" that is mandatory for processing this request is not supplied.` };
}

const SIGNATURE_MISMATCH = 'Specified signature is not matched with our calculation.';

function checkKeyAndToken(version: AliyunSignatureVersion, accessKeyId: string, token: string | undefined, keys: ReadonlyMap<string, AliyunKey>, now: number): AliyunAuthResult | AliyunKey {
  const key = keys.get(accessKeyId);
  if (!key) return fail(version, accessKeyId, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (key.securityToken !== null) {
    if (token === undefined || token === '') return fail(version, accessKeyId, 400, 'MissingSecurityToken', 'SecurityToken is mandatory for this action.');
    if (token !== key.securityToken) {
      return fail(version, accessKeyId, 400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
    }
    // AssumeRole's keys stop at their Expiration (code from Alibaba's public error list; status a guess, as above).
    if (key.expiresAt !== undefined && now >= key.expiresAt) {
      return fail(version, accessKeyId, 400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
    }
  } else if (token !== undefined && token !== '') {
    // A token sent with a permanent key belongs to some other (STS) key.
    return fail(version, accessKeyId, 400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
  }
  return key;
}

function checkTime(version: AliyunSignatureVersion, accessKeyId: string, value: string, now: number): AliyunAuthResult | null {
  if (!ALIYUN_TIME.test(value)) {
    return fail(version, accessKeyId, 400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  }
  if (Math.abs(now - Date.parse(value)) > SIGNATURE_WINDOW_MS) {
    return fail(version, accessKeyId, 400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  }
  return null;
}

function verifyV1(input: AliyunAuthInput, keys: ReadonlyMap<string, AliyunKey>, nonces: NonceStore, now: number): AliyunAuthResult {
  // Every parameter is signed, wherever it travels (query or form body).
  const params: Record<string, string> = {};
  for (const [k, v] of input.query) params[k] = v;
  for (const [k, v] of input.form) params[k] = v;
  const accessKeyId = params['AccessKeyId'];
  for (const name of ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
    if (params[name] === undefined || params[name] === '') {
      const m = missingParameter(name);
      return fail('v1', accessKeyId ?? null, 400, m.code, m.message);
    }
  }
  const ak = accessKeyId as string;
  if (params['SignatureMethod'] !== 'HMAC-SHA1') {
    return fail('v1', ak, 400, 'InvalidSignatureMethod', 'Specified signature method is not supported.');
  }
  if (params['SignatureVersion'] !== '1.0') {
    return fail('v1', ak, 400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
  }
  const key = checkKeyAndToken('v1', ak, params['SecurityToken'], keys, now);
  if ('ok' in key) return key;
  const timeFailure = checkTime('v1', ak, params['Timestamp'] as string, now);
  if (timeFailure) return timeFailure;

  const provided = params['Signature'] as string;
  const signed = { ...params };
  delete signed['Signature'];
  const expected = officialRpcSignature(signed, input.method, key.secret);
  if (expected !== provided) {
    return fail('v1', ak, 400, 'SignatureDoesNotMatch', `${SIGNATURE_MISMATCH} server string to sign is:${v1StringToSign(signed, input.method)}`);
  }
  if (!nonces.use(ak, params['SignatureNonce'] as string, now)) {
    return fail('v1', ak, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  return { ok: true, version: 'v1', accessKeyId: ak };
}

const ACS3_AUTHORIZATION = /^ACS3-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

/** Headers that must be covered by a V3 signature (besides every other `x-acs-*` header the request carries). */
const V3_REQUIRED_SIGNED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

function verifyV3(input: AliyunAuthInput, keys: ReadonlyMap<string, AliyunKey>, nonces: NonceStore, now: number): AliyunAuthResult {
  const authorization = headerValue(input.headers, 'authorization');
  if (authorization === undefined) {
    const m = missingParameter('Authorization');
    return fail('v3', null, 400, m.code, m.message);
  }
  const match = ACS3_AUTHORIZATION.exec(authorization);
  if (!match) {
    return fail('v3', null, 400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards. The Authorization header is malformed or uses an unsupported algorithm.');
  }
  const ak = match[1] as string;
  const signedHeaderNames = (match[2] as string).split(';');
  const provided = (match[3] as string).toLowerCase();

  for (const name of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
    if (headerValue(input.headers, name) === undefined) {
      const m = missingParameter(name);
      return fail('v3', ak, 400, m.code, m.message);
    }
  }
  const mustSign = [...V3_REQUIRED_SIGNED, ...Object.keys(input.headers).filter((h) => h.startsWith('x-acs-'))];
  const unsigned = mustSign.filter((h) => !signedHeaderNames.includes(h));
  if (unsigned.length > 0) {
    return fail('v3', ak, 400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. SignedHeaders must include: ${unsigned.join(';')}`);
  }
  const key = checkKeyAndToken('v3', ak, headerValue(input.headers, 'x-acs-security-token'), keys, now);
  if ('ok' in key) return key;
  const timeFailure = checkTime('v3', ak, headerValue(input.headers, 'x-acs-date') as string, now);
  if (timeFailure) return timeFailure;

  const signedHeaders: Record<string, string> = {};
  for (const name of signedHeaderNames) {
    const v = headerValue(input.headers, name);
    // A header that is named in SignedHeaders but not sent cannot match; sign it as empty and let it fail.
    signedHeaders[name] = v ?? '';
  }
  const query: Record<string, string> = {};
  for (const [k, v] of input.query) query[k] = v;
  const payloadHash = createHash('sha256').update(input.rawBody).digest('hex');
  const expectedAuth = officialAcs3Authorization({ method: input.method, pathname: '/', query, headers: signedHeaders }, payloadHash, ak, key.secret);
  const expected = /Signature=([0-9a-f]+)$/.exec(expectedAuth)?.[1];
  const signedHeadersOk = expectedAuth.includes(`SignedHeaders=${[...signedHeaderNames].sort().join(';')},`);
  if (expected !== provided || !signedHeadersOk) {
    const sts = v3StringToSign(input.method, query, signedHeaders, payloadHash);
    return fail('v3', ak, 400, 'SignatureDoesNotMatch', `${SIGNATURE_MISMATCH} server string to sign is:${sts}`);
  }
  if (!nonces.use(ak, headerValue(input.headers, 'x-acs-signature-nonce') as string, now)) {
    return fail('v3', ak, 400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  }
  return { ok: true, version: 'v3', accessKeyId: ak };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? [...v].sort().join(',') : v;
}

/** RFC 3986 percent-encoding as both Alibaba signatures use it. Diagnostics only; verification uses the SDK. */
function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function v1StringToSign(params: Record<string, string>, method: string): string {
  const canonical = Object.keys(params)
    .map((k) => [percentEncode(k), percentEncode(params[k] ?? '')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

function v3StringToSign(method: string, query: Record<string, string>, headers: Record<string, string>, payloadHash: string): string {
  const q = Object.keys(query)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(query[k] ?? '')}`)
    .join('&');
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(headers[n] ?? '').trim()}\n`).join('');
  const canonicalRequest = [method, '/', q, canonicalHeaders, names.join(';'), payloadHash].join('\n');
  return `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
}
