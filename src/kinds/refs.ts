/**
 * References: checking an id, the key a reference is stored under, and the reference that fetches a job again.
 * Pure, like the rest of src/kinds/.
 */
import { type Job, type JobParams } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_INFO } from './index.js';

/** Longest id we accept; the real ones are 32–64 characters. */
export const MAX_ID_LENGTH = 128;

/**
 * Checks an id (or any identity parameter) before it goes into a request.
 * Returns a reason when it is unusable, or null when it is fine.
 * Ids are opaque to us, but none of the five APIs uses spaces, slashes or control characters.
 * @example validateId('a1b2-…') === null; validateId('a b') === 'contains a space'
 */
export function validateId(value: string, what = 'id'): string | null {
  if (value.length === 0) return `${what} is empty`;
  if (value.length > MAX_ID_LENGTH) return `${what} is ${value.length} characters long (at most ${MAX_ID_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return `${what} contains a control character`;
  if (/\s/.test(value)) return `${what} contains a space`;
  if (/[/\\?#&=%"'<>]/.test(value)) return `${what} contains a character ids never have (${/[/\\?#&=%"'<>]/.exec(value)?.[0]})`;
  return null;
}

/** A stable key for a job reference (used by stores and de-duplication). */
export function jobKey(ref: Pick<JobRef, 'kind' | 'id' | 'region' | 'params'>): string {
  const p = ref.params;
  return [ref.kind, ref.region, ref.id, p.clusterId ?? '', p.casterId ?? '', p.projectId ?? ''].join('|');
}

/**
 * The reference that fetches exactly this job again. Live editing: the task's ShowId with its CasterId
 * (a reference without casterId would name the whole caster); live edge keeps its ClusterId; MPC keeps the
 * project it was fetched from.
 */
export function refOfJob(job: Job): JobRef {
  const params: JobParams = {};
  switch (job.kind) {
    case 'live-editing':
      if (job.params.casterId !== undefined) params.casterId = job.params.casterId;
      break;
    default:
      // live-edge keeps its ClusterId, mpc-editing its project (src/kinds/).
      for (const p of KIND_INFO[job.kind].params) if (job.params[p.name] !== undefined) params[p.name] = job.params[p.name];
      break;
  }
  return { kind: job.kind, id: job.id, region: job.region, params };
}

/** True for a live-editing reference that names a whole caster (its id is the CasterId), not one task. */
export function isCasterRef(ref: JobRef): boolean {
  return ref.kind === 'live-editing' && ref.params.casterId === undefined;
}
