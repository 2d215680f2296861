/**
 * A job the user tracks: its reference, the last snapshot fetched, and the last poll's error.
 * The job store owns these; the tree, hovers, status bar and notifications only read them.
 */
// Type-only imports: the model stays free of runtime dependencies on the cloud layer.
import type { MediaJobsError, MediaJobsErrorKind } from '../clouds/errors.js';
import { type Job, type JobParams, type JobStatus } from './job.js';
import { type JobRef } from './jobRef.js';
import { KIND_INFO } from '../kinds/index.js';

/** A poll's error as shown on a tracked job (and persisted): plain data, no stack, no secrets. */
export interface TrackedError {
  kind: MediaJobsErrorKind;
  /** The cloud's error code (`JobNotFound`, `Throttling.User`), the network code (`ECONNRESET`), `HTTP 502`, or null. */
  code: string | null;
  message: string;
  hint: string | null;
  /** ISO time the error was first seen (a repeated identical error keeps the first time). */
  at: string;
}

export interface TrackedJob {
  /** jobKey(ref). */
  key: string;
  /** The reference, region resolved (never ''). */
  ref: JobRef;
  /** Last successful fetch (null until the first). */
  snapshot: Job | null;
  /** Last poll's error, cleared by a success. */
  lastError: TrackedError | null;
  /** ISO. */
  addedAt: string;
  /** ISO, last successful fetch. */
  lastCheckedAt: string | null;
  /** Polled even when the window is unfocused and the view hidden. */
  watched: boolean;
  /**
   * True when the snapshot was restored from saved state with parts dropped to keep the state small (timeline
   * clips of a huge timeline, or large decoded blobs). The inspector should fetch the job again for the full
   * picture. Restored snapshots never carry `raw` (it is not persisted), whether or not this is set.
   */
  snapshotTrimmed?: boolean;
}

/** Turns a cloud-layer error into the plain data kept on a tracked job. */
export function trackedErrorFrom(e: MediaJobsError, at: Date): TrackedError {
  return { kind: e.kind, code: errorCode(e), message: e.message, hint: e.hint, at: at.toISOString() };
}

/** The most specific code an error has, read structurally so this file needs no runtime import of the error classes. */
function errorCode(e: MediaJobsError): string | null {
  const fields = e as unknown as { code?: unknown; httpStatus?: unknown; field?: unknown };
  if (typeof fields.code === 'string' && fields.code !== '') return fields.code;
  if (e.kind === 'bad-response' && typeof fields.httpStatus === 'number') return `HTTP ${fields.httpStatus}`;
  if (e.kind === 'schema') return 'UnexpectedResponse';
  if (e.kind === 'credentials') return 'NoCredentials';
  if (e.kind === 'config') return 'BadConfiguration';
  return null;
}

/** The status to show and group by: the snapshot's, or `unknown` before the first successful fetch. */
export function effectiveStatus(t: TrackedJob): JobStatus {
  return t.snapshot?.status ?? 'unknown';
}

/**
 * The reference that fetches exactly this job again. Live editing: the task's ShowId with its CasterId
 * (a reference without casterId would name the whole caster); live edge keeps its ClusterId; MPC keeps the
 * project it was fetched from.
 */
export function refOfJob(job: Job): JobRef {
  const params: JobParams = {};
  switch (job.kind) {
    case 'live-editing':
      if (job.params.casterId !== undefined) params.casterId = job.params.casterId;
      break;
    default:
      // live-edge keeps its ClusterId, mpc-editing its project (src/kinds/).
      for (const p of KIND_INFO[job.kind].params) if (job.params[p.name] !== undefined) params[p.name] = job.params[p.name];
      break;
  }
  return { kind: job.kind, id: job.id, region: job.region, params };
}

/** True for a live-editing reference that names a whole caster (its id is the CasterId), not one task. */
export function isCasterRef(ref: JobRef): boolean {
  return ref.kind === 'live-editing' && ref.params.casterId === undefined;
}
