/**
 * A job the user tracks: its reference, the last snapshot fetched, and the last poll's error.
 * The job store owns these; the tree, hovers, status bar and notifications only read them.
 */
import { type Job } from './job.js';
import { type JobRef } from './jobRef.js';

/** What went wrong, in six classes (src/clouds/errors.ts has one error class per kind). */
export type MediaJobsErrorKind = 'api' | 'network' | 'bad-response' | 'schema' | 'config' | 'credentials';

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
  /**
   * True when the snapshot in memory is not the whole answer: its timeline clips (or, restored and not read back
   * yet, everything but the summary the tracked list keeps) are in the job's saved file only. The store keeps
   * the whole snapshot only while a view shows the job (JobStore.retain); `raw` is null whenever this is set.
   */
  snapshotLight?: boolean;
}
