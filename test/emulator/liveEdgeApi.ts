/**
 * Live GetEdgeTranscodeJob (2016-11-01): `{RequestId, Job}`, every field a string; Status "0" not started,
 * "1" running. LastStartAt / LastStopAt follow the script: the latest start of a "1" phase, and the latest
 * "0" phase that followed a run.
 */
import { aliyunTime, type EmulatorState, type StoredJob } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';
import { missingParameter } from './aliyunAuth.js';

export const LIVE_EDGE_STATUSES = ['0', '1'] as const;

export function renderEdgeJob(state: EmulatorState, job: StoredJob<'live-edge'>): Record<string, unknown> {
  const v = state.view(job);
  const out: Record<string, unknown> = { JobId: job.id, CreateTime: aliyunTime(job.startAt) };
  let lastStart: number | null = null;
  let lastStop: number | null = null;
  for (const h of v.history) {
    if (String(h.status) === '1') lastStart = h.start;
    else if (String(h.status) === '0' && lastStart !== null) lastStop = h.start;
  }
  if (lastStart !== null) out['LastStartAt'] = aliyunTime(lastStart);
  if (lastStop !== null) out['LastStopAt'] = aliyunTime(lastStop);
  Object.assign(out, v.fields);
  out['Status'] = String(v.status);
  return out;
}

export function handleGetEdgeTranscodeJob(params: Readonly<Record<string, string>>, state: EmulatorState): ApiOutcome {
  for (const name of ['ClusterId', 'JobId']) {
    if (params[name] === undefined || params[name] === '') {
      const m = missingParameter(name);
      return apiFailure(400, m.code, m.message);
    }
  }
  const clusterId = params['ClusterId'] as string;
  const jobId = params['JobId'] as string;
  const job = state.findEdgeJob(clusterId, jobId);
  if (!job) return apiFailure(404, 'JobNotFound', `The specified job "${jobId}" does not exist in cluster "${clusterId}".`);
  return { ok: true, payload: { Job: renderEdgeJob(state, job) } };
}
