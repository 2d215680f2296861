/**
 * ICE GetMediaProducingJob (2020-11-09): `{RequestId, MediaProducingJob}`.
 * Timeline, ClipsParam, UserData and SubJobMaterials are served exactly as the job's fields hold them, which
 * for the sample jobs means JSON strings (one of them not valid JSON), as the real API does.
 */
import { aliyunTime, type EmulatorState, type StoredJob } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';
import { missingParameter } from './aliyunAuth.js';

export const ICE_STATUSES = ['Init', 'Queuing', 'Processing', 'Success', 'Failed'] as const;
const TERMINAL = new Set<unknown>(['Success', 'Failed']);

export function renderIceJob(state: EmulatorState, job: StoredJob<'ice'>): Record<string, unknown> {
  const v = state.view(job);
  const out: Record<string, unknown> = {
    JobId: job.id,
    CreateTime: aliyunTime(job.startAt),
    ModifiedTime: aliyunTime(v.phaseStart),
  };
  if (TERMINAL.has(v.status)) out['CompleteTime'] = aliyunTime(v.phaseStart);
  Object.assign(out, v.fields);
  out['Status'] = v.status;
  if (v.progress !== null) out['Progress'] = job.progressAsString ? String(v.progress) : v.progress;
  if (v.error) {
    out['Code'] = v.error.code;
    out['Message'] = v.error.message;
  }
  return out;
}

export function handleGetMediaProducingJob(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  const jobId = params['JobId'];
  if (jobId === undefined || jobId === '') {
    const m = missingParameter('JobId');
    return apiFailure(400, m.code, m.message);
  }
  const job = state.get('ice', jobId);
  if (!job) return apiFailure(404, 'JobNotFound', `The specified job "${jobId}" does not exist.`);
  return { ok: true, payload: { MediaProducingJob: renderIceJob(state, job) } };
}
