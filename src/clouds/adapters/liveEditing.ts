/**
 * ApsaraVideo Live production-studio editing tasks: `GetEditingJobInfo` (2016-11-01).
 * Wire format: https://www.alibabacloud.com/help/en/live/developer-reference/api-geteditingjobinfo.
 *
 * Reference convention: a JobRef with `params.casterId` names one task, its id being the ShowId; a JobRef
 * without it names a whole caster (id = CasterId), optionally narrowed by `params.showId`. Either way every
 * task found becomes its own Job with id = ShowId and `params.casterId` = the CasterId that was asked for (an
 * answer naming another caster does not move later polls there; its own CasterId stays in `raw`).
 */
import { z } from 'zod';
import { ConfigError, SchemaError } from '../errors.js';
import { type AliyunCall } from '../apiCall.js';
import { emptyOutput, type Job, type JobOutput, type JobStatus } from '../../model/job.js';
import { type JobRef } from '../../model/jobRef.js';
import { fromKindInfo, type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { LIVE_ENDPOINT } from './liveProduct.js';
import { byNumber, type MappedStatus } from './status.js';
import { anyValue, blankJob, checkRefs, embeddedObject, idString, isRecord, optString, ownKeyStripper, parseBody, parseJsonText } from './wire.js';
import * as l10n from '../../util/l10n.js';

const { apiVersion: VERSION, action: ACTION, ...CALL } = fromKindInfo('live-editing', LIVE_ENDPOINT.product);
const API = CALL.api;

const STATUS = new Map<number, JobStatus>([
  [-1, 'failed'],
  [0, 'queued'],
  [1, 'running'], // editing
  [2, 'running'], // uploading the output to VOD
  [3, 'succeeded'],
]);

/** GetEditingJobInfo `TaskStatus` (-1, 0, 1, 2, 3). */
export function liveEditingStatus(raw: unknown): MappedStatus {
  return byNumber(STATUS, raw);
}

const TaskWire = z.looseObject({
  ShowId: optString,
  TaskStatus: anyValue,
  OutputVodId: optString,
  StorageInfo: embeddedObject(z.looseObject({ StorageLocation: optString, FileName: optString })),
});

const BodyWire = z.looseObject({
  RequestId: optString,
  CasterId: idString,
  // Typed as a string by the SDK; seen (and documented) as an object; an array is plausible without ShowId.
  EditingTasksInfo: anyValue,
});

/** The SDK model's example text of EditingTasksInfo is led by its own key (`"EditingTasksInfo": {…},`). */
const withoutTasksKey = ownKeyStripper(['EditingTasksInfo']);

/** Keys that mark an object as one task rather than a wrapper around a list of tasks. */
const TASK_KEYS = ['ShowId', 'TaskStatus', 'OutputVodId', 'StorageInfo'];
/** Wrapper keys the XML-to-JSON layer could produce; any array-valued key is tried after these. */
const WRAPPER_KEYS = ['EditingTaskInfo', 'EditingTasksInfo', 'EditingTask', 'TaskInfo', 'Tasks'];

/**
 * EditingTasksInfo as a list of task values: an object (one task), an array, JSON text of either, or an
 * object wrapping an array. Absent or empty → []. Something present but unreadable → SchemaError.
 */
function readTasks(v: unknown, requestId: string | null, depth = 0): unknown[] {
  if (v === undefined || v === null) return [];
  // Real bodies nest two levels at most (a string holding a wrapper holding an array); junk may nest deeper.
  if (depth > 4) return [];
  let value: unknown = v;
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    // The SDK model's example (live-20161101 GetEditingJobInfoResponseBody) leads the text with its own key.
    const parsed = parseJsonText(withoutTasksKey(value));
    if (!parsed.ok) throw new SchemaError(API, 'EditingTasksInfo', l10n.t('{0} is not valid JSON: {1}', 'EditingTasksInfo', parsed.reason), requestId);
    value = parsed.value;
    if (value === null) return [];
  }
  if (Array.isArray(value)) {
    // One unreadable element must not hide the others: it is skipped.
    return value.flatMap((item) => {
      if (typeof item !== 'string') return [item];
      try {
        return readTasks(item, requestId, depth + 1);
      } catch {
        return [];
      }
    });
  }
  if (isRecord(value)) {
    const obj = value;
    if (TASK_KEYS.some((k) => obj[k] !== undefined)) return [obj];
    for (const k of WRAPPER_KEYS) {
      if (obj[k] !== undefined) return readTasks(obj[k], requestId, depth + 1);
    }
    const anyList = Object.values(obj).find((x) => Array.isArray(x));
    return anyList === undefined ? [] : readTasks(anyList, requestId, depth + 1);
  }
  throw new SchemaError(API, 'EditingTasksInfo', l10n.t('{0} is a {1}, expected tasks', 'EditingTasksInfo', typeof value), requestId);
}

/** The CasterId the call asked for (the batch is one reference), or the answer's when there is no reference. */
function requestedCasterId(refs: readonly JobRef[], answered: string): string {
  const ref = refs[0];
  if (ref === undefined) return answered;
  return ref.params.casterId ?? ref.id;
}

/** The CasterId every reference is a task of, or a ConfigError when they are not tasks of one caster. */
function sharedCasterOf(refs: readonly JobRef[]): string {
  const casterId = refs[0]?.params.casterId;
  if (casterId === undefined || refs.some((r) => r.params.casterId !== casterId)) {
    throw new ConfigError(l10n.t('{0}: {1} references in one call must be tasks of one caster', API, refs.length));
  }
  return casterId;
}

/** The ShowIds the references asked for (empty: every task of the caster). */
function requestedShowIds(refs: readonly JobRef[]): string[] {
  const ids: string[] = [];
  for (const ref of refs) {
    const showId = ref.params.casterId !== undefined ? ref.id : ref.params.showId;
    if (showId !== undefined && !ids.includes(showId)) ids.push(showId);
  }
  return ids;
}

function parse(body: unknown, ctx: ParseContext): ParseResult {
  const wire = parseBody(BodyWire, body, API, ctx.requestId);
  const requestId = wire.RequestId ?? ctx.requestId;
  const rawBody = body as Record<string, unknown>; // parseBody succeeded, so the body is an object
  const taskValues = readTasks(wire.EditingTasksInfo, requestId);
  const requested = requestedShowIds(ctx.refs);
  const casterId = requestedCasterId(ctx.refs, wire.CasterId);
  // A task without ShowId can still be placed when exactly one show was asked for.
  const fallbackShowId = requested.length === 1 ? requested[0] ?? null : null;

  const jobs: Job[] = [];
  let tasks = 0;
  for (const value of taskValues) {
    const r = TaskWire.safeParse(value);
    if (!r.success) continue;
    tasks++;
    const task = r.data;
    const showId = task.ShowId ?? fallbackShowId;
    if (showId === null) continue;
    if (requested.length > 0 && !requested.includes(showId)) continue;
    const { status, rawStatus } = liveEditingStatus(task.TaskStatus);
    const storage = task.StorageInfo;
    const outputs: JobOutput[] = [];
    if (task.OutputVodId !== null || storage?.StorageLocation != null || storage?.FileName != null) {
      outputs.push({
        ...emptyOutput(), mediaId: task.OutputVodId, storageLocation: storage?.StorageLocation ?? null,
        fileName: storage?.FileName ?? null,
      });
    }
    jobs.push({
      ...blankJob('live-editing', ctx.region, showId),
      name: storage?.FileName ?? showId,
      status,
      rawStatus,
      outputs,
      params: { casterId },
      requestId,
      raw: { RequestId: rawBody.RequestId, CasterId: rawBody.CasterId, task: value },
    });
  }

  if (tasks > 0 && jobs.length === 0 && requested.length === 0) {
    throw new SchemaError(API, 'EditingTasksInfo.ShowId', l10n.t('no editing task carries a {0}', 'ShowId'), requestId);
  }
  const found = new Set(jobs.map((j) => j.id));
  return { jobs, missing: requested.filter((id) => !found.has(id)) };
}

export const liveEditingKind: KindDefinition<'live', 'live-editing'> = {
  ...CALL,
  // Not published for this API.
  retention: 'not documented',
  endpoint: LIVE_ENDPOINT,
  buildCall(refs, region): AliyunCall {
    // Several tasks of one caster (sharedCall): one call without ShowId answers them all.
    const shared = refs.length > 1 ? sharedCasterOf(refs) : null;
    const ref = shared === null ? checkRefs(API, refs, CALL.batchSize) : refs[0]!;
    const casterId = ref.params.casterId ?? ref.id;
    const showId = shared !== null ? undefined : ref.params.casterId !== undefined ? ref.id : ref.params.showId;
    const params: Record<string, string> = { CasterId: casterId };
    if (showId !== undefined) params.ShowId = showId;
    if (region !== '') params.RegionId = region;
    return { cloud: 'aliyun', product: LIVE_ENDPOINT.product, action: ACTION, version: VERSION, method: 'POST', params };
  },
  parse,
  // GetEditingJobInfo without ShowId returns every task of the caster (EditingTasksInfo), so the tasks tracked
  // under one CasterId are asked for in one call, not one call each.
  sharedCall(ref) {
    return ref.params.casterId ? `caster|${ref.params.casterId}` : null;
  },
  // A ref with a casterId names one task (its id is the ShowId); without, its id is the CasterId.
  matchJobs(ref, jobs) {
    if (ref.params.casterId) return jobs.filter((j) => j.id === ref.id);
    return ref.params.showId ? jobs.filter((j) => j.id === ref.params.showId) : [...jobs];
  },
};
