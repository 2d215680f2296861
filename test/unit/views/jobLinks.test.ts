/**
 * CodeLens refreshes only when a store change touches an id a lens shows, and the store finds jobs by id through
 * its index (the same answers as a scan, kept current across changes).
 */
import './fakeVscode.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { JobStore } from '../../../src/tracking/jobStore.js';
import { touchesShown } from '../../../src/views/jobLinks.js';

const memoryKv = () => {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) };
};
const ref = (kind: JobRef['kind'], id: string, params: JobRef['params'] = {}): JobRef => ({ kind, id, region: 'cn-shanghai', params });
const ICE = ref('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801');
const VOD = ref('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f01');
const CASTER = '53200b81-b761-4c10-842a-a0726d970001';
const TASK = ref('live-editing', '42200b81-0c1d-4e5f-8a9b-000000000001', { casterId: CASTER });

test('a store change refreshes the lenses only when it touches an id they show (tracked, removed or a caster of a task)', () => {
  const store = new JobStore(memoryKv(), { schedule: () => ({ dispose: () => undefined }) });
  store.add([ICE, VOD, TASK]);
  const shown = new Map([['file:///a.log', new Set([ICE.id, CASTER])]]);
  assert.equal(touchesShown(store, [jobKey(VOD)], shown), false, 'a job no lens names');
  assert.equal(touchesShown(store, [jobKey(VOD), jobKey(ICE)], shown), true);
  assert.equal(touchesShown(store, [jobKey(TASK)], shown), true, 'a task of a caster a lens names');
  store.remove([jobKey(ICE)]);
  assert.equal(touchesShown(store, [jobKey(ICE)], shown), true, 'a removed job, by its key');
  assert.equal(touchesShown(store, [jobKey(VOD)], new Map()), false, 'no lens shown: nothing to refresh');
});

test('findById answers from its index what a scan would, also after adds, removals and polls', () => {
  const store = new JobStore(memoryKv(), { schedule: () => ({ dispose: () => undefined }) });
  const scan = (id: string) => store.all().filter((t) => t.ref.id === id || t.ref.params.casterId === id || t.snapshot?.id === id).map((t) => t.key);
  store.add([ICE, TASK]);
  assert.deepEqual(store.findById(ICE.id).map((t) => t.key), [jobKey(ICE)]);
  assert.deepEqual(store.findById(CASTER).map((t) => t.key), scan(CASTER));
  store.add([VOD]);
  assert.deepEqual(store.findById(VOD.id).map((t) => t.key), [jobKey(VOD)], 'a job added after the index was built');
  store.setWatched(jobKey(VOD), true);
  assert.equal(store.findById(VOD.id)[0]!.watched, true, 'the current entry, not the one indexed');
  store.remove([jobKey(ICE)]);
  assert.deepEqual(store.findById(ICE.id), []);
  assert.deepEqual(store.findById('nothing'), []);
});
