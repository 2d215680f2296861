/**
 * Huawei MPC ListEditingJobs (`GET /v2/{project_id}/editing/jobs?job_id=…`, at most 10 ids): `{job_array}`.
 * Ids that do not exist are simply absent from job_array, as list APIs do. Times are yyyyMMddHHmmss (UTC).
 */
import { huaweiTime, type EmulatorState, type StoredJob } from './state.js';
import { apiFailure, type ApiOutcome } from './wire.js';

export const MPC_STATUSES = ['WAITING', 'PROCESSING', 'SUCCEEDED', 'FAILED'] as const;
const TERMINAL = new Set<unknown>(['SUCCEEDED', 'FAILED', 'CANCELED']);
export const MPC_MAX_JOB_IDS = 10;

export function renderMpcJob(state: EmulatorState, job: StoredJob<'mpc-editing'>): Record<string, unknown> {
  const v = state.view(job);
  const out: Record<string, unknown> = { job_id: job.id, create_time: huaweiTime(job.startAt) };
  const started = v.history.find((h) => h.status === 'PROCESSING');
  if (started) out['start_time'] = huaweiTime(started.start);
  if (TERMINAL.has(v.status)) {
    out['end_time'] = huaweiTime(v.phaseStart);
    if (!started) out['start_time'] = huaweiTime(v.phaseStart);
  }
  Object.assign(out, v.fields);
  out['status'] = v.status;
  if (v.progress !== null) out['progress'] = v.progress;
  if (v.error) {
    out['error_code'] = v.error.code;
    out['exec_description'] = v.error.message;
  }
  return out;
}

/**
 * Validation failures use MPC's own code family (`MPC.<5 digits>`); MPC.10001 is the emulator's choice for a
 * bad parameter (a guess: the real code list names no parameter-validation code for this API).
 */
export function handleListEditingJobs(projectId: string, query: URLSearchParams, state: EmulatorState): ApiOutcome {
  const ids = query.getAll('job_id').filter((s) => s !== '');
  if (ids.length === 0) return apiFailure(400, 'MPC.10001', 'Invalid parameter: job_id is required.');
  if (ids.length > MPC_MAX_JOB_IDS) {
    return apiFailure(400, 'MPC.10001', `Invalid parameter: job_id supports at most ${MPC_MAX_JOB_IDS} values, got ${ids.length}.`);
  }
  const jobs: Array<Record<string, unknown>> = [];
  for (const id of new Set(ids)) {
    const job = state.findMpcJob(projectId, id);
    if (job) jobs.push(renderMpcJob(state, job));
  }
  return { ok: true, payload: { job_array: jobs } };
}
