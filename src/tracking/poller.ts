/**
 * Polls the tracked jobs that are not finished and feeds the results to the job store.
 *
 * - Only non-terminal jobs are polled; one fetch call per tick carries every due job (the cloud client batches
 *   them per API and enforces the rate limits), and never two fetches are in flight.
 * - While the window is unfocused and the view hidden (`!isActive()`), only watched jobs are polled.
 * - A job is polled again no sooner than the interval after its last poll: delay = interval × (1 + 0.4 × r),
 *   i.e. a spread of 40 % of the interval (±20 % around 1.2 × interval), so jobs tracked together drift apart
 *   instead of hitting the API in lockstep, and the setting stays a true minimum.
 * - After an error the job backs off: base = min(interval × 2^failures, maxBackoff), delay = base × (0.8 + 0.4 × r)
 *   (±20 %), never below the interval. A success resets it. The error is recorded on the job by the store
 *   (once per cause); nothing is thrown or shown per poll.
 * - A job never fetched is due at once; after a reload a job is due at its last check + interval.
 * - Time comes from the injected Clock, so tests drive everything with a fake clock.
 */
import { type FetchOutcome } from '../clouds/client.js';
import { type Clock } from '../clouds/clock.js';
import { isTerminal, type JobStatus } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { effectiveStatus, type TrackedJob } from '../model/trackedJob.js';
import { Emitter, type Event } from '../util/event.js';
import { type JobStore, type JobTransition } from './jobStore.js';

export interface PollerOptions {
  store: JobStore;
  fetch: (refs: JobRef[], signal: AbortSignal) => Promise<FetchOutcome[]>;
  clock: Clock;
  /** User setting (default 10 s); the poller never polls a job more often than this. */
  intervalMs: () => number;
  /** Window focused OR view visible. */
  isActive: () => boolean;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Longest delay after repeated errors (default 10 min). */
  maxBackoffMs?: number;
  /** Unexpected errors (bugs), for the log. */
  onError?: (e: unknown) => void;
}

export const DEFAULT_MAX_BACKOFF_MS = 10 * 60_000;
/** Floor for a broken interval setting, so a 0 or NaN never turns into a busy loop. */
const MIN_INTERVAL_MS = 1000;

interface Schedule {
  /** When the job is next due (clock ms). */
  nextAt: number;
  /** Consecutive failed polls. */
  failures: number;
}

export class Poller {
  private readonly transitions = new Emitter<{ job: TrackedJob; previous: JobStatus | null }>();
  /** A tracked job became terminal. */
  readonly onDidTransition: Event<{ job: TrackedJob; previous: JobStatus | null }> = this.transitions.event;

  private readonly schedules = new Map<string, Schedule>();
  private started = false;
  private disposed = false;
  /** Serializes fetches (ticks and explicit refreshes): never two in flight. */
  private fetchChain: Promise<void> = Promise.resolve();
  /** Aborts the fetch in flight (on dispose). */
  private inFlight: AbortController | null = null;
  /** Wakes the loop from its wait. */
  private wakeUp: (() => void) | null = null;
  private wakePending = false;
  private readonly storeSubscription: { dispose(): void };

  constructor(private readonly opts: PollerOptions) {
    // New jobs (tracked, or tasks of an expanded caster) are picked up without waiting for the glue to call wake().
    this.storeSubscription = opts.store.onDidChange(() => this.wake());
  }

  /** Starts the poll loop; does nothing if already started (or disposed). */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    void this.loop();
  }

  /** Focus or visibility changed, jobs were added, the interval setting changed: re-evaluate now. */
  wake(): void {
    this.wakePending = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /**
   * Explicit refresh (Refresh All / Refresh Job): fetches now, ignoring back-off and focus. Without keys: every
   * non-terminal job. With keys: exactly those, terminal ones included. Waits for a fetch in flight first.
   */
  async refresh(keys?: readonly string[]): Promise<void> {
    if (this.disposed) return;
    await this.serialized(async () => {
      const jobs = keys === undefined
        ? this.opts.store.all().filter((t) => !isTerminal(effectiveStatus(t)))
        : keys.flatMap((k) => {
            const t = this.opts.store.get(k);
            return t ? [t] : [];
          });
      if (jobs.length > 0) await this.poll(jobs);
    });
  }

  /** Stops timers and aborts the fetch in flight; nothing is applied to the store afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.storeSubscription.dispose();
    this.inFlight?.abort(new Error('the poller was disposed'));
    this.wake();
    this.transitions.dispose();
  }

  /** When a job is due next (clock ms), or null when it is not polled now (terminal, or paused while inactive). */
  dueAt(t: TrackedJob, active: boolean): number | null {
    if (isTerminal(effectiveStatus(t))) return null;
    if (!active && !t.watched) return null;
    const s = this.schedules.get(t.key);
    if (s) return s.nextAt;
    const checked = t.lastCheckedAt ? Date.parse(t.lastCheckedAt) : Number.NaN;
    return Number.isFinite(checked) ? checked + this.interval() : Number.NEGATIVE_INFINITY;
  }

  private interval(): number {
    const ms = this.opts.intervalMs();
    return Number.isFinite(ms) && ms >= MIN_INTERVAL_MS ? ms : MIN_INTERVAL_MS;
  }

  private random(): number {
    const r = (this.opts.random ?? Math.random)();
    return Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
  }

  private async loop(): Promise<void> {
    while (!this.disposed) {
      try {
        this.wakePending = false;
        const { due, waitMs } = this.scan();
        if (due.length > 0) {
          // Decided again inside the lock: an explicit refresh that ran first may have polled these already.
          await this.serialized(() => this.poll(this.scan().due));
          continue;
        }
        await this.waitUntil(waitMs);
      } catch (e) {
        // A bug, not a cloud error (those come back as outcomes): report it and wait a whole interval so a
        // persistent bug cannot spin.
        this.opts.onError?.(e);
        await this.waitUntil(this.interval()).catch(() => undefined);
      }
    }
  }

  /** The jobs due now, and how long until the next one is (null: none is scheduled; wait for wake()). */
  private scan(): { due: TrackedJob[]; waitMs: number | null } {
    const now = this.opts.clock.now();
    const active = this.opts.isActive();
    const jobs = this.opts.store.all();
    this.prune(jobs);
    let next = Number.POSITIVE_INFINITY;
    const due: TrackedJob[] = [];
    for (const t of jobs) {
      const at = this.dueAt(t, active);
      if (at === null) continue;
      if (at <= now) due.push(t);
      else next = Math.min(next, at);
    }
    return { due, waitMs: next === Number.POSITIVE_INFINITY ? null : next - now };
  }

  /** Waits `ms` on the clock (null: until woken), returning early on wake(). */
  private async waitUntil(ms: number | null): Promise<void> {
    if (this.disposed || this.wakePending) return;
    const ctl = new AbortController();
    const woken = new Promise<void>((resolve) => {
      this.wakeUp = () => {
        ctl.abort();
        resolve();
      };
    });
    try {
      if (ms === null) await woken;
      else await Promise.race([this.opts.clock.sleep(ms, ctl.signal), woken]);
    } catch {
      // the sleep was aborted by wake()
    } finally {
      ctl.abort();
      this.wakeUp = null;
    }
  }

  private serialized(fn: () => Promise<void>): Promise<void> {
    const run = this.fetchChain.then(fn);
    this.fetchChain = run.catch(() => undefined);
    return run;
  }

  /** One fetch of `jobs`, applied to the store; schedules each job's next poll. */
  private async poll(jobs: readonly TrackedJob[]): Promise<void> {
    if (this.disposed || jobs.length === 0) return;
    const ctl = new AbortController();
    this.inFlight = ctl;
    const refs = jobs.map((t) => t.ref);
    let outcomes: FetchOutcome[];
    try {
      outcomes = await this.opts.fetch(refs, ctl.signal);
    } catch (e) {
      if (this.disposed) return;
      this.opts.onError?.(e);
      for (const t of jobs) this.scheduleAfter(t.key, false);
      return;
    } finally {
      if (this.inFlight === ctl) this.inFlight = null;
    }
    if (this.disposed) return;
    const at = new Date(this.opts.clock.now());
    const results: Array<{ key: string; outcome: FetchOutcome }> = [];
    jobs.forEach((t, i) => {
      const outcome = outcomes[i];
      if (outcome) {
        results.push({ key: t.key, outcome });
        this.scheduleAfter(t.key, outcome.jobs.length > 0);
      } else {
        this.scheduleAfter(t.key, false); // the client promised one outcome per ref; be safe anyway
      }
    });
    let transitions: JobTransition[];
    try {
      transitions = this.opts.store.applyOutcomes(results, at);
    } catch (e) {
      this.opts.onError?.(e);
      return;
    }
    for (const tr of transitions) this.transitions.fire(tr);
  }

  /** Sets a job's next poll after a success (plain interval with jitter) or a failure (back-off). */
  private scheduleAfter(key: string, ok: boolean): void {
    const now = this.opts.clock.now();
    const interval = this.interval();
    const prev = this.schedules.get(key);
    const failures = ok ? 0 : (prev?.failures ?? 0) + 1;
    let delay: number;
    if (failures === 0) {
      delay = interval * (1 + 0.4 * this.random());
    } else {
      const cap = Math.max(this.opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, interval);
      const base = Math.min(interval * 2 ** Math.min(failures, 30), cap);
      delay = Math.max(interval, base * (0.8 + 0.4 * this.random()));
    }
    this.schedules.set(key, { nextAt: now + delay, failures });
  }

  /** Forgets schedules of jobs no longer tracked. */
  private prune(jobs: readonly TrackedJob[]): void {
    if (this.schedules.size === 0) return;
    const keys = new Set(jobs.map((t) => t.key));
    for (const k of this.schedules.keys()) if (!keys.has(k)) this.schedules.delete(k);
  }

  /** Consecutive failures of a job (0 when healthy or unknown), for tests and the log. */
  failuresOf(key: string): number {
    return this.schedules.get(key)?.failures ?? 0;
  }
}
