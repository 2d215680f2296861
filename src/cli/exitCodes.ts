import { type MediaJobsError } from '../clouds/errors.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3, jobFailed: 4, jobCancelled: 5, interrupted: 130 } as const;

/** Exit code for an error: 3 when it is ours to fix before any request, 1 otherwise. */
export function exitCodeFor(e: MediaJobsError): number {
  return e.kind === 'config' || e.kind === 'credentials' ? EXIT.config : EXIT.failed;
}
