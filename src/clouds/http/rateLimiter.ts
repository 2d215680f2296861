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
 *
 * The margin covers jitter of a few ms, not a request that waits after its grant. At 5,000 tracked jobs
 * (bench/scale --trace) 11 ICE grants spread over 973 ms left within 132 ms: after the grant a request waited
 * up to 605 ms inside undici (for one of the origin's 4 connections, and behind the event loop busy parsing big
 * answers), then several left together and the cloud throttled one. So a request that can say when it left
 * (`acquire`, the transport's `onSent`) holds its token from the grant until `perMs + marginMs` after it LEFT:
 * the limit is kept on departure times, the closest this process gets to the cloud's arrival times, whatever
 * happens between the grant and the send.
 */
import { type Clock, monotonicNow } from '../clock.js';
import { type RateLimit } from '../adapters/kindDefinition.js';

interface Waiter {
  resolve: () => void;
  /** take(): the request leaves at its grant; acquire(): its token is held until it says it left. */
  leavesAtGrant: boolean;
  reject: (reason: unknown) => void;
  cleanup: () => void;
  /** Aborted while queued: skipped by the pump (removing it from the middle of the queue would cost O(n)). */
  cancelled: boolean;
}

/** The margin a token is held beyond its window, for arrival jitter (see the file comment). */
export function jitterMarginMs(perMs: number): number {
  return Math.max(25, perMs * 0.03);
}

/** A granted request's token: say when the request left, and that it is over. */
export interface Ticket {
  /** The request was written to the connection: its token comes back `perMs + marginMs` from now. */
  sent(): void;
  /** The attempt is over. If `sent` was never called, the request is taken to have left now (it may have). */
  end(): void;
}

/** How long the pump sleeps when only a departure (Ticket.sent) can free a token: a departure wakes it. */
const IDLE_SLEEP_MS = 60_000;

export class TokenBucket {
  readonly capacity: number;
  readonly perMs: number;
  /** Held beyond `perMs` after each departure. */
  readonly marginMs: number;
  private readonly clock: Clock;
  /**
   * Monotonic times the most recent requests left (a grant through take/tryTake leaves at its grant), oldest
   * first, a ring of `capacity` slots; `count` of them are filled. Times are pushed as they happen, so in order.
   */
  private readonly stamps: number[];
  private head = 0;
  private count = 0;
  /** Tokens granted through `acquire` whose request has not left yet: held until it does. */
  private held = 0;
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
    this.stamps = new Array<number>(this.capacity).fill(0);
  }

  /** Takes a token if one is free now and nobody is queued ahead; never waits. The request leaves at once. */
  tryTake(): boolean {
    if (this.live > 0) return false;
    const now = monotonicNow(this.clock);
    if (this.waitMs(now) > 0) return false;
    this.grant(now, true);
    return true;
  }

  /**
   * Resolves when a token is granted: at once if one is free, else exactly when the next one frees up.
   * Waiters are served first come, first served. Rejects with the signal's reason if aborted while waiting.
   * The request is taken to leave at the grant; use `acquire` when it may wait after it.
   */
  take(signal?: AbortSignal): Promise<void> {
    return this.enqueue(true, signal);
  }

  /**
   * Like `take`, but the token is held until the request leaves (Ticket.sent) and comes back `perMs + marginMs`
   * after that, not after the grant (see the file comment). Call `end` when the attempt is over, always.
   */
  async acquire(signal?: AbortSignal): Promise<Ticket> {
    await this.enqueue(false, signal);
    let open = true;
    const leave = (): void => {
      if (!open) return;
      open = false;
      this.held--;
      this.stamp(monotonicNow(this.clock));
      // The pump may be sleeping for a departure (every token held): it now knows when one comes back.
      if (this.live > 0) this.pump?.abort();
    };
    return { sent: leave, end: leave };
  }

  /** After a throttle response: grant nothing for `ms` (on top of the normal limit). */
  penalize(ms: number): void {
    if (!(ms > 0)) return;
    this.blockedUntil = Math.max(this.blockedUntil, monotonicNow(this.clock) + ms);
  }

  private enqueue(leavesAtGrant: boolean, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.live === 0) {
      const now = monotonicNow(this.clock);
      if (this.waitMs(now) <= 0) {
        this.grant(now, leavesAtGrant);
        return Promise.resolve();
      }
    }
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
        leavesAtGrant,
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

  /** Milliseconds until a token is free at time `now` (0 if one is free; Infinity if only a departure can free one). */
  private waitMs(now: number): number {
    let at = this.blockedUntil;
    if (this.held + this.count >= this.capacity) {
      // Every token is out: the oldest departure's comes back first; if none has left yet, wait for one to.
      if (this.count === 0) return Number.POSITIVE_INFINITY;
      at = Math.max(at, this.stamps[this.head]! + this.perMs + this.marginMs);
    }
    return Math.max(0, at - now);
  }

  /**
   * Hands out a token (a free one exists: waitMs was 0): drops the departures whose token came back by `now`,
   * then counts this one, as left now or as held until its request leaves. Synchronous, so the next waiter
   * served in the same turn sees it.
   */
  private grant(now: number, leavesAtGrant: boolean): void {
    while (this.count > 0 && this.stamps[this.head]! + this.perMs + this.marginMs <= now) {
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
    if (leavesAtGrant) this.stamp(now);
    else this.held++;
  }

  /** Records a departure (times come in order, so the ring stays oldest first). */
  private stamp(now: number): void {
    if (this.count === this.capacity) {
      // Not reachable (held + count never exceeds capacity); kept so a bug cannot write past the ring.
      this.stamps[this.head] = now;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.stamps[(this.head + this.count) % this.capacity] = now;
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
          this.grant(now, w.leavesAtGrant);
          w.resolve();
          continue;
        }
        try {
          await this.clock.sleep(Number.isFinite(wait) ? wait : IDLE_SLEEP_MS, ctl.signal);
        } catch {
          // Cancelled because the queue emptied (someone may have queued since) or a request left.
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
