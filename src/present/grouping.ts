/**
 * Groups tracked jobs into the tree the view shows: Cloud → Status → Job (or Status → Cloud → Job), with an
 * Account level under each cloud when the caller asks for it (several profiles: Cloud → Account → Status → Job).
 * Pure, so orders, counts, filters and id stability are unit-tested without VS Code.
 *
 * Ids are stable across refreshes and regrouping: VS Code keeps a node's expansion and selection by id, so a
 * group's id depends only on what it groups, and a job's id only on its key (a job appears exactly once in the
 * tree, so it keeps its id when its status changes and it moves to another group). The nodes are fresh objects
 * each call; the view (src/views/jobsTree.ts) keeps one object per id across calls and tells VS Code only about
 * the ones that changed.
 */
import { CLOUDS, type CloudId, isTerminal, type JobStatus } from '../model/job.js';
import { KIND_CLOUD } from '../kinds/index.js';
import { CLOUD_LABEL } from '../kinds/index.js';
import { STATUS_LABEL } from './status.js';
import { effectiveStatus } from './status.js';
import { type TrackedJob } from '../model/trackedJob.js';
import * as l10n from '../util/l10n.js';

export type GroupBy = 'cloud' | 'status';

/** Status groups in the order that matters most first: what is moving, then what needs attention. */
export const STATUS_ORDER: readonly JobStatus[] = ['running', 'queued', 'failed', 'partial', 'cancelled', 'succeeded', 'stopped', 'unknown'];

export { CLOUD_LABEL } from '../kinds/index.js';
export { STATUS_LABEL } from './status.js';

export interface JobFilter {
  /** Case-insensitive substring over id, name, kind, region, raw status, caster and cluster ids. */
  text?: string;
  /** Only these statuses (empty or absent: all). */
  statuses?: readonly JobStatus[];
}

export type TreeNode =
  | {
      type: 'group';
      id: string;
      level: 'cloud' | 'account' | 'status';
      cloud?: CloudId;
      /** The profile (account) name, on account groups. */
      account?: string;
      status?: JobStatus;
      label: string;
      count: number;
      children: TreeNode[];
      parentId: string | null;
    }
  | { type: 'job'; id: string; job: TrackedJob; parentId: string };

export type GroupNode = Extract<TreeNode, { type: 'group' }>;

/** The tree id of a job node: the same wherever the job sits. */
export function jobNodeId(key: string): string {
  return `job:${key}`;
}

/** True when the job passes the filter (an absent or empty filter passes everything). */
export function matchesFilter(job: TrackedJob, filter: JobFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.statuses && filter.statuses.length > 0 && !filter.statuses.includes(effectiveStatus(job))) return false;
  const text = filter.text?.trim().toLowerCase();
  if (!text) return true;
  const s = job.snapshot;
  const haystack = [
    job.ref.id, job.ref.kind, job.ref.region, job.ref.params.casterId, job.ref.params.clusterId, job.ref.params.showId,
    s?.id, s?.name, s?.rawStatus, s?.region, s?.params.casterId, s?.params.clusterId,
  ];
  return haystack.some((v) => typeof v === 'string' && v.toLowerCase().includes(text));
}

/**
 * Milliseconds for "newest first" ordering inside a group: when the job reached the status of its group (finished:
 * completion; running: start, else creation; queued: creation), else when it was tracked. It does not move while
 * the job stays in its group (a running job's progress updates never reorder the rows under the mouse), and a
 * job that changes status moves to another group anyway.
 */
export function orderTime(job: TrackedJob): number {
  const s = job.snapshot;
  const status = effectiveStatus(job);
  const candidates = isTerminal(status)
    ? [s?.completedAt, s?.startedAt, s?.createdAt]
    : status === 'running' ? [s?.startedAt, s?.createdAt] : [s?.createdAt];
  for (const iso of candidates) {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (Number.isFinite(t)) return t;
  }
  const added = Date.parse(job.addedAt);
  return Number.isFinite(added) ? added : 0;
}

/**
 * A job with what grouping and ordering read, computed once per job and build (effectiveStatus, orderTime's date
 * parsing): a sort that parsed dates in every comparison spent most of its time there at 10,000 jobs.
 */
interface Entry {
  job: TrackedJob;
  cloud: CloudId;
  status: JobStatus;
  time: number;
  /** The job's account ('' when accounts are not grouped). */
  account: string;
}

function byOrderTime(a: Entry, b: Entry): number {
  // The key breaks ties so equal times never reorder between refreshes.
  return b.time - a.time || (a.job.key < b.job.key ? -1 : a.job.key > b.job.key ? 1 : 0);
}

/**
 * Builds the tree: groups with counts in their labels, empty groups omitted, status groups in STATUS_ORDER,
 * clouds in the order aliyun, huawei, jobs newest first (orderTime).
 */
export function groupJobs(jobs: readonly TrackedJob[], groupBy: GroupBy, filter?: JobFilter, accounts?: AccountGrouping): TreeNode[] {
  const entries: Entry[] = [];
  for (const job of jobs) {
    if (!matchesFilter(job, filter)) continue;
    entries.push({ job, cloud: KIND_CLOUD[job.ref.kind], status: effectiveStatus(job), time: orderTime(job), account: accounts ? accounts.of(job) : '' });
  }
  const cloudOf = (e: Entry): CloudId => e.cloud;
  const statusOf = (e: Entry): JobStatus => e.status;
  // Under a cloud group: its accounts when shown (default first, then by name), each holding `inner`.
  const byAccount = (inner: (entries: Entry[], parentId: string) => TreeNode[]) => (sub: Entry[], parentId: string): TreeNode[] => {
    const cloud = sub[0]?.cloud;
    if (!accounts || cloud === undefined || !accounts.show(cloud, sub.map((e) => e.job))) return inner(sub, parentId);
    const names = [...new Set(sub.map((e) => e.account))].sort((a, b) => rankAccount(accounts, cloud, a) - rankAccount(accounts, cloud, b) || (a < b ? -1 : a > b ? 1 : 0));
    return nest(sub, parentId, names, (e) => e.account, accountGroup(cloud), inner);
  };
  if (groupBy === 'cloud') {
    return nest(entries, null, CLOUDS, cloudOf, cloudGroup, byAccount((sub, parentId) =>
      nest(sub, parentId, STATUS_ORDER, statusOf, statusGroup, jobLeaves)));
  }
  return nest(entries, null, STATUS_ORDER, statusOf, statusGroup, (sub, parentId) =>
    nest(sub, parentId, CLOUDS, cloudOf, cloudGroup, byAccount(jobLeaves)));
}

/** How jobs map to accounts, and under which clouds the account level shows (src/views/accountGrouping glue). */
export interface AccountGrouping {
  /** The job's account (its profile, "default" for one saved before profiles), renames followed. */
  of: (job: TrackedJob) => string;
  /** Whether this cloud's jobs get an account level (the `mediaJobs.groupByAccount` setting). */
  show: (cloud: CloudId, jobs: readonly TrackedJob[]) => boolean;
  /** The cloud's default account, listed first. */
  defaultOf?: (cloud: CloudId) => string | null;
}

/** The rule of `mediaJobs.groupByAccount`: "auto" shows accounts when a cloud's jobs belong to more than one. */
export function showAccounts(mode: 'auto' | 'always' | 'never', jobs: readonly TrackedJob[], of: (job: TrackedJob) => string): boolean {
  if (mode === 'never') return false;
  if (mode === 'always') return true;
  const first = jobs[0] ? of(jobs[0]) : undefined;
  return jobs.some((j) => of(j) !== first);
}

function rankAccount(a: AccountGrouping, cloud: CloudId, name: string): number {
  return a.defaultOf?.(cloud) === name ? 0 : 1;
}

function accountGroup(cloud: CloudId): GroupMaker<string> {
  return (account, parentId, count) => ({
    type: 'group', id: childId(parentId, `account:${account}`), level: 'account', cloud, account,
    label: `${account} (${count})`, count, children: [], parentId,
  });
}

type GroupMaker<K> = (key: K, parentId: string | null, count: number) => GroupNode;

/** One level of grouping: a group per value of `keyOf` (in `order`), each filled by `inner`; one pass over the jobs. */
function nest<K>(
  entries: readonly Entry[],
  parentId: string | null,
  order: readonly K[],
  keyOf: (e: Entry) => K,
  makeGroup: GroupMaker<K>,
  inner: (entries: Entry[], parentId: string) => TreeNode[],
): TreeNode[] {
  const buckets = new Map<K, Entry[]>();
  for (const e of entries) {
    const k = keyOf(e);
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = []));
    b.push(e);
  }
  const out: TreeNode[] = [];
  for (const k of order) {
    const members = buckets.get(k);
    if (!members || members.length === 0) continue;
    const group = makeGroup(k, parentId, members.length);
    group.children = inner(members, group.id);
    out.push(group);
  }
  return out;
}

const cloudGroup: GroupMaker<CloudId> = (cloud, parentId, count) => ({
  type: 'group', id: childId(parentId, `cloud:${cloud}`), level: 'cloud', cloud,
  label: `${l10n.label(CLOUD_LABEL[cloud])} (${count})`, count, children: [], parentId,
});

const statusGroup: GroupMaker<JobStatus> = (status, parentId, count) => ({
  type: 'group', id: childId(parentId, `status:${status}`), level: 'status', status,
  label: `${l10n.label(STATUS_LABEL[status])} (${count})`, count, children: [], parentId,
});

function childId(parentId: string | null, own: string): string {
  return parentId === null ? own : `${parentId}/${own}`;
}

function jobLeaves(entries: Entry[], parentId: string): TreeNode[] {
  return entries.sort(byOrderTime).map(({ job }) => ({ type: 'job', id: jobNodeId(job.key), job, parentId }));
}

/** Every node of the tree, depth first (for finding a node by id, e.g. to reveal a job). */
export function* walkTree(nodes: readonly TreeNode[]): Generator<TreeNode> {
  for (const n of nodes) {
    yield n;
    if (n.type === 'group') yield* walkTree(n.children);
  }
}
