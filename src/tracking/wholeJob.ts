/**
 * The whole snapshot of a tracked job, for what reads all of it at once (Export Timeline, Compare Jobs): the store
 * keeps only a light snapshot of a job nobody shows (no raw answer, no timeline clips; src/tracking/jobStore.ts),
 * and a restored or trimmed one may lack parts. So the job is retained while `use` runs and, when what memory holds
 * is not whole, fetched again first (its answer is kept whole while retained).
 */
import { type TrackedJob } from '../model/trackedJob.js';
import { type JobStore } from './jobStore.js';
import { type Poller } from './poller.js';

export function isWhole(t: TrackedJob): boolean {
  const s = t.snapshot;
  return s !== null && s.raw !== null && s.raw !== undefined && t.snapshotTrimmed !== true && t.snapshotLight !== true;
}

export async function withWholeJobs<T>(
  deps: { store: Pick<JobStore, 'get' | 'retain'>; poller: Pick<Poller, 'refresh'> },
  jobs: readonly TrackedJob[],
  use: (whole: TrackedJob[]) => Promise<T> | T,
): Promise<T> {
  const held = jobs.map((t) => deps.store.retain(t.key));
  try {
    const stale = jobs.filter((t) => !isWhole(deps.store.get(t.key) ?? t)).map((t) => t.key);
    if (stale.length > 0) await deps.poller.refresh(stale);
    return await use(jobs.map((t) => deps.store.get(t.key) ?? t));
  } finally {
    for (const h of held) h.dispose();
  }
}
