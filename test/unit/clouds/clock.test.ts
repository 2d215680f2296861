// The system clock: delays a Node timer cannot hold are clamped (not fired at once), and a monotonic part.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampDelay, MAX_TIMER_MS, monotonicNow, systemClock } from '../../../src/clouds/clock.js';

test('clampDelay keeps delays within what a timer can hold', () => {
  assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
  assert.equal(clampDelay(1_500), 1_500);
  assert.equal(clampDelay(30 * 86_400_000), MAX_TIMER_MS);
  assert.equal(clampDelay(Number.POSITIVE_INFINITY), MAX_TIMER_MS);
  assert.equal(clampDelay(-5), 0);
  assert.equal(clampDelay(Number.NaN), 0);
});

test('systemClock.sleep of 30 days neither overflows (firing at once) nor warns', { timeout: 10_000 }, async () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error): void => void warnings.push(w);
  process.on('warning', onWarning);
  try {
    const ac = new AbortController();
    let resolved = false;
    const slept = systemClock.sleep(30 * 86_400_000, ac.signal).then(() => (resolved = true));
    // An overflowing delay fires after 1 ms; give it ample time to show.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(resolved, false);
    ac.abort(new Error('done'));
    await assert.rejects(slept, /done/);
    assert.deepEqual(warnings.map((w) => w.name), [], 'no TimeoutOverflowWarning');
  } finally {
    process.off('warning', onWarning);
  }
});

test('the system clock has a monotonic part; clocks without one fall back to their wall time', () => {
  const a = monotonicNow(systemClock);
  const b = monotonicNow(systemClock);
  assert.ok(b >= a);
  assert.equal(monotonicNow({ now: () => 42, sleep: async () => undefined }), 42);
});
