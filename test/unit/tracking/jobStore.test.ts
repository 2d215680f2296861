import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FetchOutcome } from '../../../src/clouds/client.js';
import { ApiError, NetworkError } from '../../../src/clouds/errors.js';
import { liveEditingKind } from '../../../src/clouds/adapters/liveEditing.js';
import { iceKind } from '../../../src/clouds/adapters/ice.js';
import { liveEdgeKind } from '../../../src/clouds/adapters/liveEdge.js';
import { vodKind } from '../../../src/clouds/adapters/vod.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job, type JobStatus } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { expandedIdProblem, type KeyValueStore, JobStore, MAX_TASKS_PER_CASTER } from '../../../src/tracking/jobStore.js';
import { MemorySnapshotDir, snapshotFileName } from '../../../src/tracking/snapshotDir.js';
import { fixture } from '../clouds/adapters/support.js';
import { inChineseAsync } from '../../support/l10n.js';

const KEY = 'mediaJobs.trackedJobs';
const BACKUP = 'mediaJobs.trackedJobs.backup';

/** globalState stand-in: a Map, with every write recorded (JSON round-tripped, as VS Code stores it). */
class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  /** The folder of job files that goes with this globalState (one profile's globalStorageUri). */
  readonly files = new MemorySnapshotDir(() => NOW);
  readonly writes: Array<{ key: string; value: unknown }> = [];
  failNext = false;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    const copy = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    this.writes.push({ key, value: copy });
    this.data.set(key, copy);
  }
}

/** A timer the test fires by hand. */
class ManualScheduler {
  pending: Array<{ fn: () => void; ms: number; disposed: boolean }> = [];
  schedule = (fn: () => void, ms: number) => {
    const t = { fn, ms, disposed: false };
    this.pending.push(t);
    return { dispose: () => void (t.disposed = true) };
  };
  get armed(): number {
    return this.pending.filter((t) => !t.disposed).length;
  }
  async fire(): Promise<void> {
    const due = this.pending.filter((t) => !t.disposed);
    this.pending = [];
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  }
}

const NOW = Date.parse('2024-06-01T12:00:00Z');
const AT = new Date(NOW);

function newStore(kv = new MemoryKv(), extra: ConstructorParameters<typeof JobStore>[1] = {}) {
  const timers = new ManualScheduler();
  const store = new JobStore(kv, { clock: () => NOW, schedule: timers.schedule, files: kv.files, ...extra });
  return { kv, store, timers };
}

/** The job's saved file, parsed (undefined when it has none). */
async function fileOf(kv: MemoryKv, key: string): Promise<{ key: string; snapshot: Record<string, any> } | undefined> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const text = await kv.files.read(snapshotFileName(key));
  return text === undefined ? undefined : JSON.parse(text);
}

/** What a build before per-job files saved for the same jobs: `{version: 1, jobs: [{…, snapshot}]}`. */
async function legacyStateOf(kv: MemoryKv): Promise<{ version: 1; jobs: Array<Record<string, any>> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const list = kv.data.get(KEY) as { jobs: Array<Record<string, unknown> & { ref: JobRef }> };
  const jobs = [];
  for (const { summary: _s, ...e } of list.jobs) jobs.push({ ...e, snapshot: (await fileOf(kv, jobKey(e.ref)))?.snapshot ?? null });
  return structuredClone({ version: 1, jobs });
}

const ref = (kind: JobRef['kind'], id: string, params: JobRef['params'] = {}, region = 'cn-shanghai'): JobRef => ({ kind, id, region, params });
const ICE1 = ref('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801');
const ICE2 = ref('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a802');
const VOD1 = ref('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01');

function job(r: JobRef, status: JobStatus, extra: Partial<Job> = {}): Job {
  return { ...blankJob(r.kind, r.region, r.id), status, rawStatus: status, params: r.params, ...extra };
}
const ok = (r: JobRef, status: JobStatus, extra: Partial<Job> = {}): FetchOutcome => ({ ref: r, jobs: [job(r, status, extra)], error: null });
const fail = (r: JobRef, code = 'Throttling.User'): FetchOutcome => ({
  ref: r, jobs: [], error: new ApiError('aliyun', 'ice:GetMediaProducingJob', code, `denied: ${code}`, 400, 'req'),
});

test('add: dedupes by key, keeps existing entries, requires resolved regions', () => {
  const { store } = newStore();
  const changes: string[][] = [];
  store.onDidChange((e) => changes.push(e.keys));
  const [a, b] = store.add([ICE1, VOD1]);
  assert.equal(a!.key, jobKey(ICE1));
  assert.deepEqual([a!.snapshot, a!.lastError, a!.lastCheckedAt, a!.watched, a!.addedAt], [null, null, null, false, '2024-06-01T12:00:00.000Z']);
  store.setWatched(a!.key, true);
  const again = store.add([ICE1, ICE2]);
  assert.equal(again[0]!.watched, true, 'the existing entry is returned, not replaced');
  assert.equal(store.all().length, 3);
  assert.deepEqual(changes, [[a!.key, b!.key], [a!.key], [jobKey(ICE2)]]);
  assert.throws(() => store.add([{ ...ICE1, id: 'zzzzzzzz1', region: '' }]), /resolve the region/);
  assert.equal(store.all().length, 3);
  // Empty parameters do not make a different key.
  store.add([{ ...ICE1, params: { clusterId: '' } }]);
  assert.equal(store.all().length, 3);
});

test('remove, findById and clearFinished', () => {
  const { store } = newStore();
  const caster = ref('live-editing', '53200b81-b761-4c10-842a-a0726d970001');
  const show = ref('live-editing', '42200b81-0c1d-4e5f-8a9b-000000000001', { casterId: caster.id });
  store.add([ICE1, ICE2, VOD1, show]);
  store.applyOutcomes([
    { key: jobKey(ICE1), outcome: ok(ICE1, 'succeeded') },
    { key: jobKey(ICE2), outcome: ok(ICE2, 'running') },
    { key: jobKey(VOD1), outcome: ok(VOD1, 'partial') },
  ], AT);
  assert.deepEqual(store.findById(ICE2.id).map((t) => t.key), [jobKey(ICE2)]);
  assert.deepEqual(store.findById(caster.id).map((t) => t.key), [jobKey(show)]);
  assert.deepEqual(store.clearFinished().sort(), [jobKey(ICE1), jobKey(VOD1)].sort());
  assert.deepEqual(store.all().map((t) => t.key), [jobKey(ICE2), jobKey(show)]);
  store.remove([jobKey(ICE2), 'not-tracked']);
  assert.deepEqual(store.all().map((t) => t.key), [jobKey(show)]);
});

test('applyOutcome reports a transition to terminal once per change, with the previous status', () => {
  const { store } = newStore();
  const [t] = store.add([ICE1]);
  const key = t!.key;
  assert.deepEqual(store.applyOutcome(key, ok(ICE1, 'queued'), AT), []);
  assert.deepEqual(store.applyOutcome(key, ok(ICE1, 'running', { progress: 40 }), AT), []);
  const done = store.applyOutcome(key, ok(ICE1, 'succeeded'), AT);
  assert.equal(done.length, 1);
  assert.equal(done[0]!.previous, 'running');
  assert.equal(done[0]!.job.snapshot?.status, 'succeeded');
  assert.deepEqual(store.applyOutcome(key, ok(ICE1, 'succeeded'), AT), [], 'no second notification');
  // A job first seen already finished: previous null.
  const [v] = store.add([VOD1]);
  const first = store.applyOutcome(v!.key, ok(VOD1, 'failed'), AT);
  assert.deepEqual(first.map((x) => x.previous), [null]);
  // A job no longer tracked is ignored.
  assert.deepEqual(store.applyOutcome('gone', ok(ICE2, 'failed'), AT), []);
});

test('errors: kept on the job with the snapshot, recorded once per cause, cleared by a success', () => {
  const { store } = newStore();
  const [t] = store.add([ICE1]);
  store.applyOutcome(t!.key, ok(ICE1, 'running'), AT);
  let events = 0;
  store.onDidChange(() => events++);
  store.applyOutcome(t!.key, fail(ICE1), new Date(NOW + 1000));
  const e1 = store.get(t!.key)!.lastError!;
  assert.deepEqual([e1.kind, e1.code, e1.at], ['api', 'Throttling.User', new Date(NOW + 1000).toISOString()]);
  assert.equal(store.get(t!.key)!.snapshot?.status, 'running', 'the last good snapshot stays');
  store.applyOutcome(t!.key, fail(ICE1), new Date(NOW + 9000));
  assert.equal(store.get(t!.key)!.lastError!.at, e1.at, 'the same cause keeps its first time');
  assert.equal(events, 1, 'a repeated error changes nothing');
  store.applyOutcome(t!.key, { ref: ICE1, jobs: [], error: new NetworkError('ice', 'ECONNRESET', 'reset') }, AT);
  assert.equal(store.get(t!.key)!.lastError!.code, 'ECONNRESET');
  assert.equal(events, 2);
  store.applyOutcome(t!.key, ok(ICE1, 'running'), AT);
  assert.equal(store.get(t!.key)!.lastError, null);
});

test('error messages are redacted before they are kept', () => {
  const { store } = newStore();
  const [t] = store.add([ICE1]);
  const echoed = new ApiError('aliyun', 'ice:GetMediaProducingJob', 'SignatureDoesNotMatch',
    'server string to sign is: GET&%2F&AccessKeyId%3DLTAI5tQ9aBcDeFgHiJkLmNoP%26SecurityToken%3DCAIS-secret-token-value', 400, 'r');
  store.applyOutcome(t!.key, { ref: ICE1, jobs: [], error: echoed }, AT);
  const msg = store.get(t!.key)!.lastError!.message;
  assert.ok(!msg.includes('CAIS-secret-token-value'), msg);
  assert.ok(!msg.includes('LTAI5tQ9aBcDeFgHiJkLmNoP'), msg);
});

test('watching ends when the job is done', () => {
  const { store } = newStore();
  const [t] = store.add([ICE1]);
  store.setWatched(t!.key, true);
  store.applyOutcome(t!.key, ok(ICE1, 'running'), AT);
  assert.equal(store.get(t!.key)!.watched, true);
  store.applyOutcome(t!.key, ok(ICE1, 'failed'), AT);
  assert.equal(store.get(t!.key)!.watched, false);
});

test('live editing: a whole-caster entry expands into one entry per task, in its place', () => {
  const { store } = newStore();
  const casterRef = ref('live-editing', 'd1dc58d3-bc13-4a4c-8f92-69e9b7dee942');
  store.add([ICE1, casterRef, VOD1]);
  store.setWatched(jobKey(casterRef), true);
  // Real parsing of the array fixture: five tasks, statuses -1, 0, 1, 2, 3.
  const parsed = liveEditingKind.parse(fixture('live-editing', 'array'), { refs: [casterRef], region: 'cn-shanghai', requestId: null });
  assert.equal(parsed.jobs.length, 5);
  const events: string[][] = [];
  store.onDidChange((e) => events.push(e.keys));
  const transitions = store.applyOutcome(jobKey(casterRef), { ref: casterRef, jobs: parsed.jobs, error: null }, AT);

  assert.equal(store.get(jobKey(casterRef)), undefined, 'the caster-level entry is replaced');
  const all = store.all();
  assert.equal(all.length, 7);
  assert.equal(all[0]!.key, jobKey(ICE1));
  assert.equal(all[6]!.key, jobKey(VOD1));
  const tasks = all.slice(1, 6);
  for (const t of tasks) {
    assert.equal(t.ref.kind, 'live-editing');
    assert.equal(t.ref.params.casterId, casterRef.id);
    assert.equal(t.ref.id, t.snapshot!.id);
    assert.equal(t.ref.region, 'cn-shanghai');
    assert.equal(t.key, jobKey(t.ref));
  }
  // Watching carries over to tasks still running; finished ones are done.
  assert.deepEqual(tasks.map((t) => [t.snapshot!.status, t.watched]), [
    ['failed', false], ['queued', true], ['running', true], ['running', true], ['succeeded', false],
  ]);
  assert.deepEqual(transitions.map((x) => [x.job.snapshot!.status, x.previous]), [['failed', null], ['succeeded', null]]);
  assert.equal(events.length, 1);
  assert.ok(events[0]!.includes(jobKey(casterRef)));

  // Polling a task later updates it in place.
  const running = tasks[2]!;
  const done = { ...running.snapshot!, status: 'succeeded' as const, rawStatus: '3' };
  const tr = store.applyOutcome(running.key, { ref: running.ref, jobs: [done], error: null }, AT);
  assert.deepEqual(tr.map((x) => x.previous), ['running']);
  assert.equal(store.all().length, 7);

  // Tracking the caster again and expanding merges into the tracked tasks instead of duplicating them.
  store.add([casterRef]);
  store.applyOutcome(jobKey(casterRef), { ref: casterRef, jobs: parsed.jobs, error: null }, AT);
  assert.equal(store.all().length, 7);
  // A caster that fails keeps its entry and shows the error.
  const other = ref('live-editing', '53200b81-b761-4c10-842a-a0726d970009');
  store.add([other]);
  store.applyOutcome(jobKey(other), fail(other, 'InvalidCaster.NotFound'), AT);
  assert.equal(store.get(jobKey(other))!.lastError!.code, 'InvalidCaster.NotFound');
});

test('persistence: a round trip keeps jobs, snapshots, errors and watch flags; raw is never saved', async () => {
  const { kv, store } = newStore();
  store.add([ICE1, ICE2, VOD1]);
  store.setWatched(jobKey(ICE2), true);
  store.applyOutcome(jobKey(ICE1), ok(ICE1, 'succeeded', { name: 'final.mp4', raw: { Secretish: 'raw body' } }), AT);
  store.applyOutcome(jobKey(VOD1), fail(VOD1, 'Forbidden.RAM'), AT);
  await store.flush();
  const saved = kv.data.get(KEY) as { version: number; jobs: unknown[] };
  assert.equal(saved.version, 2);
  assert.equal(saved.jobs.length, 3);
  assert.ok(!JSON.stringify(saved).includes('raw body'));
  assert.ok(![...kv.files.files.values()].some((f) => f.text.includes('raw body')), 'nor in the job files');
  assert.equal((await fileOf(kv, jobKey(ICE1)))?.snapshot.name, 'final.mp4', 'the snapshot is in its own file');
  assert.equal(await fileOf(kv, jobKey(ICE2)), undefined, 'a job never fetched has no file');

  const { store: reloaded } = newStore(kv);
  assert.equal(await reloaded.load(), null);
  await reloaded.restored;
  assert.deepEqual(reloaded.all().map((t) => t.key), [jobKey(ICE1), jobKey(ICE2), jobKey(VOD1)]);
  const ice = reloaded.get(jobKey(ICE1))!;
  assert.equal(ice.snapshot!.name, 'final.mp4');
  assert.equal(ice.snapshot!.raw, null);
  assert.equal(ice.lastCheckedAt, AT.toISOString());
  assert.equal(reloaded.get(jobKey(ICE2))!.watched, true);
  assert.equal(reloaded.get(jobKey(VOD1))!.lastError!.code, 'Forbidden.RAM');
  assert.equal(ice.snapshotTrimmed, undefined);
  // Terminal state survives: no notification again after a reload.
  assert.deepEqual(reloaded.applyOutcome(ice.key, ok(ICE1, 'succeeded'), AT), []);
});

test('persistence: the VOD and edge fields (inputs, stop time, output template and times, ffprobe stream fields) are saved; a job saved without them loads', async () => {
  const { kv, store } = newStore();
  const EDGE = ref('live-edge', '****20b48fb04483915d4f2cd8ac****', { clusterId: 'c1' });
  store.add([VOD1, EDGE]);
  const vod = vodKind.parse(fixture('vod', 'sdk-example'), { refs: [VOD1], region: 'cn-shanghai', requestId: null }).jobs[0]!;
  const edge = liveEdgeKind.parse(fixture('live-edge', 'sdk-example'), { refs: [EDGE], region: 'cn-shanghai', requestId: null }).jobs[0]!;
  store.applyOutcome(jobKey(VOD1), { ref: VOD1, jobs: [{ ...vod, id: VOD1.id }], error: null }, AT);
  store.applyOutcome(jobKey(EDGE), { ref: EDGE, jobs: [edge], error: null }, AT);
  await store.flush();
  const { store: reloaded } = newStore(kv);
  assert.equal(await reloaded.load(), null);
  await reloaded.restored;
  const v = reloaded.get(jobKey(VOD1))!.snapshot!;
  assert.deepEqual(v.inputs, vod.inputs);
  assert.deepEqual(v.outputs.map((o) => [o.templateId, o.createdAt, o.completedAt]), vod.outputs.map((o) => [o.templateId, o.createdAt, o.completedAt]));
  assert.deepEqual(v.streams, vod.streams);
  assert.equal(v.streams[0]?.pixFmt, 'yuv420p');
  assert.deepEqual(v.extras, vod.extras);
  const e = reloaded.get(jobKey(EDGE))!.snapshot!;
  assert.deepEqual([e.stoppedAt, e.inputs], ['2023-07-25T05:48:58Z', [{ url: 'rtmp://mydomain/app/stream1', label: null }]]);

  // A state written before these fields existed: the job loads, the fields are absent.
  const old = await legacyStateOf(kv);
  for (const j of old.jobs) {
    delete j.snapshot.inputs;
    delete j.snapshot.stoppedAt;
    for (const o of j.snapshot.outputs) for (const k of ['templateId', 'createdAt', 'completedAt']) delete o[k];
    for (const st of j.snapshot.streams) for (const k of ['pixFmt', 'level', 'dar', 'sar', 'hasBFrames', 'sampleFmt', 'timeBase', 'startTime']) delete st[k];
  }
  const oldKv = new MemoryKv();
  oldKv.data.set(KEY, old);
  const { store: fromOld } = newStore(oldKv);
  assert.equal(await fromOld.load(), null);
  await fromOld.restored;
  assert.deepEqual(fromOld.all().map((t) => [t.key, t.snapshot?.inputs, t.snapshot?.stoppedAt, t.snapshot?.streams[0]?.pixFmt]), [
    [jobKey(VOD1), undefined, undefined, undefined], [jobKey(EDGE), undefined, undefined, undefined],
  ]);
});

test('persistence: the IMS fields (editing project, a lower-bound timeline length, an effect track\'s origin) are saved; a job saved without them loads', async () => {
  const { kv, store } = newStore();
  store.add([ICE1]);
  const body = fixture('ice', 'sdk-example') as { MediaProducingJob: Record<string, unknown> };
  const timeline = JSON.stringify({
    VideoTracks: [{ MainTrack: true, VideoTrackClips: [{ MediaId: 'a', Out: 10 }, { MediaId: 'b', In: 30 }] }, { Type: 'Effect', VideoTrackClips: [{ Type: 'VFX', SubType: 'shake', TimelineIn: 1, Duration: 2 }] }],
  });
  const running = { ...body, MediaProducingJob: { ...body.MediaProducingJob, Status: 'Processing', Duration: undefined, Timeline: timeline } };
  const job = iceKind.parse(running, { refs: [ICE1], region: 'cn-shanghai', requestId: null }).jobs[0]!;
  assert.ok(job.timeline !== null && job.timeline.parseError === null && job.timeline.durationIsLowerBound === true);
  store.applyOutcome(jobKey(ICE1), { ref: ICE1, jobs: [{ ...job, id: ICE1.id }], error: null }, AT);
  await store.flush();
  const { store: reloaded } = newStore(kv);
  assert.equal(await reloaded.load(), null);
  await reloaded.restored;
  const s = reloaded.get(jobKey(ICE1))!.snapshot!;
  assert.equal(s.editingProjectId, '****fddd7748b58bf1d47e95****');
  assert.ok(s.timeline !== null && s.timeline.parseError === null);
  assert.deepEqual([s.timeline.durationSeconds, s.timeline.durationIsLowerBound, s.timeline.tracks.map((t) => t.origin)], [10, true, [undefined, 'video']]);

  // A state written before these fields existed: the job loads, the fields are absent.
  const old = await legacyStateOf(kv);
  for (const j of old.jobs) {
    delete j.snapshot.editingProjectId;
    delete j.snapshot.timeline.durationIsLowerBound;
    for (const t of j.snapshot.timeline.tracks) delete t.origin;
  }
  const oldKv = new MemoryKv();
  oldKv.data.set(KEY, old);
  const { store: fromOld } = newStore(oldKv);
  assert.equal(await fromOld.load(), null);
  await fromOld.restored;
  const f = fromOld.get(jobKey(ICE1))!.snapshot!;
  assert.deepEqual([f.editingProjectId, f.timeline?.parseError === null && f.timeline.durationIsLowerBound], [undefined, undefined]);
});

test('persistence: writes are debounced and coalesced; flush writes at once', async () => {
  const { kv, store, timers } = newStore();
  store.add([ICE1]);
  store.add([ICE2]);
  store.setWatched(jobKey(ICE1), true);
  assert.equal(kv.writes.length, 0, 'nothing written synchronously');
  assert.equal(timers.armed, 1, 'one timer for a burst of changes');
  assert.equal(timers.pending[0]!.ms, 1000);
  await timers.fire();
  assert.equal(kv.writes.length, 1);
  assert.equal((kv.writes[0]!.value as { jobs: unknown[] }).jobs.length, 2);
  await timers.fire();
  assert.equal(kv.writes.length, 1, 'nothing new, nothing written');
  store.remove([jobKey(ICE2)]);
  assert.equal(timers.armed, 1);
  await store.flush();
  assert.equal(kv.writes.length, 2);
  assert.equal(timers.armed, 0, 'flush cancels the pending timer');
  await store.flush();
  assert.equal(kv.writes.length, 2, 'a flush with nothing unsaved writes nothing');
});

test('persistence: a failed write is retried by the next flush, not lost', async () => {
  const { kv, store } = newStore();
  store.add([ICE1]);
  kv.failNext = true;
  await assert.rejects(store.flush(), /disk full/);
  await store.flush();
  assert.equal((kv.data.get(KEY) as { jobs: unknown[] }).jobs.length, 1);
});

test('persistence: a huge timeline is saved with track headers only and marked trimmed', async () => {
  const { kv, store } = newStore(new MemoryKv(), { maxSnapshotChars: 5_000 });
  const iceRef = ref('ice', '****cdb3e74639973036bc84****'.replace(/\*/g, 'a'));
  const parsed = iceKind.parse(fixture('ice', 'success'), { refs: [iceRef], region: 'cn-shanghai', requestId: null });
  const base = parsed.jobs[0]!;
  assert.ok(base.timeline && base.timeline.tracks.length > 0, 'the fixture has a timeline');
  const bigTrack = { ...base.timeline.tracks[0]!, clips: Array.from({ length: 400 }, () => base.timeline!.tracks[0]!.clips[0]!) };
  const big: Job = { ...base, id: iceRef.id, timeline: { tracks: [bigTrack], durationSeconds: 12, parseError: null } };
  store.add([iceRef]);
  const shown = store.retain(jobKey(iceRef));
  store.applyOutcome(jobKey(iceRef), { ref: iceRef, jobs: [big], error: null }, AT);
  assert.equal(store.get(jobKey(iceRef))!.snapshot!.timeline!.tracks[0]!.clips.length, 400, 'memory keeps everything while it is shown');
  shown.dispose();
  assert.deepEqual(store.get(jobKey(iceRef))!.snapshot!.timeline!.tracks[0]!.clips, [], 'and drops the clips when nothing shows it');
  assert.equal(store.get(jobKey(iceRef))!.snapshotLight, true);
  await store.flush();
  const text = (await kv.files.read(snapshotFileName(jobKey(iceRef))))!;
  assert.ok(text.length < 10_000, `saved ${text.length} characters`);
  const { store: reloaded } = newStore(kv);
  assert.equal(await reloaded.load(), null);
  await reloaded.restored;
  const t = reloaded.get(jobKey(iceRef))!;
  assert.equal(t.snapshotTrimmed, true);
  assert.equal(t.snapshot!.timeline!.tracks.length, 1);
  assert.equal(t.snapshot!.timeline!.tracks[0]!.type, bigTrack.type);
  assert.deepEqual(t.snapshot!.timeline!.tracks[0]!.clips, []);
  assert.equal(t.snapshot!.status, base.status);
});

for (const [name, state] of [
  ['not JSON-shaped (a string)', 'this is not a state'],
  ['not JSON-shaped (an array)', [1, 2, 3]],
  ['an unknown version', { version: 3, jobs: [{ anything: true }] }],
  ['no version', { jobs: [] }],
] as const) {
  test(`corrupt state (${name}) is backed up, reported, and the store starts empty`, async () => {
    const kv = new MemoryKv();
    kv.data.set(KEY, state);
    const { store } = newStore(kv);
    const problem = await store.load();
    assert.ok(problem, 'reported');
    assert.equal(problem.backupKey, BACKUP);
    assert.match(problem.message, name === 'an unknown version' ? /version 3/ : /not in the expected format/);
    assert.match(problem.message, new RegExp(BACKUP.replace(/\./g, '\\.')));
    assert.deepEqual(kv.data.get(BACKUP), state, 'the original is kept verbatim');
    assert.deepEqual(store.all(), []);
    // The cleaned state is written so the next start is quiet, and the backup was written first.
    assert.deepEqual(kv.data.get(KEY), { version: 2, jobs: [] });
    assert.deepEqual(kv.writes.map((w) => w.key), [BACKUP, KEY]);
    const { store: next } = newStore(kv);
    assert.equal(await next.load(), null);
  });
}

test('entries of the wrong types are left out, the readable ones kept, the original backed up', async () => {
  const good = { key: 'stale-key', ref: ICE1, snapshot: null, lastError: null, addedAt: '2024-06-01T00:00:00Z', lastCheckedAt: null, watched: true };
  const state = {
    version: 1,
    jobs: [
      good,
      { ...good, ref: { ...ICE2, kind: 'not-a-kind' } },
      { ...good, ref: VOD1, watched: 'yes' },
      { ...good, ref: ICE2, snapshot: { ...job(ICE2, 'running'), progress: 'forty' } },
      'junk',
    ],
  };
  const kv = new MemoryKv();
  kv.data.set(KEY, state);
  const { store } = newStore(kv);
  const problem = await store.load();
  assert.ok(problem);
  assert.match(problem.message, /4 of 5 saved tracked jobs could not be read/);
  assert.deepEqual(kv.data.get(BACKUP), state);
  assert.deepEqual(store.all().map((t) => [t.key, t.watched]), [[jobKey(ICE1), true]], 'the key is recomputed from the ref');
});

test('an existing different backup is never overwritten', async () => {
  const kv = new MemoryKv();
  kv.data.set(BACKUP, { version: 1, jobs: ['an older backup'] });
  kv.data.set(KEY, 'corrupt again');
  const { store } = newStore(kv);
  const problem = await store.load();
  assert.ok(problem);
  assert.notEqual(problem.backupKey, BACKUP);
  assert.ok(problem.backupKey.startsWith(`${BACKUP}.`));
  assert.deepEqual(kv.data.get(BACKUP), { version: 1, jobs: ['an older backup'] });
  assert.equal(kv.data.get(problem.backupKey), 'corrupt again');
});

test('when the backup cannot be written, the original is left untouched and nothing is saved over it', async () => {
  const kv = new MemoryKv();
  kv.data.set(KEY, { version: 7 });
  kv.failNext = true;
  const { store, timers } = newStore(kv);
  const problem = await store.load();
  assert.ok(problem);
  assert.match(problem.message, /left untouched/);
  store.add([ICE1]);
  await timers.fire();
  await store.flush();
  assert.deepEqual(kv.data.get(KEY), { version: 7 });
});

test('secrets never reach the saved state: only refs and normalized jobs are stored', async () => {
  const { kv, store } = newStore();
  const secret = 'sk-EXAMPLE-NOT-A-REAL-SECRET-0123456789';
  store.add([ICE1]);
  // Even if a server echoed a credential into a job's raw body or an error, it is not persisted.
  store.applyOutcome(jobKey(ICE1), ok(ICE1, 'running', { raw: { echoed: secret } }), AT);
  store.add([ICE2]);
  store.applyOutcome(jobKey(ICE2), {
    ref: ICE2, jobs: [], error: new ApiError('aliyun', 'ice:GetMediaProducingJob', 'InvalidParameter', `bad AccessKeySecret=${secret}`, 400, null),
  }, AT);
  await store.flush();
  const text = JSON.stringify([...kv.data.entries()]) + [...kv.files.files.values()].map((f) => f.text).join('\n');
  assert.ok(kv.files.files.size > 0 && !text.includes(secret), text);
});

// ---- One snapshot that cannot be saved ------------------------------------------------------------------------

test('a snapshot that cannot be serialized costs only itself: the others are saved, it is saved as its reference, reported once', async () => {
  const reported: unknown[] = [];
  const { kv, store } = newStore(new MemoryKv(), { onPersistError: (e) => reported.push(e) });
  store.add([ICE1, ICE2, VOD1]);
  // 5,000 levels (built without our bounded parser) break JSON.stringify; a BigInt does too, at any depth.
  const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
  store.applyOutcomes([
    { key: jobKey(ICE1), outcome: ok(ICE1, 'running', { userData: { n: 10n } }) },
    { key: jobKey(ICE2), outcome: ok(ICE2, 'succeeded', { name: 'kept.mp4' }) },
    { key: jobKey(VOD1), outcome: ok(VOD1, 'running', { userData: deep }) },
  ], AT);
  await store.flush();
  const saved = kv.data.get(KEY) as { jobs: Array<{ ref: JobRef; summary: { status: string } | null; snapshotTrimmed?: boolean }> };
  assert.deepEqual(saved.jobs.map((j) => j.ref.id), [ICE1.id, ICE2.id, VOD1.id], 'every job is saved');
  assert.equal(await fileOf(kv, jobKey(ICE1)), undefined, 'the unserializable snapshot is left out');
  assert.equal(saved.jobs[0]!.summary?.status, 'running', 'its summary is kept');
  assert.equal(saved.jobs[0]!.snapshotTrimmed, true);
  assert.equal((await fileOf(kv, jobKey(ICE2)))!.snapshot.name, 'kept.mp4');
  assert.match(JSON.stringify((await fileOf(kv, jobKey(VOD1)))!.snapshot.userData), /nested deeper than \d+ levels: omitted/, 'the deep one is kept, bounded');
  assert.equal(reported.length, 1);
  assert.match(String(reported[0]), new RegExp(`${jobKey(ICE1).replace(/\|/g, '\\|')}.*saved without it`));

  // Later writes neither fail nor report it again; a restart has all three jobs.
  store.setWatched(jobKey(ICE2), true);
  await store.flush();
  assert.equal(reported.length, 1);
  const { store: reloaded } = newStore(kv);
  assert.equal(await reloaded.load(), null);
  await reloaded.restored;
  assert.deepEqual(reloaded.all().map((t) => [t.ref.id, t.snapshot?.status ?? null]), [[ICE1.id, 'running'], [ICE2.id, 'succeeded'], [VOD1.id, 'running']]);
  assert.deepEqual(reloaded.get(jobKey(ICE1))!.snapshot!.userData, null, 'only the summary of the unsaved one');
});

// ---- Several windows over one globalState ---------------------------------------------------------------------

/** One window: its own store and clock over the shared state. */
function windowOf(kv: MemoryKv, start = NOW, extra: ConstructorParameters<typeof JobStore>[1] = {}) {
  const clock = { now: start };
  const w = newStore(kv, { clock: () => clock.now, ...extra });
  return { ...w, clock };
}

const keysOf = (s: JobStore): string[] => s.all().map((t) => t.key);
const savedKeys = (kv: MemoryKv): string[] => (kv.data.get(KEY) as { jobs: Array<{ ref: JobRef }> }).jobs.map((j) => jobKey(j.ref));

test('two windows: a save in one keeps the jobs the other added, and Stop Tracking removes only what was stopped', async () => {
  const kv = new MemoryKv();
  const A = windowOf(kv);
  const B = windowOf(kv);
  await A.store.load();
  await B.store.load();
  A.store.add([ICE1]);
  await A.store.flush();
  B.store.add([VOD1]); // B loaded before A added ICE1 and never saw it
  await B.store.flush();
  assert.deepEqual(savedKeys(kv), [jobKey(ICE1), jobKey(VOD1)], "B's save keeps A's new job");
  assert.deepEqual(keysOf(B.store), [jobKey(ICE1), jobKey(VOD1)], 'and B now shows it');

  A.clock.now += 60_000;
  A.store.add([ICE2]);
  A.store.remove([jobKey(ICE1)]);
  await A.store.flush();
  assert.deepEqual(savedKeys(kv), [jobKey(VOD1), jobKey(ICE2)], "A's Stop Tracking keeps B's job and removes its own");
  assert.deepEqual(keysOf(A.store), [jobKey(VOD1), jobKey(ICE2)]);

  // B still has ICE1 in memory and polls it: its next save does not bring ICE1 back, and B drops it too.
  B.clock.now += 120_000;
  const changes: string[][] = [];
  B.store.onDidChange((e) => changes.push(e.keys));
  B.store.applyOutcome(jobKey(VOD1), ok(VOD1, 'running'), new Date(B.clock.now));
  await B.store.flush();
  assert.deepEqual(savedKeys(kv), [jobKey(VOD1), jobKey(ICE2)]);
  assert.deepEqual(keysOf(B.store), [jobKey(VOD1), jobKey(ICE2)]);
  assert.ok(changes.some((keys) => keys.includes(jobKey(ICE1)) && keys.includes(jobKey(ICE2))), 'B told its views');

  // A restart reads exactly that.
  const C = windowOf(kv);
  assert.equal(await C.store.load(), null);
  assert.deepEqual(keysOf(C.store), [jobKey(VOD1), jobKey(ICE2)]);
});

test('two windows: the newer poll wins, an equal answer keeps the fuller snapshot, a watch flag comes from the side that changed it', async () => {
  const kv = new MemoryKv();
  const seed = windowOf(kv);
  seed.store.add([ICE1, ICE2]);
  await seed.store.flush();
  const A = windowOf(kv);
  const B = windowOf(kv);
  await A.store.load();
  await B.store.load();

  B.store.applyOutcome(jobKey(ICE1), ok(ICE1, 'running', { raw: { from: 'B' } }), new Date(NOW + 1000));
  await B.store.flush();
  A.store.applyOutcome(jobKey(ICE1), ok(ICE1, 'succeeded'), new Date(NOW + 2000));
  A.store.setWatched(jobKey(ICE2), true);
  await A.store.flush();
  B.store.applyOutcome(jobKey(ICE2), ok(ICE2, 'running'), new Date(NOW + 3000));
  await B.store.flush();

  const b1 = B.store.get(jobKey(ICE1))!;
  assert.equal(b1.snapshot!.status, 'succeeded', "A's later poll replaces B's older one");
  assert.equal(b1.lastCheckedAt, new Date(NOW + 2000).toISOString());
  assert.equal(B.store.get(jobKey(ICE2))!.watched, true, 'A watched it, B did not touch the flag');
  const saved = kv.data.get(KEY) as { jobs: Array<{ ref: JobRef; summary: Job | null; watched: boolean }> };
  assert.deepEqual(saved.jobs.map((j) => [j.ref.id, j.summary?.status, j.watched]), [[ICE1.id, 'succeeded', false], [ICE2.id, 'running', true]]);

  // A's own later change of the flag is not undone by B's save, which still carries the old flag.
  A.store.setWatched(jobKey(ICE2), false);
  await A.store.flush();
  assert.equal(A.store.get(jobKey(ICE2))!.watched, false);
  // B's own newer poll is not replaced by A's older one (both windows show ICE2, so they keep its raw body).
  B.store.retain(jobKey(ICE2));
  A.store.retain(jobKey(ICE2));
  B.store.applyOutcome(jobKey(ICE2), ok(ICE2, 'running', { progress: 50, raw: { from: 'B' } }), new Date(NOW + 5000));
  await B.store.flush();
  assert.equal(B.store.get(jobKey(ICE2))!.watched, false, "A's change reached B");
  assert.deepEqual(B.store.get(jobKey(ICE2))!.snapshot!.raw, { from: 'B' });
  assert.equal(B.store.get(jobKey(ICE2))!.snapshot!.progress, 50);
  // A later poll elsewhere with the same answer keeps this window's snapshot, which still has its raw body.
  A.store.applyOutcome(jobKey(ICE2), ok(ICE2, 'running', { progress: 50, raw: { from: 'A' } }), new Date(NOW + 4000));
  await A.store.sync();
  assert.deepEqual(A.store.get(jobKey(ICE2))!.snapshot!.raw, { from: 'A' });
  assert.equal(A.store.get(jobKey(ICE2))!.lastCheckedAt, new Date(NOW + 4000).toISOString());
});

test('two windows: a job stopped in one and tracked again later in the other is kept; removals are saved as tombstones', async () => {
  const kv = new MemoryKv();
  const A = windowOf(kv);
  A.store.add([ICE1, VOD1]);
  await A.store.flush();
  const B = windowOf(kv);
  await B.store.load();

  A.clock.now += 1000;
  A.store.remove([jobKey(ICE1)]);
  await A.store.flush();
  const state = kv.data.get(KEY) as { version: number; removed?: Array<{ key: string; at: string }> };
  assert.equal(state.version, 2);
  assert.deepEqual(state.removed, [{ key: jobKey(ICE1), at: new Date(A.clock.now).toISOString() }]);

  B.clock.now += 5000;
  await B.store.sync();
  assert.deepEqual(keysOf(B.store), [jobKey(VOD1)], 'sync() takes the removal in without writing');
  const writes = kv.writes.length;
  B.store.add([ICE1]); // tracked again, after the removal
  await B.store.flush();
  assert.equal(kv.writes.length, writes + 1);
  assert.deepEqual(savedKeys(kv), [jobKey(VOD1), jobKey(ICE1)]);
  assert.equal((kv.data.get(KEY) as { removed?: unknown }).removed, undefined, 'a key tracked again has no tombstone');
  await A.store.sync();
  assert.deepEqual(keysOf(A.store), [jobKey(VOD1), jobKey(ICE1)], 'A adopts the job tracked again');
});

test('a saved state without tombstones (written before windows merged) loads and merges as it is', async () => {
  const kv = new MemoryKv();
  const entry = (r: JobRef, addedAt: string) => ({ key: jobKey(r), ref: r, snapshot: null, lastError: null, addedAt, lastCheckedAt: null, watched: false });
  kv.data.set(KEY, { version: 1, jobs: [entry(ICE1, '2024-05-01T00:00:00.000Z')] });
  const A = windowOf(kv);
  assert.equal(await A.store.load(), null);
  // Another (older) window writes its list over it, without tombstones.
  kv.data.set(KEY, { version: 1, jobs: [entry(ICE1, '2024-05-01T00:00:00.000Z'), entry(ICE2, '2024-05-02T00:00:00.000Z')] });
  A.store.add([VOD1]);
  await A.store.flush();
  assert.deepEqual(savedKeys(kv), [jobKey(ICE1), jobKey(ICE2), jobKey(VOD1)]);
  assert.deepEqual(kv.data.get(KEY), A.store.serialize(), 'what is saved is the whole store');
});

test('a state another window saved in a form this version cannot read is backed up before it is written over', async () => {
  const reported: unknown[] = [];
  const kv = new MemoryKv();
  const A = windowOf(kv, NOW, { onPersistError: (e) => reported.push(e) });
  await A.store.load();
  kv.data.set(KEY, { version: 3, tracked: ['from a newer build'] });
  A.store.add([ICE1]);
  await A.store.flush();
  assert.deepEqual(kv.data.get(BACKUP), { version: 3, tracked: ['from a newer build'] });
  assert.deepEqual(savedKeys(kv), [jobKey(ICE1)]);
  assert.equal(reported.length, 1);
  assert.match(String(reported[0]), /cannot read.*mediaJobs\.trackedJobs\.backup/);
});

// ---- Whole-caster answers -------------------------------------------------------------------------------------

const CASTER = ref('live-editing', 'd1dc58d3-bc13-4a4c-8f92-69e9b7dee942');
const showId = (i: number): string => `42200b81-0c1d-4e5f-8a9b-${String(i).padStart(12, '0')}`;
const task = (id: string, casterId = CASTER.id, status: JobStatus = 'running'): Job => ({
  ...blankJob('live-editing', 'cn-shanghai', id), status, rawStatus: '1', params: { casterId },
});

test('expandedIdProblem: ids from an answer must look like ids', () => {
  for (const good of [showId(1), 'a1b2c3d4', 'show_00000001', 'v1.2.3-4567']) assert.equal(expandedIdProblem(good), null, good);
  for (const bad of ['the', 'abcdefghij', 'ab|cd1234', 'abc\u202Edef12345', 'abc def 123', '-12345678', 'x'.repeat(129), '1234567']) {
    assert.notEqual(expandedIdProblem(bad), null, bad);
  }
});

test('a whole-caster answer is expanded within limits: usable ids only, the requested CasterId, at most 500 tasks, with a message', async () => {
  const notices: string[] = [];
  const { kv, store } = newStore(new MemoryKv(), { onNotice: (m) => notices.push(m) });
  store.add([ICE1, CASTER]);
  const answer = [
    task('the'), task(`${showId(1)}|x`), task(`\u202E${showId(2)}`),
    // A different CasterId in the answer must not move later polls to another caster.
    ...Array.from({ length: MAX_TASKS_PER_CASTER + 700 }, (_, i) => task(showId(100 + i), '53200b81-b761-4c10-842a-a0726d970009')),
  ];
  store.applyOutcome(jobKey(CASTER), { ref: CASTER, jobs: answer, error: null }, AT);

  const tasks = store.all().filter((t) => t.ref.kind === 'live-editing');
  assert.equal(tasks.length, MAX_TASKS_PER_CASTER);
  assert.equal(store.get(jobKey(CASTER)), undefined, 'the caster entry is replaced by its tasks');
  for (const t of tasks) {
    assert.equal(t.ref.params.casterId, CASTER.id);
    assert.equal(t.snapshot!.params.casterId, CASTER.id);
    assert.equal(expandedIdProblem(t.ref.id), null);
  }
  assert.deepEqual(tasks.slice(0, 2).map((t) => t.ref.id), [showId(100), showId(101)], 'the first tasks of the answer, in order');
  assert.equal(notices.length, 1);
  assert.match(notices[0]!, new RegExp(`caster ${CASTER.id}: the answer listed 1203 editing tasks`));
  assert.match(notices[0]!, /700 of them were not tracked, because at most 500 tasks of one caster are/);
  assert.match(notices[0]!, /3 had a ShowId that is not a usable id/);
  assert.match(notices[0]!, /500 are tracked/);

  // The next answer (the caster tracked again) updates the tracked tasks and adds none beyond the cap.
  store.add([CASTER]);
  store.applyOutcome(jobKey(CASTER), { ref: CASTER, jobs: [task(showId(100), CASTER.id, 'succeeded'), task(showId(9999))], error: null }, AT);
  assert.equal(store.all().filter((t) => t.ref.kind === 'live-editing').length, MAX_TASKS_PER_CASTER);
  assert.equal(store.get(jobKey({ ...CASTER, id: showId(100), params: { casterId: CASTER.id } }))!.snapshot!.status, 'succeeded');
  assert.equal(notices.length, 2);
  await store.flush();
  assert.ok(JSON.stringify(kv.data.get(KEY)).length < 1_000_000, 'the saved state stays small');
});

test('a whole-caster answer with no usable task keeps the caster entry, saying why', () => {
  const notices: string[] = [];
  const { store } = newStore(new MemoryKv(), { onNotice: (m) => notices.push(m) });
  store.add([CASTER]);
  store.applyOutcome(jobKey(CASTER), { ref: CASTER, jobs: [task('the'), task('a|b')], error: null }, AT);
  assert.deepEqual(store.all().map((t) => t.key), [jobKey(CASTER)]);
  const e = store.get(jobKey(CASTER))!.lastError!;
  assert.equal(e.code, 'UnusableShowIds');
  assert.match(e.message, /2 editing tasks of caster .*, none with a usable ShowId/);
  assert.equal(notices.length, 1);
});

test('the messages a user reads from the store are in the display language: a capped caster, an unreadable saved list', async () => {
  const run = async (): Promise<{ notice: string; problem: string | undefined }> => {
    const notices: string[] = [];
    const { store } = newStore(new MemoryKv(), { onNotice: (m) => notices.push(m) });
    store.add([CASTER]);
    const answer = [task('the'), ...Array.from({ length: MAX_TASKS_PER_CASTER + 2 }, (_, i) => task(showId(100 + i)))];
    store.applyOutcome(jobKey(CASTER), { ref: CASTER, jobs: answer, error: null }, AT);
    const kv = new MemoryKv();
    kv.data.set(KEY, { version: 99, jobs: 'x' });
    const problem = await newStore(kv).store.load();
    return { notice: notices[0]!, problem: problem?.message };
  };
  const en = await run();
  assert.equal(en.notice, `Live editing caster ${CASTER.id}: the answer listed 503 editing tasks; 2 of them were not tracked, because at most 500 tasks ` +
    'of one caster are (track a task you need by its ShowId with this CasterId); 1 had a ShowId that is not a usable id and were left out. 500 are tracked.');
  assert.equal(en.problem, 'The saved tracked jobs have format version 99, which this version of the extension cannot read. ' +
    'The original was kept under the state key "mediaJobs.trackedJobs.backup".');
  const zh = await inChineseAsync(run);
  assert.equal(zh.notice, `导播台 ${CASTER.id}：应答列出了 503 个剪辑任务；其中 2 个未跟踪，因为每个导播台最多跟踪 500 个任务（需要的任务请按其 ShowId 与此 CasterId 跟踪）；` +
    '1 个任务的 ShowId 不是可用的 ID，已略去。已跟踪 500 个。');
  assert.equal(zh.problem, '保存的跟踪作业的格式版本为 99，此版本的扩展无法读取。原始数据已保存在状态键 "mediaJobs.trackedJobs.backup" 下。');
});
