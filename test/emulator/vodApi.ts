/**
 * VOD GetTranscodeTask (2017-03-21). By TranscodeTaskId: `{RequestId, TranscodeTask}`; by JobIds (comma
 * separated, at most 10): `{RequestId, TranscodeJobInfoList, NonExistJobIds}` as documented. Both may be given.
 * Stream lists and Encryption inside OutputFile are whatever the job's fields hold (JSON strings in the samples,
 * one of them doubly encoded like the docs' AudioStreamList example).
 */
import { aliyunTime, type EmulatorState, type StoredJob, type VodItemInit } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';
import { missingParameter } from './aliyunAuth.js';

export const VOD_TASK_STATUSES = ['Processing', 'Partial', 'CompleteAllSucc', 'CompleteAllFail', 'CompletePartialSucc'] as const;
export const VOD_JOB_STATUSES = ['Transcoding', 'TranscodeSuccess', 'TranscodeFail'] as const;
const TASK_TERMINAL = new Set<unknown>(['CompleteAllSucc', 'CompleteAllFail', 'CompletePartialSucc']);
const JOB_TERMINAL = new Set<unknown>(['TranscodeSuccess', 'TranscodeFail']);

export function renderVodItem(state: EmulatorState, task: StoredJob<'vod'>, item: VodItemInit): Record<string, unknown> {
  const v = state.view({ startAt: task.startAt, phases: item.phases, ...(item.fields ? { fields: item.fields } : {}) });
  const out: Record<string, unknown> = {
    TranscodeJobId: item.id,
    CreationTime: aliyunTime(task.startAt),
  };
  if (JOB_TERMINAL.has(v.status)) out['CompleteTime'] = aliyunTime(v.phaseStart);
  Object.assign(out, v.fields);
  out['TranscodeJobStatus'] = v.status;
  if (v.progress !== null) out['TranscodeProgress'] = v.progress;
  if (v.error) {
    out['ErrorCode'] = v.error.code;
    out['ErrorMessage'] = v.error.message;
  }
  return out;
}

export function renderVodTask(state: EmulatorState, task: StoredJob<'vod'>): Record<string, unknown> {
  const v = state.view(task);
  const out: Record<string, unknown> = {
    TranscodeTaskId: task.id,
    CreationTime: aliyunTime(task.startAt),
  };
  if (TASK_TERMINAL.has(v.status)) out['CompleteTime'] = aliyunTime(v.phaseStart);
  Object.assign(out, v.fields);
  out['TaskStatus'] = v.status;
  out['TranscodeJobInfoList'] = task.items.map((i) => renderVodItem(state, task, i));
  return out;
}

export function handleGetTranscodeTask(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const taskId = params['TranscodeTaskId'];
  const jobIdsParam = params['JobIds'];
  if ((taskId === undefined || taskId === '') && (jobIdsParam === undefined || jobIdsParam === '')) {
    const m = missingParameter('TranscodeTaskId');
    return apiFailure(400, m.code, m.message);
  }
  const payload: Record<string, unknown> = {};
  if (taskId !== undefined && taskId !== '') {
    const task = state.get('vod', taskId);
    if (!task) return apiFailure(404, 'InvalidTranscodeTaskId.NotFound', `The specified TranscodeTaskId "${taskId}" does not exist.`);
    payload['TranscodeTask'] = renderVodTask(state, task);
  }
  if (jobIdsParam !== undefined && jobIdsParam !== '') {
    const ids = jobIdsParam.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (ids.length > 10) return apiFailure(400, 'InvalidParameter.JobIds', 'The specified parameter "JobIds" exceeds the limit of 10 IDs.');
    const found: Array<Record<string, unknown>> = [];
    const missing: string[] = [];
    for (const id of ids) {
      const hit = state.findVodItem(id);
      if (hit) found.push(renderVodItem(state, hit.task, hit.item));
      else missing.push(id);
    }
    payload['TranscodeJobInfoList'] = found;
    payload['NonExistJobIds'] = missing;
  }
  return { ok: true, payload };
}
