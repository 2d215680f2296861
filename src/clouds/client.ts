/**
 * The cloud client: takes job references, fetches them and returns normalized jobs or typed errors.
 *
 * Per reference: validate (no request for a bad id or a missing parameter) → group by kind, region and
 * project → batch (MPC takes 10 ids a call) → wait for a token of the API's rate limit → sign a fresh
 * request (new nonce and timestamp on every attempt, so retries are never replays) → send → read →
 * parse with the kind's schema. One failing reference never hides the others' results.
 *
 * `timeoutMs` is the total of one batch (every attempt and backoff wait), enforced in real time: the batch
 * ends with TIMEOUT when it runs out, whatever the connection is doing; the caller's signal ends it at once.
 */
import { randomUUID } from 'node:crypto';
import { type AliyunCall, type ApiCall, type HuaweiCall } from './apiCall.js';
import { clampDelay, type Clock, systemClock } from './clock.js';
import { type AliyunCredentials, type Credentials, huaweiProjectId } from './credentials.js';
import { DEFAULT_REGION, isRegionName, resolveEndpoint } from './endpoints.js';
import { withHint } from './errorHints.js';
import { ApiError, ConfigError, CredentialsError, MediaJobsError, NetworkError, SchemaError } from './errors.js';
import { readResponse } from './http/readResponse.js';
import { DEFAULT_RETRY_POLICY, isRetryable, isThrottle, type RetryPolicy, withRetry } from './http/retry.js';
import { RateLimiters } from './http/rateLimiter.js';
import { createUndiciTransport, type HttpRequest, type Transport } from './http/transport.js';
import { type KindDefinition, type RateLimit } from './adapters/kindDefinition.js';
import { kindDefinition } from './adapters/registry.js';
import { listerOf } from './adapters/listRegistry.js';
import { checkQuery, type ListPage, type ListQuery } from './listing.js';
import { signAliyunV1, signAliyunV3 } from './aliyun/sign.js';
import { RoleCredentialCache, STS_API } from './aliyun/sts.js';
import { signHuawei } from './huawei/sign.js';
import { type SignedHttpRequest } from './signedRequest.js';
import { type Job, type JobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_CLOUD, KIND_INFO } from '../kinds/index.js';
import { validateId } from '../kinds/refs.js';
import * as l10n from '../util/l10n.js';

export type SignatureVersion = 'v1' | 'v3';

export interface CloudClientOptions {
  credentials: Credentials;
  /** The profile (account) these credentials are, named in "no credentials" errors. */
  account?: string;
  /** Alibaba signature: V3 (ACS3-HMAC-SHA256, default) or V1 (HMAC-SHA1 RPC). */
  signature?: SignatureVersion;
  /** Base URL per kind (validated: https, or http to loopback). */
  endpoints?: Partial<Record<JobKind, string>>;
  defaultRegions?: Partial<typeof DEFAULT_REGION>;
  /** Per-kind rate limits replacing the documented ones (e.g. an ICE account with a raised quota). */
  rateLimits?: Partial<Record<JobKind, RateLimit>>;
  retry?: RetryPolicy;
  /**
   * Total time one request may take, every attempt and the waits between them included (default 15 s),
   * counted from when its first attempt is sent (waiting behind this process's own rate limit does not count).
   * When it runs out the batch ends with a TIMEOUT error, whatever state the connection is in.
   */
  timeoutMs?: number;
  /** Longest single attempt (default: the whole `timeoutMs`); an attempt never outlasts what is left of it. */
  attemptTimeoutMs?: number;
  transport?: Transport;
  /** Where the transport reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (default process.env): VS Code's http.proxy. */
  proxyEnv?: Record<string, string | undefined>;
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
  /** The assumed role's temporary keys, when the Alibaba credentials are a role (RamRoleArn profiles). */
  private readonly role: RoleCredentialCache | null;

  constructor(private readonly opts: CloudClientOptions) {
    this.clock = opts.clock ?? systemClock;
    this.ownsTransport = opts.transport === undefined;
    this.transport = opts.transport ?? createUndiciTransport(opts.proxyEnv ? { env: opts.proxyEnv } : {});
    this.limiters = opts.limiters ?? new RateLimiters(this.clock);
    const role = opts.credentials.aliyunRole;
    this.role = role
      ? new RoleCredentialCache(role, (call, origin, signWith, signal) => this.sendSts(call, origin, signWith, signal), this.clock)
      : null;
  }

  /** How many times STS AssumeRole was called (0 without a role); for tests and the log. */
  get roleRefreshes(): number {
    return this.role?.refreshes ?? 0;
  }

  private hasCredentials(cloud: 'aliyun' | 'huawei'): boolean {
    return cloud === 'aliyun' ? this.opts.credentials.aliyun !== undefined || this.role !== null : this.opts.credentials.huawei !== undefined;
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

  /**
   * Fetches every reference; outcomes come back in the order of `refs`. Every batch ends within the timeout
   * (plus a token wait), or at once when `signal` aborts (with ABORTED errors; this never rejects for that).
   */
  async fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]> {
    const outcomes: FetchOutcome[] = refs.map((ref) => ({ ref, jobs: [], error: null }));
    const groups = new Map<string, { def: KindDefinition; region: string; refs: JobRef[]; indexes: number[] }>();

    refs.forEach((ref, i) => {
      const def = kindDefinition(ref.kind);
      const region = this.regionOf(ref);
      const resolved: JobRef = { ...ref, region, params: { ...ref.params } };
      if (def.cloud === 'huawei') {
        const projectId = this.projectIdFor(ref, region);
        if (projectId === undefined) delete resolved.params.projectId;
        else resolved.params.projectId = projectId;
      }
      const problem = this.checkRef(def, resolved);
      if (problem) {
        outcomes[i]!.error = problem;
        return;
      }
      const key = `${ref.kind}|${region}|${resolved.params.projectId ?? ''}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { def, region, refs: [], indexes: [] }));
      g.refs.push(resolved);
      g.indexes.push(i);
    });

    // One listener on the caller's signal for the whole fetch, fanned out to one controller per batch: a
    // listener per batch (and per attempt, token wait and sleep) on a shared signal passes Node's limit of
    // 10 and prints MaxListenersExceededWarning for an inspect of 11 ids.
    const fan = new SignalFanOut(signal);
    try {
      const tasks: Promise<void>[] = [];
      for (const g of groups.values()) {
        for (const { batch, indexes } of batchesOf(g.def, g.refs, g.indexes)) {
          tasks.push(this.fetchBatch(g.def, g.region, batch, fan).then((results) => {
            results.forEach((r, j) => {
              const o = outcomes[indexes[j]!]!;
              o.jobs = r.jobs;
              o.error = r.error;
            });
          }));
        }
      }
      await Promise.all(tasks);
    } finally {
      fan.dispose();
    }
    return outcomes;
  }

  /**
   * Browses one kind: its list calls page by page (src/clouds/listing.ts), each through `send` (its own API's
   * rate-limit bucket, retries, the total timeout per call). The caller pulls pages as it needs them; errors come
   * out of `next()` as MediaJobsErrors with their hints. `query.region` empty means the cloud's default; a Huawei
   * query's project comes from the credentials when it names none.
   */
  async *list(kind: JobKind, query: ListQuery, signal?: AbortSignal): AsyncGenerator<ListPage, void, undefined> {
    const def = kindDefinition(kind);
    const lister = listerOf(kind);
    const cloud = KIND_CLOUD[kind];
    const region = query.region || this.opts.defaultRegions?.[cloud] || DEFAULT_REGION[cloud];
    const q: ListQuery = { ...query, region, params: { ...query.params } };
    if (cloud === 'huawei') {
      const projectId = this.projectIdFor({ kind, id: '', region, params: q.params }, region);
      if (projectId !== undefined) q.params.projectId = projectId;
    }
    // Hints name the list API (its RAM action), not the get call.
    const listDef: KindDefinition = {
      ...def,
      api: lister?.apis[0] ?? def.api,
      apiErrorHint: (e, notFound) => lister?.apiErrorHint?.(e) ?? def.apiErrorHint?.(e, notFound) ?? null,
    };
    const fail = (e: unknown): MediaJobsError => this.asError(e, listDef, region);
    if (lister === null) throw fail(new ConfigError(l10n.t('{0} jobs cannot be browsed yet', l10n.label(KIND_INFO[kind].label)), l10n.t('track them by id')));
    if (!isRegionName(region)) throw fail(new ConfigError(l10n.t('"{0}" is not a region name', region), l10n.t('regions look like cn-shanghai or cn-north-4')));
    if (!this.hasCredentials(cloud)) throw fail(this.checkRef(def, { kind, id: 'x', region, params: q.params }) ?? new CredentialsError(cloud, l10n.t('no credentials')));
    try {
      checkQuery(lister, q);
    } catch (e) {
      throw fail(e);
    }
    const parentProblem = q.parentId !== undefined ? validateId(q.parentId, l10n.t('parent job id')) : null;
    if (parentProblem) throw fail(new ConfigError(`${kind}: ${parentProblem}`, l10n.t('copy the batch job id exactly as the cloud shows it')));
    const fan = new SignalFanOut(signal);
    try {
      const pages = lister.pages(q, (req) => this.send({ kind, ...req }, region, fan));
      for (;;) {
        let next: IteratorResult<ListPage, void>;
        try {
          next = await pages.next();
        } catch (e) {
          throw fail(e);
        }
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      fan.dispose();
    }
  }

  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }

  /**
   * Everything that can be known to be wrong before a request is made, checked once for every reference (its
   * region and, for Huawei, its project already resolved): the id and every identity parameter usable, the
   * required ones (src/kinds/, `required`) present, the region a region name, credentials for the cloud.
   */
  private checkRef(def: KindDefinition, ref: JobRef): MediaJobsError | null {
    const idProblem = validateId(ref.id, l10n.t('job id'));
    if (idProblem) return new ConfigError(`${def.kind}: ${idProblem}`, l10n.t('copy the id exactly as the cloud shows it'));
    for (const [name, value] of Object.entries(ref.params)) {
      if (value === undefined) continue;
      const p = validateId(value, name);
      if (p) return new ConfigError(`${def.kind}: ${p}`);
    }
    for (const p of KIND_INFO[def.kind].params) {
      if (p.required && !ref.params[p.name]) return new ConfigError(l10n.t('{0} needs {1} besides the job id', def.kind, p.name), l10n.t('give --{0}', p.cliFlag));
    }
    const region = ref.region;
    if (!isRegionName(region)) return new ConfigError(l10n.t('"{0}" is not a region name', region), l10n.t('regions look like cn-shanghai or cn-north-4'));
    if (!this.hasCredentials(def.cloud)) {
      if (this.opts.account !== undefined) {
        return new CredentialsError(def.cloud, l10n.t('no credentials for profile "{0}"', this.opts.account),
          l10n.t('the profile was removed or holds no keys: add it again (Media Jobs: Add Profile…), or stop tracking the job'));
      }
      return def.cloud === 'aliyun'
        ? new CredentialsError('aliyun', l10n.t('no Alibaba Cloud credentials'), l10n.t('set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for STS)'))
        : new CredentialsError('huawei', l10n.t('no Huawei Cloud credentials'), l10n.t('set HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and HUAWEICLOUD_SDK_PROJECT_ID (and HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary credentials)'));
    }
    if (def.cloud === 'huawei' && !ref.params.projectId) {
      return new ConfigError(l10n.t('{0} needs a project id for region {1}', def.kind, region), l10n.t('give --project-id or set HUAWEICLOUD_SDK_PROJECT_ID'));
    }
    return null;
  }

  private projectIdFor(ref: JobRef, region: string): string | undefined {
    return huaweiProjectId(ref.params.projectId, this.opts.credentials.huawei, region);
  }

  private async fetchBatch(
    def: KindDefinition, region: string, refs: JobRef[], fan: SignalFanOut,
  ): Promise<Array<{ jobs: Job[]; error: MediaJobsError | null }>> {
    const fail = (e: unknown) => refs.map(() => ({ jobs: [] as Job[], error: this.asError(e, def, region) }));
    let call: ApiCall;
    try {
      call = def.buildCall(refs, region);
    } catch (e) {
      return fail(e);
    }
    try {
      const { body, requestId } = await this.send({ kind: def.kind, api: def.api, endpoint: def.endpoint, rateLimit: def.rateLimit, call }, region, fan);
      const parsed = def.parse(body, { refs, region, requestId });
      return refs.map((ref) => {
        const jobs = matchJobs(def, ref, parsed.jobs);
        if (jobs.length > 0) return { jobs, error: null };
        const notFound = new ApiError(def.cloud, def.api, 'JobNotFound', l10n.t('the answer does not contain {0} {1}', def.kind, ref.id), 200, requestId);
        return { jobs: [], error: this.asError(notFound, def, region) };
      });
    } catch (e) {
      return fail(e);
    }
  }

  /**
   * Sends one call: waits for a token of its API's bucket (per account), signs each attempt afresh, retries what
   * may succeed later, and ends within the total timeout (TIMEOUT) or at once on the caller's signal (ABORTED).
   */
  private async send(
    target: { kind: JobKind; api: string; endpoint: KindDefinition['endpoint']; rateLimit: RateLimit; call: ApiCall } | StsTarget,
    region: string, fan: SignalFanOut,
  ): Promise<{ body: unknown; requestId: string | null }> {
    const { call, api } = target;
    const cloud = call.cloud;
    const sts = 'signWith' in target ? target : null;
    const kindTarget = 'signWith' in target ? null : target;
    // A workspace-independent override per kind; list calls of a kind go where its get calls go.
    const origin = kindTarget ? resolveEndpoint(kindTarget.endpoint, region, this.opts.endpoints?.[kindTarget.kind]) : sts!.origin;
    const limit = kindTarget ? this.opts.rateLimits?.[kindTarget.kind] ?? kindTarget.rateLimit : STS_RATE;
    const account = sts ? sts.signWith.accessKeyId : cloud === 'aliyun' ? this.aliyunAccount() : this.opts.credentials.huawei?.ak;
    const bucket = this.limiters.bucket(`${api}|${account ?? ''}`, limit);
    const totalMs = positiveOr(this.opts.timeoutMs, DEFAULT_TIMEOUT_MS);
    const attemptMs = Math.min(positiveOr(this.opts.attemptTimeoutMs, totalMs), totalMs);
    // Aborts on the caller's signal, or when the deadline runs out (started by the first attempt).
    const ctl = fan.child();
    const deadline = new Deadline(totalMs, ctl);
    let attempts = 0;
    let lastError: unknown = null;
    let renewedExpiredKeys = false;
    try {
      for (;;) {
        try {
          return await withRetry(async () => {
            // The token is held until the request leaves (the transport says when), then for the API's window.
            const ticket = await bucket.acquire(ctl.signal);
            try {
              // The role's keys are fetched per attempt: a retry after they expired signs with fresh ones.
              const keys = sts ? sts.signWith : cloud === 'aliyun' ? await this.aliyunKeys(ctl.signal) : undefined;
              deadline.start();
              attempts++;
              const req = this.sign(call, origin, keys);
              // The attempt's own timeout never outlasts the deadline, so it ends the attempt itself (with a
              // message naming the proxy, if any); the deadline only cuts the waits between attempts.
              deadline.attempting = true;
              try {
                const timeoutMs = Math.max(1, Math.min(attemptMs, deadline.remainingMs()));
                const res = await this.transport.send(req, { api, timeoutMs, signal: ctl.signal, onSent: ticket.sent });
                return readResponse(cloud, api, res);
              } catch (e) {
                // The server said "slow down": nobody in this process should ask again before it may.
                if (isThrottle(e)) bucket.penalize(limit.perMs / limit.capacity);
                lastError = e;
                throw e;
              } finally {
                deadline.attempting = false;
                if (deadline.expired) deadline.abort();
              }
            } finally {
              ticket.end();
            }
          }, {
            policy: this.opts.retry ?? DEFAULT_RETRY_POLICY,
            clock: this.clock,
            random: this.opts.random,
            signal: ctl.signal,
            onRetry: (info) => this.opts.onRetry?.({ api, ...info }),
          });
        } catch (e) {
          // Temporary keys the cloud calls expired (its clock runs ahead of ours): drop them and ask STS again, once.
          if (!sts && this.role && !renewedExpiredKeys && e instanceof ApiError && e.code === 'InvalidSecurityToken.Expired') {
            renewedExpiredKeys = true;
            this.role.invalidate();
            continue;
          }
          throw e;
        }
      }
    } catch (e) {
      if (fan.aborted) throw new NetworkError(api, 'ABORTED', l10n.t('the request was cancelled'));
      // Out of time: a failure that more time could have cured (or the deadline cutting a wait) is a timeout;
      // a definite answer (bad signature, not found, …) is reported as itself.
      if (deadline.due && (e === deadline.reason || isRetryable(e))) throw totalTimeout(api, totalMs, attempts, lastError ?? e);
      throw e;
    } finally {
      deadline.dispose();
      fan.release(ctl);
    }
  }

  /** The key the rate limit of Alibaba calls is counted per: the AccessKey, or the role for a role. */
  private aliyunAccount(): string | undefined {
    const role = this.opts.credentials.aliyunRole;
    return role ? `role:${role.roleArn}` : this.opts.credentials.aliyun?.accessKeyId;
  }

  /** The keys an Alibaba call is signed with: the role's temporary keys (fetched when due), else the static ones. */
  private async aliyunKeys(signal: AbortSignal): Promise<AliyunCredentials> {
    if (this.role) return this.role.get(signal);
    return this.opts.credentials.aliyun!;
  }

  /** One AssumeRole call, through the same send() as every API: its own bucket, retries, deadline. */
  private async sendSts(call: AliyunCall, origin: string, signWith: AliyunCredentials, signal?: AbortSignal): Promise<unknown> {
    const fan = new SignalFanOut(signal);
    try {
      const { body } = await this.send({ api: STS_API, call, origin, signWith }, '', fan);
      return body;
    } finally {
      fan.dispose();
    }
  }

  private sign(call: ApiCall, origin: string, aliyunKeys?: AliyunCredentials): HttpRequest {
    const host = new URL(origin).host;
    const now = new Date(this.clock.now());
    const nonce = this.opts.nonce?.() ?? randomUUID().replace(/-/g, '');
    let signed: SignedHttpRequest;
    if (call.cloud === 'aliyun') {
      signed = this.signAliyun(call, host, now, nonce, aliyunKeys ?? this.opts.credentials.aliyun!);
    } else {
      signed = this.signHuawei(call, host, now);
    }
    return { origin, method: signed.method, pathAndQuery: signed.pathAndQuery, headers: signed.headers, body: signed.body };
  }

  private signAliyun(call: AliyunCall, host: string, now: Date, nonce: string, creds: AliyunCredentials): SignedHttpRequest {
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
    return withHint(err, { api: def.api, retention: def.retention, region, ...(def.apiErrorHint ? { apiHint: def.apiErrorHint } : {}) });
  }
}

/** An STS call: sent to a given origin, signed with given keys (the role's source), never with the role's own. */
interface StsTarget {
  api: string;
  call: AliyunCall;
  origin: string;
  signWith: AliyunCredentials;
}

/** STS has its own per-account limit (unpublished); one AssumeRole a second is far above what a cache needs. */
const STS_RATE: RateLimit = { capacity: 5, perMs: 5000 };

/** One listener on a caller's signal, passed on to any number of child controllers. */
class SignalFanOut {
  private readonly children = new Set<AbortController>();
  private readonly onAbort = (): void => {
    for (const c of this.children) c.abort(this.signal?.reason);
  };

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  child(): AbortController {
    const c = new AbortController();
    if (this.signal?.aborted) c.abort(this.signal.reason);
    else this.children.add(c);
    return c;
  }

  release(c: AbortController): void {
    this.children.delete(c);
  }

  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.children.clear();
  }
}

/**
 * The hard limit of one request, all attempts included. Real time (not the injected clock, whose sleeps may
 * be instant in tests), like the transport's own timers.
 */
class Deadline {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private endsAt: number | null = null;
  expired = false;
  /** An attempt is being sent: it is bounded by its own timeout, so expiry leaves it alone. */
  attempting = false;

  constructor(private readonly totalMs: number, private readonly ctl: AbortController) {}

  /** Starts the countdown (later calls do nothing). */
  start(): void {
    if (this.endsAt !== null) return;
    this.endsAt = performance.now() + this.totalMs;
    this.timer = setTimeout(() => {
      this.expired = true;
      if (!this.attempting) this.abort();
    }, clampDelay(this.totalMs));
  }

  /** What the batch's signal aborts with when the deadline cuts a wait. */
  readonly reason = new Error('deadline');

  /** Stops whatever waits on the batch's signal (a token, a backoff sleep). */
  abort(): void {
    this.ctl.abort(this.reason);
  }

  /** Run out (or as good as: an attempt cut short by the deadline may end a moment before its timer). */
  get due(): boolean {
    return this.expired || (this.endsAt !== null && this.remainingMs() <= 1);
  }

  remainingMs(): number {
    return this.endsAt === null ? this.totalMs : Math.max(0, this.endsAt - performance.now());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function totalTimeout(api: string, totalMs: number, attempts: number, last: unknown): NetworkError {
  const seconds = String(Number((totalMs / 1000).toFixed(2)));
  const tries = attempts === 1 ? l10n.t('1 attempt') : l10n.t('{0} attempts', attempts);
  // The last attempt's own timeout says nothing the total does not but its proxy; anything else says why.
  let why: string;
  if (last instanceof NetworkError && (last.code === 'TIMEOUT' || last.code === 'ABORTED')) {
    why = last.code === 'TIMEOUT' && last.proxyHost !== null ? l10n.t(' via proxy {0}', last.proxyHost) : '';
  } else {
    why = l10n.t('; the last failed with: {0}', last instanceof Error ? last.message : String(last));
  }
  const place = last instanceof NetworkError && last.host !== null ? { host: last.host, ...(last.proxyHost !== null ? { proxyHost: last.proxyHost } : {}) } : {};
  return new NetworkError(api, 'TIMEOUT', l10n.t('no complete answer within {0} s ({1}{2})', seconds, tries, why), place);
}

function positiveOr(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * One group's calls: references that share a call (`sharedCall`, e.g. tasks of one caster) go together, the others
 * in batches of `batchSize`, in the order they came.
 */
function batchesOf(def: KindDefinition, refs: readonly JobRef[], indexes: readonly number[]): Array<{ batch: JobRef[]; indexes: number[] }> {
  const out: Array<{ batch: JobRef[]; indexes: number[] }> = [];
  const shared = new Map<string, { batch: JobRef[]; indexes: number[] }>();
  let open: { batch: JobRef[]; indexes: number[] } | null = null;
  refs.forEach((ref, i) => {
    const key = def.sharedCall?.(ref) ?? null;
    if (key !== null) {
      let s = shared.get(key);
      if (!s) {
        s = { batch: [], indexes: [] };
        shared.set(key, s);
        out.push(s);
      }
      s.batch.push(ref);
      s.indexes.push(indexes[i]!);
      return;
    }
    if (open === null || open.batch.length >= def.batchSize) {
      open = { batch: [], indexes: [] };
      out.push(open);
    }
    open.batch.push(ref);
    open.indexes.push(indexes[i]!);
  });
  return out;
}

/** Which of a batch's jobs answer a given reference: the adapter's rule, or the jobs with the reference's id. */
function matchJobs(def: KindDefinition, ref: JobRef, jobs: readonly Job[]): Job[] {
  return def.matchJobs ? def.matchJobs(ref, jobs) : jobs.filter((j) => j.id === ref.id);
}
