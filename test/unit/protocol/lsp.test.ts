/** The language server's custom messages are validated on receipt (both ends use these guards). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFindJobIdAtParams, isFindJobIdsParams, isJobIdHitInDocument, MAX_TRACKED_IDS, parseTrackedIds } from '../../../src/protocol/lsp.js';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 34 } };
const match = { range, id: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', kinds: ['ice', 'live-edge'], params: {}, region: 'cn-shanghai', needs: [], source: 'JobId' };

test('findJobIds / findJobIdAt params', () => {
  assert.ok(isFindJobIdsParams({ textDocument: { uri: 'file:///a.log' } }));
  assert.ok(isFindJobIdsParams({ textDocument: { uri: 'file:///a.log' }, ranges: [range] }));
  for (const bad of [null, {}, { textDocument: {} }, { textDocument: { uri: '' } }, { textDocument: { uri: 'x' }, ranges: [{ start: 1 }] },
    { textDocument: { uri: 'x' }, ranges: [{ start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }] }]) {
    assert.equal(isFindJobIdsParams(bad), false, JSON.stringify(bad));
  }
  assert.ok(isFindJobIdAtParams({ textDocument: { uri: 'file:///a.log' }, position: { line: 0, character: 0 } }));
  assert.equal(isFindJobIdAtParams({ textDocument: { uri: 'file:///a.log' }, position: { line: 0.5, character: 0 } }), false);
});

test('results: one JobIdHit shape, kinds named as in the CLI, only the known params', () => {
  assert.ok(isJobIdHitInDocument(match));
  assert.ok(isJobIdHitInDocument({ ...match, needs: ['clusterId'] }));
  const { region: _region, ...noRegion } = match;
  assert.ok(isJobIdHitInDocument(noRegion));
  assert.equal(isJobIdHitInDocument({ ...match, needs: ['password'] }), false);
  assert.equal(isJobIdHitInDocument({ ...match, needs: undefined }), false);
  assert.equal(isJobIdHitInDocument({ ...match, source: 1 }), false);
  assert.equal(isJobIdHitInDocument({ ...match, kinds: [] }), false);
  assert.equal(isJobIdHitInDocument({ ...match, kinds: ['ICE'] }), false);
  assert.equal(isJobIdHitInDocument({ ...match, params: { token: 'x' } }), false);
  assert.equal(isJobIdHitInDocument({ ...match, params: { region: 'cn-shanghai' } }), false, 'the region is not a parameter');
  assert.equal(isJobIdHitInDocument({ ...match, region: '' }), false);
  assert.equal(isJobIdHitInDocument({ ...match, id: '' }), false);
});

test('tracked ids: malformed entries are dropped, the rest kept, at most MAX_TRACKED_IDS', () => {
  assert.equal(parseTrackedIds({ refs: 'x' }), null);
  assert.equal(parseTrackedIds(null), null);
  const ok = { kind: 'vod', id: 'b1b65ab107e14c0e8f3dbb900f6c1f01', region: 'cn-shanghai', params: {} };
  assert.deepEqual(parseTrackedIds({ refs: [ok, { ...ok, kind: 'nope' }, { ...ok, id: 'a b' }, { ...ok, params: { region: 'x' } }, 42] }), [ok]);
  const many = Array.from({ length: MAX_TRACKED_IDS + 5 }, (_, i) => ({ ...ok, id: `id-${i}-aaaaaaaa` }));
  assert.equal(parseTrackedIds({ refs: many })!.length, MAX_TRACKED_IDS);
});
