import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCasterRef, jobKey, parseJobKey, refOfHit, refOfJob, validateId } from '../../../src/kinds/refs.js';
import { isTerminal, type Job, type JobKind, type JobParams } from '../../../src/model/job.js';
import { type JobIdHit } from '../../../src/model/jobIdHit.js';

test('ids with spaces, slashes, control characters or absurd length are refused', () => {
  assert.equal(validateId('a1b2c3d4e5f60718293a4b5c6d7e8f90'), null);
  assert.equal(validateId('53200b81-b761-4c10-842a-a0726d970000'), null);
  assert.match(validateId('a b')!, /space/);
  assert.match(validateId('a/b')!, /character/);
  assert.match(validateId('a\u0000b')!, /control/);
  assert.match(validateId('a\tb')!, /control/);
  assert.match(validateId('x'.repeat(129))!, /129 characters/);
  assert.match(validateId('')!, /empty/);
  assert.match(validateId('a&Action=Delete')!, /character/);
});

test('terminal statuses', () => {
  assert.deepEqual(['queued', 'running', 'succeeded', 'failed', 'partial', 'stopped', 'unknown'].map((s) => isTerminal(s as never)),
    [false, false, true, true, true, false, false]);
});

test('parseJobKey reads a jobKey back; anything else is null', () => {
  const ref = { kind: 'live-editing' as const, id: 'show-1', region: 'cn-shanghai', params: { casterId: 'caster-1' } };
  assert.deepEqual(parseJobKey(jobKey(ref)), ref);
  const edge = { kind: 'live-edge' as const, id: 'e1', region: '', params: { clusterId: 'c1' } };
  assert.deepEqual(parseJobKey(jobKey(edge)), edge);
  for (const bad of ['', 'ice', 'nope|r|id|||', 'ice|r||||', 'ice|r|a|b|c|d|e']) assert.equal(parseJobKey(bad), null, bad);
});

test('refOfHit: the kind\'s parameters found with the id, or the one to ask for', () => {
  const hit = (h: Partial<JobIdHit>): JobIdHit => ({ id: 'x1', kinds: ['ice'], params: {}, needs: [], source: 'JobId', ...h });
  // Parameters of other kinds are not kept.
  assert.deepEqual(refOfHit(hit({ params: { clusterId: 'c', projectId: 'p' } }), 'ice', 'cn-shanghai'),
    { ref: { kind: 'ice', id: 'x1', region: 'cn-shanghai', params: {} }, missing: [] });
  assert.deepEqual(refOfHit(hit({ params: { clusterId: 'c', projectId: 'p' } }), 'mpc-editing', '').ref?.params, { projectId: 'p' });
  // An edge job always needs its ClusterId.
  const edge = refOfHit(hit({}), 'live-edge', '');
  assert.equal(edge.ref, null);
  assert.deepEqual(edge.missing.map((m) => [m.name, m.prompt, m.why]), [['clusterId', 'ClusterId of the edge transcode job', 'an edge transcode job needs its ClusterId']]);
  assert.deepEqual(refOfHit(hit({ params: { clusterId: 'c' } }), 'live-edge', '').ref?.params, { clusterId: 'c' });
  // A ShowId needs its CasterId (only when the detector says so); a caster keeps its ShowId; a task only its CasterId.
  const show = refOfHit(hit({ needs: ['casterId'] }), 'live-editing', '');
  assert.deepEqual(show.missing.map((m) => m.prompt), ['CasterId of the production studio that ShowId x1 belongs to']);
  assert.deepEqual(refOfHit(hit({ needs: ['casterId'], params: { casterId: 'k' } }), 'live-editing', '').ref?.params, { casterId: 'k' });
  assert.deepEqual(refOfHit(hit({ params: { showId: 's' } }), 'live-editing', '').ref?.params, { showId: 's' });
  assert.deepEqual(refOfHit(hit({ params: { showId: 's', casterId: 'k' } }), 'live-editing', '').ref?.params, { casterId: 'k' });
  assert.deepEqual(refOfHit(hit({}), 'live-editing', '').ref?.params, {});
});

test('refOfJob and isCasterRef: a task keeps its caster, a caster reference has none', () => {
  const job = (kind: JobKind, params: JobParams) => ({ kind, id: 'j', region: 'cn-shanghai', params }) as unknown as Job;
  assert.deepEqual(refOfJob(job('live-editing', { casterId: 'k', showId: 's' })).params, { casterId: 'k' });
  assert.deepEqual(refOfJob(job('live-editing', { showId: 's' })).params, {});
  assert.deepEqual(refOfJob(job('live-edge', { clusterId: 'c', casterId: 'k' })).params, { clusterId: 'c' });
  assert.deepEqual(refOfJob(job('mpc-editing', { projectId: 'p' })).params, { projectId: 'p' });
  assert.deepEqual(refOfJob(job('ice', { projectId: 'p' })).params, {});
  assert.equal(isCasterRef({ kind: 'live-editing', id: 'k', region: '', params: {} }), true);
  assert.equal(isCasterRef({ kind: 'live-editing', id: 's', region: '', params: { casterId: 'k' } }), false);
  assert.equal(isCasterRef({ kind: 'ice', id: 'k', region: '', params: {} }), false);
});
