import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FetchOutcome } from '../../../src/clouds/client.js';
import { ApiError, NetworkError } from '../../../src/clouds/errors.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type JobStatus } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type KeyValueStore, JobStore } from '../../../src/tracking/jobStore.js';
import { chunkSizeOf, Poller, type PollerOptions } from '../../../src/tracking/poller.js';
import { FakeClock, flush, seededRandom } from '../clouds/http/support.js';

const I = 10_000;

const ref = (kind: JobRef['kind'], id: string): JobRef => ({ kind, id, region: 'cn-shanghai', params: {} });
const A = ref('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801');
const B = ref('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a802');
const C = ref('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01');

const memoryKv = (): KeyValueStore => {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k, v) => void m.set(k, v) };
};

const ok = (r: JobRef, status: JobStatus): FetchOutcome => ({
  ref: r, jobs: [{ ...blankJob(r.kind, r.region, r.id), status, rawStatus: status }], error: null,
});
const throttled = (r: JobRef): FetchOutcome => ({
  ref: r, jobs: [], error: new ApiError('aliyun', 'ice:GetMediaProducingJob', 'Throttling.User', 'flow control', 400, null),
});

interface Call {
  ids: string[];
  at: number;
  signal: AbortSignal;
}

/** A poller over a real store, a fake clock and a scripted fetch. */
function setup(opts: Partial<PollerOptions> & { respond?: (r: JobRef, call: number) => FetchOutcome } = {}) {
  const clock = new FakeClock(1_000_000);
  const store = new JobStore(memoryKv(), { clock: () => clock.now(), schedule: () => ({ dispose: () => undefined }) });
  const calls: Call[] = [];
  const state = { active: true };
  const respond = opts.respond ?? ((r: JobRef) => ok(r, 'running'));
  const errors: unknown[] = [];
  const poller = new Poller({
    store,
    clock,
    intervalMs: () => I,
    isActive: () => state.active,
    random: () => 0,
    onError: (e) => errors.push(e),
    fetch: async (refs, signal) => {
      calls.push({ ids: refs.map((r) => r.id), at: clock.now(), signal });
      return refs.map((r) => respond(r, calls.length));
    },
    ...opts,
  });
  const transitions: Array<[string, JobStatus | null]> = [];
  poller.onDidTransition((e) => transitions.push([e.job.snapshot!.status, e.previous]));
  return { clock, store, poller, calls, state, transitions, errors };
}

test('polls only non-terminal jobs, all due jobs in one fetch call', async () => {
  const { store, poller, calls } = setup();
  store.add([A, B, C]);
  store.applyOutcome(jobKey(C), ok(C, 'succeeded'), new Date());
  poller.start();
  poller.start(); // a second start does nothing
  await flush();
  assert.deepEqual(calls.map((c) => c.ids), [[A.id, B.id]]);
  assert.equal(store.get(jobKey(A))!.snapshot!.status, 'running');
  poller.dispose();
});

test('the interval is honoured: the next poll comes no sooner than the interval', async () => {
  const { clock, store, poller, calls } = setup();
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(calls.length, 1);
  await clock.advance(I - 1);
  assert.equal(calls.length, 1);
  await clock.advance(1);
  assert.equal(calls.length, 2);
  assert.equal(calls[1]!.at - calls[0]!.at, I);
  await clock.advance(3 * I);
  assert.equal(calls.length, 5);
  poller.dispose();
});

test('jitter spreads polls over [interval, 1.4 × interval)', async () => {
  const { clock, store, poller, calls } = setup({ random: seededRandom(42) });
  store.add([A]);
  poller.start();
  await flush();
  await clock.advance(60 * I);
  assert.ok(calls.length > 40, `${calls.length} polls`);
  const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  assert.ok(gaps.every((g) => g >= I && g < 1.4 * I), JSON.stringify(gaps));
  assert.ok(new Set(gaps).size > 10, 'the gaps actually vary');
  assert.ok(Math.max(...gaps) - Math.min(...gaps) > 0.2 * I, 'the spread uses most of the range');
  poller.dispose();
});

test('errors back off exponentially (capped), are recorded once, and a success resets the interval', async () => {
  let failing = true;
  const { clock, store, poller, calls, errors } = setup({
    random: () => 0.5, // jitter factor exactly 1 for back-off, 1.2 for the plain interval
    maxBackoffMs: 60_000,
    respond: (r) => (failing ? throttled(r) : ok(r, 'running')),
  });
  store.add([A]);
  let changes = 0;
  store.onDidChange(() => changes++);
  poller.start();
  await flush();
  await clock.advance(300_000);
  const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  assert.deepEqual(gaps.slice(0, 5), [20_000, 40_000, 60_000, 60_000, 60_000]);
  assert.equal(poller.failuresOf(jobKey(A)), calls.length);
  assert.equal(store.get(jobKey(A))!.lastError!.code, 'Throttling.User');
  assert.equal(changes, 1, 'the same error is recorded once, not per poll');
  assert.deepEqual(errors, [], 'cloud errors are not reported as bugs');

  failing = false;
  const before = calls.length;
  await clock.advance(60_000); // the pending back-off runs out, the poll succeeds
  assert.equal(calls.length, before + 1);
  assert.equal(store.get(jobKey(A))!.lastError, null);
  await clock.advance(12_000);
  assert.equal(calls.length, before + 2, 'back to the interval × 1.2 after a success');
  assert.equal(poller.failuresOf(jobKey(A)), 0);
  poller.dispose();
});

test('back-off jitter stays within ±20 % of the base and never below the interval', async () => {
  const { clock, store, poller, calls } = setup({ random: seededRandom(7), maxBackoffMs: 80_000, respond: (r) => throttled(r) });
  store.add([A]);
  poller.start();
  await flush();
  await clock.advance(2_000_000);
  const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  gaps.forEach((g, i) => {
    const base = Math.min(I * 2 ** (i + 1), 80_000);
    assert.ok(g >= Math.max(I, 0.8 * base) && g <= 1.2 * base, `gap ${i}: ${g} for base ${base}`);
  });
  poller.dispose();
});

test('while inactive only watched jobs are polled; wake() resumes the others at once', async () => {
  const { clock, store, poller, calls, state } = setup();
  state.active = false;
  store.add([A, B]);
  store.setWatched(jobKey(B), true);
  poller.start();
  await flush();
  assert.deepEqual(calls.map((c) => c.ids), [[B.id]]);
  await clock.advance(5 * I);
  assert.ok(calls.every((c) => c.ids.length === 1 && c.ids[0] === B.id));
  const n = calls.length;
  state.active = true;
  poller.wake();
  await flush();
  assert.equal(calls.length, n + 1);
  assert.deepEqual(calls[n]!.ids, [A.id]);
  poller.dispose();
});

test('with nothing to poll it waits for a wake without any timer; added jobs are picked up at once', async () => {
  const { clock, store, poller, calls, state } = setup();
  state.active = false;
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(calls.length, 0);
  assert.equal(clock.pendingTimers, 0, 'paused: no timer ticking');
  state.active = true;
  store.add([B]); // a store change wakes the poller itself
  await flush();
  assert.deepEqual(calls.map((c) => c.ids), [[A.id, B.id]]);
  poller.dispose();
});

test('transitions to terminal are emitted once; terminal jobs are not polled again', async () => {
  const { clock, store, poller, calls, transitions } = setup({ respond: (r, call) => ok(r, call >= 2 ? 'succeeded' : 'running') });
  store.add([A]);
  poller.start();
  await flush();
  await clock.advance(I);
  assert.deepEqual(transitions, [['succeeded', 'running']]);
  await clock.advance(10 * I);
  assert.equal(calls.length, 2);
  assert.deepEqual(transitions, [['succeeded', 'running']]);
  assert.equal(clock.pendingTimers, 0);
  poller.dispose();
});

test('refresh: all non-terminal now regardless of schedule; named keys include terminal jobs', async () => {
  const { store, poller, calls } = setup();
  store.add([A, B, C]);
  store.applyOutcome(jobKey(C), ok(C, 'failed'), new Date());
  poller.start();
  await flush();
  assert.equal(calls.length, 1);
  await poller.refresh();
  assert.deepEqual(calls.map((c) => c.ids), [[A.id, B.id], [A.id, B.id]]);
  await poller.refresh([jobKey(C), 'no-such-key']);
  assert.deepEqual(calls[2]!.ids, [C.id]);
  poller.dispose();
});

test('never two fetches in flight: a refresh waits for the tick in flight', async () => {
  const gates: Array<() => void> = [];
  const { store, poller, calls } = setup({
    fetch: async (refs, signal) => {
      calls.push({ ids: refs.map((r) => r.id), at: 0, signal });
      await new Promise<void>((resolve) => gates.push(resolve));
      return refs.map((r) => ok(r, 'running'));
    },
  });
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(calls.length, 1);
  const refreshed = poller.refresh();
  await flush();
  assert.equal(calls.length, 1, 'the refresh waits');
  gates.shift()!();
  await flush();
  assert.equal(calls.length, 2);
  gates.shift()!();
  await refreshed;
  poller.dispose();
});

test('dispose aborts the fetch in flight, applies nothing afterwards and stops polling', async () => {
  let signalSeen: AbortSignal | undefined;
  const { clock, store, poller, calls } = setup({
    fetch: (refs, signal) => {
      signalSeen = signal;
      calls.push({ ids: refs.map((r) => r.id), at: clock.now(), signal });
      // Like the real client: an aborted fetch still resolves, with ABORTED errors.
      return new Promise((resolve) => signal.addEventListener('abort', () =>
        resolve(refs.map((r) => ({ ref: r, jobs: [], error: new NetworkError('ice', 'ABORTED', 'aborted') }))), { once: true }));
    },
  });
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(signalSeen?.aborted, false);
  poller.dispose();
  assert.equal(signalSeen?.aborted, true);
  await flush();
  assert.equal(store.get(jobKey(A))!.lastError, null, 'the abort is not recorded as an error');
  store.add([B]);
  await clock.advance(10 * I);
  assert.equal(calls.length, 1);
  assert.equal(clock.pendingTimers, 0);
});

test('an unexpected fetch failure is reported as a bug, never thrown, and the jobs back off', async () => {
  const { clock, store, poller, errors } = setup({
    fetch: async () => {
      throw new TypeError('boom');
    },
  });
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(errors.length, 1);
  assert.equal(poller.failuresOf(jobKey(A)), 1);
  await clock.advance(2 * I);
  assert.equal(errors.length, 2);
  poller.dispose();
});

test('a reloaded job is due at its last check plus the interval; a never-fetched one at once', async () => {
  const { clock, store, poller, calls } = setup();
  store.add([A, B]);
  store.applyOutcome(jobKey(A), ok(A, 'running'), new Date(clock.now() - 4_000));
  poller.start();
  await flush();
  assert.deepEqual(calls.map((c) => c.ids), [[B.id]]);
  await clock.advance(6_000);
  assert.deepEqual(calls.map((c) => c.ids), [[B.id], [A.id]]);
  poller.dispose();
});

/** A fetch that never answers until aborted, then answers ABORTED like the real client. */
function hangUntilAborted(refs: JobRef[], signal: AbortSignal): Promise<FetchOutcome[]> {
  return new Promise((resolve) => signal.addEventListener('abort', () =>
    resolve(refs.map((r) => ({ ref: r, jobs: [], error: new NetworkError('ice', 'ABORTED', 'aborted') }))), { once: true }));
}

test('an API that hangs delays no other API: each is fetched on its own and applied as it answers', async () => {
  const { clock, store, poller, calls } = setup({
    fetch: (refs, signal) => {
      calls.push({ ids: refs.map((r) => r.id), at: clock.now(), signal });
      return refs[0]!.kind === 'ice' ? hangUntilAborted(refs, signal) : Promise.resolve(refs.map((r) => ok(r, 'running')));
    },
  });
  store.add([A, B, C]); // A and B: ICE (hangs); C: VOD
  poller.start();
  await flush();
  assert.deepEqual(calls.map((c) => c.ids), [[A.id, B.id], [C.id]], 'one fetch per API, both at once');
  assert.equal(store.get(jobKey(C))!.snapshot?.status, 'running', 'VOD applied while ICE still hangs');
  await clock.advance(3 * I);
  assert.equal(calls.filter((c) => c.ids[0] === C.id).length, 4, 'VOD keeps its interval');
  const iceCalls = calls.filter((c) => c.ids[0] === A.id);
  assert.equal(iceCalls.length, 1, 'never two fetches of one API in flight');
  poller.dispose();
  assert.equal(iceCalls[0]!.signal.aborted, true);
});

test('dispose aborts every fetch in flight, one per API', async () => {
  const { store, poller, calls } = setup({
    fetch: (refs, signal) => {
      calls.push({ ids: refs.map((r) => r.id), at: 0, signal });
      return hangUntilAborted(refs, signal);
    },
  });
  store.add([A, C]);
  poller.start();
  await flush();
  assert.equal(calls.length, 2);
  assert.ok(calls.every((c) => !c.signal.aborted));
  poller.dispose();
  assert.ok(calls.every((c) => c.signal.aborted), 'both fetches were aborted');
  await flush();
  assert.equal(store.get(jobKey(A))!.lastError, null);
  assert.equal(store.get(jobKey(C))!.lastError, null);
});

test('a refresh of two APIs fetches each once and resolves when both are applied', async () => {
  const { store, poller, calls } = setup();
  store.add([A, C]);
  await poller.refresh();
  assert.deepEqual(calls.map((c) => c.ids).sort(), [[A.id], [C.id]]);
  assert.equal(store.get(jobKey(A))!.snapshot?.status, 'running');
  assert.equal(store.get(jobKey(C))!.snapshot?.status, 'running');
  poller.dispose();
});

test('a last check in the future (a skewed or reset clock) is due within one interval, and no wait exceeds it', async () => {
  const { clock, store, poller, calls } = setup();
  store.add([A, B]);
  // One an hour ahead, one 30 days ahead: beyond 2^31-1 ms, which a timer cannot wait (it fires at once).
  store.applyOutcome(jobKey(A), ok(A, 'running'), new Date(clock.now() + 3_600_000));
  store.applyOutcome(jobKey(B), ok(B, 'running'), new Date(clock.now() + 30 * 86_400_000));
  poller.start();
  await flush();
  assert.equal(calls.length, 0, 'not due yet');
  assert.ok(clock.sleeps.every((ms) => ms <= I), `waits: ${clock.sleeps.join(', ')}`);
  await clock.advance(I);
  assert.deepEqual(calls.map((c) => c.ids), [[A.id, B.id]], 'polled one interval later, not in an hour or a month');
  await clock.advance(3 * I);
  assert.equal(calls.length, 4, 'then at the interval');
  assert.ok(clock.sleeps.every((ms) => ms <= I));
  poller.dispose();
});

test('the wall clock stepping back an hour (or forward) does not change the polling rhythm', async () => {
  const { clock, store, poller, calls } = setup();
  store.add([A]);
  poller.start();
  await flush();
  assert.equal(calls.length, 1);
  clock.stepWall(-3_600_000);
  await clock.advance(I);
  assert.equal(calls.length, 2, 'polled one interval later by the monotonic clock');
  clock.stepWall(+7_200_000);
  await clock.advance(I - 1);
  assert.equal(calls.length, 2, 'a jump forward does not make it due early');
  await clock.advance(1);
  assert.equal(calls.length, 3);
  poller.dispose();
});

test('a lane of many jobs is fetched in chunks of one rate window, two at a time, each applied as it answers', async () => {
  const answers: Array<() => void> = [];
  const { store, poller, calls } = setup({
    fetch: (refs, signal) => {
      calls.push({ ids: refs.map((r) => r.id), at: 0, signal });
      return new Promise((resolve) => answers.push(() => resolve(refs.map((r) => ok(r, 'running')))));
    },
  });
  const refs = Array.from({ length: 13 }, (_, i) => ref('ice', `7c1e0a9b5d3f4e21a8c6f0b2d4e6a${String(i).padStart(3, '0')}`));
  store.add(refs);
  poller.start();
  await flush();
  assert.equal(chunkSizeOf('ice'), 5, 'ICE: 10 requests a second, one id each: half a window');
  assert.equal(chunkSizeOf('mpc-editing'), 80, 'MPC: 100 calls a minute of 10 ids, bounded to 8 calls');
  assert.equal(chunkSizeOf('live-edge'), 8, 'Live edge: 6,000 calls a minute, bounded to 8 calls (two chunks fill 16 connections)');
  assert.deepEqual(calls.map((c) => c.ids.length), [5, 5], 'two chunks in flight');
  answers[0]!();
  await flush();
  assert.equal(store.get(jobKey(refs[0]!))!.snapshot?.status, 'running', 'the first chunk is applied at once');
  assert.equal(store.get(jobKey(refs[5]!))!.snapshot, null, 'the second is still out');
  assert.deepEqual(calls.map((c) => c.ids.length), [5, 5, 3], 'and the third chunk starts');
  answers[1]!();
  answers[2]!();
  await flush();
  assert.ok(store.all().every((t) => t.snapshot?.status === 'running'));
  assert.equal(new Set(calls.flatMap((c) => c.ids)).size, 13, 'each job fetched once');
  poller.dispose();
});

test('the tasks of one caster stay in one chunk (one call for them), however the lane is cut', async () => {
  const { store, poller, calls } = setup();
  const caster = (c: number) => `53200b81-b761-4c10-842a-a07${String(c).padStart(9, '0')}`;
  const tasks = Array.from({ length: 18 }, (_, i): JobRef => ({
    kind: 'live-editing', id: `42200b81-0c1d-4e5f-8a9b-${String(i).padStart(12, '0')}`, region: 'cn-shanghai', params: { casterId: caster(i % 6) },
  }));
  store.add(tasks);
  poller.start();
  await flush();
  await flush();
  const casterOf = new Map(tasks.map((t) => [t.id, t.params.casterId!]));
  const chunks = calls.map((c) => new Set(c.ids.map((id) => casterOf.get(id))));
  assert.deepEqual(chunks.map((c) => c.size), [5, 1], 'five casters a chunk (half of 10 calls a second), then the sixth');
  assert.equal(new Set(chunks.flatMap((c) => [...c])).size, 6, 'no caster split over two chunks');
  assert.equal(calls.reduce((n, c) => n + c.ids.length, 0), 18);
  poller.dispose();
});
