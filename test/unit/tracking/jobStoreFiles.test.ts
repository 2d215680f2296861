/**
 * The job store's per-job snapshot files: migration from the version 1 state (snapshots inside globalState), what a
 * change writes, restoring in slices, a crash in the middle of a write, pruning, and the folder on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FetchOutcome } from '../../../src/clouds/client.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { iceKind } from '../../../src/clouds/adapters/ice.js';
import { type Job, type JobStatus } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { JobStore, type KeyValueStore, ORPHAN_FILE_AGE_MS } from '../../../src/tracking/jobStore.js';
import { MemorySnapshotDir, nodeSnapshotDir, type SnapshotDir, snapshotFileName } from '../../../src/tracking/snapshotDir.js';
import { fixture } from '../clouds/adapters/support.js';

const KEY = 'mediaJobs.trackedJobs';
const NOW = Date.parse('2024-06-01T12:00:00Z');
const AT = new Date(NOW);
const V1 = JSON.parse(readFileSync(join(__dirname, '../../fixtures/state/tracked-jobs-v1.json'), 'utf8')) as {
  version: 1; jobs: Array<{ key: string; ref: JobRef; snapshot: (Omit<Job, 'raw'> & { raw?: unknown }) | null; watched: boolean; lastError: unknown; lastCheckedAt: string | null }>;
  removed: Array<{ key: string; at: string }>;
};

class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  writes = 0;
  bytes = 0;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    this.writes++;
    this.bytes += text.length;
    this.data.set(key, JSON.parse(text));
  }
}

const noTimer = () => ({ dispose: () => undefined });
function storeOver(kv: MemoryKv, files: SnapshotDir, extra: ConstructorParameters<typeof JobStore>[1] = {}): JobStore {
  return new JobStore(kv, { clock: () => NOW, schedule: noTimer, files, ...extra });
}

const ref = (kind: JobRef['kind'], id: string, params: JobRef['params'] = {}): JobRef => ({ kind, id, region: 'cn-shanghai', params });
const job = (r: JobRef, status: JobStatus, extra: Partial<Job> = {}): Job => ({ ...blankJob(r.kind, r.region, r.id), status, rawStatus: status, params: r.params, ...extra });
const ok = (r: JobRef, status: JobStatus, extra: Partial<Job> = {}): FetchOutcome => ({ ref: r, jobs: [job(r, status, extra)], error: null });

/** One output with only its URL known. */
function anOutput(url: string): Job['outputs'][number] {
  return {
    label: null, url, mediaId: null, storageLocation: null, fileName: null, definition: null, sizeBytes: null, format: null, width: null,
    height: null, bitrateKbps: null, durationSeconds: null, fps: null, status: null, rawStatus: null, progress: null, error: null,
  };
}

/** An ICE job with `n` clips (the sdk-example fixture's first clip, repeated). */
function bigIce(r: JobRef, n: number): Job {
  const base = iceKind.parse(fixture('ice', 'success'), { refs: [r], region: 'cn-shanghai', requestId: 'req' }).jobs[0]!;
  const clip = base.timeline!.tracks[0]!.clips[0]!;
  const track = { ...base.timeline!.tracks[0]!, clips: Array.from({ length: n }, (_, i) => ({ ...clip, timelineIn: i, timelineOut: i + 1 })) };
  return { ...base, id: r.id, timeline: { tracks: [track], durationSeconds: n, parseError: null } };
}

test('migration: the version 1 state (snapshots in globalState) loads with nothing lost, files first, then the new list', async () => {
  const kv = new MemoryKv();
  kv.data.set(KEY, structuredClone(V1));
  const files = new MemorySnapshotDir(() => NOW);
  const store = storeOver(kv, files);
  assert.equal(await store.load(), null, 'no problem to report');
  await store.restored;
  const list = kv.data.get(KEY) as { version: number; jobs: Array<{ ref: JobRef; summary: unknown; snapshot?: unknown }>; removed?: unknown };
  assert.equal(list.version, 2);
  assert.ok(list.jobs.every((j) => j.snapshot === undefined), 'the list holds no snapshots any more');
  assert.deepEqual(list.removed, V1.removed, 'tombstones are kept');
  assert.deepEqual(store.all().map((t) => [t.key, t.watched, t.lastCheckedAt, t.lastError]), V1.jobs.map((j) => [jobKey(j.ref), j.watched, j.lastCheckedAt, j.lastError]));

  // A fresh start reads the list and the files: every snapshot is as version 1 saved it.
  const next = storeOver(kv, files);
  assert.equal(await next.load(), null);
  await next.restored;
  const shown = next.retain(jobKey(V1.jobs[0]!.ref));
  await next.restored;
  for (const saved of V1.jobs) {
    const t = next.get(jobKey(saved.ref))!;
    if (saved.snapshot === null) {
      assert.equal(t.snapshot, null);
      continue;
    }
    assert.ok(t.snapshot, `${saved.ref.kind} has its snapshot`);
    const { raw: _raw, ...savedRest } = saved.snapshot;
    const { raw, ...rest } = t.snapshot;
    assert.equal(raw, null);
    if (saved === V1.jobs[0]) assert.deepEqual({ ...rest, requestId: savedRest.requestId }, savedRest, 'the shown one whole, timeline clips and all');
    else assert.deepEqual({ ...rest, requestId: savedRest.requestId, timeline: savedRest.timeline }, savedRest, `${saved.ref.kind}: every field`);
  }
  shown.dispose();
});

test('migration: when the files cannot be written, the version 1 state stays as it was and the next start migrates again', async () => {
  const kv = new MemoryKv();
  kv.data.set(KEY, structuredClone(V1));
  const errors: unknown[] = [];
  const broken: SnapshotDir = { ...new MemorySnapshotDir(), read: async () => undefined, list: async () => [], remove: async () => undefined, moveAside: async () => undefined, write: async () => { throw new Error('disk full'); } };
  const store = storeOver(kv, broken, { onPersistError: (e) => errors.push(e) });
  assert.equal(await store.load(), null);
  assert.deepEqual(kv.data.get(KEY), V1, 'the old state is untouched');
  assert.match(String(errors[0]), /disk full/);
  const files = new MemorySnapshotDir(() => NOW);
  const again = storeOver(kv, files);
  await again.load();
  assert.equal((kv.data.get(KEY) as { version: number }).version, 2);
  assert.equal(files.files.size, V1.jobs.filter((j) => j.snapshot !== null).length, 'one file per snapshot');
});

test('a poll writes the files of the jobs whose answer changed, and the list only when what it shows changed', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const store = storeOver(kv, files);
  const refs = Array.from({ length: 50 }, (_, i) => ref('ice', `7c1e0a9b5d3f4e21a8c6f0b2d4e6a${String(i).padStart(3, '0')}`));
  store.add(refs);
  store.applyOutcomes(refs.map((r) => ({ key: jobKey(r), outcome: ok(r, 'running', { progress: 10 }) })), AT);
  await store.flush();
  assert.equal(files.writes, 50);
  const listWrites = kv.writes;

  // One job's progress moves: no file (the list keeps progress), the list once at flush.
  store.applyOutcomes(refs.map((r, i) => ({ key: jobKey(r), outcome: ok(r, 'running', { progress: i === 7 ? 55 : 10, requestId: `new-${i}` }) })), new Date(NOW + 10_000));
  await store.flush();
  assert.equal(files.writes, 50, 'progress alone, and a new request id, write no job file');
  assert.equal(kv.writes, listWrites + 1, 'flush writes the progress into the list once');
  assert.equal((kv.data.get(KEY) as { jobs: Array<{ summary: { progress: number } }> }).jobs[7]!.summary.progress, 55);

  // One job's outputs change: its file only.
  const before = files.bytesWritten;
  const output = anOutput('oss://bucket/out-7.mp4');
  store.applyOutcomes(refs.map((r, i) => ({ key: jobKey(r), outcome: ok(r, 'running', { progress: i === 7 ? 60 : 10, outputs: i === 7 ? [output] : [] }) })), new Date(NOW + 15_000));
  await store.flush();
  assert.equal(files.writes, 51, 'the job whose body changed');
  assert.ok(files.bytesWritten - before < 2_000, `one job's file: ${files.bytesWritten - before} bytes`);

  // A status change writes the list soon (the timer), progress alone does not arm it.
  const armed: number[] = [];
  const timed = storeOver(kv, files, { schedule: (_fn, ms) => (armed.push(ms), { dispose: () => undefined }) });
  await timed.load();
  await timed.restored;
  timed.applyOutcome(jobKey(refs[3]!), ok(refs[3]!, 'running', { progress: 90 }), new Date(NOW + 20_000));
  assert.deepEqual(armed, [], 'progress alone: no list write scheduled');
  timed.applyOutcome(jobKey(refs[3]!), ok(refs[3]!, 'succeeded', { progress: 100 }), new Date(NOW + 30_000));
  assert.deepEqual(armed, [1000], 'a new status: the list is written');
});

test('the restore reads the files in slices after load, one change event per slice, and keeps no clips in memory', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const first = storeOver(kv, files);
  const refs = Array.from({ length: 7 }, (_, i) => ref('ice', `8c1e0a9b5d3f4e21a8c6f0b2d4e6a${String(i).padStart(3, '0')}`));
  first.add(refs);
  first.applyOutcomes(refs.map((r) => ({ key: jobKey(r), outcome: { ref: r, jobs: [{ ...bigIce(r, 20), raw: { big: 'body' } }], error: null } })), AT);
  await first.flush();

  let yields = 0;
  const store = storeOver(kv, files, { restoreSlice: 3, sliceMs: Number.POSITIVE_INFINITY, yieldNow: async () => void yields++ });
  const events: string[][] = [];
  let early: Job | null | undefined;
  store.onDidChange((e) => {
    events.push(e.keys);
    early ??= store.get(jobKey(refs[0]!))?.snapshot;
  });
  await store.load();
  await store.restored;
  assert.equal(early?.status, 'succeeded', 'the summary shows at once');
  assert.equal(early?.timeline, null, 'the rest comes from the file');
  assert.deepEqual(events.map((k) => k.length), [7, 3, 3, 1], 'the list, then three slices');
  assert.equal(yields, 2);
  for (const t of store.all()) {
    assert.equal(t.snapshot!.raw, null);
    assert.equal(t.snapshot!.timeline!.tracks[0]!.clips.length, 0, 'clips stay in the file');
    assert.equal(t.snapshotLight, true);
    assert.equal(t.snapshot!.outputs.length, bigIce(refs[0]!, 1).outputs.length, 'outputs are back');
  }
  // Shown: the whole snapshot comes back from the file.
  const held = store.retain(jobKey(refs[2]!));
  await store.restored;
  assert.equal(store.get(jobKey(refs[2]!))!.snapshot!.timeline!.tracks[0]!.clips.length, 20);
  held.dispose();
  assert.equal(store.get(jobKey(refs[2]!))!.snapshot!.timeline!.tracks[0]!.clips.length, 0, 'and goes when nothing shows it');
});

test('a crash mid-write loses nothing: a temp file left behind is never read (and is cleaned up), a cut-short file is kept aside and reported', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'media-jobs-files-'));
  try {
    const kv = new MemoryKv();
    const files = nodeSnapshotDir(dir);
    const A = ref('ice', '9c1e0a9b5d3f4e21a8c6f0b2d4e6a001');
    const B = ref('ice', '9c1e0a9b5d3f4e21a8c6f0b2d4e6a002');
    const first = storeOver(kv, files);
    first.add([A, B]);
    first.applyOutcomes([
      { key: jobKey(A), outcome: ok(A, 'running', { name: 'a-first.mp4' }) },
      { key: jobKey(B), outcome: ok(B, 'failed', { name: 'b.mp4', error: { code: 'InvalidParameter', message: 'bad input' } }) },
    ], AT);
    await first.flush();
    const nameA = snapshotFileName(jobKey(A));
    const nameB = snapshotFileName(jobKey(B));

    // The process died while writing A's next answer: its temp file holds half of it; the rename never happened.
    const tmp = `${nameA}.0badc0ffee00.tmp`;
    await writeFile(join(dir, tmp), '{"version":1,"key":"ice|cn-sha');
    const old = (Date.now() - 2 * ORPHAN_FILE_AGE_MS) / 1000;
    await utimes(join(dir, tmp), old, old);
    // And B's file was cut short by something that did not write it atomically (a full disk, a copy tool).
    const whole = await readFile(join(dir, nameB), 'utf8');
    await writeFile(join(dir, nameB), whole.slice(0, whole.length / 2));

    const errors: unknown[] = [];
    const next = new JobStore(kv, { schedule: noTimer, files, onPersistError: (e) => errors.push(e) });
    assert.equal(await next.load(), null, 'the list itself is fine');
    await next.restored;
    assert.equal(next.get(jobKey(A))!.snapshot!.name, 'a-first.mp4', 'A: the last whole file');
    const b = next.get(jobKey(B))!;
    assert.deepEqual([b.snapshot?.status, b.snapshot?.name, b.snapshot?.error?.code], ['failed', 'b.mp4', 'InvalidParameter'], 'B: what the list keeps');
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /unreadable; it was kept as [0-9a-f]{32}\.json\.corrupt-/);
    const left = await readdir(dir);
    assert.ok(!left.includes(tmp), 'the old temp file was deleted');
    const aside = left.find((n) => n.startsWith(`${nameB}.corrupt-`));
    assert.ok(aside, `the cut-short file is kept: ${left.join(', ')}`);
    assert.equal(await readFile(join(dir, aside), 'utf8'), whole.slice(0, whole.length / 2));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('nodeSnapshotDir: a write replaces the file whole and leaves no temp file; remove and list', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'media-jobs-files-'));
  try {
    const files = nodeSnapshotDir(join(dir, 'jobs'));
    assert.equal(await files.read('x.json'), undefined);
    assert.deepEqual(await files.list(), []);
    await files.write('x.json', 'one');
    await files.write('x.json', 'two');
    assert.equal(await files.read('x.json'), 'two');
    assert.deepEqual((await files.list()).map((f) => f.name), ['x.json']);
    await files.remove('x.json');
    await files.remove('x.json');
    assert.deepEqual(await readdir(join(dir, 'jobs')), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Stop Tracking deletes the job file; a file of an untracked job is pruned once old enough', async () => {
  const kv = new MemoryKv();
  let clock = NOW;
  const files = new MemorySnapshotDir(() => clock);
  const store = storeOver(kv, files);
  const A = ref('ice', 'ac1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  const B = ref('ice', 'ac1e0a9b5d3f4e21a8c6f0b2d4e6a002');
  store.add([A, B]);
  store.applyOutcomes([{ key: jobKey(A), outcome: ok(A, 'running') }, { key: jobKey(B), outcome: ok(B, 'running') }], AT);
  await store.flush();
  assert.equal(files.files.size, 2);
  store.remove([jobKey(A)]);
  await store.flush();
  assert.deepEqual([...files.files.keys()], [snapshotFileName(jobKey(B))]);

  // Another window's stray file (its job untracked since): kept while recent, pruned after a restore once old.
  await files.write(snapshotFileName('ice|cn-shanghai|gone|||'), '{}');
  clock = NOW + 2 * ORPHAN_FILE_AGE_MS;
  const later = new JobStore(kv, { clock: () => clock + ORPHAN_FILE_AGE_MS, schedule: noTimer, files });
  await later.load();
  await later.restored;
  assert.deepEqual([...files.files.keys()], [snapshotFileName(jobKey(B))]);
});

test('fields a reference gains later (a profile) pass through the saved list untouched', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const store = storeOver(kv, files);
  const withProfile = { ...ref('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f99'), profile: 'staging' } as JobRef;
  store.add([withProfile]);
  await store.flush();
  const next = storeOver(kv, files);
  await next.load();
  assert.equal((next.all()[0]!.ref as JobRef & { profile?: string }).profile, 'staging');
});

test('a job tracked while the list is still being read (between its slices) is kept beside the saved ones', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const saved = storeOver(kv, files);
  const refs = Array.from({ length: 4 }, (_, i) => ref('vod', `bc1e0a9b5d3f4e21a8c6f0b2d4e6a${String(i).padStart(3, '0')}`));
  saved.add(refs);
  await saved.flush();
  const NEW = ref('ice', 'cc1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  let store: JobStore | null = null;
  let added = false;
  store = storeOver(kv, files, {
    sliceMs: 0,
    yieldNow: async () => {
      if (!added) {
        added = true;
        store!.add([NEW]);
      }
    },
  });
  await store.load();
  assert.ok(added, 'the list was read in slices');
  assert.deepEqual(store.all().map((t) => t.key), [...refs.map(jobKey), jobKey(NEW)]);
});

test('a shown job keeps the snapshot its latest changed answer replaced (earlierOf), only while shown; an unshown one keeps none', async () => {
  const store = storeOver(new MemoryKv(), new MemorySnapshotDir());
  const A = ref('ice', '9c1e0a9b5d3f4e21a8c6f0b2d4e6a0e1');
  const B = ref('ice', '9c1e0a9b5d3f4e21a8c6f0b2d4e6a0e2');
  store.add([A, B]);
  const held = store.retain(jobKey(A));
  store.applyOutcomes([{ key: jobKey(A), outcome: ok(A, 'running', { progress: 10 }) }, { key: jobKey(B), outcome: ok(B, 'running', { progress: 10 }) }], AT);
  assert.equal(store.earlierOf(jobKey(A)), undefined, 'nothing before the first answer');
  // The same answer again (another request id) is no change.
  store.applyOutcomes([{ key: jobKey(A), outcome: ok(A, 'running', { progress: 10, requestId: 'other' }) }], new Date(NOW + 1000));
  assert.equal(store.earlierOf(jobKey(A)), undefined, 'an unchanged answer replaces nothing');
  store.applyOutcomes([{ key: jobKey(A), outcome: ok(A, 'succeeded', { progress: 100 }) }, { key: jobKey(B), outcome: ok(B, 'succeeded', { progress: 100 }) }], new Date(NOW + 5000));
  const earlier = store.earlierOf(jobKey(A));
  assert.equal(earlier?.snapshot.status, 'running');
  assert.equal(earlier?.snapshot.progress, 10);
  assert.equal(earlier?.checkedAt, new Date(NOW + 1000).toISOString(), 'when the replaced answer was fetched');
  assert.equal(store.get(jobKey(A))!.snapshot!.status, 'succeeded');
  assert.equal(store.earlierOf(jobKey(B)), undefined, 'a job nobody shows keeps no earlier snapshot');
  held.dispose();
  assert.equal(store.earlierOf(jobKey(A)), undefined, 'dropped when nothing shows the job');
});

test('progress alone is saved by the list, not the file: a restart shows the list\'s progress with the file\'s body, and a shown job its clips', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const first = storeOver(kv, files);
  const A = ref('ice', 'ac1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  first.add([A]);
  const answer = (progress: number): FetchOutcome => ({ ref: A, jobs: [{ ...bigIce(A, 30), status: 'running', rawStatus: 'Processing', progress, completedAt: null }], error: null });
  first.applyOutcome(jobKey(A), answer(10), AT);
  await first.flush();
  const fileBefore = files.files.get(snapshotFileName(jobKey(A)))!.text;
  first.applyOutcome(jobKey(A), answer(70), new Date(NOW + 60_000));
  await first.flush();
  assert.equal(files.files.get(snapshotFileName(jobKey(A)))!.text, fileBefore, 'the file is as the first answer wrote it');

  const next = storeOver(kv, files);
  await next.load();
  await next.restored;
  const t = next.get(jobKey(A))!;
  assert.equal(t.snapshot!.progress, 70, 'the list\'s progress, not the file\'s 10');
  assert.equal(t.lastCheckedAt, new Date(NOW + 60_000).toISOString());
  assert.equal(t.snapshot!.outputs.length, bigIce(A, 1).outputs.length, 'the file\'s body');
  const held = next.retain(jobKey(A));
  await next.restored;
  const shown = next.get(jobKey(A))!.snapshot!;
  assert.equal(shown.timeline!.tracks[0]!.clips.length, 30, 'clips from the file');
  assert.equal(shown.progress, 70);
  held.dispose();
  // The body read back is what the file holds: the same answer again writes nothing.
  const writes = files.writes;
  next.applyOutcome(jobKey(A), answer(80), new Date(NOW + 120_000));
  await next.flush();
  assert.equal(files.writes, writes, 'no file for an answer whose body the file has');
});

test('a crash between a job\'s file and the list loses nothing: the file, newer, is taken whole', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const first = storeOver(kv, files);
  const A = ref('ice', 'bc1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  first.add([A]);
  first.applyOutcome(jobKey(A), ok(A, 'running', { progress: 10 }), AT);
  await first.flush();
  const listBefore = structuredClone(kv.data.get(KEY));
  first.applyOutcome(jobKey(A), ok(A, 'running', { progress: 40, outputs: [anOutput('oss://bucket/a.mp4')] }), new Date(NOW + 60_000));
  await first.flush();
  // The crash: the file was written, the list was not.
  kv.data.set(KEY, listBefore);
  const next = storeOver(kv, files);
  await next.load();
  await next.restored;
  const t = next.get(jobKey(A))!;
  assert.equal(t.snapshot!.outputs[0]?.url, 'oss://bucket/a.mp4');
  assert.equal(t.snapshot!.progress, 40, 'the file\'s head too: it is the later answer');
  assert.equal(t.lastCheckedAt, new Date(NOW + 60_000).toISOString());
});

test('a file of an earlier build (hash of the whole snapshot) reads the same and is written over once, at the next answer', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const first = storeOver(kv, files);
  const A = ref('ice', 'cc1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  first.add([A]);
  first.applyOutcome(jobKey(A), ok(A, 'running', { progress: 10, outputs: [anOutput('oss://bucket/a.mp4')] }), AT);
  await first.flush();
  const name = snapshotFileName(jobKey(A));
  const file = JSON.parse(files.files.get(name)!.text) as { hash: string; snapshot: unknown };
  // What an earlier build wrote: the same snapshot, hashed whole.
  file.hash = createHash('sha1').update(JSON.stringify(file.snapshot)).digest('hex');
  files.files.set(name, { text: JSON.stringify(file), mtimeMs: NOW });

  const next = storeOver(kv, files);
  await next.load();
  const held = next.retain(jobKey(A));
  await next.restored;
  assert.equal(next.get(jobKey(A))!.snapshot!.outputs[0]?.url, 'oss://bucket/a.mp4');
  held.dispose();
  const writes = files.writes;
  next.applyOutcome(jobKey(A), ok(A, 'running', { progress: 20, outputs: [anOutput('oss://bucket/a.mp4')] }), new Date(NOW + 60_000));
  await next.flush();
  assert.equal(files.writes, writes + 1, 'written over once, in the new form');
  next.applyOutcome(jobKey(A), ok(A, 'running', { progress: 30, outputs: [anOutput('oss://bucket/a.mp4')] }), new Date(NOW + 120_000));
  await next.flush();
  assert.equal(files.writes, writes + 1, 'and not again');
});

test('a job shown while its file is being written is read once the write is done, never the body before it', async () => {
  const kv = new MemoryKv();
  const mem = new MemorySnapshotDir(() => NOW);
  let gate: (() => void) | null = null;
  const gated: SnapshotDir = {
    read: (n) => mem.read(n), remove: (n) => mem.remove(n), moveAside: (n, to) => mem.moveAside(n, to), list: () => mem.list(),
    write: async (n, text) => {
      if (gate === null) {
        await new Promise<void>((r) => (gate = r));
      }
      await mem.write(n, text);
    },
  };
  const store = storeOver(kv, gated);
  const A = ref('ice', 'dc1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  store.add([A]);
  // An earlier file with 5 clips, as if written before.
  gate = () => undefined;
  store.applyOutcome(jobKey(A), { ref: A, jobs: [bigIce(A, 5)], error: null }, AT);
  await store.flush();
  gate = null;
  // The new answer (40 clips) is being written when the panel opens.
  store.applyOutcome(jobKey(A), { ref: A, jobs: [bigIce(A, 40)], error: null }, new Date(NOW + 60_000));
  assert.equal(store.get(jobKey(A))!.snapshotLight, true, 'not shown: kept light, clips in the file');
  const held = store.retain(jobKey(A));
  await new Promise((r) => setImmediate(r));
  assert.equal(store.get(jobKey(A))!.snapshot!.timeline!.tracks[0]!.clips.length, 0, 'waiting for the write');
  (gate as unknown as () => void)();
  await store.restored;
  assert.equal(store.get(jobKey(A))!.snapshot!.timeline!.tracks[0]!.clips.length, 40, 'the new body');
  held.dispose();
  await store.flush();
});

test('another window\'s progress-only answer (its list, no file) reaches this window with the body this window had', async () => {
  const kv = new MemoryKv();
  const files = new MemorySnapshotDir(() => NOW);
  const one = storeOver(kv, files);
  const A = ref('ice', 'ec1e0a9b5d3f4e21a8c6f0b2d4e6a001');
  one.add([A]);
  const answer = (progress: number): FetchOutcome => ({ ref: A, jobs: [{ ...bigIce(A, 12), status: 'running', rawStatus: 'Processing', progress, completedAt: null }], error: null });
  one.applyOutcome(jobKey(A), answer(10), AT);
  await one.flush();
  const two = storeOver(kv, files);
  await two.load();
  await two.restored;
  const writes = files.writes;
  one.applyOutcome(jobKey(A), answer(65), new Date(NOW + 60_000));
  await one.flush();
  assert.equal(files.writes, writes, 'the other window wrote its list only');
  await two.sync();
  const held = two.retain(jobKey(A));
  await two.restored;
  const t = two.get(jobKey(A))!;
  assert.equal(t.snapshot!.progress, 65);
  assert.equal(t.snapshot!.timeline!.tracks[0]!.clips.length, 12, 'the body from the file, older than the list');
  held.dispose();
});
