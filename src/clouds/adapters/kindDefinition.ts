import { type ApiCall } from '../apiCall.js';
import { type ApiError } from '../errors.js';
import { type JobHints } from '../errorHints.js';
import { type CloudId, type Job, type JobKind } from '../../model/job.js';
import { type JobRef } from '../../model/jobRef.js';
import { KIND_INFO } from '../../kinds/index.js';

/** A token bucket: `capacity` requests, refilled at `capacity` per `perMs`. */
export interface RateLimit {
  capacity: number;
  perMs: number;
  /** Held beyond `perMs` per token for arrival jitter (default: `jitterMarginMs(perMs)`, src/clouds/http/rateLimiter.ts). */
  marginMs?: number;
}

/** Where an API lives: its endpoint product (the `api` prefix) and its https origin per region. */
export interface Endpoint<P extends string = string> {
  product: P;
  origins: Readonly<Record<string, string>>;
}

export interface ParseContext {
  /** The references this call asked for (more than one only for batched kinds). */
  refs: readonly JobRef[];
  region: string;
  /** From the response body or the X-Request-Id header. */
  requestId: string | null;
}

export interface ParseResult {
  jobs: Job[];
  /** Ids that were asked for but are absent from the answer (MPC batches). */
  missing: string[];
}

/**
 * Everything the core knows about one job kind: its adapter. Adding a kind is one file that exports one of these,
 * plus one line in `registry.ts`. Wire formats (zod schemas), status maps, endpoints and hints stay inside the
 * kind's file; what every layer may know (identity parameters, API version, batch size, rate) is its KindInfo
 * (src/kinds/), read through `fromKindInfo`.
 */
export interface KindDefinition<P extends string = string, K extends JobKind = JobKind> {
  kind: K;
  cloud: CloudId;
  /** `product:Action` for messages and RAM permissions, e.g. `ice:GetMediaProducingJob`. */
  api: string;
  /** The documented rate limit of the API (per account), from KindInfo.rateLimit. */
  rateLimit: RateLimit;
  /** How many ids one call can carry (from KindInfo.batchSize: MPC 10, others 1). */
  batchSize: number;
  /** How long the cloud keeps jobs queryable, for the not-found hint. */
  retention: string;
  /** The API's endpoints; `product` is also the prefix of `api`. */
  endpoint: Endpoint<P>;
  /**
   * Builds the call for 1 to `batchSize` references of this kind, all in `region`. The references have been
   * checked by the client (ids, identity parameters, project); only what a call needs is checked here.
   */
  buildCall(refs: readonly JobRef[], region: string): ApiCall;
  /**
   * Maps a successful, already JSON-parsed body to jobs. Lenient about loose shapes; throws
   * `SchemaError` (naming the API and the field) when what identifies the job is missing.
   */
  parse(body: unknown, ctx: ParseContext): ParseResult;
  /**
   * References one call answers together whatever `batchSize` says (the same key: one call for all of them), or
   * null for a reference asked for on its own. Live editing: the tasks of one caster.
   */
  sharedCall?(ref: JobRef): string | null;
  /** Which of a batch's jobs answer a reference (absent: the jobs with the reference's id). */
  matchJobs?(ref: JobRef, jobs: readonly Job[]): Job[];
  /**
   * Advice for this API's own error codes (MPC service codes), tried before the generic rules; `notFound` gives
   * the not-found advice. Null: the generic rules decide.
   */
  apiErrorHint?(e: ApiError, notFound: () => string): string | null;
  /** Advice for a job's own error, beside the generic rules (src/clouds/errorHints.ts `jobErrorHint`). */
  jobHints?: JobHints;
}

/**
 * What a kind's KindInfo (src/kinds/) says about its calls, in the core's terms: `api` is `product:Action` from the
 * adapter's endpoint product and KindInfo.api, `action` the Action itself (what an Alibaba call names).
 */
export function fromKindInfo<K extends JobKind>(kind: K, product: string): Pick<KindDefinition<string, K>, 'kind' | 'cloud' | 'api' | 'rateLimit' | 'batchSize'> & { apiVersion: string; action: string } {
  const info = KIND_INFO[kind];
  return {
    kind,
    cloud: info.cloud,
    api: `${product}:${info.api}`,
    rateLimit: { capacity: info.rateLimit.requests, perMs: info.rateLimit.perSeconds * 1000 },
    batchSize: info.batchSize,
    apiVersion: info.apiVersion,
    action: info.api,
  };
}
