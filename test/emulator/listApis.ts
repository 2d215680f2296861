/**
 * The list calls the clouds offer for browsing, with their parameter checks:
 * - ICE ListMediaProducingJobs (2020-11-09): StartTime/EndTime `yyyy-MM-ddTHH:mm:ssZ` at most 30 days apart,
 *   MaxResults 1–100 (default 10), NextToken pages, Status Init/Failed/Success/Processing, SortBy
 *   CreationTime:Desc|Asc, MasterJobId (only that batch job's sub-jobs). Items are the get call's job without
 *   Timeline. Without MasterJobId, sub-jobs are listed too unless `state.iceListShowsSubJobs` is false (undocumented).
 * - ICE ListBatchMediaProducingJobs (2020-11-09): JobId, JobType Script/Smart_Mix, StartTime/EndTime (no range
 *   limit documented), Status Finished/Init/Failed/Processing, SortBy desc|asc, MaxResults 1–100 (default 10),
 *   NextToken; `{MaxResults, NextToken, EditingBatchJobList: []}`.
 * - Live ListEdgeTranscodeJob (2016-11-01): ClusterId required, PageNo ≥ 1, PageSize 1–100 (default 10), Status
 *   "0"/"1", Keyword (JobId exact or Name substring), SortBy desc|asc; `{JobList: {Job: []}, TotalCount}`.
 * - Huawei MPC v1 ListEditingJob (`GET /v1/{project_id}/editing/jobs`): status, start_time/end_time
 *   (yyyyMMddHHmmss), page from 0, size 1–100 (default 10); `{total, jobs}`.
 * - VOD GetVideoList (2017-03-21): the videos the transcode tasks name (their VideoId), created at their first task;
 *   StartTime/EndTime, Status (comma separated), SortBy CreationTime:Desc|Asc, PageNo ≥ 1, PageSize 1–100 (default
 *   10), at most 5,000 results per filter; `{Total, VideoList: {Video: []}}`.
 * - VOD ListTranscodeTask (2017-03-21): VideoId required, StartTime/EndTime, PageNo ≥ 1, PageSize 1–50 (default
 *   10); `{TranscodeTaskList: []}` with the task's own fields only, no total.
 * - Live DescribeCasters (2016-11-01): every studio the emulator knows is in playlist mode (NormType 6); NormType,
 *   CasterId, OrderByModifyAsc, PageNum ≥ 1, PageSize 1–100 (default 100); `{Total, CasterList: {Caster: []}}`,
 *   a studio created at its first task and modified at its latest.
 * - Live DescribeShowList (2016-11-01): CasterId required; a studio's playlist, one show per editing task (the
 *   task's ShowId, a name `show-<last 4>`), `{ShowList: text, ShowListInfo: {ShowList: {Show: []}, …}}` as in the
 *   SDK model (live-20161101 DescribeShowListResponseBody.ts).
 * The error codes for a bad window, page size or token are not published; the ones here are the emulator's
 * (InvalidParameter.* in Alibaba's style, MPC.10001 as for the v2 query).
 */
import { renderEdgeJob } from './liveEdgeApi.js';
import { casterOf } from './liveEditingApi.js';
import { renderVodTask } from './vodApi.js';
import { renderIceJob } from './iceApi.js';
import { renderMpcJob } from './mpcApi.js';
import { missingParameter } from './aliyunAuth.js';
import { aliyunTime, type EmulatorState, type StoredIceBatch, type StoredJob } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';

const DAY = 86_400_000;
const ALIYUN_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const HUAWEI_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

function parseTime(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isFinite(t) ? t : null;
}

function intParam(value: string | undefined | null, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** Opaque page tokens: base64 of the offset and the query they belong to (another query's token is rejected). */
function token(offset: number, query: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: query })).toString('base64');
}

function readToken(t: string, query: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(t, 'base64').toString('utf8')) as { o?: unknown; q?: unknown };
    return typeof v.o === 'number' && v.q === query ? v.o : null;
  } catch {
    return null;
  }
}

function newestFirst<T extends { startAt: number; id: string }>(jobs: T[], asc: boolean): T[] {
  return jobs.sort((a, b) => (asc ? a.startAt - b.startAt : b.startAt - a.startAt) || a.id.localeCompare(b.id));
}

const ICE_LIST_STATUSES = new Set(['Init', 'Failed', 'Success', 'Processing']);

export function handleListMediaProducingJobs(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const bad = (message: string, code = 'InvalidParameter'): ApiOutcome => apiFailure(400, code, message);
  const now = state.now();
  const w = checkWindow(params, { start: now - 30 * DAY, end: now, maxMs: 30 * DAY });
  if (isOutcome(w)) return w;
  const max = intParam(params['MaxResults'], 10);
  if (max === null || max < 1 || max > 100) return bad('The MaxResults must be between 1 and 100.', 'InvalidParameter.MaxResults');
  const status = params['Status'];
  if (status !== undefined && !ICE_LIST_STATUSES.has(status)) return bad(`The Status "${status}" is invalid.`, 'InvalidParameter.Status');
  const sortBy = params['SortBy'] ?? 'CreationTime:Desc';
  if (sortBy !== 'CreationTime:Desc' && sortBy !== 'CreationTime:Asc') return bad(`The SortBy "${sortBy}" is invalid.`, 'InvalidParameter.SortBy');
  const master = params['MasterJobId'] ?? '';
  const query = [params['StartTime'], params['EndTime'], status, sortBy, max, master].join('|');
  const offset = tokenOffset(params, query);
  if (offset === null) return bad('The NextToken is invalid or belongs to another query.', 'InvalidParameter.NextToken');
  const listed = (j: StoredJob<'ice'>): boolean => (master !== '' ? j.masterJobId === master : state.iceListShowsSubJobs || j.masterJobId === undefined);
  const matching = newestFirst(state.list('ice').filter((j) => listed(j) && j.startAt >= w.start && j.startAt <= w.end + 999), sortBy.endsWith('Asc'))
    .map((j) => renderIceJob(state, j))
    .filter((r) => status === undefined || r['Status'] === status);
  const page = matching.slice(offset, offset + max).map(({ Timeline: _t, Progress: _p, SubJobMaterials: _s, ...item }) => item);
  const more = offset + max < matching.length;
  return { ok: true, payload: { MaxResults: String(max), ...(more ? { NextToken: token(offset + max, query) } : {}), MediaProducingJobList: page } };
}

/** The offset a NextToken stands for (0 without one), or null when it belongs to another query. */
function tokenOffset(params: Readonly<Record<string, string>>, query: string): number | null {
  const t = params['NextToken'];
  return t === undefined || t === '' ? 0 : readToken(t, query);
}

const ICE_BATCH_STATUSES = new Set(['Finished', 'Init', 'Failed', 'Processing']);
const ICE_BATCH_TYPES = new Set(['Script', 'Smart_Mix']);

function renderIceBatch(state: EmulatorState, b: StoredIceBatch): Record<string, unknown> {
  const v = state.view(b);
  return {
    JobId: b.id, JobType: b.jobType, Status: v.status, CreateTime: aliyunTime(b.startAt), ModifiedTime: aliyunTime(v.phaseStart),
    ...(v.status === 'Finished' || v.status === 'Failed' ? { CompleteTime: aliyunTime(v.phaseStart) } : {}),
    ...v.fields,
  };
}

export function handleListBatchMediaProducingJobs(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const bad = (message: string, code: string): ApiOutcome => apiFailure(400, code, message);
  const w = checkWindow(params);
  if (isOutcome(w)) return w;
  const max = intParam(params['MaxResults'], 10);
  if (max === null || max < 1 || max > 100) return bad('The MaxResults must be between 1 and 100.', 'InvalidParameter.MaxResults');
  const status = params['Status'];
  if (status !== undefined && !ICE_BATCH_STATUSES.has(status)) return bad(`The Status "${status}" is invalid.`, 'InvalidParameter.Status');
  const jobType = params['JobType'];
  if (jobType !== undefined && !ICE_BATCH_TYPES.has(jobType)) return bad(`The JobType "${jobType}" is invalid.`, 'InvalidParameter.JobType');
  const sortBy = params['SortBy'] ?? 'desc';
  if (sortBy !== 'desc' && sortBy !== 'asc') return bad(`The SortBy "${sortBy}" is invalid.`, 'InvalidParameter.SortBy');
  const jobId = params['JobId'] ?? '';
  const query = ['batch', params['StartTime'], params['EndTime'], status, jobType, sortBy, max, jobId].join('|');
  const offset = tokenOffset(params, query);
  if (offset === null) return bad('The NextToken is invalid or belongs to another query.', 'InvalidParameter.NextToken');
  const matching = newestFirst(state.iceBatches().filter((b) => b.startAt >= w.start && b.startAt <= w.end + 999), sortBy === 'asc')
    .filter((b) => (jobId === '' || b.id === jobId) && (jobType === undefined || b.jobType === jobType))
    .map((b) => renderIceBatch(state, b))
    .filter((r) => status === undefined || r['Status'] === status);
  const more = offset + max < matching.length;
  return { ok: true, payload: { MaxResults: max, ...(more ? { NextToken: token(offset + max, query) } : {}), EditingBatchJobList: matching.slice(offset, offset + max) } };
}

export function handleListEdgeTranscodeJob(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const clusterId = params['ClusterId'];
  if (clusterId === undefined || clusterId === '') {
    const m = missingParameter('ClusterId');
    return apiFailure(400, m.code, m.message);
  }
  const p = page(params, 'PageNo', 10, 100);
  if (isOutcome(p)) return p;
  const status = params['Status'];
  if (status !== undefined && status !== '0' && status !== '1') return apiFailure(400, 'InvalidParameter.Status', `The Status "${status}" is invalid.`);
  const sortBy = params['SortBy'] ?? 'desc';
  if (sortBy !== 'desc' && sortBy !== 'asc') return apiFailure(400, 'InvalidParameter.SortBy', `The SortBy "${sortBy}" is invalid.`);
  const keyword = params['Keyword'];
  const since = state.now() - 180 * DAY;
  const all = newestFirst(state.list('live-edge').filter((j: StoredJob<'live-edge'>) => j.clusterId === clusterId && j.startAt >= since), sortBy === 'asc')
    .map((j) => renderEdgeJob(state, j))
    .filter((r) => status === undefined || r['Status'] === status)
    .filter((r) => keyword === undefined || keyword === '' || r['JobId'] === keyword || String(r['Name'] ?? '').includes(keyword));
  return { ok: true, payload: { TotalCount: all.length, JobList: { Job: all.slice((p.no - 1) * p.size, p.no * p.size) } } };
}

const MPC_V1_STATUSES = new Set(['INIT', 'WAITING', 'PREPROCESSING', 'PROCESSING', 'SUCCEED', 'FAILED', 'CANCELED']);
/** The v1 model says SUCCEED where the v2 query (and our samples) say SUCCEEDED. */
const V1_STATUS: Readonly<Record<string, string>> = { SUCCEEDED: 'SUCCEED' };

export function handleListEditingJobV1(projectId: string, query: URLSearchParams, state: EmulatorState): ApiOutcome {
  const bad = (message: string): ApiOutcome => apiFailure(400, 'MPC.10001', `Invalid parameter: ${message}`);
  const startText = query.get('start_time');
  const endText = query.get('end_time');
  const start = startText !== null ? parseTime(startText, HUAWEI_TIME) : 0;
  const end = endText !== null ? parseTime(endText, HUAWEI_TIME) : state.now();
  if (start === null) return bad('start_time must be yyyyMMddHHmmss (UTC).');
  if (end === null) return bad('end_time must be yyyyMMddHHmmss (UTC).');
  const page = intParam(query.get('page'), 0);
  if (page === null) return bad('page must be a non-negative integer.');
  const size = intParam(query.get('size'), 10);
  if (size === null || size < 1 || size > 100) return bad('size must be between 1 and 100.');
  const status = query.get('status');
  if (status !== null && !MPC_V1_STATUSES.has(status)) return bad(`status "${status}" is not one of ${[...MPC_V1_STATUSES].join(', ')}.`);
  const all = newestFirst(state.list('mpc-editing').filter((j) => (j.projectId ?? state.defaultProjectId) === projectId && j.startAt >= start && j.startAt <= end + 999), false)
    .map((j) => {
      const r = renderMpcJob(state, j);
      const s = String(r['status']);
      // v1's EditingJob: no progress, `task_id` beside `job_id`, SUCCEED.
      const { progress: _p, exec_description: execDescription, ...rest } = r;
      return { ...rest, task_id: j.id, status: V1_STATUS[s] ?? s, ...(execDescription !== undefined ? { description: execDescription } : {}) };
    })
    .filter((r) => status === null || r.status === status || (status === 'PROCESSING' && r.status === 'PREPROCESSING'));
  return { ok: true, payload: { total: all.length, jobs: all.slice(page * size, (page + 1) * size) } };
}

interface WindowRule {
  /** Used when the parameter is absent (ICE: the last 30 days; VOD: unbounded). */
  start: number;
  end: number;
  /** The longest range the API takes (ICE: 30 days). */
  maxMs?: number;
}

const OPEN_WINDOW: WindowRule = { start: -Infinity, end: Infinity };

/** StartTime/EndTime in `yyyy-MM-ddTHH:mm:ssZ`, the end not before the start, the range within the API's maximum. */
function checkWindow(params: Readonly<Record<string, string>>, rule: WindowRule = OPEN_WINDOW): { start: number; end: number } | ApiOutcome {
  const start = params['StartTime'] !== undefined && params['StartTime'] !== '' ? parseTime(params['StartTime'], ALIYUN_TIME) : rule.start;
  const end = params['EndTime'] !== undefined && params['EndTime'] !== '' ? parseTime(params['EndTime'], ALIYUN_TIME) : rule.end;
  if (start === null) return apiFailure(400, 'InvalidParameter.StartTime', 'The StartTime is invalid; use yyyy-MM-ddTHH:mm:ssZ (UTC).');
  if (end === null) return apiFailure(400, 'InvalidParameter.EndTime', 'The EndTime is invalid; use yyyy-MM-ddTHH:mm:ssZ (UTC).');
  if (end < start) return apiFailure(400, 'InvalidParameter.EndTime', 'The EndTime must be later than the StartTime.');
  if (rule.maxMs !== undefined && end - start > rule.maxMs) {
    return apiFailure(400, 'InvalidParameter.TimeRange', `The time range between StartTime and EndTime cannot exceed ${rule.maxMs / DAY} days.`);
  }
  return { start, end };
}

function page(params: Readonly<Record<string, string>>, pageKey: string, defaultSize: number, maxSize: number): { no: number; size: number } | ApiOutcome {
  const no = intParam(params[pageKey], 1);
  if (no === null || no < 1) return apiFailure(400, `InvalidParameter.${pageKey}`, `The ${pageKey} must be a positive integer.`);
  const size = intParam(params['PageSize'], defaultSize);
  if (size === null || size < 1 || size > maxSize) return apiFailure(400, 'InvalidParameter.PageSize', `The PageSize must be between 1 and ${maxSize}.`);
  return { no, size };
}

const isOutcome = (v: object): v is ApiOutcome => 'ok' in v;

const VIDEO_STATUSES = new Set(['Uploading', 'UploadFail', 'UploadSucc', 'Transcoding', 'TranscodeFail', 'Checking', 'Blocked', 'Normal', 'ProduceFail']);

interface EmulatedVideo { videoId: string; createdAt: number; modifiedAt: number; status: string }

/** The videos the VOD tasks name; a video's state follows its latest task. */
function videos(state: EmulatorState): EmulatedVideo[] {
  const byId = new Map<string, { tasks: Array<StoredJob<'vod'>> }>();
  for (const t of state.list('vod')) {
    const id = String(t.fields?.['VideoId'] ?? '');
    if (id === '') continue;
    const v = byId.get(id) ?? { tasks: [] };
    v.tasks.push(t);
    byId.set(id, v);
  }
  return [...byId].map(([videoId, { tasks }]) => {
    tasks.sort((a, b) => a.startAt - b.startAt);
    const latest = tasks[tasks.length - 1] as StoredJob<'vod'>;
    const s = String(state.view(latest).status);
    const status = s === 'Processing' || s === 'Partial' ? 'Transcoding' : s === 'CompleteAllFail' ? 'TranscodeFail' : 'Normal';
    return { videoId, createdAt: (tasks[0] as StoredJob<'vod'>).startAt, modifiedAt: latest.startAt, status };
  });
}

export function handleGetVideoList(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const w = checkWindow(params);
  if (isOutcome(w)) return w;
  const p = page(params, 'PageNo', 10, 100);
  if (isOutcome(p)) return p;
  const statuses = params['Status'] !== undefined && params['Status'] !== '' ? params['Status'].split(',') : null;
  const badStatus = statuses?.find((s) => !VIDEO_STATUSES.has(s));
  if (badStatus !== undefined) return apiFailure(400, 'InvalidParameter.Status', `The Status "${badStatus}" is invalid.`);
  const sortBy = params['SortBy'] ?? 'CreationTime:Desc';
  if (sortBy !== 'CreationTime:Desc' && sortBy !== 'CreationTime:Asc') return apiFailure(400, 'InvalidParameter.SortBy', `The SortBy "${sortBy}" is invalid.`);
  if ((p.no - 1) * p.size >= 5000) return apiFailure(400, 'InvalidParameter.PageNo', 'At most 5000 records can be returned for one filter; narrow StartTime and EndTime.');
  const all = videos(state)
    .filter((v) => v.createdAt >= w.start && v.createdAt <= w.end + 999)
    .filter((v) => statuses === null || statuses.includes(v.status))
    .sort((a, b) => (sortBy.endsWith('Asc') ? a.createdAt - b.createdAt : b.createdAt - a.createdAt) || a.videoId.localeCompare(b.videoId));
  const list = all.slice((p.no - 1) * p.size, Math.min(p.no * p.size, 5000)).map((v) => ({
    VideoId: v.videoId, Title: `Video ${v.videoId.slice(0, 8)}`, Status: v.status, StorageLocation: 'outin-demo.oss-cn-shanghai.aliyuncs.com',
    CreationTime: aliyunTime(v.createdAt), ModificationTime: aliyunTime(v.modifiedAt), CateId: 1000, CateName: 'demo', Size: 10_485_760, Duration: 60,
  }));
  return { ok: true, payload: { Total: all.length, VideoList: { Video: list } } };
}

const TASK_LIST_KEYS = ['TranscodeTaskId', 'VideoId', 'TaskStatus', 'CreationTime', 'CompleteTime', 'Trigger', 'TranscodeTemplateGroupId'];

export function handleListTranscodeTask(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const videoId = params['VideoId'];
  if (videoId === undefined || videoId === '') {
    const m = missingParameter('VideoId');
    return apiFailure(400, m.code, m.message);
  }
  const w = checkWindow(params);
  if (isOutcome(w)) return w;
  const p = page(params, 'PageNo', 10, 50);
  if (isOutcome(p)) return p;
  const tasks = state.list('vod')
    .filter((t) => t.fields?.['VideoId'] === videoId && t.startAt >= w.start && t.startAt <= w.end + 999)
    .sort((a, b) => b.startAt - a.startAt || a.id.localeCompare(b.id))
    .slice((p.no - 1) * p.size, p.no * p.size)
    .map((t) => {
      const r = renderVodTask(state, t);
      return Object.fromEntries(TASK_LIST_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
    });
  return { ok: true, payload: { TranscodeTaskList: tasks } };
}

export function handleDescribeCasters(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const p = page(params, 'PageNum', 100, 100);
  if (isOutcome(p)) return p;
  const normType = params['NormType'];
  if (normType !== undefined && !['1', '3', '4', '6'].includes(normType)) return apiFailure(400, 'InvalidParameter.NormType', `The NormType "${normType}" is invalid.`);
  const asc = params['OrderByModifyAsc'] ?? 'false';
  if (asc !== 'true' && asc !== 'false') return apiFailure(400, 'InvalidParameter.OrderByModifyAsc', 'The OrderByModifyAsc must be true or false.');
  const wanted = params['CasterId'];
  const casters = state.casterIds()
    .filter((id) => wanted === undefined || wanted === '' || id === wanted)
    .filter(() => normType === undefined || normType === '6')
    .map((id) => {
      const starts = state.tasksOfCaster(id).map((t) => t.startAt);
      const created = starts.length > 0 ? Math.min(...starts) : state.now();
      const modified = starts.length > 0 ? Math.max(...starts) : created;
      return { id, created, modified };
    })
    .sort((a, b) => (asc === 'true' ? a.modified - b.modified : b.modified - a.modified) || a.id.localeCompare(b.id));
  const list = casters.slice((p.no - 1) * p.size, p.no * p.size).map((c) => ({
    CasterId: c.id, CasterName: `studio-${c.id.slice(-4)}`, NormType: 6, Status: 0, ChargeType: 'PostPaid', ChannelEnable: 1,
    CreateTime: aliyunTime(c.created), LastModified: aliyunTime(c.modified), StartTime: aliyunTime(c.created),
  }));
  return { ok: true, payload: { Total: casters.length, CasterList: { Caster: list } } };
}

/** The show name the emulator gives an editing task's show. */
export function emulatedShowName(showId: string): string {
  return `show-${showId.slice(-4)}`;
}

export function handleDescribeShowList(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const caster = casterOf(params, state);
  if ('failure' in caster) return caster.failure;
  const { casterId } = caster;
  const shows = state.tasksOfCaster(casterId).sort((a, b) => a.startAt - b.startAt).map((t) => ({
    ShowId: t.id, ShowName: emulatedShowName(t.id), Duration: 20, RepeatTimes: 0,
    ResourceInfo: { ResourceId: String(t.fields?.['OutputVodId'] ?? ''), ResourceType: 'vod', ResourceUrl: '', LiveInputType: 1 },
  }));
  const current = shows[shows.length - 1]?.ShowId ?? '';
  return {
    ok: true,
    payload: {
      ShowList: JSON.stringify(shows),
      ShowListInfo: {
        ShowList: { Show: shows }, CurrentShowId: current, HighPriorityShowId: '', HighPriorityShowStartTime: '',
        ShowListRepeatTimes: 0, TotalShowListRepeatTimes: 0, Background: '',
      },
    },
  };
}
