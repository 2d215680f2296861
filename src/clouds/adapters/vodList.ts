/**
 * Browsing VOD transcode tasks. VOD has no call that lists transcode tasks by time: `ListTranscodeTask` needs a
 * VideoId (https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-listtranscodetask; model:
 * aliyun/alibabacloud-typescript-sdk vod-20170321/src/models/ListTranscodeTaskResponseBody.ts). So a page is one
 * `GetVideoList` page (https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-getvideolist;
 * GetVideoListResponseBody.ts): the videos created in the window, newest first, PageNo/PageSize ≤ 100, Status
 * `Transcoding` or `TranscodeFail` when the query asks for running or failed work; then each video's
 * `ListTranscodeTask` (PageNo/PageSize ≤ 50, StartTime/EndTime the same window, one year of data, 15 calls a second).
 *
 * GetVideoList returns at most 5,000 videos per filter (its doc), so a window whose Total is over that is split in
 * halves, newest first, until each half fits. A task's list item has no transcode jobs, outputs or streams (the
 * inspector fetches GetTranscodeTask when opened); its name is the video's title.
 *
 * What the window selects is the *video's* creation time: a task run later on an older video is not found this way.
 */
import { z } from 'zod';
import { SchemaError } from '../errors.js';
import { aliyunListApi, aliyunListCall, aliyunListTime, inWindow, type KindLister, type ListQuery, type ListSend, SeenIds, statusMatches } from '../listing.js';
import { type Job } from '../../model/job.js';
import { vodKind } from './vod.js';
import { idString, numLike, optString, parseBody } from './wire.js';

const VERSION = '2017-03-21';
const MAX_VIDEO_PAGE = 100;
const MAX_TASK_PAGE = 50;
/** GetVideoList: "a maximum of 5,000 records can be returned" for one filter. */
export const VIDEO_LIST_CAP = 5000;
/** GetVideoList's rate is not published: VOD's get-call rate. */
const VIDEOS = aliyunListApi(vodKind, 'GetVideoList', VERSION);
/** ListTranscodeTask: "15 calls per second per user" (client.ts remark). */
const TASKS = aliyunListApi(vodKind, 'ListTranscodeTask', VERSION, { capacity: 15, perMs: 1000 });

const VideoWire = z.looseObject({ VideoId: idString, Title: optString });

const VideosWire = z.looseObject({
  RequestId: optString,
  Total: numLike,
  VideoList: z.optional(z.looseObject({ Video: z.optional(z.array(z.unknown())) })),
});

const TasksWire = z.looseObject({
  RequestId: optString,
  TranscodeTaskList: z.optional(z.array(z.unknown())),
});

interface Window { from: number; to: number }

/** Every task of one video in the window, page by page; each list item mapped by GetTranscodeTask's parser. */
async function tasksOf(videoId: string, title: string | null, q: ListQuery, send: ListSend): Promise<{ jobs: Job[]; requests: number }> {
  const jobs: Job[] = [];
  let requests = 0;
  for (let page = 1; ; page++) {
    const { body, requestId } = await send(aliyunListCall(TASKS, { VideoId: videoId, StartTime: aliyunListTime(q.from), EndTime: aliyunListTime(q.to), PageNo: String(page), PageSize: String(MAX_TASK_PAGE) }, q.region));
    requests++;
    const wire = parseBody(TasksWire, body, TASKS.api, requestId);
    const items = wire.TranscodeTaskList ?? [];
    for (const item of items) {
      try {
        const parsed = vodKind.parse({ RequestId: wire.RequestId, TranscodeTask: item }, { refs: [], region: q.region, requestId: wire.RequestId ?? requestId });
        for (const j of parsed.jobs) jobs.push(title !== null && title !== '' ? { ...j, name: title } : j);
      } catch (e) {
        if (!(e instanceof SchemaError)) throw e;
      }
    }
    if (items.length < MAX_TASK_PAGE) return { jobs, requests };
  }
}

export const vodLister: KindLister = {
  kind: vodKind.kind,
  apis: [VIDEOS.api, TASKS.api],
  maxWindowMs: null,
  maxPageSize: MAX_VIDEO_PAGE,
  // GetVideoList's Status takes the video's state: Transcoding (work in progress) and TranscodeFail.
  statusValues: { running: 'Transcoding', failed: 'TranscodeFail' },
  requires: [],
  note: 'VOD lists videos, not transcode tasks: the window is the videos\' creation time (GetVideoList), then each video\'s ListTranscodeTask.',
  async *pages(q: ListQuery, send: ListSend) {
    const seen = new SeenIds();
    const size = Math.min(Math.max(1, q.pageSize), MAX_VIDEO_PAGE);
    const status = q.status !== null ? this.statusValues[q.status] : undefined;
    // Windows still to walk, the newest last (popped first).
    const windows: Window[] = [{ from: q.from, to: q.to }];
    while (windows.length > 0) {
      const w = windows.pop() as Window;
      for (let page = 1; ; page++) {
        const params: Record<string, string> = {
          StartTime: aliyunListTime(w.from), EndTime: aliyunListTime(w.to), SortBy: 'CreationTime:Desc',
          PageNo: String(page), PageSize: String(size),
        };
        if (status !== undefined) params.Status = status;
        const { body, requestId } = await send(aliyunListCall(VIDEOS, params, q.region));
        const wire = parseBody(VideosWire, body, VIDEOS.api, requestId);
        const total = wire.Total;
        // Past the cap the later pages are out of reach: walk both halves instead (older one pushed first).
        if (page === 1 && total !== null && total > VIDEO_LIST_CAP && w.to - w.from > 2000) {
          const mid = Math.floor((w.from + w.to) / 2000) * 1000;
          windows.push({ from: w.from, to: mid }, { from: mid, to: w.to });
          yield { jobs: [], requests: 1 };
          break;
        }
        const videos: Array<{ id: string; title: string | null }> = [];
        for (const v of wire.VideoList?.Video ?? []) {
          const r = VideoWire.safeParse(v);
          if (r.success) videos.push({ id: r.data.VideoId, title: r.data.Title });
        }
        let requests = 1;
        const jobs: Job[] = [];
        for (const v of videos) {
          const got = await tasksOf(v.id, v.title, q, send);
          requests += got.requests;
          jobs.push(...got.jobs);
        }
        jobs.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
        yield { jobs: seen.fresh(jobs.filter((j) => statusMatches(q, j) && inWindow(q, j))), requests };
        const count = wire.VideoList?.Video?.length ?? 0;
        if (count < size || (total !== null && page * size >= Math.min(total, VIDEO_LIST_CAP))) break;
      }
    }
  },
};
