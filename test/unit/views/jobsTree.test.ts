/**
 * The tree tells VS Code only about rows that changed: a poll that changes nothing visible fires nothing, a
 * progress update fires that one row, a new job fires its groups (count and children) in one event, and the whole
 * tree is refreshed only for a regrouping, a filter or a job that moves to another group. Element objects stay the
 * same across refreshes (VS Code's extension host knows elements by object). Ages in descriptions change at most
 * once a minute, finished rows never by themselves, and an opened tooltip is rebuilt when its facts change or a
 * minute after it opened.
 */
import { executed } from './fakeVscode.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type Job, type JobKind } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { type TreeNode, walkTree } from '../../../src/present/grouping.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { Emitter } from '../../../src/util/event.js';
import { type JobStore } from '../../../src/tracking/jobStore.js';
import { AGE_TICK_MS, JobsTreeProvider } from '../../../src/views/jobsTree.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

class FakeStore {
  private readonly jobs = new Map<string, TrackedJob>();
  private readonly changes = new Emitter<{ keys: string[] }>();
  readonly onDidChange = this.changes.event;
  all(): TrackedJob[] {
    return [...this.jobs.values()];
  }
  get(key: string): TrackedJob | undefined {
    return this.jobs.get(key);
  }
  /** Replaces jobs with new objects (as the real store does) and fires one change. */
  put(...jobs: TrackedJob[]): void {
    for (const j of jobs) this.jobs.set(j.key, j);
    this.changes.fire({ keys: jobs.map((j) => j.key) });
  }
  update(key: string, f: (t: TrackedJob) => TrackedJob): void {
    this.put(f(this.jobs.get(key)!));
  }
  remove(key: string): void {
    this.jobs.delete(key);
    this.changes.fire({ keys: [key] });
  }
}

function job(kind: JobKind, id: string, snap: Partial<Job>, at: number): TrackedJob {
  const ref: JobRef = { kind, id, region: kind === 'mpc-editing' ? 'cn-north-4' : 'cn-shanghai', params: {} };
  return {
    key: jobKey(ref), ref, snapshot: { ...blankJob(kind, ref.region, id), ...snap }, lastError: null,
    addedAt: iso(T0 - 3_600_000), lastCheckedAt: iso(at), watched: false,
  };
}

interface Harness {
  store: FakeStore;
  tree: JobsTreeProvider;
  clock: { now: number };
  /** What onDidChangeTreeData carried, one entry per event: 'all' or the element ids. */
  events: Array<'all' | string[]>;
  /** Every element object passed in events (to check identity). */
  firedObjects: TreeNode[];
  /** Renders the whole tree the way VS Code does (getChildren, getTreeItem), returning label/description by id. */
  render(): Map<string, { label: string; description: string | undefined; node: TreeNode }>;
}

function harness(...jobs: TrackedJob[]): Harness {
  const store = new FakeStore();
  for (const j of jobs) store.put(j);
  const clock = { now: T0 };
  const tree = new JobsTreeProvider(store as unknown as JobStore, 'cloud', () => clock.now);
  const events: Harness['events'] = [];
  const firedObjects: TreeNode[] = [];
  tree.onDidChangeTreeData((e) => {
    if (e === undefined) events.push('all');
    else {
      const list = Array.isArray(e) ? e : [e];
      firedObjects.push(...list);
      events.push(list.map((n) => n.id));
    }
  });
  const render = () => {
    const out = new Map<string, { label: string; description: string | undefined; node: TreeNode }>();
    const walk = (parent?: TreeNode) => {
      for (const n of tree.getChildren(parent)) {
        const item = tree.getTreeItem(n);
        out.set(n.id, { label: String(item.label), description: item.description as string | undefined, node: n });
        walk(n);
      }
    };
    walk();
    return out;
  };
  render();
  return { store, tree, clock, events, firedObjects, render };
}

const ICE_RUNNING = job('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a804', { status: 'running', rawStatus: 'Processing', progress: 40, name: 'promo.mp4', createdAt: iso(T0 - 600_000) }, T0);
const ICE_FAILED = job('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a806', {
  status: 'failed', rawStatus: 'Failed', name: 'open-day.mp4', createdAt: iso(T0 - 900_000), completedAt: iso(T0 - 30_000),
  error: { code: 'ExceededMaximumValue', message: 'too big' },
}, T0);
const MPC_QUEUED = job('mpc-editing', '5f3c9a1e7b2d4c6e8a0b1c2d3e4f5a02', { status: 'queued', rawStatus: 'WAITING', name: 'merged.mp4', createdAt: iso(T0 - 90_000) }, T0);

test('a poll that changes nothing a row shows fires nothing; a progress update fires that one row', () => {
  const h = harness(ICE_RUNNING, ICE_FAILED, MPC_QUEUED);
  const before = h.render();
  // Every job is polled again: only the check time moves.
  h.clock.now += 15_000;
  h.store.put(...h.store.all().map((t) => ({ ...t, lastCheckedAt: iso(h.clock.now) })));
  assert.deepEqual(h.events, [], 'nothing fired for a poll without visible change');

  h.store.update(ICE_RUNNING.key, (t) => ({ ...t, snapshot: { ...t.snapshot!, progress: 55 } }));
  assert.deepEqual(h.events, [[`job:${ICE_RUNNING.key}`]], 'just the row whose progress changed');
  assert.equal(h.firedObjects[0], before.get(`job:${ICE_RUNNING.key}`)!.node, 'the same element object VS Code was given');
  assert.equal(h.render().get(`job:${ICE_RUNNING.key}`)!.description, '55 % · 7c1e0a9b…a804');
});

test('a new job fires its status group and cloud group in one event; counts always match the children', () => {
  const h = harness(ICE_RUNNING, MPC_QUEUED);
  const before = h.render();
  const second = job('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', { status: 'running', rawStatus: 'Processing', progress: 5, name: 'teaser.mp4', createdAt: iso(T0 - 60_000) }, T0);
  h.store.put(second);
  assert.deepEqual(h.events, [['cloud:aliyun', 'cloud:aliyun/status:running']], 'both groups, one event');
  assert.equal(h.firedObjects[0], before.get('cloud:aliyun')!.node, 'the same group object');
  const after = h.render();
  assert.equal(after.get('cloud:aliyun')!.label, 'Alibaba Cloud (2)');
  assert.equal(after.get('cloud:aliyun/status:running')!.label, 'Running (2)');
  for (const n of walkTree(h.tree.rootNodes)) {
    if (n.type === 'group') assert.equal(n.count, n.children.filter((c) => c.type === 'job').length || n.children.reduce((s, c) => s + (c.type === 'group' ? c.count : 0), 0), n.id);
  }
  // Removing it fires the same groups again.
  h.events.length = 0;
  h.store.remove(second.key);
  assert.deepEqual(h.events, [['cloud:aliyun', 'cloud:aliyun/status:running']]);
  assert.equal(h.render().get('cloud:aliyun')!.label, 'Alibaba Cloud (1)');
});

test('the whole tree is refreshed for a job that moves to another group, a regrouping or a filter', () => {
  const h = harness(ICE_RUNNING, ICE_FAILED, MPC_QUEUED);
  h.store.update(ICE_RUNNING.key, (t) => ({ ...t, snapshot: { ...t.snapshot!, status: 'succeeded', rawStatus: 'Success', completedAt: iso(T0) } }));
  assert.deepEqual(h.events, ['all'], 'running → succeeded moves the row');
  h.render();
  h.tree.setGrouping('status');
  assert.deepEqual(h.events, ['all', 'all']);
  const shown = h.render();
  assert.ok(shown.has('status:succeeded/cloud:aliyun'));
  assert.equal(shown.get(`job:${ICE_RUNNING.key}`)!.node.parentId, 'status:succeeded/cloud:aliyun');
  h.tree.setFilter({ text: 'merged' });
  assert.deepEqual(h.events, ['all', 'all', 'all']);
  assert.ok(executed.some((c) => c.command === 'setContext' && c.args[1] === true), 'the filtered context is set');
  assert.deepEqual([...h.render().keys()].filter((k) => k.startsWith('job:')), [`job:${MPC_QUEUED.key}`]);
});

test('element objects stay the same across refreshes, also after a whole refresh', () => {
  const h = harness(ICE_RUNNING, ICE_FAILED, MPC_QUEUED);
  const before = h.render();
  h.store.update(ICE_FAILED.key, (t) => ({ ...t, snapshot: { ...t.snapshot!, status: 'running', rawStatus: 'Processing', completedAt: null, error: null } }));
  assert.deepEqual(h.events, ['all']);
  const after = h.render();
  for (const id of [`job:${ICE_RUNNING.key}`, `job:${ICE_FAILED.key}`, `job:${MPC_QUEUED.key}`, 'cloud:aliyun', 'cloud:huawei', 'cloud:aliyun/status:running']) {
    assert.equal(after.get(id)!.node, before.get(id)!.node, id);
  }
});

test('ages: the minute tick redraws only rows whose text changed; finished rows never change by themselves', () => {
  const h = harness(ICE_RUNNING, ICE_FAILED, MPC_QUEUED);
  const first = h.render();
  assert.equal(first.get(`job:${MPC_QUEUED.key}`)!.description, 'waiting 1 min · 5f3c9a1e…5a02');
  assert.equal(first.get(`job:${ICE_FAILED.key}`)!.description, 'ExceededMaximumValue · took 14 min · 7c1e0a9b…a806');
  for (const d of [...first.values()].map((r) => r.description ?? '')) assert.doesNotMatch(d, /updated|\d+ s ago/, d);

  h.clock.now += 20_000; // 1 min 50 s: still "1 min"
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.deepEqual(h.events, []);
  h.clock.now += 20_000; // 2 min 10 s
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.deepEqual(h.events, [[`job:${MPC_QUEUED.key}`]], 'only the queued row, whose waiting time changed');
  assert.equal(h.render().get(`job:${MPC_QUEUED.key}`)!.description, 'waiting 2 min · 5f3c9a1e…5a02');

  // A day later the failed row still reads the same (when it finished is in its tooltip).
  h.events.length = 0;
  h.clock.now += 86_400_000;
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.deepEqual(h.events, [[`job:${MPC_QUEUED.key}`]]);
  assert.equal(h.render().get(`job:${ICE_FAILED.key}`)!.description, 'ExceededMaximumValue · took 14 min · 7c1e0a9b…a806');
});

test('tooltips: the ages are computed when the tooltip opens; an opened tooltip is rebuilt when its facts change or after a minute', () => {
  const h = harness(ICE_RUNNING, ICE_FAILED);
  const rows = h.render();
  const node = rows.get(`job:${ICE_FAILED.key}`)!.node;
  const item = h.tree.getTreeItem(node);
  assert.equal(item.tooltip, undefined, 'not built up front');
  h.clock.now += 42_000;
  const md = h.tree.resolveTreeItem(item, node).tooltip as { value: string; isTrusted: boolean; supportHtml: boolean };
  assert.equal(md.isTrusted, false);
  assert.equal(md.supportHtml, false);
  assert.match(md.value, /Last checked 42 s ago/);
  assert.match(md.value, /Completed: 2024-06-01 11:59:30 UTC, 1 min ago/);

  // Polls that change nothing in the tooltip but the check time: the open tooltip stays.
  h.store.update(ICE_FAILED.key, (t) => ({ ...t, lastCheckedAt: iso(h.clock.now) }));
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.deepEqual(h.events, []);
  // A minute after it opened, its row is redrawn once (VS Code keeps a resolved tooltip until then).
  h.clock.now += AGE_TICK_MS;
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.deepEqual(h.events, [[`job:${ICE_FAILED.key}`]]);
  h.tree.refresh({ staleTooltipMs: AGE_TICK_MS });
  assert.equal(h.events.length, 1, 'once, not every minute');

  // Opened again; then the cloud changes the error message (the row's text stays): redrawn.
  h.events.length = 0;
  h.tree.resolveTreeItem(h.tree.getTreeItem(node), node);
  h.store.update(ICE_FAILED.key, (t) => ({ ...t, snapshot: { ...t.snapshot!, error: { code: 'ExceededMaximumValue', message: 'far too big' } } }));
  assert.deepEqual(h.events, [[`job:${ICE_FAILED.key}`]]);
  // A row whose tooltip was not opened is not redrawn for a tooltip-only change.
  h.events.length = 0;
  h.store.update(ICE_FAILED.key, (t) => ({ ...t, snapshot: { ...t.snapshot!, error: { code: 'ExceededMaximumValue', message: 'still too big' } } }));
  assert.deepEqual(h.events, []);
});

test('rows lead with the name, the short id after it; hostile names are neutralised', () => {
  const hostile = job('ice', '7c1e0a9b5d3f4e21a8c6f0b2d4e6a807', {
    status: 'failed', rawStatus: 'Failed', name: '[x](command:workbench.action.quit)\u202e\u0085.mp4', error: { code: 'Render\u0007.Failed', message: 'm' },
  }, T0);
  const h = harness(hostile, ICE_RUNNING);
  const rows = h.render();
  assert.equal(rows.get(`job:${ICE_RUNNING.key}`)!.label, 'promo.mp4');
  assert.equal(rows.get(`job:${ICE_RUNNING.key}`)!.description, '40 % · 7c1e0a9b…a804');
  const label = rows.get(`job:${hostile.key}`)!.label;
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(label, /\]\(|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, label);
  assert.ok(label.startsWith('[x] (command:'), label);
  assert.equal(rows.get(`job:${hostile.key}`)!.description, 'Render.Failed · 7c1e0a9b…a807');
});
