/**
 * Browsing ICE editing jobs: `ListMediaProducingJobs` (2020-11-09),
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-listmediaproducingjobs
 * (request and response models: aliyun/alibabacloud-typescript-sdk ice-20201109/src/models/
 * ListMediaProducingJobsRequest.ts, ListMediaProducingJobsResponseBody.ts). StartTime/EndTime at most 30 days apart,
 * NextToken/MaxResults (1–100) pages, SortBy CreationTime:Desc. Items are GetMediaProducingJob's job without its
 * Timeline, so each is mapped by the same parser (the inspector fetches the whole job when opened).
 *
 * Batch jobs (quick video production, iceBatch.ts): each window's `ListBatchMediaProducingJobs` pages (same window,
 * SortBy desc) give the batch jobs, listed as parents among the window's jobs (newest first, merged by creation
 * time); each batch's sub-jobs are counted with `ListMediaProducingJobs` + `MasterJobId` (from the batch's creation,
 * at most 30 days, not past the query's end). A query with `parentId` lists one batch's sub-jobs the same way.
 *
 * Whether a plain window listing also returns sub-jobs is not documented (the list item has no master job field),
 * so the listing is right either way: a window's sub-jobs of known batches are dropped from it (they show under
 * their batch only). Known batches are those of the window and of the next older one (looked up ahead), so a
 * sub-job created up to 30 days after its batch is recognised; a sub-job whose batch is older than the query shows
 * as an ordinary job (nothing on the item names its batch).
 *
 * Neither list API's rate limit is published; the get call's (KindInfo) is used for both, each its own bucket.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import {
  aliyunListApi, aliyunListCall, aliyunListTime, DAYS, inWindow, type KindLister, type ListQuery, type ListSend, SeenIds,
  splitWindows, statusMatches,
} from '../listing.js';
import { type Job } from '../../model/job.js';
import { iceKind } from './ice.js';
import { iceBatchJob, withSubJobCount } from './iceBatch.js';
import { optString, parseBody } from './wire.js';

const VERSION = '2020-11-09';
const JOBS = aliyunListApi(iceKind, 'ListMediaProducingJobs', VERSION);
const BATCHES = aliyunListApi(iceKind, 'ListBatchMediaProducingJobs', VERSION);
const MAX_PAGE = 100;
const MAX_WINDOW = DAYS(30);

const JobsWire = z.looseObject({
  RequestId: optString,
  NextToken: optString,
  MediaProducingJobList: z.optional(z.array(z.unknown())),
});

const BatchesWire = z.looseObject({
  RequestId: optString,
  NextToken: optString,
  EditingBatchJobList: z.optional(z.array(z.unknown())),
});

interface Window { from: number; to: number }

const pageSize = (q: ListQuery): string => String(Math.min(Math.max(1, q.pageSize), MAX_PAGE));

const newestFirst = (a: Job, b: Job): number => (b.createdAt ?? '').localeCompare(a.createdAt ?? '');

/**
 * The pages of one NextToken list (both ICE list calls page so): `ask` sends one request with the token (null for
 * the first) and returns its items and the next token. The next token of an empty page would only repeat the
 * question, so an empty page ends the list.
 */
async function* byToken<P extends { items: readonly unknown[]; next: string | null }>(ask: (token: string | null) => Promise<P>): AsyncGenerator<P & { last: boolean }> {
  let token: string | null = null;
  do {
    const page: P = await ask(token);
    token = page.items.length > 0 && page.next !== '' ? page.next : null;
    yield { ...page, last: token === null };
  } while (token !== null);
}

/** ListMediaProducingJobs pages of one window (`extra`: MasterJobId for a batch's sub-jobs), each mapped by the get call's parser. */
async function* jobPages(w: Window, q: ListQuery, send: ListSend, extra: Readonly<Record<string, string>>, status: string | undefined): AsyncGenerator<{ jobs: Job[]; last: boolean }> {
  const pages = byToken(async (token) => {
    const params: Record<string, string> = { StartTime: aliyunListTime(w.from), EndTime: aliyunListTime(w.to), SortBy: 'CreationTime:Desc', MaxResults: pageSize(q), ...extra };
    if (status !== undefined) params.Status = status;
    if (token !== null) params.NextToken = token;
    const { body, requestId } = await send(aliyunListCall(JOBS, params, q.region));
    const wire = parseBody(JobsWire, body, JOBS.api, requestId);
    return { items: wire.MediaProducingJobList ?? [], next: wire.NextToken, requestId: wire.RequestId ?? requestId };
  });
  for await (const page of pages) {
    const jobs: Job[] = [];
    for (const item of page.items) {
      try {
        jobs.push(...iceKind.parse({ RequestId: page.requestId, MediaProducingJob: item }, { refs: [], region: q.region, requestId: page.requestId }).jobs);
      } catch (e) {
        // An item without a JobId cannot be tracked; the others still show.
        if (!(e instanceof SchemaError)) throw e;
      }
    }
    yield { jobs, last: page.last };
  }
}

/** A batch's sub-jobs in [its creation, 30 days later], not past the query's end. */
function subJobWindow(batch: Job, w: Window, q: ListQuery): Window {
  const created = batch.createdAt !== null ? Date.parse(batch.createdAt) : Number.NaN;
  const from = Number.isFinite(created) ? created : w.from;
  return { from, to: Math.min(from + MAX_WINDOW, Math.max(q.to, from)) };
}

/** The batch jobs created in one window (any status: their sub-jobs are recognised whatever the query's status), with their sub-job counts. */
async function batchesOf(w: Window, q: ListQuery, send: ListSend): Promise<{ batches: Job[]; subJobIds: string[] }> {
  const batches: Job[] = [];
  const pages = byToken(async (token) => {
    const params: Record<string, string> = { StartTime: aliyunListTime(w.from), EndTime: aliyunListTime(w.to), SortBy: 'desc', MaxResults: pageSize(q) };
    if (token !== null) params.NextToken = token;
    const { body, requestId } = await send(aliyunListCall(BATCHES, params, q.region));
    const wire = parseBody(BatchesWire, body, BATCHES.api, requestId);
    return { items: wire.EditingBatchJobList ?? [], next: wire.NextToken, requestId: wire.RequestId ?? requestId };
  });
  for await (const page of pages) {
    for (const item of page.items) {
      const job = iceBatchJob(item, q.region, page.requestId);
      if (job !== null) batches.push(job);
    }
  }
  const subJobIds: string[] = [];
  const counted: Job[] = [];
  for (const batch of batches) {
    let count = 0;
    for await (const page of jobPages(subJobWindow(batch, w, q), q, send, { MasterJobId: batch.id }, undefined)) {
      count += page.jobs.length;
      subJobIds.push(...page.jobs.map((j) => j.id));
    }
    counted.push(withSubJobCount(batch, count));
  }
  return { batches: counted.sort(newestFirst), subJobIds };
}

export const iceLister: KindLister = {
  kind: iceKind.kind,
  apis: [JOBS.api, BATCHES.api],
  maxWindowMs: MAX_WINDOW,
  maxPageSize: MAX_PAGE,
  // The request's Status enum (ListMediaProducingJobsRequest.ts): Init, Failed, Success, Processing. Batch jobs are
  // filtered here by their own status (iceBatch.ts).
  statusValues: { queued: 'Init', running: 'Processing', succeeded: 'Success', failed: 'Failed' },
  requires: [],
  listsChildren: true,
  async *pages(q: ListQuery, send: ListSend) {
    let requests = 0;
    const counted: ListSend = (req) => {
      requests++;
      return send(req);
    };
    const taken = (): number => {
      const n = requests;
      requests = 0;
      return n;
    };
    const seen = new SeenIds();
    const shown = (jobs: readonly Job[]): Job[] => seen.fresh(jobs.filter((j) => statusMatches(q, j) && inWindow(q, j)));
    const status = q.status !== null ? this.statusValues[q.status] : undefined;
    const windows = splitWindows(q.from, q.to, this.maxWindowMs);

    const parentId = q.parentId;
    if (parentId !== undefined) {
      for (const w of windows) {
        for await (const page of jobPages(w, q, counted, { MasterJobId: parentId }, status)) {
          yield { jobs: shown(page.jobs.map((j) => ({ ...j, batch: { role: 'sub' as const, parentId } }))), requests: taken() };
        }
      }
      return;
    }

    const batchesByWindow = new Map<number, Job[]>();
    const subJobIds = new Set<string>();
    const load = async (i: number): Promise<void> => {
      const w = windows[i];
      if (w === undefined || batchesByWindow.has(i)) return;
      const got = await batchesOf(w, q, counted);
      batchesByWindow.set(i, got.batches);
      for (const id of got.subJobIds) subJobIds.add(id);
    };
    for (let i = 0; i < windows.length; i++) {
      await load(i);
      // The older window's batches too: a sub-job in this window may belong to a batch created before it.
      await load(i + 1);
      let pending = batchesByWindow.get(i) ?? [];
      for await (const page of jobPages(windows[i] as Window, q, counted, {}, status)) {
        const jobs = page.jobs.filter((j) => !subJobIds.has(j.id));
        // Batches created no earlier than this page's oldest job go with it, so the pages stay newest first.
        const oldest = jobs.reduce<string | null>((min, j) => (j.createdAt !== null && (min === null || j.createdAt < min) ? j.createdAt : min), null);
        const now = page.last ? pending : oldest === null ? [] : pending.filter((b) => (b.createdAt ?? '') >= oldest);
        pending = pending.filter((b) => !now.includes(b));
        yield { jobs: shown([...jobs, ...now].sort(newestFirst)), requests: taken() };
      }
    }
  },
};
