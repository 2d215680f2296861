/**
 * Live GetEditingJobInfo (2016-11-01): `{RequestId, CasterId, EditingTasksInfo}`. TaskStatus is a number
 * (-1 failed, 0 initializing, 1 editing, 2 uploading to VOD, 3 succeeded). EditingTasksInfo arrives in the
 * caster's configured shape: a JSON string of an array, a JSON string of one object (the doc example), or an
 * inline array.
 */
import { type EmulatorState, type StoredJob } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';
import { missingParameter } from './aliyunAuth.js';

export const LIVE_EDITING_STATUSES = [-1, 0, 1, 2, 3] as const;

export function renderEditingTask(state: EmulatorState, task: StoredJob<'live-editing'>): Record<string, unknown> {
  const v = state.view(task);
  const out: Record<string, unknown> = { ShowId: task.id };
  Object.assign(out, v.fields);
  // Script statuses may be written as strings ('3'); the wire carries numbers where they are numeric.
  out['TaskStatus'] = typeof v.status === 'string' && /^-?\d+$/.test(v.status) ? Number(v.status) : v.status;
  if (v.error) {
    out['ErrorCode'] = v.error.code;
    out['ErrorMessage'] = v.error.message;
  }
  return out;
}

/**
 * The CasterId check GetEditingJobInfo and DescribeShowList share: the caster id, or the error the cloud answers
 * (a missing CasterId, a caster that does not exist).
 */
export function casterOf(params: Readonly<Record<string, string>>, state: EmulatorState): { casterId: string } | { failure: ApiOutcome } {
  const casterId = params['CasterId'];
  if (casterId === undefined || casterId === '') {
    const m = missingParameter('CasterId');
    return { failure: apiFailure(400, m.code, m.message) };
  }
  if (!state.casterExists(casterId)) return { failure: apiFailure(404, 'InvalidCaster.NotFound', `The specified caster "${casterId}" does not exist.`) };
  return { casterId };
}

export function handleGetEditingJobInfo(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const caster = casterOf(params, state);
  if ('failure' in caster) return caster.failure;
  const { casterId } = caster;
  const showId = params['ShowId'];
  const tasks = state
    .tasksOfCaster(casterId)
    .filter((t) => showId === undefined || showId === '' || t.id === showId)
    .map((t) => renderEditingTask(state, t));
  let info: unknown;
  switch (state.casterShape(casterId)) {
    case 'json-string-object':
      // As the SDK model's @example writes it (live-20161101 GetEditingJobInfoResponseBody): the text is led by
      // its own key and ends with a comma.
      info = `"EditingTasksInfo": ${JSON.stringify(tasks[0] ?? {})},`;
      break;
    case 'inline-array':
      info = tasks;
      break;
    default:
      info = JSON.stringify(tasks);
  }
  return { ok: true, payload: { CasterId: casterId, EditingTasksInfo: info } };
}
