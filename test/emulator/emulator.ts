/**
 * A local stand-in for the five cloud APIs, on one loopback port: Alibaba RPC (ICE, VOD, Live ×2) on `/`,
 * Huawei MPC on `/v2/{project_id}/editing/jobs`. Tests, benchmarks and the demo use it.
 *
 * EMULATOR CONVENTIONS. What the emulator answers where the clouds' public API pages give no
 * authoritative value. [doc] = documented or seen in vendor SDKs/tests; [guess] = chosen here.
 *
 * Routing
 * - Alibaba: `GET /` or `POST /`. V3 (ACS3-HMAC-SHA256) is recognised by its `x-acs-action` header or an
 *   `ACS3-…` Authorization; anything else on `/` is V1 (Action/Version/… in the query or a form body).
 *   Dispatch by Action+Version; an unknown pair (or a known action with another version) → 404
 *   InvalidAction.NotFound "Specified api is not found, please check your url and method." [doc].
 *   No Action / Version → 400 MissingParameter [doc code, guess for this case]. Other methods on `/` →
 *   400 UnsupportedHTTPMethod [doc code].
 * - V1 answers in XML unless `Format=JSON` (XML is the RPC default) [doc]; the XML is an approximation.
 *   V3 always answers JSON.
 * - Huawei: `GET /v2/{project_id}/editing/jobs`; any other path or method → 404 APIGW.0101 [doc].
 *
 * Authentication (aliyunAuth.ts, huaweiAuth.ts); all Alibaba auth errors carry `RequestId/HostId/Code/Message/Recommend`.
 * - SignatureDoesNotMatch 400 "Specified signature is not matched with our calculation. server string to sign
 *   is:<…>" [doc; the status is 400 in POP replies seen in the wild]. InvalidAccessKeyId.NotFound 404 [doc].
 * - InvalidTimeStamp.Expired 400 beyond ±15 min (V1 Timestamp, V3 x-acs-date) [code doc, status guess];
 *   InvalidTimeStamp.Format 400 for a malformed one [code doc, status guess].
 * - SignatureNonceUsed 400, nonces remembered 15 min per AccessKey [code doc, status guess].
 * - Missing common parameters / headers → 400 MissingParameter naming it [guess for which code];
 *   malformed V3 Authorization, unsigned required headers (host, x-acs-action, x-acs-version, x-acs-date,
 *   x-acs-signature-nonce, x-acs-content-sha256 and every other x-acs-* sent) → 400 IncompleteSignature [guess];
 *   SignatureMethod other than HMAC-SHA1 → 400 InvalidSignatureMethod [guess].
 * - STS key without a token → 400 MissingSecurityToken; wrong token (or a token with a permanent key) → 400
 *   InvalidSecurityToken.MismatchWithAccessKey; keys issued by AssumeRole (stsApi.ts) used after their
 *   Expiration → 400 InvalidSecurityToken.Expired "Specified SecurityToken is expired." [codes from Alibaba's public
 *   error list, statuses guess].
 * - Huawei: every authentication failure → 401 APIGW.0301 "Incorrect IAM authentication information: …"
 *   [doc]: `verify aksk signature fail, canonicalRequest:<canonical request, newlines as |>`, `calc ak sk
 *   signature fail:signature expired` (X-Sdk-Date beyond ±15 min), `ak not exist` [guess wording],
 *   `x-security-token not found…` for a temporary AK without its token [guess wording], `x-project-id not
 *   found` [guess: the MPC doc lists X-Project-Id as mandatory for AK/SK]. A path project that is not the
 *   account's (or differs from X-Project-Id) → 403 APIGW.0310 "The project is unavailable." [guess].
 *
 * Throttling (rateLimits.ts), after authentication, per API per AccessKey: Alibaba 400 Throttling.User
 * "Request was denied due to user flow control." [doc], no x-acs-retry-after (its unit is unconfirmed; the
 * `throttle` fault can add one); Huawei 429 APIGW.0308 "The throttling threshold has been reached: policy user
 * over ratelimit,limit:100,time:1 minute" [doc]. ICE's 10/s is an assumption [guess].
 *
 * Not found
 * - ICE unknown JobId → 404 JobNotFound [guess]; no JobId → 400 MissingParameter.
 * - VOD unknown TranscodeTaskId → 404 InvalidTranscodeTaskId.NotFound [guess, modelled on VOD's
 *   InvalidVideo.NotFound]; unknown JobIds → 200 with NonExistJobIds [doc].
 * - Live editing unknown CasterId → 404 InvalidCaster.NotFound [guess]; known caster, unknown ShowId → 200 with
 *   no tasks in the caster's shape ("[]", "{}" or []) [guess].
 * - Live edge unknown ClusterId+JobId → 404 JobNotFound [guess].
 * - MPC unknown job_id → 200, absent from job_array [doc-consistent]; no job_id or more than 10 → 400 MPC.10001
 *   [guess: MPC code family is doc, the number is not].
 *
 * Faults (faults.ts): 5xx bodies — Alibaba 500 InternalError, 503 ServiceUnavailable [doc], 502 InternalError,
 * 504 ServiceTimeout [guess]; Huawei 500 MPC.10050 "System error." [doc code], 502/503 APIGW.0201 "Backend
 * unavailable", 504 APIGW.0201 "Backend timeout" [doc code, guess wording].
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { headerValue, isAcs3Request, missingParameter, NonceStore, verifyAliyun } from './aliyunAuth.js';
import { aliyunKeys, EMULATOR_CREDENTIALS, type EmulatorCredentials, huaweiKeys } from './credentials.js';
import { FaultRegistry, hold, PROXY_502_HTML, writeRaw, type Fault, type FaultType } from './faults.js';
import { verifyHuawei } from './huaweiAuth.js';
import { handleGetMediaProducingJob } from './iceApi.js';
import { handleGetEdgeTranscodeJob } from './liveEdgeApi.js';
import { handleGetEditingJobInfo } from './liveEditingApi.js';
import { handleListEditingJobs } from './mpcApi.js';
import { historyBatches, historyJobs } from './historyJobs.js';
import { handleDescribeCasters, handleDescribeShowList, handleGetVideoList, handleListEdgeTranscodeJob, handleListBatchMediaProducingJobs, handleListEditingJobV1, handleListMediaProducingJobs, handleListTranscodeTask } from './listApis.js';
import { RateLimiter, type ApiName, type RateLimit } from './rateLimits.js';
import { sampleJobs } from './sampleJobs.js';
import { EmulatorState } from './state.js';
import { handleGetTranscodeTask } from './vodApi.js';
import { handleAssumeRole } from './stsApi.js';
import { aliyunError, aliyunOk, aliyunRequestId, huaweiError, huaweiOk, huaweiRequestId, type AliyunContext, type ApiOutcome, type WireResponse } from './wire.js';

export type { Fault } from './faults.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
export type { ApiName, RateLimit } from './rateLimits.js';

export interface EmulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Injectable clock (ms since the epoch); drives job scripts, signature windows, nonces and rate limits. */
  now?: () => number;
  /** Load the sample jobs (default) or start empty. */
  jobs?: 'sample' | 'none';
  /** Finished past jobs per listable kind, for the list calls to page through (default none). */
  history?: number;
  /** Default true. */
  enforceRateLimits?: boolean;
  /** Override documented limits, e.g. `{ 'ice:GetMediaProducingJob': { limit: 20, windowMs: 1000 } }`. */
  rateLimits?: Partial<Record<ApiName, RateLimit>>;
  /** The control endpoint's token (default: 32 random hex characters, new each start). */
  controlToken?: string;
}

export type SignatureVersion = 'v1' | 'v3' | 'huawei';

export interface RequestLogEntry {
  /** Injected-clock time the request arrived. */
  time: number;
  method: string;
  /** Path and query as received. */
  url: string;
  /** `ice:GetMediaProducingJob`, `vod:GetTranscodeTask`, `live:GetEditingJobInfo`, `live:GetEdgeTranscodeJob`, `mpc:ListEditingJobs`; null when unrecognised. */
  api: ApiName | null;
  cloud: 'aliyun' | 'huawei';
  /** HTTP status sent; 0 when nothing was (hang). */
  status: number;
  /** The cloud's error code, if the answer was an error body. */
  errorCode: string | null;
  /** Which signature the request carried (as recognised, whether or not it verified); null if none was examined. */
  signatureVersion: SignatureVersion | null;
  accessKeyId: string | null;
  /** The injected fault that shaped the answer, if any (`latency` only when no other fault applied). */
  fault: FaultType | null;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** What control requests send in the `x-emulator-token` header (test/emulator/control.ts). */
  controlToken: string;
  credentials: EmulatorCredentials;
  state: EmulatorState;
  faults: { inject(f: Fault): void; clear(): void };
  requests: RequestLogEntry[];
  /** Forget rate-limit buckets (nonces are kept). */
  resetRateLimits(): void;
  close(): Promise<void>;
}

interface AliyunRoute {
  api: ApiName;
  product: 'ICE' | 'vod' | 'live' | 'Sts';
  handle: (params: Readonly<Record<string, string>>, state: EmulatorState) => ApiOutcome;
}

const ALIYUN_ROUTES = new Map<string, AliyunRoute>([
  ['GetMediaProducingJob@2020-11-09', { api: 'ice:GetMediaProducingJob', product: 'ICE', handle: handleGetMediaProducingJob }],
  ['GetTranscodeTask@2017-03-21', { api: 'vod:GetTranscodeTask', product: 'vod', handle: handleGetTranscodeTask }],
  ['GetEditingJobInfo@2016-11-01', { api: 'live:GetEditingJobInfo', product: 'live', handle: handleGetEditingJobInfo }],
  ['GetEdgeTranscodeJob@2016-11-01', { api: 'live:GetEdgeTranscodeJob', product: 'live', handle: handleGetEdgeTranscodeJob }],
  ['ListMediaProducingJobs@2020-11-09', { api: 'ice:ListMediaProducingJobs', product: 'ICE', handle: handleListMediaProducingJobs }],
  ['ListBatchMediaProducingJobs@2020-11-09', { api: 'ice:ListBatchMediaProducingJobs', product: 'ICE', handle: handleListBatchMediaProducingJobs }],
  ['ListEdgeTranscodeJob@2016-11-01', { api: 'live:ListEdgeTranscodeJob', product: 'live', handle: handleListEdgeTranscodeJob }],
  ['GetVideoList@2017-03-21', { api: 'vod:GetVideoList', product: 'vod', handle: handleGetVideoList }],
  ['ListTranscodeTask@2017-03-21', { api: 'vod:ListTranscodeTask', product: 'vod', handle: handleListTranscodeTask }],
  ['DescribeCasters@2016-11-01', { api: 'live:DescribeCasters', product: 'live', handle: handleDescribeCasters }],
  ['DescribeShowList@2016-11-01', { api: 'live:DescribeShowList', product: 'live', handle: handleDescribeShowList }],
  // Answered in handleAliyun (it needs the caller and the key store); this entry routes and names it.
  ['AssumeRole@2015-04-01', { api: 'sts:AssumeRole', product: 'Sts', handle: () => ({ ok: false, status: 500, code: 'InternalError', message: 'unrouted' }) }],
]);

const MPC_PATH = /^\/(v1|v2)\/([^/]+)\/editing\/jobs\/?$/;
const MAX_BODY_BYTES = 1024 * 1024;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const now = opts.now ?? Date.now;
  const credentials = EMULATOR_CREDENTIALS;
  const state = new EmulatorState(now, credentials.huawei.projectId);
  if ((opts.jobs ?? 'sample') === 'sample') state.addAll(sampleJobs());
  if (opts.history !== undefined && opts.history > 0) {
    state.addAll(historyJobs(opts.history));
    for (const b of historyBatches(opts.history)) state.addIceBatch(b);
  }
  const enforce = opts.enforceRateLimits ?? true;
  const limiter = new RateLimiter(opts.rateLimits);
  const nonces = new NonceStore();
  const faultRegistry = new FaultRegistry();
  const requests: RequestLogEntry[] = [];
  const hung = new Set<ServerResponse>();
  const akStore = aliyunKeys(credentials);
  const hwStore = huaweiKeys(credentials);

  const controlToken = opts.controlToken ?? randomBytes(16).toString('hex');
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the emulator must not look like a cloud answer: say so plainly.
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`emulator internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = now();
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      handleControl(req, res, url.pathname.slice(CONTROL_PREFIX.length), rawBody, {
        state,
        inject: (f) => faultRegistry.inject(f),
        clear: () => faultRegistry.clear(),
        requests: () => requests,
        token: controlToken,
        port: (server.address() as AddressInfo).port,
      });
      return;
    }
    const entry: RequestLogEntry = {
      time: arrived,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      api: null,
      cloud: url.pathname === '/' ? 'aliyun' : 'huawei',
      status: 0,
      errorCode: null,
      signatureVersion: null,
      accessKeyId: null,
      fault: null,
    };
    requests.push(entry);
    if (entry.cloud === 'aliyun') await handleAliyun(req, res, url, rawBody, entry);
    else await handleHuawei(req, res, url, entry);
  }

  async function handleAliyun(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer, entry: RequestLogEntry): Promise<void> {
    const method = req.method ?? 'GET';
    const contentType = headerValue(req.headers, 'content-type') ?? '';
    const form = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(rawBody.toString('utf8')) : new URLSearchParams();
    const v3 = isAcs3Request(req.headers);
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    for (const [k, v] of form) params[k] = v;
    const action = v3 ? headerValue(req.headers, 'x-acs-action') : params['Action'];
    const version = v3 ? headerValue(req.headers, 'x-acs-version') : params['Version'];
    const route = ALIYUN_ROUTES.get(`${action ?? ''}@${version ?? ''}`);
    entry.api = route?.api ?? null;
    entry.signatureVersion = v3 ? 'v3' : 'v1';
    const ctx: AliyunContext = {
      requestId: aliyunRequestId(),
      hostId: headerValue(req.headers, 'host') ?? '127.0.0.1',
      product: route?.product ?? null,
      action: action ?? null,
      format: v3 || (params['Format'] ?? '').toUpperCase() === 'JSON' ? 'JSON' : 'XML',
    };

    const fullAnswer = (): WireResponse => {
      const outcome: ApiOutcome = route ? route.handle(params, state) : { ok: true, payload: {} };
      return outcome.ok ? aliyunOk(ctx, outcome.payload) : aliyunError(ctx, outcome.status, outcome.code, outcome.message);
    };
    if (await applyFaultBeforeAuth(req, res, entry, 'aliyun', fullAnswer, (status) => aliyunFive(ctx, status))) return;

    if (method !== 'GET' && method !== 'POST') {
      return send(res, entry, aliyunError(ctx, 400, 'UnsupportedHTTPMethod', 'Specified http method is not supported.'));
    }
    if (action === undefined || action === '') return send(res, entry, aliyunErrorFrom(ctx, 400, missingParameter(v3 ? 'x-acs-action' : 'Action')));
    if (version === undefined || version === '') return send(res, entry, aliyunErrorFrom(ctx, 400, missingParameter(v3 ? 'x-acs-version' : 'Version')));
    if (!route) {
      return send(res, entry, aliyunError(ctx, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'));
    }

    const auth = verifyAliyun({ method, query: url.searchParams, form, headers: req.headers, rawBody }, akStore, nonces, now());
    entry.accessKeyId = auth.accessKeyId;
    if (!auth.ok) return send(res, entry, aliyunError(ctx, auth.status, auth.code, auth.message));

    const throttleFault = faultRegistry.takeThrottle(route.api);
    if (throttleFault) {
      entry.fault = 'throttle';
      const extra: Record<string, string> = throttleFault.retryAfter !== undefined ? { 'x-acs-retry-after': String(throttleFault.retryAfter) } : {};
      return send(res, entry, aliyunThrottled(ctx, extra));
    }
    // Counted at arrival, as a gateway counts: not after this process got round to reading and checking it.
    if (enforce && !limiter.take(route.api, auth.accessKeyId, entry.time)) return send(res, entry, aliyunThrottled(ctx, {}));
    if (route.api === 'sts:AssumeRole') {
      const outcome = handleAssumeRole(params, { callerKeyId: auth.accessKeyId, now: now(), keys: akStore, roles: credentials.roles });
      return send(res, entry, outcome.ok ? aliyunOk(ctx, outcome.payload) : aliyunError(ctx, outcome.status, outcome.code, outcome.message));
    }
    return send(res, entry, fullAnswer());
  }

  async function handleHuawei(req: IncomingMessage, res: ServerResponse, url: URL, entry: RequestLogEntry): Promise<void> {
    const requestId = huaweiRequestId();
    const match = MPC_PATH.exec(url.pathname);
    // v2 is the documented query by ids; v1 the SDKs' list that browses.
    const v1 = match?.[1] === 'v1';
    const api: ApiName | null = match && req.method === 'GET' ? (v1 ? 'mpc:ListEditingJob' : 'mpc:ListEditingJobs') : null;
    entry.api = api;
    const pathProjectId = decodeURIComponent(match?.[2] ?? '');

    const fullAnswer = (): WireResponse => {
      const outcome = v1 ? handleListEditingJobV1(pathProjectId, url.searchParams, state) : handleListEditingJobs(pathProjectId, url.searchParams, state);
      return outcome.ok ? huaweiOk(requestId, outcome.payload) : huaweiError(requestId, outcome.status, outcome.code, outcome.message);
    };
    if (await applyFaultBeforeAuth(req, res, entry, 'huawei', fullAnswer, (status) => huaweiFive(requestId, status))) return;

    if (!api) {
      return send(res, entry, huaweiError(requestId, 404, 'APIGW.0101', 'The API does not exist or has not been published in the environment'));
    }
    entry.signatureVersion = 'huawei';
    const auth = verifyHuawei({ method: 'GET', path: url.pathname, pathProjectId, query: url.searchParams, headers: req.headers }, hwStore, now());
    entry.accessKeyId = auth.ak;
    if (!auth.ok) return send(res, entry, huaweiError(requestId, auth.status, auth.code, auth.message));

    if (faultRegistry.takeThrottle(api)) {
      entry.fault = 'throttle';
      return send(res, entry, huaweiThrottled(requestId, limiter.limitOf(api)));
    }
    if (enforce && !limiter.take(api, auth.ak, entry.time)) return send(res, entry, huaweiThrottled(requestId, limiter.limitOf(api)));
    return send(res, entry, fullAnswer());
  }

  /** Applies latency and the first matching pre-auth fault; true when the fault has answered (or will never answer). */
  async function applyFaultBeforeAuth(
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    cloud: 'aliyun' | 'huawei',
    fullAnswer: () => WireResponse,
    fiveXx: (status: 500 | 502 | 503 | 504) => WireResponse,
  ): Promise<boolean> {
    const { latencyMs, fault } = faultRegistry.takeBeforeAuth(entry.api);
    if (latencyMs > 0) {
      entry.fault = 'latency';
      await sleep(latencyMs);
    }
    if (!fault) return false;
    entry.fault = fault.type;
    const idHeader: Record<string, string> = cloud === 'aliyun' ? { 'x-acs-request-id': aliyunRequestId() } : { 'x-request-id': huaweiRequestId() };
    switch (fault.type) {
      case 'status5xx':
        send(res, entry, fiveXx(fault.status));
        return true;
      case 'html502':
        send(res, entry, { status: 502, headers: { 'content-type': 'text/html' }, body: PROXY_502_HTML, errorCode: null });
        return true;
      case 'empty200':
        send(res, entry, { status: 200, headers: { 'content-type': 'application/json;charset=utf-8', ...idHeader }, body: '', errorCode: null });
        return true;
      case 'wrongContentType':
        send(res, entry, { status: 200, headers: { 'content-type': 'text/plain;charset=utf-8', ...idHeader }, body: 'OK', errorCode: null });
        return true;
      case 'malformedJson': {
        const full = fullAnswer();
        // A trailing comma before the closing brace: looks like JSON, is not.
        send(res, entry, { status: 200, headers: { ...full.headers, 'content-type': 'application/json;charset=utf-8' }, body: `${full.body.replace(/}\s*$/, '')},}`, errorCode: null });
        return true;
      }
      case 'truncated':
      case 'reset': {
        const full = fullAnswer();
        const body = Buffer.from(full.body, 'utf8');
        const half = body.subarray(0, Math.floor(body.length / 2));
        entry.status = full.status;
        const headers = { ...full.headers, 'content-length': String(body.length) };
        writeRaw(req.socket, full.status, headers, half, fault.type === 'truncated' ? 'end' : 'reset');
        return true;
      }
      case 'hang':
        hold(res, hung);
        return true;
      default:
        return false;
    }
  }

  function aliyunFive(ctx: AliyunContext, status: 500 | 502 | 503 | 504): WireResponse {
    switch (status) {
      case 503:
        return aliyunError(ctx, 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
      case 504:
        return aliyunError(ctx, 504, 'ServiceTimeout', 'The request to the backend service timed out.');
      default:
        return aliyunError(ctx, status, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.');
    }
  }

  function huaweiFive(requestId: string, status: 500 | 502 | 503 | 504): WireResponse {
    if (status === 500) return huaweiError(requestId, 500, 'MPC.10050', 'System error.');
    return huaweiError(requestId, status, 'APIGW.0201', status === 504 ? 'Backend timeout' : 'Backend unavailable');
  }

  function aliyunThrottled(ctx: AliyunContext, extraHeaders: Record<string, string>): WireResponse {
    return aliyunError(ctx, 400, 'Throttling.User', 'Request was denied due to user flow control.', extraHeaders);
  }

  function huaweiThrottled(requestId: string, limit: RateLimit): WireResponse {
    const time = limit.windowMs === 60_000 ? '1 minute' : limit.windowMs === 1000 ? '1 second' : `${limit.windowMs / 1000} second`;
    return huaweiError(requestId, 429, 'APIGW.0308', `The throttling threshold has been reached: policy user over ratelimit,limit:${limit.limit},time:${time}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    controlToken,
    credentials,
    state,
    faults: { inject: (f) => faultRegistry.inject(f), clear: () => faultRegistry.clear() },
    requests,
    resetRateLimits: () => limiter.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and hung connections would keep close() waiting forever.
        server.closeAllConnections();
        for (const r of hung) r.destroy();
      }),
  };
}

function aliyunErrorFrom(ctx: AliyunContext, status: number, e: { code: string; message: string }): WireResponse {
  return aliyunError(ctx, status, e.code, e.message);
}

function send(res: ServerResponse, entry: RequestLogEntry, wire: WireResponse): void {
  entry.status = wire.status;
  entry.errorCode = wire.errorCode;
  if (res.destroyed) return;
  res.writeHead(wire.status, { ...wire.headers, 'content-length': String(Buffer.byteLength(wire.body)) });
  res.end(wire.body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
