import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job } from '../../../src/model/job.js';
import { asTracked, recentJobLook, recentJobTooltip, sourceDescription, sourceId, sourceLabel, sourceTail, sourceTooltip } from '../../../src/present/recentNodes.js';
import { jobKey } from '../../../src/kinds/refs.js';

const NOW = Date.parse('2026-12-03T12:00:00Z');

function job(over: Partial<Job>): Job {
  return { ...blankJob('ice', 'cn-shanghai', '4f3c1a2b9d8e7f6a5b4c3d2e1f0a9b8c'), ...over };
}

test('a listed job row looks like a tracked row and leads with its status (no status group above it)', () => {
  const j = job({ status: 'failed', rawStatus: 'Failed', name: 'promo-cut.mp4', error: { code: 'InvalidParameter', message: 'bad timeline' }, createdAt: '2026-12-03T10:00:00Z', startedAt: '2026-12-03T10:00:00Z', completedAt: '2026-12-03T10:03:00Z' });
  const look = recentJobLook(j, false, NOW, 'en-US');
  assert.equal(look.label, 'promo-cut.mp4');
  assert.match(look.description, /^failed · InvalidParameter · took 3 min · Dec 3, 10:00 · 4f3c1a2b…/);
  assert.equal(look.icon, 'error');
  assert.equal(look.contextValue, 'recentJob;kind-ice;status-failed;untracked;');
  const tracked = recentJobLook(j, true, NOW, 'en-US');
  assert.match(tracked.description, / · tracked$/);
  assert.match(tracked.contextValue, /;tracked;$/);
});

test('running rows spin, a kind\'s own status word is said once, hostile names stay one plain line', () => {
  const running = recentJobLook(job({ status: 'running', rawStatus: 'Processing', progress: 40 }), false, NOW);
  assert.equal(running.icon, 'sync~spin');
  assert.match(running.description, /^running · 40 %/);
  const edge = recentJobLook({ ...blankJob('live-edge', 'cn-shanghai', 'e-1'), status: 'stopped', rawStatus: '0', params: { clusterId: 'c-1' } }, false, NOW);
  assert.equal(edge.description.split('not started').length, 2, `"${edge.description}" says "not started" once`);
  const hostile = recentJobLook(job({ status: 'succeeded', name: 'evil\u202e\nname $(alert) [x](command:y)' }), false, NOW);
  assert.doesNotMatch(hostile.label, /[\n\u202e]/);
  assert.doesNotMatch(hostile.label, /\]\(/);
});

test('a listed job becomes the same reference tracking it would (so it is recognised as tracked)', () => {
  const j = { ...blankJob('live-editing', 'cn-shanghai', 'show-1'), params: { casterId: 'caster-1', showId: 'show-1' } };
  const t = asTracked(j, new Date(NOW).toISOString());
  assert.deepEqual(t.ref, { kind: 'live-editing', id: 'show-1', region: 'cn-shanghai', params: { casterId: 'caster-1' } });
  assert.notEqual(t.key, jobKey(t.ref), 'a listed row never shares a tracked job\'s key');
});

test('the tooltip has the tracked facts without a "last checked" line, and says whether it is tracked', () => {
  const j = job({ status: 'succeeded', createdAt: '2026-12-03T10:00:00Z' });
  const md = recentJobTooltip(j, false, NOW);
  assert.match(md, /Created: 2026-12-03 10:00:00 UTC/);
  assert.doesNotMatch(md, /Last checked/);
  assert.match(md, /Listed, not tracked/);
  assert.match(recentJobTooltip(j, true, NOW), /_Tracked:/);
});

test('sources: label, region, count once loaded, and the API and note in the tooltip', () => {
  const spec = { kind: 'mpc-editing' as const, region: 'cn-north-4', clusterId: null };
  assert.equal(sourceId(spec), 'recent/mpc-editing/cn-north-4');
  assert.equal(sourceLabel(spec), 'MPC editing jobs');
  assert.equal(sourceDescription(spec, null), 'cn-north-4');
  assert.equal(sourceDescription(spec, { count: 50, more: true }), 'cn-north-4 · 50+ jobs');
  assert.equal(sourceDescription(spec, { count: 1, more: false }), 'cn-north-4 · 1 job');
  const tip = sourceTooltip(spec, { apis: ['mpc:ListEditingJob'], note: 'unconfirmed against the live service' });
  assert.match(tip, /`mpc:ListEditingJob`/);
  assert.match(tip, /unconfirmed/);
  assert.match(tip, /never in the background/);
  const cluster = { kind: 'live-edge' as const, region: 'cn-shanghai', clusterId: 'c-9' };
  assert.equal(sourceId(cluster), 'recent/live-edge/cn-shanghai/c-9');
  assert.equal(sourceLabel(cluster), 'cluster c-9');
});

test('under the jobs: loading, Load more, nothing in the window, or one error row with its hint', () => {
  const f = { window: 'last 24 h', status: null };
  assert.deepEqual(sourceTail('loading', 0, false, null, f), { label: 'Loading…', icon: 'loading~spin', action: null });
  assert.equal(sourceTail('ready', 50, true, null, f), 'more');
  assert.equal(sourceTail('ready', 3, false, null, f), null);
  assert.equal((sourceTail('ready', 0, false, null, { window: 'last 7 d', status: 'failed' }) as { label: string }).label, 'No job failed in the last 7 d');
  const e = { kind: 'api' as const, code: 'Forbidden.RAM', message: 'User not authorized to operate on the specified resource.', hint: 'grant ice:ListMediaProducingJobs', at: '' };
  const row = sourceTail('error', 2, false, e, f) as Exclude<ReturnType<typeof sourceTail>, 'more' | null>;
  assert.equal(row.icon, 'error');
  assert.equal(row.action, 'retry');
  assert.equal(row.description, 'Forbidden.RAM');
  assert.match(row.tooltip!, /Hint: grant ice\\:ListMediaProducingJobs/);
  const creds = sourceTail('error', 0, false, { ...e, kind: 'credentials', code: 'NoCredentials' }, f) as Exclude<ReturnType<typeof sourceTail>, 'more' | null>;
  assert.equal(creds.action, 'credentials');
  assert.equal(creds.icon, 'key');
});

test('a batch (quick video production) job says so and offers no Track; a sub-job names its batch', () => {
  const batch = recentJobLook(job({ status: 'succeeded', batch: { role: 'batch', jobType: 'Script', subJobCount: 3 } }), false, NOW);
  assert.match(batch.description, /^succeeded · batch Script · 3 sub-jobs/, 'the mark right after the status, before a long description cuts it');
  assert.match(batch.contextValue, /;batch;$/);
  const sub = recentJobLook(job({ status: 'succeeded', batch: { role: 'sub', parentId: '8750b54e3c3a49a1b9d8f2c3b4a5d6e7' } }), false, NOW);
  assert.match(sub.description, /sub-job of 8750b54e…/);
  assert.match(sub.contextValue, /;untracked;$/);
  const under = recentJobLook(job({ status: 'succeeded', batch: { role: 'sub', parentId: '8750b54e3c3a49a1b9d8f2c3b4a5d6e7' } }), false, NOW, 'en', { underParent: true });
  assert.doesNotMatch(under.description, /sub-job of/, 'under its batch row the mark says nothing new');
});
