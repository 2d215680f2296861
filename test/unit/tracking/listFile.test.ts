/**
 * The tracked list in a file (src/tracking/listFile.ts): migration out of globalState with nothing lost (a crash in
 * the middle included), other windows' writes seen on refresh, a corrupt file reported and kept, other keys left in
 * globalState, and the job store over it on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type JobStatus } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { JobStore, type KeyValueStore } from '../../../src/tracking/jobStore.js';
import { FileKeyValueStore } from '../../../src/tracking/listFile.js';
import { nodeSnapshotDir } from '../../../src/tracking/snapshotDir.js';

const KEY = 'mediaJobs.trackedJobs';
const BACKUP = 'mediaJobs.trackedJobs.backup';
const FILE = FileKeyValueStore.fileName(KEY);
const NOW = Date.parse('2024-06-01T12:00:00Z');

/** globalState stand-in: JSON round-tripped as VS Code stores it; `failUpdates` makes its writes throw. */
class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failUpdates = false;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (this.failUpdates) throw new Error('the window went away');
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const ref = (id: string): JobRef => ({ kind: 'ice', id, region: 'cn-shanghai', params: {} });
const ok = (r: JobRef, status: JobStatus) => ({ ref: r, jobs: [{ ...blankJob(r.kind, r.region, r.id), status, rawStatus: status }], error: null });
const noTimer = () => ({ dispose: () => undefined });

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'media-jobs-list-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One window: its globalState (shared, as VS Code shares it), the list file's store, a job store over both. */
function windowOver(dir: string, globalState: MemoryKv): { list: FileKeyValueStore; store: JobStore } {
  const list = new FileKeyValueStore(nodeSnapshotDir(dir), globalState, [KEY]);
  const store = new JobStore(list, { key: KEY, backupKey: BACKUP, clock: () => NOW, schedule: noTimer, files: nodeSnapshotDir(join(dir, 'jobs')) });
  return { list, store };
}

test('migration: the list in globalState moves to the file on the first write, and only then leaves globalState', async () => {
  await withDir(async (dir) => {
    const A = ref('9c1e0a9b5d3f4e21a8c6f0b2d4e6a001');
    // Today's state: the version 2 list in globalState, as the extension saved it before this change.
    const gs = new MemoryKv();
    const legacy = new JobStore(gs, { key: KEY, clock: () => NOW, schedule: noTimer, files: nodeSnapshotDir(join(dir, 'jobs')) });
    legacy.add([A]);
    legacy.applyOutcomes([{ key: jobKey(A), outcome: ok(A, 'running') }], new Date(NOW));
    await legacy.flush();
    const saved = gs.get(KEY);
    assert.ok(saved, 'the old build saved its list in globalState');

    // A crash after the file was written but before globalState was cleared: both hold it, the file wins.
    gs.failUpdates = true;
    const w1 = windowOver(dir, gs);
    assert.equal(await w1.store.load(), null);
    assert.deepEqual(w1.store.all().map((t) => t.key), [jobKey(A)], 'read from globalState: nothing lost');
    w1.store.setWatched(jobKey(A), true);
    await assert.rejects(w1.store.flush(), /went away/);
    assert.ok(gs.get(KEY), 'globalState still holds the old list');
    const inFile = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as { jobs: Array<{ watched: boolean }> };
    assert.equal(inFile.jobs[0]!.watched, true, 'the file holds the new one');

    gs.failUpdates = false;
    const w2 = windowOver(dir, gs);
    assert.equal(await w2.store.load(), null);
    assert.equal(w2.store.get(jobKey(A))?.watched, true, 'after the crash the file wins over globalState');
    w2.store.setWatched(jobKey(A), false);
    await w2.store.flush();
    assert.equal(gs.get(KEY), undefined, 'once the file is written, globalState no longer carries the list');
    await w2.store.restored;
    assert.equal(w2.store.get(jobKey(A))?.snapshot?.status, 'running', 'the job file is as it was');
  });
});

test('two windows over one folder: each write merges what the other wrote first; focus (sync) shows it', async () => {
  await withDir(async (dir) => {
    const gs = new MemoryKv();
    const A = ref('9c1e0a9b5d3f4e21a8c6f0b2d4e6a001');
    const B = ref('9c1e0a9b5d3f4e21a8c6f0b2d4e6a002');
    const w1 = windowOver(dir, gs);
    const w2 = windowOver(dir, gs);
    await w1.store.load();
    await w2.store.load();
    w1.store.add([A]);
    await w1.store.flush();
    w2.store.add([B]);
    await w2.store.flush();
    const list = JSON.parse(await readFile(join(dir, FILE), 'utf8')) as { jobs: Array<{ ref: JobRef }> };
    assert.deepEqual(list.jobs.map((j) => j.ref.id).sort(), [A.id, B.id], "window 2's write kept window 1's job");
    assert.deepEqual(w1.store.all().map((t) => t.ref.id), [A.id]);
    await w1.store.sync();
    assert.deepEqual(w1.store.all().map((t) => t.ref.id).sort(), [A.id, B.id], 'window 1 sees window 2\'s job on focus');
    w2.store.remove([jobKey(A)]);
    await w2.store.flush();
    await w1.store.sync();
    assert.deepEqual(w1.store.all().map((t) => t.ref.id), [B.id], 'and its removal');
  });
});

test('refresh keeps the same object while the file is unchanged (the store skips a merge by identity)', async () => {
  await withDir(async (dir) => {
    const kv = new FileKeyValueStore(nodeSnapshotDir(dir), new MemoryKv(), [KEY]);
    await kv.update(KEY, { version: 2, jobs: [] });
    const first = kv.get(KEY);
    await kv.refresh();
    assert.equal(kv.get(KEY), first);
    await writeFile(join(dir, FILE), JSON.stringify({ version: 2, jobs: [], removed: [] }));
    await kv.refresh();
    assert.notEqual(kv.get(KEY), first);
    assert.deepEqual(kv.get(KEY), { version: 2, jobs: [], removed: [] });
  });
});

test('a list file that is not JSON is reported, kept under the backup key as its text, and replaced by a clean list', async () => {
  await withDir(async (dir) => {
    const gs = new MemoryKv();
    await writeFile(join(dir, FILE), '{"version":2,"jobs":[{"ref":');
    const w = windowOver(dir, gs);
    const problem = await w.store.load();
    assert.ok(problem, 'reported');
    assert.equal(problem.backupKey, BACKUP);
    assert.equal(gs.get(BACKUP), '{"version":2,"jobs":[{"ref":', 'the text as it was, in globalState (a backup is rare and small)');
    assert.deepEqual(JSON.parse(await readFile(join(dir, FILE), 'utf8')), { version: 2, jobs: [] });
  });
});

test('keys not given to it stay in the fallback (globalState); an absent file falls back too', async () => {
  await withDir(async (dir) => {
    const gs = new MemoryKv();
    gs.data.set('mediaJobs.recent', { window: 'x' });
    const kv = new FileKeyValueStore(nodeSnapshotDir(dir), gs, [KEY]);
    await kv.refresh();
    assert.deepEqual(kv.get('mediaJobs.recent'), { window: 'x' });
    await kv.update('mediaJobs.recent', { window: 'y' });
    assert.deepEqual(gs.get('mediaJobs.recent'), { window: 'y' });
    assert.equal(kv.get(KEY), undefined);
    await kv.update(KEY, { version: 2, jobs: [] });
    await kv.update(KEY, undefined);
    await kv.refresh();
    assert.equal(kv.get(KEY), undefined, 'a removed file is gone');
  });
});
