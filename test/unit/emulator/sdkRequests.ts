/**
 * Test-side clients for the emulator. Requests are signed with the OFFICIAL SDK cores: Alibaba V1 with
 * `@alicloud/openapi-util` getRPCSignature, V3 with its getAuthorization, Huawei with the core's
 * BasicCredentials.processAuthRequest (the SDK's full AK/SK path, which adds X-Project-Id / X-Security-Token
 * and calls AKSKSigner). Never the product's signers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { openApiUtil } from '../../emulator/sdkCores.js';
import { aliyunTime } from '../../emulator/state.js';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** Set when the connection failed or broke before the body ended. */
  error: (Error & { code?: string }) | null;
  /** True when the body ended normally. */
  complete: boolean;
}

export interface SendOptions {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Abort after this many ms (for hung requests); default none. */
  abortAfterMs?: number;
}

/** One HTTP exchange over node:http, never rejecting: failures come back in `error`. */
export function send(baseUrl: string, opts: SendOptions): Promise<RawResponse> {
  return new Promise((resolve) => {
    const u = new URL(opts.path, baseUrl);
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    let settled = false;
    const done = (r: RawResponse): void => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    // Node reports a connection broken mid-body on the request too; what arrived before it still counts.
    let partial: { status: number; headers: IncomingHttpHeaders; chunks: Buffer[] } | null = null;
    const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      partial = { status: res.statusCode ?? 0, headers: res.headers, chunks };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), error: null, complete: res.complete }));
      const broken = (err?: Error): void =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          error: err ?? Object.assign(new Error('aborted'), { code: 'ECONNRESET' }),
          complete: false,
        });
      res.on('error', broken);
      res.on('aborted', () => broken());
      res.on('close', () => {
        if (!res.complete) broken();
      });
    });
    req.on('error', (err) => {
      const p = partial as { status: number; headers: IncomingHttpHeaders; chunks: Buffer[] } | null;
      done({ status: p?.status ?? 0, headers: p?.headers ?? {}, body: p ? Buffer.concat(p.chunks).toString('utf8') : '', error: err, complete: false });
    });
    if (opts.abortAfterMs !== undefined) req.setTimeout(opts.abortAfterMs, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'TIMEOUT' })));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function json(r: RawResponse): Record<string, unknown> {
  return JSON.parse(r.body) as Record<string, unknown>;
}

export interface AliyunCred {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** RFC 3986 encoding for putting signed values on the wire (not part of signing). */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface V1Options {
  action: string;
  version: string;
  params: Record<string, string>;
  cred: AliyunCred;
  now: number;
  method?: 'GET' | 'POST';
  nonce?: string;
  /** Default JSON; null leaves Format out (XML is the default then). */
  format?: 'JSON' | 'XML' | null;
  /** Timestamp to sign instead of `now`'s. */
  timestamp?: string;
  /** Change the signed parameters before sending (simulates tampering). */
  afterSign?: (params: Record<string, string>) => void;
  omit?: string[];
}

/** An Alibaba RPC V1 (HMAC-SHA1) request, signed by `@alicloud/openapi-util`.getRPCSignature. */
export function aliyunV1(baseUrl: string, o: V1Options): Promise<RawResponse> {
  const method = o.method ?? 'GET';
  const params: Record<string, string> = {
    ...o.params,
    Action: o.action,
    Version: o.version,
    AccessKeyId: o.cred.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: o.timestamp ?? aliyunTime(o.now),
  };
  const format = o.format === undefined ? 'JSON' : o.format;
  if (format !== null) params['Format'] = format;
  if (o.cred.securityToken !== undefined) params['SecurityToken'] = o.cred.securityToken;
  params['Signature'] = openApiUtil.getRPCSignature(params, method, o.cred.accessKeySecret);
  o.afterSign?.(params);
  for (const k of o.omit ?? []) delete params[k];
  const encoded = Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
  if (method === 'GET') return send(baseUrl, { method, path: `/?${encoded}` });
  return send(baseUrl, { method, path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encoded });
}

export interface V3Options {
  action: string;
  version: string;
  /** API parameters; sent in the query (GET) or the form body (POST). */
  params: Record<string, string>;
  cred: AliyunCred;
  now: number;
  method?: 'GET' | 'POST';
  nonce?: string;
  date?: string;
  /** Change the request after signing. */
  afterSign?: (req: { query: Record<string, string>; headers: Record<string, string> }) => void;
}

/** An Alibaba ACS3-HMAC-SHA256 request, Authorization computed by `@alicloud/openapi-util`.getAuthorization. */
export function aliyunV3(baseUrl: string, o: V3Options): Promise<RawResponse> {
  const method = o.method ?? 'GET';
  const host = new URL(baseUrl).host;
  const query = method === 'GET' ? { ...o.params } : {};
  const body = method === 'POST' ? Object.entries(o.params).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&') : '';
  const payloadHash = createHash('sha256').update(body).digest('hex');
  const headers: Record<string, string> = {
    host,
    'x-acs-action': o.action,
    'x-acs-version': o.version,
    'x-acs-date': o.date ?? aliyunTime(o.now),
    'x-acs-signature-nonce': o.nonce ?? randomUUID(),
    'x-acs-content-sha256': payloadHash,
  };
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  if (o.cred.securityToken !== undefined) headers['x-acs-security-token'] = o.cred.securityToken;
  const teaRequest = { method, pathname: '/', query, headers } as unknown as Parameters<typeof openApiUtil.getAuthorization>[0];
  headers['authorization'] = openApiUtil.getAuthorization(teaRequest, 'ACS3-HMAC-SHA256', payloadHash, o.cred.accessKeyId, o.cred.accessKeySecret);
  o.afterSign?.({ query, headers });
  const qs = Object.entries(query).map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return send(baseUrl, { method, path: qs ? `/?${qs}` : '/', headers, ...(method === 'POST' ? { body } : {}) });
}

export interface HuaweiCred {
  ak: string;
  sk: string;
  projectId: string;
  securityToken?: string;
}

export interface HuaweiOptions {
  jobIds: string[];
  cred: HuaweiCred;
  now: number;
  /** Project id in the path; default the credential's. */
  pathProjectId?: string;
  /** X-Sdk-Date to sign instead of `now`'s. */
  sdkDate?: string;
  afterSign?: (req: { path: string; headers: Record<string, string>; jobIds: string[] }) => void;
  path?: string;
}

export function sdkDate(ms: number): string {
  return `${new Date(ms).toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:]/g, '')}Z`;
}

/** A Huawei MPC ListEditingJobs request signed through the official core's BasicCredentials. */
export async function huaweiListEditingJobs(baseUrl: string, o: HuaweiOptions): Promise<RawResponse> {
  const host = new URL(baseUrl).host;
  const credentials = new BasicCredentials({ ak: o.cred.ak, sk: o.cred.sk, projectId: o.pathProjectId ?? o.cred.projectId, ...(o.cred.securityToken ? { securityToken: o.cred.securityToken } : {}) });
  const httpRequest = {
    endpoint: `http://${host}`,
    url: o.path ?? '/v2/{project_id}/editing/jobs',
    method: 'GET',
    queryParams: { job_id: [...o.jobIds] },
    headers: { 'X-Sdk-Date': o.sdkDate ?? sdkDate(o.now), host, 'content-type': 'application/json' } as Record<string, string>,
  };
  // processAuthRequest only needs the client for federated tokens, which these credentials do not use.
  const signed = await credentials.processAuthRequest(undefined as never, httpRequest);
  const path = new URL(signed.endpoint as string).pathname;
  const headers = { ...(signed.headers as Record<string, string>) };
  const req = { path, headers, jobIds: [...o.jobIds] };
  o.afterSign?.(req);
  const qs = req.jobIds.map((id) => `job_id=${enc(id)}`).join('&');
  return send(baseUrl, { method: 'GET', path: qs ? `${req.path}?${qs}` : req.path, headers: req.headers });
}

/** Polls until `predicate` holds (for "the server has received it" only; never a timing assertion). */
export async function eventually(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never happened: ${what}`);
}
