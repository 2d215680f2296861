/**
 * Browsing edge transcode jobs: `ListEdgeTranscodeJob` (Live 2016-11-01),
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-listedgetranscodejob
 * (model: aliyun/alibabacloud-typescript-sdk live-20161101/src/models/ListEdgeTranscodeJobResponseBody.ts).
 * ClusterId is required and no API lists clusters, so the user names it. PageNo/PageSize (≤ 100), Status "0"
 * (not started) or "1" (running), jobs of the last 180 days, 6,000 calls a minute. It has no time filter: the window
 * is applied to each job's CreateTime, and the pages (newest first) stop once a page is older than the window.
 * Items are GetEdgeTranscodeJob's `Job`, mapped by the same parser.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { aliyunListApi, aliyunListCall, inWindow, type KindLister, type ListQuery, type ListSend, SeenIds, statusMatches } from '../listing.js';
import { type Job } from '../../model/job.js';
import { liveEdgeKind } from './liveEdge.js';
import { numLike, optString, parseBody } from './wire.js';

const JOBS = aliyunListApi(liveEdgeKind, 'ListEdgeTranscodeJob', '2016-11-01');
const MAX_PAGE = 100;

const BodyWire = z.looseObject({
  RequestId: optString,
  TotalCount: numLike,
  JobList: z.optional(z.looseObject({ Job: z.optional(z.array(z.unknown())) })),
});

export const liveEdgeLister: KindLister = {
  kind: liveEdgeKind.kind,
  apis: [JOBS.api],
  maxWindowMs: null,
  maxPageSize: MAX_PAGE,
  statusValues: { stopped: '0', running: '1' },
  requires: ['clusterId'],
  async *pages(q: ListQuery, send: ListSend) {
    const seen = new SeenIds();
    const size = Math.min(Math.max(1, q.pageSize), MAX_PAGE);
    for (let page = 1; ; page++) {
      const params: Record<string, string> = { ClusterId: q.params.clusterId ?? '', PageNo: String(page), PageSize: String(size), SortBy: 'desc' };
      const status = q.status !== null ? this.statusValues[q.status] : undefined;
      if (status !== undefined) params.Status = status;
      const { body, requestId } = await send(aliyunListCall(JOBS, params, q.region));
      const wire = parseBody(BodyWire, body, JOBS.api, requestId);
      const items = wire.JobList?.Job ?? [];
      const jobs: Job[] = [];
      for (const item of items) {
        try {
          const refs = [{ kind: liveEdgeKind.kind, id: '', region: q.region, params: { clusterId: q.params.clusterId ?? '' } }];
          jobs.push(...liveEdgeKind.parse({ RequestId: wire.RequestId, Job: item }, { refs, region: q.region, requestId: wire.RequestId ?? requestId }).jobs);
        } catch (e) {
          if (!(e instanceof SchemaError)) throw e;
        }
      }
      yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j) && inWindow(q, j))), requests: 1 };
      const olderThanWindow = jobs.length > 0 && jobs.every((j) => j.createdAt !== null && Date.parse(j.createdAt) < q.from);
      const total = wire.TotalCount;
      if (items.length < size || olderThanWindow || (total !== null && page * size >= total)) return;
    }
  },
};
