import { type ApiCall } from '../apiCall.js';
import { type CloudId, type Job, type JobKind, type JobParams } from '../../model/job.js';
import { type JobRef } from '../../model/jobRef.js';

/** A token bucket: `capacity` requests, refilled at `capacity` per `perMs`. */
export interface RateLimit {
  capacity: number;
  perMs: number;
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
 * Everything the core knows about one job kind. Adding a kind is one file that exports one of these,
 * plus one line in `registry.ts`. Wire formats (zod schemas) stay inside the kind's file.
 */
export interface KindDefinition {
  kind: JobKind;
  cloud: CloudId;
  /** `product:Action` for messages and RAM permissions, e.g. `ice:GetMediaProducingJob`. */
  api: string;
  /** Documented rate limit of the API (per account). */
  rateLimit: RateLimit;
  /** How many ids one call can carry (MPC 10, others 1). */
  batchSize: number;
  /** Identity parameters a reference must carry besides the id. */
  requiredParams: ReadonlyArray<keyof JobParams>;
  /** How long the cloud keeps jobs queryable, for the not-found hint. */
  retention: string;
  /** Builds the call for up to `batchSize` references of this kind, all in `region`. */
  buildCall(refs: readonly JobRef[], region: string): ApiCall;
  /**
   * Maps a successful, already JSON-parsed body to jobs. Lenient about loose shapes; throws
   * `SchemaError` (naming the API and the field) when what identifies the job is missing.
   */
  parse(body: unknown, ctx: ParseContext): ParseResult;
}
