/**
 * One source of the Recent Jobs view (a kind in a region, and for live edge a cluster): the jobs its list calls
 * found so far, whether there are more, and the last error. It fetches only when asked (`load` when the row is
 * expanded or refreshed, `more` for "Load more"), never on a timer, so browsing costs nothing while nobody looks.
 *
 * A pull reads pages until it has `pageSize` new jobs, the list ends, or it has read `maxPagesPerPull` pages (a
 * window split into many empty ones must not spend a click's worth of calls on nothing, nor loop forever). A new
 * `load` aborts the pull in flight; its late answers are dropped.
 */
import { type ListPage } from '../clouds/listing.js';
import { type MediaJobsError } from '../clouds/errors.js';
import { type Job } from '../model/job.js';

export type SourceState = 'idle' | 'loading' | 'ready' | 'error';

export interface RecentSourceOptions {
  /** Opens the list from the start (CloudAccess.list with the current window, status and region). */
  open: (signal: AbortSignal) => AsyncIterator<ListPage, void, undefined>;
  pageSize: number;
  maxPagesPerPull?: number;
  /** After every change of state, jobs or error. */
  onChange: () => void;
  now?: () => number;
}

export const MAX_PAGES_PER_PULL = 15;

export class RecentSource {
  state: SourceState = 'idle';
  jobs: Job[] = [];
  /** More pages may follow (the list has not ended). */
  hasMore = false;
  error: MediaJobsError | null = null;
  /** When the last load started (epoch ms), or null before the first. */
  loadedAt: number | null = null;
  /** List calls made since the last load (pages' `requests`). */
  requests = 0;
  private pages: AsyncIterator<ListPage, void, undefined> | null = null;
  private abort: AbortController | null = null;
  private pulling: Promise<void> | null = null;
  private readonly seen = new Set<string>();

  constructor(private readonly opts: RecentSourceOptions) {}

  /** Starts again from the newest jobs (expand, refresh, retry, a changed window or filter). */
  load(): Promise<void> {
    this.reset();
    this.loadedAt = (this.opts.now ?? Date.now)();
    const abort = new AbortController();
    this.abort = abort;
    this.pages = this.opts.open(abort.signal);
    return this.pull(abort);
  }

  /** Reads the next pages (Load more); nothing when a pull is running or the list ended. */
  more(): Promise<void> {
    if (this.pulling) return this.pulling;
    if (!this.hasMore || !this.pages || !this.abort) return Promise.resolve();
    return this.pull(this.abort);
  }

  /** Stops the pull in flight and forgets the list (the jobs already found stay until the next load). */
  cancel(): void {
    this.abort?.abort(new Error('the list was reloaded'));
    this.abort = null;
    void this.pages?.return?.();
    this.pages = null;
    this.pulling = null;
    if (this.state === 'loading') this.state = this.error ? 'error' : 'idle';
  }

  /** Clears everything (the source's window, filter or region changed while it is collapsed). */
  reset(): void {
    this.cancel();
    this.state = 'idle';
    this.jobs = [];
    this.seen.clear();
    this.hasMore = false;
    this.error = null;
    this.loadedAt = null;
    this.requests = 0;
  }

  private pull(abort: AbortController): Promise<void> {
    const pages = this.pages!;
    this.state = 'loading';
    this.opts.onChange();
    const run = async (): Promise<void> => {
      const maxPages = this.opts.maxPagesPerPull ?? MAX_PAGES_PER_PULL;
      let added = 0;
      let read = 0;
      try {
        while (added < this.opts.pageSize && read < maxPages) {
          const next = await pages.next();
          if (abort.signal.aborted) return;
          if (next.done === true) {
            this.hasMore = false;
            this.state = 'ready';
            return;
          }
          read++;
          this.requests += next.value.requests;
          const fresh = next.value.jobs.filter((j) => !this.seen.has(`${j.kind}\n${j.id}`));
          for (const j of fresh) this.seen.add(`${j.kind}\n${j.id}`);
          this.jobs.push(...fresh);
          added += fresh.length;
          this.hasMore = true;
        }
        this.state = 'ready';
      } catch (e) {
        if (abort.signal.aborted) return;
        // What arrived before the error stays; the list cannot go on (retry starts again).
        this.error = e as MediaJobsError;
        this.hasMore = false;
        this.state = 'error';
        this.pages = null;
      }
    };
    const p = run().finally(() => {
      if (this.abort !== abort) return;
      this.pulling = null;
      this.opts.onChange();
    });
    this.pulling = p;
    return p;
  }
}
