/**
 * Browsing: the list calls that find jobs nobody has the id of yet. Each kind's lister (clouds/adapters/*List.ts)
 * turns a query (a time window, a status, a page size) into the cloud's own list calls, page by page, and maps
 * each list item to the normalized Job (the fields a list item lacks, such as an ICE job's Timeline, are null).
 * The client (clouds/client.ts `list`) sends those calls through the same rate limits, retries, deadlines and error
 * handling as the get calls, each list API with its own rate-limit bucket.
 *
 * A lister is an async generator of pages, so the caller pulls the next page only when it wants it (the CLI until
 * its --limit, the tree's "Load more").
 *
 * Parents and children (ICE quick video production): a window's pages carry the batch jobs as parents
 * (`job.batch.role === 'batch'`, with their JobType and sub-job count) beside the ordinary jobs, and never their
 * sub-jobs. Expanding a parent is another listing of the same kind with `parentId` set to the batch job's id
 * (`client.list('ice', { ...query, parentId, from: batch.createdAt })`): its pages are that batch's sub-jobs, each
 * with `job.batch = { role: 'sub', parentId }`. A lister that has parents says so (`listsChildren`); a query with
 * `parentId` for one that has not is a usage error.
 */
import { type ApiCall } from './apiCall.js';
import { type ApiError, ConfigError } from './errors.js';
import { type Endpoint, type RateLimit } from './adapters/kindDefinition.js';
import { type Job, type JobKind, type JobParams, type JobStatus } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export interface ListQuery {
  region: string;
  /** The window, as epoch ms: jobs created in [from, to]. */
  from: number;
  to: number;
  /** Our vocabulary; sent as the API's own value where it has one, and checked on every item either way. */
  status: JobStatus | null;
  /** What the kind needs besides the region (live edge: clusterId; Huawei: projectId, resolved by the client). */
  params: JobParams;
  /** Items a page may carry (each lister caps it at its API's maximum). */
  pageSize: number;
  /**
   * List this parent's children instead of the window's jobs (ICE: a batch job's id, for its sub-jobs). The window
   * still bounds the children's creation: start it at the parent's `createdAt`.
   */
  parentId?: string;
}

/** One list call as a lister describes it; the client resolves the endpoint, signs, limits and sends it. */
export interface ListRequest {
  /** `product:Action` (or the Huawei operation): names the rate-limit bucket and appears in errors. */
  api: string;
  rateLimit: RateLimit;
  endpoint: Endpoint;
  call: ApiCall;
}

export type ListSend = (req: ListRequest) => Promise<{ body: unknown; requestId: string | null }>;

export interface ListPage {
  jobs: Job[];
  /** The list calls this page took. */
  requests: number;
}

export interface KindLister {
  kind: JobKind;
  /** The list APIs used, in the order a page calls them (for messages, docs and the bench). */
  apis: readonly string[];
  /** The longest window one call may ask for (ICE: 30 days); longer windows are split, newest first. */
  maxWindowMs: number | null;
  /** The most items one call returns. */
  maxPageSize: number;
  /** The statuses the API itself can filter by, and the value it takes for each. */
  statusValues: Readonly<Partial<Record<JobStatus, string>>>;
  /** Parameters the query must carry (live edge: clusterId). */
  requires: ReadonlyArray<keyof JobParams>;
  /** What a user should know about this source (e.g. that the API is unconfirmed). */
  note?: string;
  /** Whether some listed jobs are parents whose children a query with `parentId` lists (ICE batch jobs). */
  listsChildren?: boolean;
  /** Advice for the list API's own errors, tried before the kind's and the generic rules. */
  apiErrorHint?(e: ApiError): string | null;
  /** Pages, newest jobs first where the API sorts by creation time. */
  pages(query: ListQuery, send: ListSend): AsyncGenerator<ListPage, void, undefined>;
}

const DAY_MS = 86_400_000;

export const DAYS = (n: number): number => n * DAY_MS;

/**
 * [from, to] as consecutive windows of at most `maxMs`, newest first. Adjacent windows share their boundary
 * second, so a job created exactly on it is asked for twice and never missed: listers drop repeats by id.
 */
export function splitWindows(from: number, to: number, maxMs: number | null): Array<{ from: number; to: number }> {
  if (!(to >= from)) return [];
  if (maxMs === null || to - from <= maxMs) return [{ from, to }];
  const out: Array<{ from: number; to: number }> = [];
  for (let end = to; end > from; end -= maxMs) out.push({ from: Math.max(from, end - maxMs), to: end });
  return out;
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the Alibaba list APIs' time format (UTC, whole seconds). */
export function aliyunListTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An Alibaba RPC list API: its `product:Action` name (the rate-limit bucket and RAM action), version, endpoint, rate. */
export interface AliyunListApi {
  api: string;
  action: string;
  version: string;
  endpoint: Endpoint;
  rateLimit: RateLimit;
}

/** A list API of an Alibaba kind, at the kind's endpoint and (unless its own is published) the kind's get-call rate. */
export function aliyunListApi(kind: { endpoint: Endpoint; rateLimit: RateLimit }, action: string, version: string, rateLimit: RateLimit = kind.rateLimit): AliyunListApi {
  return { api: `${kind.endpoint.product}:${action}`, action, version, endpoint: kind.endpoint, rateLimit };
}

/** One call of an Alibaba RPC list API: POST with the API's own parameters, plus RegionId when the query has one. */
export function aliyunListCall(api: AliyunListApi, params: Readonly<Record<string, string>>, region: string): ListRequest {
  return {
    api: api.api, rateLimit: api.rateLimit, endpoint: api.endpoint,
    call: { cloud: 'aliyun', product: api.endpoint.product, action: api.action, version: api.version, method: 'POST', params: region !== '' ? { ...params, RegionId: region } : { ...params } },
  };
}

/** `yyyyMMddHHmmss` UTC, Huawei MPC's time format. */
export function huaweiListTime(ms: number): string {
  return aliyunListTime(ms).replace(/[-:TZ]/g, '');
}

/** Throws the usage error for a query this lister cannot run (a missing parameter, an unfilterable status). */
export function checkQuery(lister: KindLister, q: ListQuery): void {
  for (const p of lister.requires) {
    if (!q.params[p]) throw new ConfigError(l10n.t('listing {0} jobs needs {1}', lister.kind, p), p === 'clusterId' ? l10n.t('give the cluster id (no API lists clusters; the console shows it)') : undefined);
  }
  if (!(q.to >= q.from)) throw new ConfigError(l10n.t('the list window ends before it starts'));
  if (q.parentId !== undefined && lister.listsChildren !== true) throw new ConfigError(l10n.t('{0} jobs have no sub-jobs to list', lister.kind), l10n.t('list the window without a parent'));
  if (q.parentId === '') throw new ConfigError(l10n.t('the parent job id is empty'));
}

/** Whether a job passes the query's status (list items are checked even when the API filtered). */
export function statusMatches(q: ListQuery, job: Job): boolean {
  return q.status === null || job.status === q.status;
}

/** Whether a job's creation time falls in the window (a job without one is kept: the API chose it). */
export function inWindow(q: ListQuery, job: Job): boolean {
  if (job.createdAt === null) return true;
  const t = Date.parse(job.createdAt);
  return !Number.isFinite(t) || (t >= Math.floor(q.from / 1000) * 1000 && t <= q.to);
}

/** Keeps the first of each id (windows overlap by their boundary second; pages can shift under inserts). */
export class SeenIds {
  private readonly seen = new Set<string>();

  fresh(jobs: readonly Job[]): Job[] {
    return jobs.filter((j) => (this.seen.has(j.id) ? false : (this.seen.add(j.id), true)));
  }
}
