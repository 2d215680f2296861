/**
 * Each kind's own status values → the model's one vocabulary (ARCHITECTURE.md, "The normalized job"), from each
 * API's reference page (linked in the kind's file).
 * The cloud's value is always kept as text beside it; a value not listed here is `unknown`, never an error,
 * because clouds add states (a cancelled state, say) without notice.
 */
import { type JobStatus } from '../../model/job.js';
import { rawText, toNumber } from './wire.js';

export interface MappedStatus {
  status: JobStatus;
  /** The cloud's own value as text; `''` when the body had none. */
  rawStatus: string;
}

/** Maps (not plain objects) so that `"constructor"` or `"__proto__"` can never look like a known status. */
const ICE = new Map<string, JobStatus>([
  ['Init', 'queued'],
  ['Queuing', 'queued'],
  ['Processing', 'running'],
  ['Success', 'succeeded'],
  ['Failed', 'failed'],
]);

const VOD_TASK = new Map<string, JobStatus>([
  ['Processing', 'running'],
  // "Partial": some jobs done, others still running; the task is not finished.
  ['Partial', 'running'],
  ['CompleteAllSucc', 'succeeded'],
  ['CompleteAllFail', 'failed'],
  ['CompletePartialSucc', 'partial'],
]);

const VOD_JOB = new Map<string, JobStatus>([
  ['Transcoding', 'running'],
  ['TranscodeSuccess', 'succeeded'],
  ['TranscodeFail', 'failed'],
]);

const MPC = new Map<string, JobStatus>([
  ['WAITING', 'queued'],
  ['PROCESSING', 'running'],
  ['SUCCEEDED', 'succeeded'],
  ['FAILED', 'failed'],
]);

const LIVE_EDITING = new Map<number, JobStatus>([
  [-1, 'failed'],
  [0, 'queued'],
  [1, 'running'], // editing
  [2, 'running'], // uploading the output to VOD
  [3, 'succeeded'],
]);

const LIVE_EDGE = new Map<number, JobStatus>([
  [0, 'stopped'], // not started (or stopped): a long-lived stream job that can start again
  [1, 'running'],
]);

function byName(table: ReadonlyMap<string, JobStatus>, raw: unknown): MappedStatus {
  const rawStatus = rawText(raw);
  const status = typeof raw === 'string' ? table.get(raw.trim()) : undefined;
  return { status: status ?? 'unknown', rawStatus };
}

/** For statuses documented as numbers that arrive as numbers or numeric strings (`3`, `"3"`, `"-1"`). */
function byNumber(table: ReadonlyMap<number, JobStatus>, raw: unknown): MappedStatus {
  const rawStatus = rawText(raw);
  const n = toNumber(raw);
  const status = n !== null && Number.isInteger(n) ? table.get(n) : undefined;
  return { status: status ?? 'unknown', rawStatus };
}

/** ICE GetMediaProducingJob `Status`. */
export function iceStatus(raw: unknown): MappedStatus {
  return byName(ICE, raw);
}

/** VOD GetTranscodeTask `TaskStatus` (the task as a whole). */
export function vodTaskStatus(raw: unknown): MappedStatus {
  return byName(VOD_TASK, raw);
}

/** VOD `TranscodeJobStatus` (one output of the task). */
export function vodJobStatus(raw: unknown): MappedStatus {
  return byName(VOD_JOB, raw);
}

/** Live GetEditingJobInfo `TaskStatus` (-1, 0, 1, 2, 3). */
export function liveEditingStatus(raw: unknown): MappedStatus {
  return byNumber(LIVE_EDITING, raw);
}

/** Live GetEdgeTranscodeJob `Status` ("0", "1"). */
export function liveEdgeStatus(raw: unknown): MappedStatus {
  return byNumber(LIVE_EDGE, raw);
}

/** Huawei MPC editing job `status`. */
export function mpcStatus(raw: unknown): MappedStatus {
  return byName(MPC, raw);
}
