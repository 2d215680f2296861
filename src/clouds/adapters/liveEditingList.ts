/**
 * Browsing Live production-studio editing tasks. There is no call that lists editing tasks: the production studios
 * in playlist mode come from `DescribeCasters` with `NormType=6`
 * (https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-describecasters; model:
 * aliyun/alibabacloud-typescript-sdk live-20161101/src/models/DescribeCastersResponseBody.ts), ordered by their last
 * modification, newest first (`OrderByModifyAsc=false`), PageNum/PageSize ≤ 100, 15 calls a second; then one
 * `GetEditingJobInfo` per studio answers all of its tasks (10 calls a second, the get call's own bucket), and, for a
 * studio that has tasks, one `DescribeShowList` (https://www.alibabacloud.com/help/en/live/developer-reference/
 * api-live-2016-11-01-describeshowlist; model: live-20161101/src/models/DescribeShowListResponseBody.ts,
 * ShowListInfo.ShowList.Show[] {ShowId, ShowName, …}; 10 calls a second, its own bucket) names each task
 * "studio · show name". A studio whose show list cannot be read keeps the names GetEditingJobInfo gives.
 *
 * Editing tasks carry no times, so the window selects studios by `LastModified`: the pages stop at the first studio
 * modified before the window. A studio whose playlist is gone (`InvalidShowList.NotFound`, `InvalidCaster.NotFound`)
 * is skipped; any other error ends the listing with its hint.
 */
import { z } from 'zod';
import { ApiError, BadResponseError, SchemaError } from '../errors.js';
import { aliyunListApi, aliyunListCall, type KindLister, type ListQuery, type ListSend, SeenIds, statusMatches } from '../listing.js';
import { type Job } from '../../model/job.js';
import { liveEditingKind } from './liveEditing.js';
import { aliyunTime, idString, numLike, optString, parseBody } from './wire.js';

const VERSION = '2016-11-01';
const MAX_PAGE = 100;
/** DescribeCasters: 15 calls a second per user (client.ts remark). */
const CASTERS = aliyunListApi(liveEditingKind, 'DescribeCasters', VERSION, { capacity: 15, perMs: 1000 });
/** DescribeShowList: 10 calls a second per user (its reference page). */
const SHOWS = aliyunListApi(liveEditingKind, 'DescribeShowList', VERSION, { capacity: 10, perMs: 1000 });
/** GetEditingJobInfo answers these for a studio without a playlist or one deleted since it was listed. */
const GONE = new Set(['InvalidShowList.NotFound', 'InvalidCaster.NotFound']);

const CasterWire = z.looseObject({ CasterId: idString, CasterName: optString, LastModified: aliyunTime, CreateTime: aliyunTime });

const ShowWire = z.looseObject({ ShowId: idString, ShowName: optString });

const ShowsWire = z.looseObject({
  ShowListInfo: z.optional(z.looseObject({ ShowList: z.optional(z.looseObject({ Show: z.optional(z.array(z.unknown())) })) })),
});

/** ShowId → ShowName of one studio's playlist; empty when the list cannot be had (the tasks keep their names). */
async function showNames(casterId: string, q: ListQuery, send: ListSend): Promise<Map<string, string>> {
  let body: unknown;
  try {
    ({ body } = await send(aliyunListCall(SHOWS, { CasterId: casterId }, q.region)));
  } catch (e) {
    if (e instanceof ApiError || e instanceof SchemaError || e instanceof BadResponseError) return new Map();
    throw e;
  }
  return showNamesOf(body);
}

/** ShowId → ShowName from a DescribeShowList body (ShowListInfo.ShowList.Show[]); shows without a name are left out. */
export function showNamesOf(body: unknown): Map<string, string> {
  const names = new Map<string, string>();
  const wire = ShowsWire.safeParse(body);
  for (const item of (wire.success ? wire.data.ShowListInfo?.ShowList?.Show : undefined) ?? []) {
    const show = ShowWire.safeParse(item);
    if (show.success && show.data.ShowName !== null && show.data.ShowName !== '') names.set(show.data.ShowId, show.data.ShowName);
  }
  return names;
}

const CastersWire = z.looseObject({
  RequestId: optString,
  Total: numLike,
  CasterList: z.optional(z.looseObject({ Caster: z.optional(z.array(z.unknown())) })),
});

/** A studio's tasks (GetEditingJobInfo) named after the studio and their show (DescribeShowList); the calls it took. */
async function tasksOf(casterId: string, casterName: string | null, q: ListQuery, send: ListSend): Promise<{ jobs: Job[]; requests: number }> {
  const ref = { kind: liveEditingKind.kind, id: casterId, region: q.region, params: {} };
  let answer: { body: unknown; requestId: string | null };
  try {
    answer = await send({ api: liveEditingKind.api, rateLimit: liveEditingKind.rateLimit, endpoint: liveEditingKind.endpoint, call: liveEditingKind.buildCall([ref], q.region) });
  } catch (e) {
    if (e instanceof ApiError && GONE.has(e.code)) return { jobs: [], requests: 1 };
    throw e;
  }
  const jobs = liveEditingKind.parse(answer.body, { refs: [ref], region: q.region, requestId: answer.requestId }).jobs;
  if (jobs.length === 0) return { jobs, requests: 1 };
  const shows = await showNames(casterId, q, send);
  const studio = casterName !== null && casterName !== '' ? casterName : null;
  const named = jobs.map((j) => {
    const show = shows.get(j.id);
    const name = show !== undefined ? (studio !== null ? `${studio} · ${show}` : show)
      : studio !== null ? (j.name ? `${studio} · ${j.name}` : studio) : j.name;
    return { ...j, name };
  });
  return { jobs: named, requests: 2 };
}

export const liveEditingLister: KindLister = {
  kind: liveEditingKind.kind,
  apis: [CASTERS.api, liveEditingKind.api, SHOWS.api],
  maxWindowMs: null,
  maxPageSize: MAX_PAGE,
  // The task status is not a filter of DescribeCasters (its Status is the studio's streaming state).
  statusValues: {},
  requires: [],
  note: 'Editing tasks have no times: the window picks production studios (playlist mode) modified in it, then all of each studio\'s tasks, named after their show.',
  async *pages(q: ListQuery, send: ListSend) {
    const seen = new SeenIds();
    const size = Math.min(Math.max(1, q.pageSize), MAX_PAGE);
    for (let page = 1; ; page++) {
      const { body, requestId } = await send(aliyunListCall(CASTERS, { NormType: '6', OrderByModifyAsc: 'false', PageNum: String(page), PageSize: String(size) }, q.region));
      const wire = parseBody(CastersWire, body, CASTERS.api, requestId);
      const items = wire.CasterList?.Caster ?? [];
      let requests = 1;
      let older = false;
      const jobs: Job[] = [];
      for (const item of items) {
        const c = CasterWire.safeParse(item);
        if (!c.success) continue;
        const modified = c.data.LastModified ?? c.data.CreateTime;
        if (modified !== null && Date.parse(modified) < q.from) {
          older = true;
          break;
        }
        try {
          const got = await tasksOf(c.data.CasterId, c.data.CasterName, q, send);
          requests += got.requests;
          jobs.push(...got.jobs);
        } catch (e) {
          // A studio whose answer cannot be read does not hide the others.
          if (!(e instanceof SchemaError)) throw e;
          requests++;
        }
      }
      yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j))), requests };
      const total = wire.Total;
      if (older || items.length < size || (total !== null && page * size >= total)) return;
    }
  },
};
