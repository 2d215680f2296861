/**
 * Huawei Cloud API Gateway AK/SK authentication (SDK-HMAC-SHA256) as it applies to MPC.
 *
 * The expected Authorization is computed by the official core's AKSKSigner (sdkCores.ts) over exactly the
 * headers the client lists in SignedHeaders; its canonical request is echoed on failure like the real gateway
 * does ("verify aksk signature fail", newlines shown as `|`).
 *
 * Check order: Authorization present and well formed → AK known → X-Sdk-Date format and 15-minute window →
 * security token (temporary AK) → signature → X-Project-Id header present and equal to the path's project →
 * project belongs to the AK's account. Every authentication failure is 401 APIGW.0301, as on the real gateway;
 * a project the account does not own is 403 APIGW.0310 (emulator convention, see emulator.ts).
 */
import { type IncomingHttpHeaders } from 'node:http';
import { type HuaweiKey } from './credentials.js';
import { headerValue, SIGNATURE_WINDOW_MS } from './aliyunAuth.js';
import { officialHuaweiAuthorization } from './sdkCores.js';

export type HuaweiAuthResult =
  | { ok: true; ak: string; projectId: string }
  | { ok: false; ak: string | null; status: number; code: string; message: string };

export interface HuaweiAuthInput {
  method: string;
  /** Path as received, without the query. */
  path: string;
  /** Project id taken from the path. */
  pathProjectId: string;
  /** Query pairs in wire order (repeated keys allowed). */
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

const AUTH_PREFIX = 'Incorrect IAM authentication information: ';
const SDK_AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function authFail(ak: string | null, detail: string): HuaweiAuthResult {
  return { ok: false, ak, status: 401, code: 'APIGW.0301', message: AUTH_PREFIX + detail };
}

export function parseSdkDate(value: string): number | null {
  const m = SDK_DATE.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return Number.isNaN(t) ? null : t;
}

export function verifyHuawei(input: HuaweiAuthInput, keys: ReadonlyMap<string, HuaweiKey>, now: number): HuaweiAuthResult {
  const authorization = headerValue(input.headers, 'authorization');
  if (authorization === undefined) {
    // Token auth is not emulated; a token is as good as none.
    return authFail(null, headerValue(input.headers, 'x-auth-token') !== undefined ? 'decrypt token fail' : 'x-auth-token not found');
  }
  const match = SDK_AUTHORIZATION.exec(authorization);
  if (!match) return authFail(null, 'verify aksk signature fail, authorization header is malformed');
  const ak = match[1] as string;
  const signedHeaderNames = (match[2] as string).split(';');
  const provided = (match[3] as string).toLowerCase();

  const key = keys.get(ak);
  if (!key) return authFail(ak, 'ak not exist');

  const sdkDate = headerValue(input.headers, 'x-sdk-date');
  if (sdkDate === undefined) return authFail(ak, 'x-sdk-date not found');
  const signedAt = parseSdkDate(sdkDate);
  if (signedAt === null) return authFail(ak, 'x-sdk-date format invalid');
  if (Math.abs(now - signedAt) > SIGNATURE_WINDOW_MS) return authFail(ak, 'calc ak sk signature fail:signature expired');

  const token = headerValue(input.headers, 'x-security-token');
  if (key.securityToken !== null) {
    if (token === undefined) return authFail(ak, 'x-security-token not found, a temporary AK needs its security token');
    if (token !== key.securityToken) return authFail(ak, 'verify security token fail');
  } else if (token !== undefined) {
    return authFail(ak, 'verify security token fail');
  }

  if (!signedHeaderNames.includes('host') || !signedHeaderNames.includes('x-sdk-date')) {
    return authFail(ak, 'verify aksk signature fail, SignedHeaders must include host and x-sdk-date');
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of signedHeaderNames) {
    const value = headerValue(input.headers, name) ?? '';
    // The SDK's signer looks these two up case-sensitively.
    const sdkName = name === 'x-sdk-date' ? 'X-Sdk-Date' : name === 'x-sdk-content-sha256' ? 'X-Sdk-Content-Sha256' : name;
    signedHeaders[sdkName] = value;
  }
  const query: Record<string, string[]> = {};
  for (const [k, v] of input.query) (query[k] ??= []).push(v);
  const host = headerValue(input.headers, 'host') ?? 'localhost';
  const decodedPath = input.path.split('/').map(safeDecode).join('/');
  const expected = officialHuaweiAuthorization({ method: input.method, endpoint: `http://${host}${decodedPath}`, query, headers: signedHeaders }, ak, key.sk);
  const expectedSignature = /Signature=([0-9a-f]+)$/.exec(expected.authorization)?.[1];
  const expectedSignedHeaders = /SignedHeaders=([^,]+),/.exec(expected.authorization)?.[1];
  if (expectedSignature !== provided || expectedSignedHeaders !== [...signedHeaderNames].sort().join(';')) {
    return authFail(ak, `verify aksk signature fail, canonicalRequest:${expected.canonicalRequest.replace(/\n/g, '|')}`);
  }

  const headerProject = headerValue(input.headers, 'x-project-id');
  if (headerProject === undefined) return authFail(ak, 'x-project-id not found');
  if (headerProject !== input.pathProjectId || input.pathProjectId !== key.projectId) {
    return { ok: false, ak, status: 403, code: 'APIGW.0310', message: 'The project is unavailable.' };
  }
  return { ok: true, ak, projectId: key.projectId };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
