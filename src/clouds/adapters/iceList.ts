/**
 * Browsing ICE editing jobs: `ListMediaProducingJobs` (2020-11-09),
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-listmediaproducingjobs
 * (request and response models: aliyun/alibabacloud-typescript-sdk ice-20201109/src/models/
 * ListMediaProducingJobsRequest.ts, ListMediaProducingJobsResponseBody.ts). StartTime/EndTime at most 30 days apart,
 * NextToken/MaxResults (1–100) pages, SortBy CreationTime:Desc. Items are GetMediaProducingJob's job without its
 * Timeline, so each is mapped by the same parser (the inspector fetches the whole job when opened).
 * The list API's rate limit is not published; the get call's (KindInfo) is used.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { aliyunListApi, aliyunListCall, aliyunListTime, DAYS, inWindow, type KindLister, type ListQuery, type ListSend, SeenIds, splitWindows, statusMatches } from '../listing.js';
import { type Job } from '../../model/job.js';
import { iceKind } from './ice.js';
import { optString, parseBody } from './wire.js';

const JOBS = aliyunListApi(iceKind, 'ListMediaProducingJobs', '2020-11-09');
const MAX_PAGE = 100;

const BodyWire = z.looseObject({
  RequestId: optString,
  NextToken: optString,
  MediaProducingJobList: z.optional(z.array(z.unknown())),
});

export const iceLister: KindLister = {
  kind: iceKind.kind,
  apis: [JOBS.api],
  maxWindowMs: DAYS(30),
  maxPageSize: MAX_PAGE,
  // The request's Status enum (ListMediaProducingJobsRequest.ts): Init, Failed, Success, Processing.
  statusValues: { queued: 'Init', running: 'Processing', succeeded: 'Success', failed: 'Failed' },
  requires: [],
  async *pages(q: ListQuery, send: ListSend) {
    const seen = new SeenIds();
    for (const w of splitWindows(q.from, q.to, this.maxWindowMs)) {
      let token: string | null = null;
      do {
        const params: Record<string, string> = {
          StartTime: aliyunListTime(w.from), EndTime: aliyunListTime(w.to), SortBy: 'CreationTime:Desc',
          MaxResults: String(Math.min(Math.max(1, q.pageSize), MAX_PAGE)),
        };
        const status = q.status !== null ? this.statusValues[q.status] : undefined;
        if (status !== undefined) params.Status = status;
        if (token !== null) params.NextToken = token;
        const { body, requestId } = await send(aliyunListCall(JOBS, params, q.region));
        const wire = parseBody(BodyWire, body, JOBS.api, requestId);
        const jobs: Job[] = [];
        for (const item of wire.MediaProducingJobList ?? []) {
          try {
            jobs.push(...iceKind.parse({ RequestId: wire.RequestId, MediaProducingJob: item }, { refs: [], region: q.region, requestId: wire.RequestId ?? requestId }).jobs);
          } catch (e) {
            // An item without a JobId cannot be tracked; the others still show.
            if (!(e instanceof SchemaError)) throw e;
          }
        }
        // The next token of an empty page would only repeat the question.
        token = jobs.length > 0 || (wire.MediaProducingJobList?.length ?? 0) > 0 ? wire.NextToken : null;
        yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j) && inWindow(q, j))), requests: 1 };
      } while (token !== null && token !== '');
    }
  },
};
