import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { JOB_STATUSES, type Job, type JobKind, type JobParams, type JobStatus } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { groupJobs, type GroupNode, jobNodeId, matchesFilter, orderTime, showAccounts, STATUS_ORDER, type TreeNode, walkTree } from '../../../src/present/grouping.js';
import { effectiveStatus } from '../../../src/present/status.js';
import { refOfJob } from '../../../src/kinds/refs.js';
import { trackedErrorFrom } from '../../../src/tracking/trackedError.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { ApiError, BadResponseError, NetworkError } from '../../../src/clouds/errors.js';

function tracked(kind: JobKind, id: string, status: JobStatus | null, extra: { updatedAt?: string; addedAt?: string; name?: string; params?: JobParams; rawStatus?: string } = {}): TrackedJob {
  const region = kind === 'mpc-editing' ? 'cn-north-4' : 'cn-shanghai';
  const ref: JobRef = { kind, id, region, params: extra.params ?? {} };
  let snapshot: Job | null = null;
  if (status) {
    snapshot = { ...blankJob(kind, region, id), status, rawStatus: extra.rawStatus ?? status, name: extra.name ?? null, updatedAt: extra.updatedAt ?? null, params: ref.params };
  }
  return {
    key: jobKey(ref), ref, snapshot, lastError: null, addedAt: extra.addedAt ?? '2024-06-01T00:00:00Z',
    lastCheckedAt: null, watched: false,
  };
}

const groups = (nodes: readonly TreeNode[]): GroupNode[] => nodes.filter((n): n is GroupNode => n.type === 'group');
const labels = (nodes: readonly TreeNode[]): string[] => nodes.map((n) => (n.type === 'group' ? n.label : n.id));

const JOBS: TrackedJob[] = [
  tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01', 'running'),
  tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a805', 'succeeded', { updatedAt: '2024-06-01T10:00:00Z' }),
  tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a804', 'running', { updatedAt: '2024-06-01T09:00:00Z' }),
  tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f02', 'running', { updatedAt: '2024-06-01T11:00:00Z' }),
  tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a806', 'failed'),
  tracked('live-edge', 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b02', 'stopped', { params: { clusterId: 'edge-cluster-sh-01' } }),
  tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a80a', 'unknown', { rawStatus: 'Suspended' }),
  tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f03', 'partial'),
  tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a803', 'queued'),
  tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a09', null), // never fetched: unknown
];

test('cloud first: clouds aliyun then huawei, statuses in STATUS_ORDER, counts in labels, empty groups left out', () => {
  const tree = groupJobs(JOBS, 'cloud');
  assert.deepEqual(labels(tree), ['Alibaba Cloud (8)', 'Huawei Cloud (2)']);
  const aliyun = groups(tree)[0]!;
  assert.equal(aliyun.id, 'cloud:aliyun');
  assert.equal(aliyun.parentId, null);
  assert.equal(aliyun.count, 8);
  assert.deepEqual(labels(aliyun.children), [
    'Running (2)', 'Queued (1)', 'Failed (1)', 'Partly Failed (1)', 'Succeeded (1)', 'Stopped (1)', 'Unknown (1)',
  ]);
  assert.deepEqual(groups(aliyun.children).map((g) => g.id), [
    'cloud:aliyun/status:running', 'cloud:aliyun/status:queued', 'cloud:aliyun/status:failed', 'cloud:aliyun/status:partial',
    'cloud:aliyun/status:succeeded', 'cloud:aliyun/status:stopped', 'cloud:aliyun/status:unknown',
  ]);
  assert.ok(groups(aliyun.children).every((g) => g.parentId === 'cloud:aliyun' && g.level === 'status'));
  const huawei = groups(tree)[1]!;
  assert.deepEqual(labels(huawei.children), ['Running (1)', 'Unknown (1)']);
});

test('jobs in a group are ordered newest first by when they reached their status, falling back to addedAt', () => {
  const withTimes = (id: string, status: JobStatus, times: Partial<Job>): TrackedJob => {
    const t = tracked('ice', id, status);
    return { ...t, snapshot: { ...t.snapshot!, ...times } };
  };
  const older = withTimes('7c1e0a9b5d3f4e21a8c6f0b2d4e6a811', 'running', { createdAt: '2024-06-01T09:00:00Z', updatedAt: '2024-06-01T11:59:00Z' });
  const newer = withTimes('7c1e0a9b5d3f4e21a8c6f0b2d4e6a812', 'running', { createdAt: '2024-06-01T10:00:00Z', updatedAt: '2024-06-01T10:00:00Z' });
  const running = groups(groups(groupJobs([older, newer], 'cloud'))[0]!.children)[0]!;
  // The older job's recent update (its progress) does not move it above the newer one.
  assert.deepEqual(running.children.map((n) => n.type === 'job' && n.job.ref.id), [newer.ref.id, older.ref.id]);
  assert.ok(running.children.every((n) => n.type === 'job' && n.parentId === running.id));
  assert.equal(orderTime(older), Date.parse('2024-06-01T09:00:00Z'));

  // Finished jobs: by completion.
  const doneEarly = withTimes('7c1e0a9b5d3f4e21a8c6f0b2d4e6a813', 'succeeded', { createdAt: '2024-06-01T11:00:00Z', completedAt: '2024-06-01T11:10:00Z' });
  const doneLate = withTimes('7c1e0a9b5d3f4e21a8c6f0b2d4e6a814', 'succeeded', { createdAt: '2024-06-01T08:00:00Z', completedAt: '2024-06-01T12:00:00Z' });
  const done = groups(groups(groupJobs([doneEarly, doneLate], 'cloud'))[0]!.children)[0]!;
  assert.deepEqual(done.children.map((n) => n.type === 'job' && n.job.ref.id), [doneLate.ref.id, doneEarly.ref.id]);

  const a = tracked('ice', 'aaaaaaaa1', null, { addedAt: '2024-06-01T00:00:00Z' });
  const b = tracked('ice', 'bbbbbbbb2', null, { addedAt: '2024-06-02T00:00:00Z' });
  const unknown = groups(groups(groupJobs([a, b], 'cloud'))[0]!.children)[0]!;
  assert.deepEqual(unknown.children.map((n) => n.id), [jobNodeId(b.key), jobNodeId(a.key)]);
});

test('status first: statuses on top, clouds below, ids status:x and status:x/cloud:y', () => {
  const tree = groupJobs(JOBS, 'status');
  assert.deepEqual(labels(tree), ['Running (3)', 'Queued (1)', 'Failed (1)', 'Partly Failed (1)', 'Succeeded (1)', 'Stopped (1)', 'Unknown (2)']);
  const running = groups(tree)[0]!;
  assert.equal(running.id, 'status:running');
  assert.equal(running.status, 'running');
  assert.deepEqual(groups(running.children).map((g) => [g.id, g.label]), [
    ['status:running/cloud:aliyun', 'Alibaba Cloud (2)'],
    ['status:running/cloud:huawei', 'Huawei Cloud (1)'],
  ]);
});

test('ids are stable: a refresh keeps them, and a job keeps its id when its status changes group', () => {
  const before = groupJobs(JOBS, 'cloud');
  const again = groupJobs(JOBS.map((j) => ({ ...j })), 'cloud');
  assert.deepEqual([...walkTree(before)].map((n) => n.id), [...walkTree(again)].map((n) => n.id));

  const moving = JOBS[2]!; // ice running
  const done: TrackedJob = { ...moving, snapshot: { ...moving.snapshot!, status: 'succeeded' } };
  const after = groupJobs(JOBS.map((j) => (j === moving ? done : j)), 'cloud');
  const find = (nodes: readonly TreeNode[], id: string) => [...walkTree(nodes)].find((n) => n.id === id);
  const nodeBefore = find(before, jobNodeId(moving.key));
  const nodeAfter = find(after, jobNodeId(moving.key));
  assert.ok(nodeBefore && nodeAfter);
  assert.equal(nodeBefore.type === 'job' && nodeBefore.parentId, 'cloud:aliyun/status:running');
  assert.equal(nodeAfter.type === 'job' && nodeAfter.parentId, 'cloud:aliyun/status:succeeded');
  // Every job appears exactly once.
  const jobIds = [...walkTree(after)].filter((n) => n.type === 'job').map((n) => n.id);
  assert.equal(new Set(jobIds).size, JOBS.length);
  // The running group shrank, the succeeded one grew; both keep their ids.
  assert.equal((find(after, 'cloud:aliyun/status:running') as GroupNode).label, 'Running (1)');
  assert.equal((find(after, 'cloud:aliyun/status:succeeded') as GroupNode).label, 'Succeeded (2)');
});

test('filter by text (id, name, kind, region, raw status, cluster) and by status, counts follow the filter', () => {
  const named = tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a899', 'running', { name: 'Summer-Promo.mp4' });
  const jobs = [...JOBS, named];
  assert.ok(matchesFilter(named, { text: 'summer-promo' }));
  assert.ok(matchesFilter(named, { text: '  6A899 ' }));
  assert.ok(matchesFilter(JOBS[6]!, { text: 'suspended' }));
  assert.ok(matchesFilter(JOBS[5]!, { text: 'edge-cluster' }));
  assert.ok(matchesFilter(JOBS[0]!, { text: 'cn-north' }));
  assert.ok(matchesFilter(JOBS[0]!, { text: 'MPC-EDITING' }));
  assert.ok(!matchesFilter(named, { text: 'nothing-like-this' }));
  assert.ok(matchesFilter(named, undefined));
  assert.ok(matchesFilter(named, { text: '', statuses: [] }));

  const tree = groupJobs(jobs, 'cloud', { statuses: ['running', 'failed'] });
  assert.deepEqual(labels(tree), ['Alibaba Cloud (4)', 'Huawei Cloud (1)']);
  assert.deepEqual(labels(groups(tree)[0]!.children), ['Running (3)', 'Failed (1)']);

  const both = groupJobs(jobs, 'status', { text: 'promo', statuses: ['running'] });
  assert.deepEqual(labels(both), ['Running (1)']);
  assert.equal(groupJobs(jobs, 'cloud', { text: 'zzz-no-match' }).length, 0);
  // A never-fetched job counts as unknown for the status filter.
  assert.ok(matchesFilter(JOBS[9]!, { statuses: ['unknown'] }));
  assert.equal(effectiveStatus(JOBS[9]!), 'unknown');
});

test('STATUS_ORDER covers every status once', () => {
  assert.equal(STATUS_ORDER.length, JOB_STATUSES.length);
  assert.deepEqual([...STATUS_ORDER].sort(), [...JOB_STATUSES].sort());
});

test('refOfJob gives the reference that fetches exactly that job again', () => {
  const show = { ...blankJob('live-editing', 'cn-shanghai', '42200b81-0c1d-4e5f-8a9b-000000000001'), params: { casterId: '53200b81-b761-4c10-842a-a0726d970001' } };
  assert.deepEqual(refOfJob(show), { kind: 'live-editing', id: '42200b81-0c1d-4e5f-8a9b-000000000001', region: 'cn-shanghai', params: { casterId: '53200b81-b761-4c10-842a-a0726d970001' } });
  const edge = { ...blankJob('live-edge', 'cn-beijing', 'e7d1'), params: { clusterId: 'edge-cluster-sh-01' } };
  assert.deepEqual(refOfJob(edge).params, { clusterId: 'edge-cluster-sh-01' });
  const mpc = { ...blankJob('mpc-editing', 'cn-north-4', '5f3c'), params: { projectId: 'p1234567' } };
  assert.deepEqual(refOfJob(mpc).params, { projectId: 'p1234567' });
  const ice = { ...blankJob('ice', 'cn-shanghai', 'abc'), params: { clusterId: 'stray' } };
  assert.deepEqual(refOfJob(ice).params, {});
});

test('trackedErrorFrom keeps kind, the most specific code, message and hint', () => {
  const at = new Date('2024-06-01T00:00:00Z');
  const api = new ApiError('aliyun', 'ice:GetMediaProducingJob', 'Throttling.User', 'Request was denied due to user flow control.', 400, 'req-1');
  api.hint = 'slow down';
  assert.deepEqual(trackedErrorFrom(api, at), {
    kind: 'api', code: 'Throttling.User', message: 'Request was denied due to user flow control.', hint: 'slow down', at: '2024-06-01T00:00:00.000Z',
  });
  assert.equal(trackedErrorFrom(new NetworkError('x', 'ECONNRESET', 'reset'), at).code, 'ECONNRESET');
  assert.equal(trackedErrorFrom(new BadResponseError('x', 502, 'text/html', 'proxy page', null), at).code, 'HTTP 502');
});

// ---- Several accounts: Cloud → Account → Status ------------------------------------------------------------------

const withAccount = (t: TrackedJob, profile?: string): TrackedJob => (profile ? { ...t, ref: { ...t.ref, profile } } : t);
const accountOf = (t: TrackedJob): string => t.ref.profile ?? 'default';
const ACCOUNTS_JOBS: TrackedJob[] = [
  withAccount(tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a805', 'succeeded')), // saved before profiles: "default"
  withAccount(tracked('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a804', 'running'), 'customer'),
  withAccount(tracked('vod', 'b1b65ab107e14c0e8f3dbb900f6c1f02', 'running'), 'default'),
  withAccount(tracked('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01', 'running'), 'default'),
];

test('auto: a cloud whose jobs belong to two accounts gets an Account level, default account first; one account keeps today\'s tree', () => {
  const tree = groupJobs(ACCOUNTS_JOBS, 'cloud', undefined, {
    of: accountOf, show: (_c, jobs) => showAccounts('auto', jobs, accountOf), defaultOf: () => 'default',
  });
  const [aliyun, huawei] = groups(tree);
  assert.deepEqual(labels(aliyun!.children), ['default (2)', 'customer (1)']);
  const [def, customer] = groups(aliyun!.children);
  assert.equal(def!.level, 'account');
  assert.equal(def!.id, 'cloud:aliyun/account:default');
  assert.deepEqual(labels(def!.children), ['Running (1)', 'Succeeded (1)']);
  assert.deepEqual(labels(customer!.children), ['Running (1)']);
  // Huawei Cloud: one account, so the tree is as it was (Cloud → Status).
  assert.deepEqual(labels(huawei!.children), ['Running (1)']);
  // Without account grouping: exactly today's tree.
  assert.deepEqual(labels(groups(groupJobs(ACCOUNTS_JOBS, 'cloud'))[0]!.children), ['Running (2)', 'Succeeded (1)']);
});

test('always: an Account level even for one account; status grouping puts accounts under each cloud', () => {
  const always = { of: accountOf, show: (_c: unknown, jobs: readonly TrackedJob[]) => showAccounts('always', jobs, accountOf) };
  const huawei = groups(groupJobs(ACCOUNTS_JOBS, 'cloud', undefined, always))[1]!;
  assert.deepEqual(labels(huawei.children), ['default (1)']);
  const running = groups(groupJobs(ACCOUNTS_JOBS, 'status', undefined, always))[0]!;
  assert.equal(running.label, 'Running (3)');
  const aliyunRunning = groups(running.children)[0]!;
  assert.deepEqual(labels(aliyunRunning.children), ['customer (1)', 'default (1)']);
  assert.equal(showAccounts('never', ACCOUNTS_JOBS, accountOf), false);
});
