/**
 * Track a Job… numbers every prompt, with the right total for the kind (kind, ids, [ClusterId | project id],
 * region), and a command run from the palette uses the job rows selected in the visible view instead of asking.
 */
import '../views/fakeVscode.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type CommandDeps } from '../../../src/commands/deps.js';
import { resolveJobs, selectedJobs } from '../../../src/commands/jobArgs.js';
import { trackJobCommand, trackStepTitle, trackSteps } from '../../../src/commands/track.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type JobKind } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TreeNode } from '../../../src/present/grouping.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';

const IDS: Record<JobKind, string> = {
  ice: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801',
  vod: 'b1b65ab107e14c0e8f3dbb900f6c1f01',
  'live-editing': '53200b81-b761-4c10-842a-a0726d970001',
  'live-edge': 'e7d1c4b2-9a8f-4e3d-b2c1-0f9e8d7c6b01',
  'mpc-editing': '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a01',
};

/** Deps where every prompt answers and records its title; tracking does nothing. */
function promptDeps(kind: JobKind, titles: string[]): CommandDeps {
  const answers: Record<string, string> = { ids: IDS[kind], cluster: 'edge-cluster-sh-01', project: '', region: '' };
  return {
    prompter: {
      pick: async (items: ReadonlyArray<{ jobKind?: JobKind }>, o: { title?: string }) => {
        titles.push(o.title ?? '');
        return items.find((i) => i.jobKind === kind);
      },
      input: async (o: { title?: string; prompt?: string }) => {
        titles.push(o.title ?? '');
        const p = o.prompt ?? '';
        return /ClusterId/.test(p) ? answers.cluster : /Project id/.test(p) ? answers.project : /Region/.test(p) ? answers.region : answers.ids;
      },
    },
    settings: () => ({ defaultRegions: { aliyun: 'cn-shanghai', huawei: 'cn-north-4' } }),
    store: { add: (refs: JobRef[]) => refs.map((ref) => ({ key: jobKey(ref), ref })), get: () => undefined },
    logger: { info: () => undefined },
    poller: { refresh: async () => undefined },
    tree: { nodeById: () => undefined },
    // Each cloud's default profile: a tracked job belongs to it.
    profiles: { defaultName: (cloud: string) => (cloud === 'aliyun' ? 'dev' : 'hw-prod') },
  } as unknown as CommandDeps;
}

test('Track a Job… numbers every prompt with the total of the picked kind', async () => {
  const expected: Record<JobKind, string[]> = {
    ice: ['Track a Job (1/3)', 'Track a Job (2/3)', 'Track a Job (3/3)'],
    vod: ['Track a Job (1/3)', 'Track a Job (2/3)', 'Track a Job (3/3)'],
    'live-editing': ['Track a Job (1/3)', 'Track a Job (2/3)', 'Track a Job (3/3)'],
    // The kind adds a prompt: the total says so from the next one on.
    'live-edge': ['Track a Job (1/3)', 'Track a Job (2/4)', 'Track a Job (3/4)', 'Track a Job (4/4)'],
    'mpc-editing': ['Track a Job (1/3)', 'Track a Job (2/4)', 'Track a Job (3/4)', 'Track a Job (4/4)'],
  };
  for (const kind of Object.keys(expected) as JobKind[]) {
    const titles: string[] = [];
    const tracked = await trackJobCommand(promptDeps(kind, titles))();
    assert.equal(tracked?.length, 1, `${kind}: tracked`);
    assert.equal(tracked![0]!.ref.profile, kind === 'mpc-editing' ? 'hw-prod' : 'dev', `${kind}: tracked with the cloud's default profile`);
    assert.deepEqual(titles, expected[kind], kind);
    assert.equal(titles.length, trackSteps(kind), `${kind}: as many prompts as steps`);
  }
  assert.equal(trackStepTitle(2, 'vod'), 'Track a Job (2/3)');
});

function tracked(id: string): TrackedJob {
  const ref: JobRef = { kind: 'ice', id, region: 'cn-shanghai', params: {} };
  return { key: jobKey(ref), ref, snapshot: blankJob('ice', 'cn-shanghai', id), lastError: null, addedAt: '2024-06-01T00:00:00Z', lastCheckedAt: null, watched: false };
}

function selectionDeps(jobs: TrackedJob[], selection: TreeNode[], visible: boolean, asked: string[]): CommandDeps {
  const byKey = new Map(jobs.map((j) => [j.key, j]));
  return {
    view: { selection, visible },
    store: { get: (k: string) => byKey.get(k), all: () => jobs, findById: () => [] },
    prompter: {
      pick: async (items: ReadonlyArray<{ key: string }>, o: { placeHolder?: string }) => {
        asked.push(o.placeHolder ?? '');
        return items[0];
      },
    },
  } as unknown as CommandDeps;
}

test('from the palette, a command uses the job rows selected in the visible view, and asks only without one', async () => {
  const a = tracked('7c1e0a9b5d3f4e21a8c6f0b2d4e6a801');
  const b = tracked('7c1e0a9b5d3f4e21a8c6f0b2d4e6a802');
  const row = (t: TrackedJob): TreeNode => ({ type: 'job', id: `job:${t.key}`, job: t, parentId: 'cloud:aliyun/status:unknown' });
  const group: TreeNode = { type: 'group', id: 'cloud:aliyun', level: 'cloud', cloud: 'aliyun', label: 'Alibaba Cloud (2)', count: 2, children: [row(a), row(b)], parentId: null };

  const asked: string[] = [];
  assert.deepEqual(await resolveJobs(selectionDeps([a, b], [row(b)], true, asked), undefined, undefined, 'Inspect which job?'), [b]);
  assert.deepEqual(asked, [], 'no pick: the selected row');
  // A selected group alone, a hidden view, or nothing selected: ask.
  for (const [selection, visible] of [[[group], true], [[row(b)], false], [[], true]] as const) {
    const seen: string[] = [];
    const jobs = await resolveJobs(selectionDeps([a, b], [...selection], visible, seen), undefined, undefined, 'Inspect which job?');
    assert.deepEqual(seen, ['Inspect which job?']);
    assert.deepEqual(jobs, [a]);
  }
  // A selected row of a job that is no longer tracked is skipped.
  assert.deepEqual(selectedJobs(selectionDeps([a], [row(b), row(a)], true, [])), [a]);
  // A context-menu argument still wins over the selection.
  assert.deepEqual(await resolveJobs(selectionDeps([a, b], [row(b)], true, []), row(a), undefined, 'x'), [a]);
});
