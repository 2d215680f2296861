/**
 * Polls the tracked jobs that are not finished and feeds the results to the job store.
 *
 * - Only non-terminal jobs are polled. Each API and region is a lane of its own: its due jobs are fetched in
 *   chunks of half a rate-limit window's worth of requests (the cloud client batches them further and enforces
 *   the rate limits), two chunks at a time, and each chunk's outcomes are applied as soon as it answers. So one API
 *   that hangs (a proxy that never answers, a region that is down) never delays the jobs of another, a job's new
 *   status shows when its own answer comes rather than when the lane's slowest does, and a poll of a thousand big
 *   jobs holds a chunk of answers in memory, not all of them. Never two polls of the same lane run at once.
 * - While the window is unfocused and the view hidden (`!isActive()`), only watched jobs are polled.
 * - A job is polled again no sooner than the interval after its last poll: delay = interval × (1 + 0.4 × r),
 *   i.e. a spread of 40 % of the interval (±20 % around 1.2 × interval), so jobs tracked together drift apart
 *   instead of hitting the API in lockstep, and the setting stays a true minimum.
 * - After an error the job backs off: base = min(interval × 2^failures, maxBackoff), delay = base × (0.8 + 0.4 × r)
 *   (±20 %), never below the interval. A success resets it. The error is recorded on the job by the store
 *   (once per cause); nothing is thrown or shown per poll.
 * - A job never fetched is due at once; after a reload a job is due at its last check + interval, but never
 *   later than one interval from now (a last check "in the future", from a skewed or reset clock, must not
 *   stop polling until then).
 * - Schedules run on the clock's monotonic time, so a wall clock stepping back or forward changes nothing;
 *   the wall clock only stamps results. Time comes from the injected Clock, so tests drive everything with a
 *   fake clock.
 * - dispose() aborts every fetch in flight; nothing is applied afterwards.
 */
import { type FetchOutcome } from '../clouds/client.js';
import { clampDelay, type Clock, monotonicNow } from '../clouds/clock.js';
import { isTerminal, type JobKind, type JobStatus } from '../model/job.js';
import { KIND_INFO } from '../kinds/index.js';
import { type JobRef } from '../model/jobRef.js';
import { effectiveStatus } from '../present/status.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { Emitter, type Event } from '../util/event.js';
import { type JobStore, type JobTransition } from './jobStore.js';

/**
 * Jobs per fetch of a lane: half a rate-limit window of requests, at most 8 requests. Two chunks in flight keep
 * a window's worth of requests going (the rate is reached) while at most that many answers are held at once.
 * Why 8: two chunks of 8 fill the transport's 16 connections per origin (src/clouds/http/transport.ts), so a
 * lane's requests do not queue for a connection, and no lane signs hundreds of requests ahead of the others: with
 * chunks of 200, the 150 Live edge requests of a 1,000-job cycle were signed before any request left, and the
 * first left 40 ms (real) after the poll began (bench/scale, "to the first request").
 */
export function chunkSizeOf(kind: JobKind): number {
  const info = KIND_INFO[kind];
  const requests = Math.max(1, Math.min(MAX_CHUNK_REQUESTS, Math.ceil(info.rateLimit.requests / 2)));
  return requests * info.batchSize;
}
const MAX_CHUNK_REQUESTS = 8;
/** Chunks of one lane in flight at once: the next chunk's requests wait for tokens while the last answers arrive. */
const CHUNKS_IN_FLIGHT = 2;

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
  /** When the job is next due (the clock's monotonic ms). */
  nextAt: number;
  /** Consecutive failed polls. */
  failures: number;
}

/** Jobs fetched together (and never twice at once): one API in one region. */
function groupOf(ref: JobRef): string {
  return `${ref.kind}|${ref.region}`;
}

export class Poller {
  private readonly transitions = new Emitter<{ job: TrackedJob; previous: JobStatus | null }>();
  /** A tracked job became terminal. */
  readonly onDidTransition: Event<{ job: TrackedJob; previous: JobStatus | null }> = this.transitions.event;

  private readonly schedules = new Map<string, Schedule>();
  private started = false;
  private disposed = false;
  /** Per group: the chain that serializes its fetches (ticks and explicit refreshes). */
  private readonly chains = new Map<string, Promise<void>>();
  /** Per group: fetches queued or running. A busy group is left to its chain by the loop. */
  private readonly busy = new Map<string, number>();
  /** Aborts the fetches in flight (on dispose). */
  private readonly inFlight = new Set<AbortController>();
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
   * non-terminal job. With keys: exactly those, terminal ones included. Waits for a fetch of the same API and
   * region in flight first; resolves when every group has been fetched and applied.
   */
  async refresh(keys?: readonly string[]): Promise<void> {
    if (this.disposed) return;
    const jobs = keys === undefined
      ? this.opts.store.all().filter((t) => !isTerminal(effectiveStatus(t)))
      : keys.flatMap((k) => {
          const t = this.opts.store.get(k);
          return t ? [t] : [];
        });
    const groups = new Map<string, string[]>();
    for (const t of jobs) {
      const g = groupOf(t.ref);
      const list = groups.get(g);
      if (list) list.push(t.key);
      else groups.set(g, [t.key]);
    }
    await Promise.all([...groups].map(([g, groupKeys]) => this.serialized(g, async () => {
      // Looked up again inside the lock: a job may have been removed while we waited.
      const current = groupKeys.flatMap((k) => {
        const t = this.opts.store.get(k);
        return t ? [t] : [];
      });
      if (current.length > 0) await this.poll(current);
    })));
  }

  /** Stops timers and aborts every fetch in flight; nothing is applied to the store afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.storeSubscription.dispose();
    for (const ctl of this.inFlight) ctl.abort(new Error('the poller was disposed'));
    this.inFlight.clear();
    this.wake();
    this.transitions.dispose();
  }

  /**
   * When a job is due next (the clock's monotonic ms), or null when it is not polled now (terminal, or paused
   * while inactive).
   */
  dueAt(t: TrackedJob, active: boolean): number | null {
    if (isTerminal(effectiveStatus(t))) return null;
    if (!active && !t.watched) return null;
    const s = this.schedules.get(t.key);
    if (s) return s.nextAt;
    return this.dueFromLastCheck(t);
  }

  /**
   * A job not polled by this poller yet: due at its last check (wall clock, from the store) + the interval,
   * translated to monotonic time and clamped to at most one interval from now.
   */
  private dueFromLastCheck(t: TrackedJob): number {
    const checked = t.lastCheckedAt ? Date.parse(t.lastCheckedAt) : Number.NaN;
    if (!Number.isFinite(checked)) return Number.NEGATIVE_INFINITY;
    const interval = this.interval();
    const inMs = Math.min(checked + interval - this.opts.clock.now(), interval);
    return monotonicNow(this.opts.clock) + inMs;
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
          for (const g of new Set(due.map((t) => groupOf(t.ref)))) {
            // Decided again inside the lock: an explicit refresh that ran first may have polled these already.
            this.serialized(g, () => this.poll(this.scan(g).due)).catch((e: unknown) => this.opts.onError?.(e));
          }
          // Those groups are busy now, so the next scan looks past them (their fetch wakes us when it ends).
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

  /**
   * The jobs due now, and how long until the next one is (null: none is scheduled; wait for wake()).
   * Without `group`: every group that is not busy (a busy one's chain wakes the loop when it is done).
   * With `group`: only that group, busy or not (called from inside its chain).
   */
  private scan(group?: string): { due: TrackedJob[]; waitMs: number | null } {
    const now = monotonicNow(this.opts.clock);
    const active = this.opts.isActive();
    const jobs = this.opts.store.all();
    this.prune(jobs);
    let next = Number.POSITIVE_INFINITY;
    const due: TrackedJob[] = [];
    for (const t of jobs) {
      const g = groupOf(t.ref);
      if (group === undefined ? this.busy.has(g) : g !== group) continue;
      const at = this.dueAt(t, active);
      if (at === null) continue;
      if (!this.schedules.has(t.key) && Number.isFinite(at)) {
        // Pinned once: re-deriving it from the wall clock on every scan would let a clamped due time recede.
        this.schedules.set(t.key, { nextAt: at, failures: 0 });
      }
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
      else await Promise.race([this.opts.clock.sleep(clampDelay(ms), ctl.signal), woken]);
    } catch {
      // the sleep was aborted by wake()
    } finally {
      ctl.abort();
      this.wakeUp = null;
    }
  }

  /** Runs `fn` after the group's earlier fetches; the group counts as busy until it is done. */
  private serialized(group: string, fn: () => Promise<void>): Promise<void> {
    this.busy.set(group, (this.busy.get(group) ?? 0) + 1);
    const run = (this.chains.get(group) ?? Promise.resolve()).then(fn);
    const settled: Promise<void> = run.then(() => undefined, () => undefined).finally(() => {
      const n = (this.busy.get(group) ?? 1) - 1;
      if (n > 0) {
        this.busy.set(group, n);
      } else {
        this.busy.delete(group);
        if (this.chains.get(group) === settled) this.chains.delete(group);
      }
      this.wake();
    });
    this.chains.set(group, settled);
    return run;
  }

  /** Polls one lane's jobs in chunks, each applied as it answers (see the file comment). */
  private async poll(jobs: readonly TrackedJob[]): Promise<void> {
    if (this.disposed || jobs.length === 0) return;
    const size = chunkSizeOf(jobs[0]!.ref.kind);
    // A chunk counts calls, not jobs: the tasks of one caster are one call (the client asks for them together), so
    // they stay in one chunk.
    const units = new Map<string, TrackedJob[]>();
    for (const t of jobs) {
      const unit = t.ref.params.casterId ? `caster|${t.ref.params.casterId}` : t.key;
      const list = units.get(unit);
      if (list) list.push(t);
      else units.set(unit, [t]);
    }
    if (units.size <= size) return this.pollChunk(jobs);
    const chunks: TrackedJob[][] = [];
    let current: TrackedJob[] = [];
    let count = 0;
    for (const list of units.values()) {
      if (count === size) {
        chunks.push(current);
        current = [];
        count = 0;
      }
      current.push(...list);
      count++;
    }
    if (current.length > 0) chunks.push(current);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length && !this.disposed) await this.pollChunk(chunks[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(CHUNKS_IN_FLIGHT, chunks.length) }, worker));
  }

  /** One fetch of `jobs`, applied to the store; schedules each job's next poll. */
  private async pollChunk(jobs: readonly TrackedJob[]): Promise<void> {
    if (this.disposed || jobs.length === 0) return;
    const ctl = new AbortController();
    this.inFlight.add(ctl);
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
      this.inFlight.delete(ctl);
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
    const now = monotonicNow(this.opts.clock);
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
