/**
 * The cloud client: takes job references, fetches them and returns normalized jobs or typed errors.
 *
 * Per reference: validate (no request for a bad id or a missing parameter) → group by kind, region and
 * project → batch (MPC takes 10 ids a call) → wait for a token of the API's rate limit → sign a fresh
 * request (new nonce and timestamp on every attempt, so retries are never replays) → send → read →
 * parse with the kind's schema. One failing reference never hides the others' results.
 */
import { randomUUID } from 'node:crypto';
import { type AliyunCall, type ApiCall, type HuaweiCall } from './apiCall.js';
import { type Clock, systemClock } from './clock.js';
import { type Credentials } from './credentials.js';
import { DEFAULT_REGION, isRegionName, resolveEndpoint } from './endpoints.js';
import { withHint } from './errorHints.js';
import { ApiError, ConfigError, CredentialsError, MediaJobsError, SchemaError } from './errors.js';
import { readResponse } from './http/readResponse.js';
import { DEFAULT_RETRY_POLICY, isThrottle, type RetryPolicy, withRetry } from './http/retry.js';
import { RateLimiters } from './http/rateLimiter.js';
import { createUndiciTransport, type HttpRequest, type Transport } from './http/transport.js';
import { type KindDefinition, type RateLimit } from './kinds/kindDefinition.js';
import { kindDefinition } from './kinds/registry.js';
import { signAliyunV1, signAliyunV3 } from './aliyun/sign.js';
import { signHuawei } from './huawei/sign.js';
import { type SignedHttpRequest } from './signedRequest.js';
import { type Job, type JobKind } from '../model/job.js';
import { type JobRef, KIND_CLOUD, validateId } from '../model/jobRef.js';

export type SignatureVersion = 'v1' | 'v3';

export interface CloudClientOptions {
  credentials: Credentials;
  /** Alibaba signature: V3 (ACS3-HMAC-SHA256, default) or V1 (HMAC-SHA1 RPC). */
  signature?: SignatureVersion;
  /** Base URL per kind (validated: https, or http to loopback). */
  endpoints?: Partial<Record<JobKind, string>>;
  defaultRegions?: Partial<typeof DEFAULT_REGION>;
  /** Per-kind rate limits replacing the documented ones (e.g. an ICE account with a raised quota). */
  rateLimits?: Partial<Record<JobKind, RateLimit>>;
  retry?: RetryPolicy;
  /** Total time one attempt may take, headers and body. */
  timeoutMs?: number;
  transport?: Transport;
  clock?: Clock;
  random?: () => number;
  nonce?: () => string;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (info: { api: string; attempt: number; delayMs: number; error: unknown }) => void;
  /** Shared limiters, so several clients in one process (e.g. poller + hover) share one budget. */
  limiters?: RateLimiters;
}

/** What came back for one reference: its jobs (live-editing casters give several), or the error. */
export interface FetchOutcome {
  ref: JobRef;
  jobs: Job[];
  error: MediaJobsError | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export class CloudClient {
  private readonly clock: Clock;
  private readonly transport: Transport;
  private readonly ownsTransport: boolean;
  private readonly limiters: RateLimiters;

  constructor(private readonly opts: CloudClientOptions) {
    this.clock = opts.clock ?? systemClock;
    this.ownsTransport = opts.transport === undefined;
    this.transport = opts.transport ?? createUndiciTransport();
    this.limiters = opts.limiters ?? new RateLimiters(this.clock);
  }

  /** The region a reference resolves to (its own, or the cloud's default). */
  regionOf(ref: JobRef): string {
    const cloud = KIND_CLOUD[ref.kind];
    return ref.region || this.opts.defaultRegions?.[cloud] || DEFAULT_REGION[cloud];
  }

  async fetchOne(ref: JobRef, signal?: AbortSignal): Promise<FetchOutcome> {
    const [outcome] = await this.fetch([ref], signal);
    return outcome!;
  }

  /** Fetches every reference; outcomes come back in the order of `refs`. */
  async fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]> {
    const outcomes: FetchOutcome[] = refs.map((ref) => ({ ref, jobs: [], error: null }));
    const groups = new Map<string, { def: KindDefinition; region: string; refs: JobRef[]; indexes: number[] }>();

    refs.forEach((ref, i) => {
      const def = kindDefinition(ref.kind);
      const region = this.regionOf(ref);
      const problem = this.checkRef(def, ref, region);
      if (problem) {
        outcomes[i]!.error = problem;
        return;
      }
      const resolved: JobRef = { ...ref, region, params: { ...ref.params } };
      if (def.cloud === 'huawei') resolved.params.projectId = this.projectIdFor(ref, region);
      const key = `${ref.kind}|${region}|${resolved.params.projectId ?? ''}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { def, region, refs: [], indexes: [] }));
      g.refs.push(resolved);
      g.indexes.push(i);
    });

    const tasks: Promise<void>[] = [];
    for (const g of groups.values()) {
      for (let start = 0; start < g.refs.length; start += g.def.batchSize) {
        const batch = g.refs.slice(start, start + g.def.batchSize);
        const indexes = g.indexes.slice(start, start + g.def.batchSize);
        tasks.push(this.fetchBatch(g.def, g.region, batch, signal).then((results) => {
          results.forEach((r, j) => {
            const o = outcomes[indexes[j]!]!;
            o.jobs = r.jobs;
            o.error = r.error;
          });
        }));
      }
    }
    await Promise.all(tasks);
    return outcomes;
  }

  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }

  /** Everything that can be known to be wrong before a request is made. */
  private checkRef(def: KindDefinition, ref: JobRef, region: string): MediaJobsError | null {
    const idProblem = validateId(ref.id, 'job id');
    if (idProblem) return new ConfigError(`${def.kind}: ${idProblem}`, 'copy the id exactly as the cloud shows it');
    for (const [name, value] of Object.entries(ref.params)) {
      if (value === undefined) continue;
      const p = validateId(value, name);
      if (p) return new ConfigError(`${def.kind}: ${p}`);
    }
    for (const name of def.requiredParams) {
      if (name === 'projectId') continue; // may come from the credentials, checked below
      if (!ref.params[name]) return new ConfigError(`${def.kind} needs ${name} besides the job id`, `give --${kebab(name)}`);
    }
    if (!isRegionName(region)) return new ConfigError(`"${region}" is not a region name`, 'regions look like cn-shanghai or cn-north-4');
    const creds = this.opts.credentials[def.cloud];
    if (!creds) {
      return def.cloud === 'aliyun'
        ? new CredentialsError('aliyun', 'no Alibaba Cloud credentials', 'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)')
        : new CredentialsError('huawei', 'no Huawei Cloud credentials', 'set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID (and HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials)');
    }
    if (def.cloud === 'huawei' && !this.projectIdFor(ref, region)) {
      return new ConfigError(`${def.kind} needs a project id for region ${region}`, 'give --project-id or set HUAWEICLOUD_SDK_PROJECT_ID');
    }
    return null;
  }

  private projectIdFor(ref: JobRef, region: string): string | undefined {
    const h = this.opts.credentials.huawei;
    return ref.params.projectId || h?.projectIds?.[region] || h?.projectId || undefined;
  }

  private async fetchBatch(
    def: KindDefinition, region: string, refs: JobRef[], signal?: AbortSignal,
  ): Promise<Array<{ jobs: Job[]; error: MediaJobsError | null }>> {
    const fail = (e: unknown) => refs.map(() => ({ jobs: [] as Job[], error: this.asError(e, def, region) }));
    let origin: string;
    let call: ApiCall;
    try {
      call = def.buildCall(refs, region);
      origin = resolveEndpoint(call.cloud === 'aliyun' ? call.product : call.service, region, this.opts.endpoints?.[def.kind]);
    } catch (e) {
      return fail(e);
    }
    const limit = this.opts.rateLimits?.[def.kind] ?? def.rateLimit;
    const account = def.cloud === 'aliyun' ? this.opts.credentials.aliyun?.accessKeyId : this.opts.credentials.huawei?.ak;
    const bucket = this.limiters.bucket(`${def.api}|${account ?? ''}`, limit);
    try {
      const { body, requestId } = await withRetry(async () => {
        await bucket.take(signal);
        const req = this.sign(call, origin);
        try {
          const res = await this.transport.send(req, { api: def.api, timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal });
          return readResponse(def.cloud, def.api, res);
        } catch (e) {
          // The server said "slow down": nobody in this process should ask again before it may.
          if (isThrottle(e)) bucket.penalize(limit.perMs / limit.capacity);
          throw e;
        }
      }, {
        policy: this.opts.retry ?? DEFAULT_RETRY_POLICY,
        clock: this.clock,
        random: this.opts.random,
        signal,
        onRetry: (info) => this.opts.onRetry?.({ api: def.api, ...info }),
      });
      const parsed = def.parse(body, { refs, region, requestId });
      return refs.map((ref) => {
        const jobs = matchJobs(def, ref, parsed.jobs);
        if (jobs.length > 0) return { jobs, error: null };
        const notFound = new ApiError(def.cloud, def.api, 'JobNotFound', `the answer does not contain ${def.kind} ${ref.id}`, 200, requestId);
        return { jobs: [], error: this.asError(notFound, def, region) };
      });
    } catch (e) {
      return fail(e);
    }
  }

  private sign(call: ApiCall, origin: string): HttpRequest {
    const host = new URL(origin).host;
    const now = new Date(this.clock.now());
    const nonce = this.opts.nonce?.() ?? randomUUID().replace(/-/g, '');
    let signed: SignedHttpRequest;
    if (call.cloud === 'aliyun') {
      signed = this.signAliyun(call, host, now, nonce);
    } else {
      signed = this.signHuawei(call, host, now);
    }
    return { origin, method: signed.method, pathAndQuery: signed.pathAndQuery, headers: signed.headers, body: signed.body };
  }

  private signAliyun(call: AliyunCall, host: string, now: Date, nonce: string): SignedHttpRequest {
    const creds = this.opts.credentials.aliyun!;
    const req = { method: call.method, host, action: call.action, version: call.version, params: call.params };
    return (this.opts.signature ?? 'v3') === 'v1' ? signAliyunV1(req, creds, now, nonce) : signAliyunV3(req, creds, now, nonce);
  }

  private signHuawei(call: HuaweiCall, host: string, now: Date): SignedHttpRequest {
    const creds = this.opts.credentials.huawei!;
    return signHuawei(
      { method: call.method, host, path: call.path, query: call.query, headers: { 'content-type': 'application/json' }, body: '' },
      creds, now, call.projectId,
    );
  }

  private asError(e: unknown, def: KindDefinition, region: string): MediaJobsError {
    const err = e instanceof MediaJobsError ? e : new SchemaError(def.api, '(response)', e instanceof Error ? e.message : String(e));
    return withHint(err, { api: def.api, retention: def.retention, region });
  }
}

/** Which of a batch's jobs answer a given reference. */
function matchJobs(def: KindDefinition, ref: JobRef, jobs: readonly Job[]): Job[] {
  if (def.kind === 'live-editing') {
    // A ref with a casterId names one task (its id is the ShowId); without, its id is the CasterId.
    if (ref.params.casterId) return jobs.filter((j) => j.id === ref.id);
    return ref.params.showId ? jobs.filter((j) => j.id === ref.params.showId) : [...jobs];
  }
  return jobs.filter((j) => j.id === ref.id);
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
