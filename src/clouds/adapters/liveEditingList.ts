/**
 * Browsing Live production-studio editing tasks. There is no call that lists editing tasks: the production studios
 * in playlist mode come from `DescribeCasters` with `NormType=6`
 * (https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-describecasters; model:
 * aliyun/alibabacloud-typescript-sdk live-20161101/src/models/DescribeCastersResponseBody.ts), ordered by their last
 * modification, newest first (`OrderByModifyAsc=false`), PageNum/PageSize ≤ 100, 15 calls a second; then one
 * `GetEditingJobInfo` per studio answers all of its tasks (10 calls a second, the get call's own bucket).
 *
 * Editing tasks carry no times, so the window selects studios by `LastModified`: the pages stop at the first studio
 * modified before the window. A studio whose playlist is gone (`InvalidShowList.NotFound`, `InvalidCaster.NotFound`)
 * is skipped; any other error ends the listing with its hint.
 */
import { z } from 'zod';
import { ApiError, SchemaError } from '../errors.js';
import { aliyunListApi, aliyunListCall, type KindLister, type ListQuery, type ListSend, SeenIds, statusMatches } from '../listing.js';
import { type Job } from '../../model/job.js';
import { liveEditingKind } from './liveEditing.js';
import { aliyunTime, idString, numLike, optString, parseBody } from './wire.js';

const VERSION = '2016-11-01';
const MAX_PAGE = 100;
/** DescribeCasters: 15 calls a second per user (client.ts remark). */
const CASTERS = aliyunListApi(liveEditingKind, 'DescribeCasters', VERSION, { capacity: 15, perMs: 1000 });
/** GetEditingJobInfo answers these for a studio without a playlist or one deleted since it was listed. */
const GONE = new Set(['InvalidShowList.NotFound', 'InvalidCaster.NotFound']);

const CasterWire = z.looseObject({ CasterId: idString, CasterName: optString, LastModified: aliyunTime, CreateTime: aliyunTime });

const CastersWire = z.looseObject({
  RequestId: optString,
  Total: numLike,
  CasterList: z.optional(z.looseObject({ Caster: z.optional(z.array(z.unknown())) })),
});

async function tasksOf(casterId: string, casterName: string | null, q: ListQuery, send: ListSend): Promise<Job[]> {
  const ref = { kind: liveEditingKind.kind, id: casterId, region: q.region, params: {} };
  let answer: { body: unknown; requestId: string | null };
  try {
    answer = await send({ api: liveEditingKind.api, rateLimit: liveEditingKind.rateLimit, endpoint: liveEditingKind.endpoint, call: liveEditingKind.buildCall([ref], q.region) });
  } catch (e) {
    if (e instanceof ApiError && GONE.has(e.code)) return [];
    throw e;
  }
  const jobs = liveEditingKind.parse(answer.body, { refs: [ref], region: q.region, requestId: answer.requestId }).jobs;
  return casterName !== null && casterName !== '' ? jobs.map((j) => ({ ...j, name: j.name ? `${casterName} · ${j.name}` : casterName })) : jobs;
}

export const liveEditingLister: KindLister = {
  kind: liveEditingKind.kind,
  apis: [CASTERS.api, liveEditingKind.api],
  maxWindowMs: null,
  maxPageSize: MAX_PAGE,
  // The task status is not a filter of DescribeCasters (its Status is the studio's streaming state).
  statusValues: {},
  requires: [],
  note: 'Editing tasks have no times: the window picks production studios (playlist mode) modified in it, then all of each studio\'s tasks.',
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
          requests++;
          jobs.push(...(await tasksOf(c.data.CasterId, c.data.CasterName, q, send)));
        } catch (e) {
          // A studio whose answer cannot be read does not hide the others.
          if (!(e instanceof SchemaError)) throw e;
        }
      }
      yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j))), requests };
      const total = wire.Total;
      if (older || items.length < size || (total !== null && page * size >= total)) return;
    }
  },
};
