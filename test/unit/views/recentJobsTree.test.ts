/**
 * The Recent Jobs tree over a scripted list: an ICE batch row opens to its sub-jobs (one list with the batch's id
 * as parent, from the batch's creation, whatever the view's status filter), pages further only on Load more, is
 * reloaded with the view when expanded; a live edge cluster source pages on Load more with its ClusterId.
 */
import './fakeVscode.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type ListPage, type ListQuery } from '../../../src/clouds/listing.js';
import { type Job, type JobKind } from '../../../src/model/job.js';
import { type RecentNode } from '../../../src/present/recentNodes.js';
import { RecentPrefsStore } from '../../../src/tracking/recentPrefs.js';
import { Emitter } from '../../../src/util/event.js';
import { RecentJobsTree } from '../../../src/views/recentJobsTree.js';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();

function job(kind: JobKind, id: string, minutesAgo: number, extra: Partial<Job> = {}): Job {
  return { ...blankJob(kind, 'cn-shanghai', id), status: 'succeeded', createdAt: iso(NOW - minutesAgo * 60_000), ...extra };
}

const hex = (n: number, prefix: string): string => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;

interface Call { kind: JobKind; query: ListQuery }

/** A scripted CloudAccess.list: `pagesFor` answers each call's pages (every page one request). */
function setup(pagesFor: (kind: JobKind, q: ListQuery) => Job[][], prefs: Record<string, unknown> = {}) {
  const calls: Call[] = [];
  const pulled: Call[] = [];
  const memento = new Map<string, unknown>([['mediaJobs.recent', { window: { type: 'last', ms: 86_400_000 }, status: null, regions: {}, clusters: {}, ...prefs }]]);
  const store = new RecentPrefsStore({ get: (k) => memento.get(k), update: (k, v) => { memento.set(k, v); return Promise.resolve(); } });
  const changes = new Emitter<{ keys: string[] }>();
  const tree = new RecentJobsTree({
    access: {
      list: async function* (kind: JobKind, query: ListQuery): AsyncGenerator<ListPage, void, undefined> {
        calls.push({ kind, query });
        for (const jobs of pagesFor(kind, query)) {
          pulled.push({ kind, query });
          yield { jobs, requests: 1 };
        }
      },
      listInfo: () => ({ apis: ['ListX'], maxPageSize: 100, note: null }),
      describeError: (e: unknown) => String(e),
    } as never,
    store: { findById: () => [], onDidChange: changes.event } as never,
    prefs: store,
    defaultRegion: () => 'cn-shanghai',
    now: () => NOW,
  });
  return { tree, calls, pulled };
}

const settle = () => new Promise((r) => setImmediate(r));

async function expand(tree: RecentJobsTree, node: RecentNode): Promise<RecentNode[]> {
  tree.getChildren(node);
  for (let i = 0; i < 5; i++) await settle();
  return tree.getChildren(node);
}

const ids = (rows: RecentNode[]): string[] => rows.filter((r) => r.type === 'recentJob').map((r) => (r as { job: Job }).job.id);

test('an ICE batch row opens to its sub-jobs: one list with the parent id, from the batch creation, without the status filter', async () => {
  const batchId = hex(1, 'ba');
  const batch = job('ice', batchId, 120, { batch: { role: 'batch', jobType: 'Script', subJobCount: 2 } });
  const plain = job('ice', hex(2, 'aa'), 30);
  const subs = [job('ice', hex(3, 'bb'), 100, { batch: { role: 'sub', parentId: batchId } }), job('ice', hex(4, 'bb'), 110, { batch: { role: 'sub', parentId: batchId } })];
  const { tree, calls } = setup((_k, q) => (q.parentId === batchId ? [subs] : q.parentId === undefined ? [[plain, batch]] : [[]]), { status: 'failed' });
  const cloud = tree.getChildren()[0]!;
  const source = tree.getChildren(cloud).find((n) => n.type === 'source' && n.spec.kind === 'ice')!;
  const rows = await expand(tree, source);
  assert.deepEqual(ids(rows), [plain.id, batchId]);
  const batchRow = rows.find((r) => r.type === 'recentJob' && r.job.id === batchId)!;
  const plainRow = rows.find((r) => r.type === 'recentJob' && r.job.id === plain.id)!;
  const item = tree.getTreeItem(batchRow) as unknown as { collapsibleState: number; command?: unknown };
  assert.equal(item.collapsibleState, 1, 'the batch row is collapsible');
  assert.equal(item.command, undefined, 'a click expands the batch row, it does not inspect it');
  assert.equal((tree.getTreeItem(plainRow) as unknown as { collapsibleState: number }).collapsibleState, 0, 'a plain job row is a leaf');
  assert.deepEqual(tree.getChildren(plainRow), [], 'a plain job has no children, and nothing is listed for it');
  assert.equal(calls.length, 1, 'nothing listed for the batch until it is expanded');

  const children = await expand(tree, batchRow);
  assert.deepEqual(ids(children), subs.map((s) => s.id));
  assert.equal(calls.length, 2);
  const q = calls[1]!.query;
  assert.equal(q.parentId, batchId);
  assert.equal(q.status, null, 'all the batch parts, whatever the view filters');
  assert.equal(q.from, Date.parse(batch.createdAt!), 'listed from the batch creation');
  assert.equal(q.to, NOW);
  assert.equal(q.region, 'cn-shanghai');
  for (const c of children) assert.equal(tree.getParent(c), batchRow, 'sub-job rows sit under their batch row');
});

test('a batch with no sub-jobs listed says so; Load more under a batch pages its own list; refresh reloads it', async () => {
  const empty = job('ice', hex(5, 'ba'), 60, { batch: { role: 'batch', jobType: 'Script', subJobCount: 0 } });
  const big = job('ice', hex(6, 'ba'), 50, { batch: { role: 'batch', jobType: 'Smart_Mix', subJobCount: 80 } });
  const subPages = [0, 1].map((p) => Array.from({ length: 50 }, (_, i) => job('ice', hex(1000 + p * 50 + i, 'bb'), 40, { batch: { role: 'sub', parentId: big.id } })));
  const { tree, calls, pulled } = setup((_k, q) => (q.parentId === big.id ? subPages : q.parentId === empty.id ? [[]] : [[big, empty]]));
  const source = tree.getChildren(tree.getChildren()[0]!).find((n) => n.type === 'source' && n.spec.kind === 'ice')!;
  const rows = await expand(tree, source);
  const emptyRow = rows.find((r) => r.type === 'recentJob' && r.job.id === empty.id)!;
  const bigRow = rows.find((r) => r.type === 'recentJob' && r.job.id === big.id)!;
  const none = await expand(tree, emptyRow);
  assert.equal(none.length, 1);
  assert.equal(none[0]!.type, 'note');
  assert.match((none[0] as { note: { label: string } }).note.label, /^No sub-job of ba0{0,4}/);

  let sub = await expand(tree, bigRow);
  assert.equal(ids(sub).length, 50, 'the first pull stops at 50');
  const more = sub.at(-1)!;
  assert.equal(more.type, 'more');
  assert.equal((more as { sourceId: string }).sourceId, bigRow.id, 'Load more belongs to the batch row');
  const pulledBefore = pulled.filter((c) => c.query.parentId === big.id).length;
  await tree.loadMore(bigRow.id);
  sub = tree.getChildren(bigRow);
  assert.equal(ids(sub).length, 100);
  assert.equal(new Set(ids(sub)).size, 100, 'no sub-job twice');
  assert.equal(pulled.filter((c) => c.query.parentId === big.id).length, pulledBefore + 1, 'one more page, only when asked');

  const listsBefore = calls.length;
  await tree.reload(bigRow.id);
  assert.equal(calls.length, listsBefore + 1, 'refresh on a batch row lists its sub-jobs again');
  assert.equal(calls.at(-1)!.query.parentId, big.id);
  tree.reloadAll();
  for (let i = 0; i < 5; i++) await settle();
  const parents = calls.slice(listsBefore + 1).map((c) => c.query.parentId ?? 'top');
  assert.ok(parents.includes('top') && parents.includes(big.id), `a new window reloads the expanded source and the expanded batch: ${parents.join(', ')}`);
  tree.didCollapse(bigRow);
  tree.didCollapse(emptyRow);
  const n = calls.length;
  tree.reloadAll();
  for (let i = 0; i < 5; i++) await settle();
  assert.ok(calls.slice(n).every((c) => c.query.parentId === undefined), 'a collapsed batch is reset, not fetched');
});

test('a live edge cluster source lists with its ClusterId and pages on Load more', async () => {
  const cluster = 'cluster-a1';
  const pages = [0, 1, 2].map((p) => Array.from({ length: p < 2 ? 50 : 7 }, (_, i) => job('live-edge', `job-${p}-${i}`, p * 60 + i)));
  const { tree, calls, pulled } = setup((_k, q) => (q.params.clusterId === cluster ? pages : [[]]), { clusters: { 'aliyun/default': [cluster] } });
  const cloud = tree.getChildren()[0]!;
  const clusters = tree.getChildren(cloud).find((n) => n.type === 'clusters')!;
  const sources = tree.getChildren(clusters).filter((n) => n.type === 'source');
  assert.equal(sources.length, 1);
  let rows = await expand(tree, sources[0]!);
  assert.equal(ids(rows).length, 50);
  assert.equal(calls[0]!.query.params.clusterId, cluster);
  assert.equal(rows.at(-1)!.type, 'more');
  await tree.loadMore(sources[0]!.id);
  rows = tree.getChildren(sources[0]!);
  assert.equal(ids(rows).length, 100);
  await tree.loadMore(sources[0]!.id);
  rows = tree.getChildren(sources[0]!);
  assert.equal(ids(rows).length, 107, 'to the end of the list');
  assert.ok(rows.every((r) => r.type === 'recentJob'), 'no Load more after the end');
  assert.equal(pulled.length, 3, 'three pages, one per pull');
  assert.equal(calls.length, 1, 'one list, paged on');
});
