import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPrefs, MAX_CLUSTERS_PER_ACCOUNT, readPrefs, RECENT_PREFS_KEY, RecentPrefsStore } from '../../../src/tracking/recentPrefs.js';
import { DEFAULT_WINDOW } from '../../../src/present/recentWindow.js';

function memento(initial?: unknown) {
  const data = new Map<string, unknown>(initial === undefined ? [] : [[RECENT_PREFS_KEY, initial]]);
  return { data, get: (k: string) => data.get(k), update: async (k: string, v: unknown) => { data.set(k, JSON.parse(JSON.stringify(v))); } };
}

test('nothing saved: the defaults (24 h, every status, the default regions, no clusters)', () => {
  assert.deepEqual(readPrefs(undefined), defaultPrefs());
  assert.deepEqual(defaultPrefs(), { window: DEFAULT_WINDOW, status: null, regions: {}, clusters: {} });
});

test('a corrupt or hand-edited value falls back field by field and never throws', () => {
  const p = readPrefs({
    window: { type: 'last', ms: 'x' }, status: 'exploded',
    regions: { ice: ['cn-shanghai', 'not a region', 'cn-shanghai', 7], vod: 'cn-beijing', bogus: ['cn-hangzhou'] },
    clusters: { 'aliyun/default': ['c-1', '', 'c 2', 'c-1'], '../etc': ['c-3'], 'huawei/x': 'c-4' },
  });
  assert.deepEqual(p, { window: DEFAULT_WINDOW, status: null, regions: { ice: ['cn-shanghai'] }, clusters: { 'aliyun/default': ['c-1'] } });
  for (const bad of [null, 42, 'x', [], { regions: null, clusters: [] }]) assert.deepEqual(readPrefs(bad), defaultPrefs());
});

test('updates are saved and read back in a new session; lists stay bounded', async () => {
  const m = memento();
  const store = new RecentPrefsStore(m);
  await store.update((p) => {
    p.window = { type: 'last', ms: 3_600_000 };
    p.status = 'failed';
    p.clusters['aliyun/default'] = Array.from({ length: MAX_CLUSTERS_PER_ACCOUNT + 5 }, (_, i) => `cluster-${i}`);
  });
  const again = new RecentPrefsStore(m);
  assert.equal(again.current.status, 'failed');
  assert.deepEqual(again.current.window, { type: 'last', ms: 3_600_000 });
  assert.equal(again.current.clusters['aliyun/default']!.length, MAX_CLUSTERS_PER_ACCOUNT);
});
