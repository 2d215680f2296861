/**
 * Browsing Huawei Cloud MPC editing jobs. The documented v2 query (ListEditingJobs) needs job ids, so it cannot
 * browse. The SDKs' v1 `ListEditingJob` can: `GET /v1/{project_id}/editing/jobs` with `status`, `start_time`/
 * `end_time` (yyyyMMddHHmmss UTC), `page` (from 0) and `size` (1–100); the answer is `total` and `jobs[]` of
 * EditingJob (huaweicloud/huaweicloud-sdk-python-v3 huaweicloud-sdk-mpc/huaweicloudsdkmpc/v1/model/
 * list_editing_job_request.py, list_editing_job_response.py, editing_job.py). No documentation page describes it,
 * so whether the service still answers it is UNCONFIRMED: a 404 says so in its hint, and the UI says so in the
 * source's note. Items are mapped by the v2 parser (EditingJob has the same job_id/status/time/output fields; it has
 * no progress, and its output_file_info stays in raw).
 */
import { z } from 'zod';
import { huaweiListTime, inWindow, type KindLister, type ListQuery, type ListSend, SeenIds, statusMatches } from '../listing.js';
import { isRecord, numLike, parseBody } from './wire.js';
import { mpcEditingKind } from './mpcEditing.js';
import * as l10n from '../../util/l10n.js';

const API = 'mpc:ListEditingJob';
const MAX_PAGE = 100;

const BodyWire = z.looseObject({
  total: numLike,
  jobs: z.optional(z.array(z.unknown())),
});

/** v1 EditingJob names the job `job_id` and also `task_id`; an item with only the latter is still that job. */
function withJobId(item: unknown): unknown {
  if (!isRecord(item) || (typeof item.job_id === 'string' && item.job_id !== '')) return item;
  return typeof item.task_id === 'string' ? { ...item, job_id: item.task_id } : item;
}

export const MPC_LIST_NOTE = 'Uses MPC\'s v1 ListEditingJob, which the official SDKs call but no documentation page describes: unconfirmed against the live service.';

export const mpcEditingLister: KindLister = {
  kind: mpcEditingKind.kind,
  apis: [API],
  maxWindowMs: null,
  maxPageSize: MAX_PAGE,
  // The v1 request's status enum (list_editing_job_request.py): INIT, WAITING, PREPROCESSING, SUCCEED, FAILED, CANCELED.
  statusValues: { queued: 'WAITING', running: 'PROCESSING', succeeded: 'SUCCEED', failed: 'FAILED', cancelled: 'CANCELED' },
  requires: ['projectId'],
  note: MPC_LIST_NOTE,
  apiErrorHint(e) {
    return e.httpStatus === 404
      ? l10n.t('this region does not serve MPC\'s v1 ListEditingJob (the SDKs have it, the documentation does not), so its jobs cannot be browsed here; track them by id')
      : null;
  },
  async *pages(q: ListQuery, send: ListSend) {
    const seen = new SeenIds();
    const size = Math.min(Math.max(1, q.pageSize), MAX_PAGE);
    const projectId = q.params.projectId ?? '';
    for (let page = 0; ; page++) {
      const query: Array<[string, string]> = [
        ['start_time', huaweiListTime(q.from)], ['end_time', huaweiListTime(q.to)], ['page', String(page)], ['size', String(size)],
      ];
      const status = q.status !== null ? this.statusValues[q.status] : undefined;
      if (status !== undefined) query.push(['status', status]);
      const answer = await send({
        api: API, rateLimit: mpcEditingKind.rateLimit, endpoint: mpcEditingKind.endpoint,
        call: { cloud: 'huawei', service: mpcEditingKind.endpoint.product, method: 'GET', path: `/v1/${projectId}/editing/jobs`, query, projectId },
      });
      const wire = parseBody(BodyWire, answer.body, API, answer.requestId);
      const items = wire.jobs ?? [];
      const jobs = mpcEditingKind.parse({ job_array: items.map(withJobId) }, { refs: [{ kind: mpcEditingKind.kind, id: '', region: q.region, params: { projectId } }], region: q.region, requestId: answer.requestId }).jobs;
      yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j) && inWindow(q, j))), requests: 1 };
      const total = wire.total;
      if (items.length < size || (total !== null && (page + 1) * size >= total)) return;
    }
  },
};
