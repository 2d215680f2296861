/**
 * Time as the cloud layer sees it, injectable so rate limits, retries and signatures are testable.
 *
 * Two kinds of time: `now()` is the wall clock (signatures, timestamps shown to people, what is persisted),
 * which can jump (NTP, a user setting the date, a laptop waking up); `monotonic()` only moves forward at a
 * steady rate and is what schedules use (rate-limit windows, poll due times), so a wall clock stepping back
 * an hour never stalls anything for that hour.
 */
export interface Clock {
  /** Milliseconds since the epoch (wall clock: may jump). */
  now(): number;
  /**
   * Milliseconds from an arbitrary origin that never goes backwards (performance.now()-like). Optional for
   * simple test clocks; `monotonicNow` falls back to `now()` when absent.
   */
  monotonic?(): number;
  /** Resolves after `ms` (of monotonic time), or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Largest delay a Node timer takes; longer ones overflow and fire after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay safe to hand to setTimeout: finite, ≥ 0, ≤ MAX_TIMER_MS (NaN counts as 0). */
export function clampDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return Math.min(ms, MAX_TIMER_MS);
}

/** The clock's monotonic time, or its wall time for clocks without one. */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // Clamped: a delay above 2^31-1 ms would otherwise fire at once (and a caller looping on it would spin).
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, clampDelay(ms));
      const onAbort = (): void => {
        clearTimeout(t);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
