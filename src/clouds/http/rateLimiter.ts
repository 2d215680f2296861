/**
 * Client-side rate limiting, so this process never asks an API faster than its documented limit
 * (GetEditingJobInfo 10/s, GetTranscodeTask 15/s, GetEdgeTranscodeJob 6000/min, MPC 100/min, …).
 *
 * Why not the textbook bucket with continuous refill: starting full, it grants `capacity` at once and then
 * keeps refilling, so one window of `perMs` can see almost twice the limit, and the cloud counts per
 * window. Here every token comes back exactly `perMs` after it was taken (a sliding-window log of the last
 * `capacity` grants). That guarantees at most `capacity` grants in ANY window of `perMs`, while still
 * sustaining exactly the documented rate and allowing a full burst at start.
 *
 * Times are the clock's monotonic time: a wall clock stepping back (NTP, a user changing the date) must not
 * hold every token until the wall clock catches up again.
 *
 * The cloud counts requests when they arrive, this process when it grants them: two requests granted `perMs`
 * apart may arrive closer together (one waited longer for its connection, the event loop, a slower route), and
 * the later one is throttled. So a token comes back `perMs + marginMs` after its grant, where the margin
 * (default 3 % of the window, at least 25 ms) covers that arrival jitter: at steady state nothing is throttled,
 * for a cost of the same 3 % of the documented rate.
 */
import { type Clock, monotonicNow } from '../clock.js';
import { type RateLimit } from '../adapters/kindDefinition.js';

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  cleanup: () => void;
  /** Aborted while queued: skipped by the pump (removing it from the middle of the queue would cost O(n)). */
  cancelled: boolean;
}

/** The margin a token is held beyond its window, for arrival jitter (see the file comment). */
export function jitterMarginMs(perMs: number): number {
  return Math.max(25, perMs * 0.03);
}

export class TokenBucket {
  readonly capacity: number;
  readonly perMs: number;
  /** Held beyond `perMs` after each grant. */
  readonly marginMs: number;
  private readonly clock: Clock;
  /** Monotonic times of the most recent grants, a ring of `capacity` slots; `count` of them are filled. */
  private readonly grants: number[];
  private head = 0;
  private count = 0;
  /** No grant before this time (after a throttle response). */
  private blockedUntil = Number.NEGATIVE_INFINITY;
  private readonly waiters: Waiter[] = [];
  /** Waiters in the queue that were not cancelled. */
  private live = 0;
  /** Cancels the pump's sleep once nobody waits, so an idle limiter holds no timer (the CLI can exit). */
  private pump: AbortController | null = null;

  constructor(limit: RateLimit, clock: Clock) {
    if (!Number.isFinite(limit.capacity) || limit.capacity < 1) throw new RangeError(`rate limit capacity must be ≥ 1, got ${limit.capacity}`);
    if (!Number.isFinite(limit.perMs) || limit.perMs <= 0) throw new RangeError(`rate limit window must be > 0 ms, got ${limit.perMs}`);
    this.capacity = Math.floor(limit.capacity);
    this.perMs = limit.perMs;
    this.marginMs = limit.marginMs ?? jitterMarginMs(limit.perMs);
    this.clock = clock;
    this.grants = new Array<number>(this.capacity).fill(0);
  }

  /** Takes a token if one is free now and nobody is queued ahead; never waits. */
  tryTake(): boolean {
    if (this.live > 0) return false;
    const now = monotonicNow(this.clock);
    if (this.waitMs(now) > 0) return false;
    this.grant(now);
    return true;
  }

  /**
   * Resolves when a token is granted: at once if one is free, else exactly when the next one frees up.
   * Waiters are served first come, first served. Rejects with the signal's reason if aborted while waiting.
   */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        if (waiter.cancelled) return;
        waiter.cancelled = true;
        this.live--;
        if (this.live === 0) {
          this.waiters.length = 0;
          this.pump?.abort();
        }
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
        cancelled: false,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.live++;
      void this.runPump();
    });
  }

  /** After a throttle response: grant nothing for `ms` (on top of the normal limit). */
  penalize(ms: number): void {
    if (!(ms > 0)) return;
    this.blockedUntil = Math.max(this.blockedUntil, monotonicNow(this.clock) + ms);
  }

  /** Milliseconds until a token is free at time `now` (0 if one is free). */
  private waitMs(now: number): number {
    let at = this.blockedUntil;
    if (this.count === this.capacity) {
      // The oldest of the last `capacity` grants returns its token `perMs` after it was taken.
      at = Math.max(at, this.grants[this.head]! + this.perMs + this.marginMs);
    }
    return Math.max(0, at - now);
  }

  private grant(now: number): void {
    if (this.count === this.capacity) {
      this.grants[this.head] = now;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.grants[(this.head + this.count) % this.capacity] = now;
      this.count++;
    }
  }

  /** One loop serves the queue in order, sleeping exactly until the next token frees up. */
  private async runPump(): Promise<void> {
    if (this.pump) return;
    let ctl = new AbortController();
    this.pump = ctl;
    try {
      while (this.live > 0) {
        // Cancelled waiters at the head are dropped as they come up (O(1) each).
        while (this.waiters[0]?.cancelled) this.waiters.shift();
        const now = monotonicNow(this.clock);
        const wait = this.waitMs(now);
        if (wait <= 0) {
          const w = this.waiters.shift()!;
          this.live--;
          w.cleanup();
          this.grant(now);
          w.resolve();
          continue;
        }
        try {
          await this.clock.sleep(wait, ctl.signal);
        } catch {
          // Cancelled because the queue emptied; someone may have queued since.
          ctl = new AbortController();
          this.pump = ctl;
        }
      }
    } finally {
      if (this.pump === ctl) this.pump = null;
    }
  }
}

/** One bucket per key (API + account), shared by everything in the process that calls that API. */
export class RateLimiters {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly clock: Clock) {}

  /** The bucket for `key`; created with `limit` on first use (later calls with the same key share it). */
  bucket(key: string, limit: RateLimit): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new TokenBucket(limit, this.clock);
      this.buckets.set(key, b);
    }
    return b;
  }
}
