/**
 * Chain "persist", window 2 of 3 (VS Code restarted on the same user-data-dir and browser profile): the tracked
 * jobs are back as saved (ids, snapshots, the watched flag) and shown; then garbage is written over the saved
 * list file for window 3.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { hasHarness, screenshot } from '../helpers.js';
import { SAMPLE_IDS, showView, shownTree, testApi, type TestApi } from '../jobs.js';
import { GARBAGE, expectedStateFile } from './persist.js';

suite('persist-2: after a restart', () => {
  let api: TestApi;

  test('the tracked jobs are back: ids, snapshots and the watched flag', async () => {
    api = await testApi();
    assert.equal(api.loadProblem(), null, 'the saved state was read without a problem');
    assert.equal(api.settings().pollIntervalMs, 3_600_000, 'the User setting of window 1 is back too');
    const expected = JSON.parse(readFileSync(expectedStateFile(), 'utf8')) as ReturnType<TestApi['store']['serialize']>;
    const now = api.store.serialize();
    assert.deepEqual(now.jobs.map((j) => `${j.ref.kind} ${j.ref.id}`), expected.jobs.map((j) => `${j.ref.kind} ${j.ref.id}`), 'the same jobs, in order');
    assert.deepEqual(now, expected, 'snapshots, errors, times and flags as saved');
    assert.deepEqual(api.store.all().filter((t) => t.watched).map((t) => t.ref.id), [SAMPLE_IDS.ice.processing], 'the watched job is still watched');
    for (const t of api.store.all()) {
      assert.ok(t.snapshot, `${t.ref.id} has its snapshot`);
      assert.equal(t.snapshot.raw, null, 'restored snapshots carry no raw response');
    }
    const statuses = Object.fromEntries(api.store.all().map((t) => [t.ref.id, t.snapshot?.status]));
    assert.deepEqual(statuses, {
      [SAMPLE_IDS.ice.processing]: 'running',
      [SAMPLE_IDS.ice.succeeded]: 'succeeded',
      [SAMPLE_IDS.liveEdge.running]: 'running',
      [SAMPLE_IDS.mpc.waiting]: 'queued',
    });
    const tree = await shownTree(api);
    assert.deepEqual(tree.map((r) => r.label), ['Alibaba Cloud (3)', 'Huawei Cloud (1)']);
    const watchedRow = tree[0]!.children.flatMap((g) => g.children).find((r) => r.node.type === 'job' && r.node.job.ref.id === SAMPLE_IDS.ice.processing);
    assert.match(watchedRow?.contextValue ?? '', /;active;watched;/, 'the menus offer Stop Watching');
    if (hasHarness()) {
      await showView(api);
      // The group row, which only the tree shows (a job's short id can also sit in hidden text, e.g. an aria label).
      await screenshot('persist-restored', { waitForText: 'Huawei Cloud (1)', timeoutMs: 20_000 });
    }
  });

  test('then garbage is written over the saved state', async () => {
    writeFileSync(api.listFile, JSON.stringify(GARBAGE));
    assert.deepEqual(JSON.parse(readFileSync(api.listFile, 'utf8')), GARBAGE);
  });
});
