/**
 * References: checking an id, the key a reference is stored under, and the reference that fetches a job again.
 * Pure, like the rest of src/kinds/.
 */
import { isJobKind, type Job, type JobKind, type JobParams } from '../model/job.js';
import { type JobIdHit } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_INFO } from './index.js';
import { type KindInfo } from './types.js';
import * as l10n from '../util/l10n.js';

/** Longest id we accept; the real ones are 32–64 characters. */
export const MAX_ID_LENGTH = 128;

/**
 * Checks an id (or any identity parameter) before it goes into a request.
 * Returns a reason when it is unusable, or null when it is fine.
 * Ids are opaque to us, but none of the five APIs uses spaces, slashes or control characters.
 * @example validateId('a1b2-…') === null; validateId('a b') === 'contains a space'
 */
export function validateId(value: string, what = l10n.t('id')): string | null {
  if (value.length === 0) return l10n.t('{0} is empty', what);
  if (value.length > MAX_ID_LENGTH) return l10n.t('{0} is {1} characters long (at most {2})', what, value.length, MAX_ID_LENGTH);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return l10n.t('{0} contains a control character', what);
  if (/\s/.test(value)) return l10n.t('{0} contains a space', what);
  if (/[/\\?#&=%"'<>]/.test(value)) return l10n.t('{0} contains a character ids never have ({1})', what, /[/\\?#&=%"'<>]/.exec(value)?.[0] ?? '');
  return null;
}

/** A stable key for a job reference (used by stores and de-duplication); parseJobKey reads it back. */
export function jobKey(ref: Pick<JobRef, 'kind' | 'id' | 'region' | 'params'>): string {
  const p = ref.params;
  return [ref.kind, ref.region, ref.id, p.clusterId ?? '', p.casterId ?? '', p.projectId ?? ''].join('|');
}

/** What a key (jobKey) says: kind, region, id and the parameters in it; null when it is not a key. */
export function parseJobKey(key: string): Pick<JobRef, 'kind' | 'id' | 'region' | 'params'> | null {
  const parts = key.split('|');
  if (parts.length !== 6) return null;
  const [kind, region, id, clusterId, casterId, projectId] = parts as [string, string, string, string, string, string];
  if (!isJobKind(kind) || id === '') return null;
  const params: JobParams = {};
  if (clusterId) params.clusterId = clusterId;
  if (casterId) params.casterId = casterId;
  if (projectId) params.projectId = projectId;
  return { kind, id, region, params };
}

/**
 * The reference that fetches exactly this job again: the kind's identity parameters the job carries (live edge
 * its ClusterId, MPC the project it was fetched from); a kind whose tasks are listed per caster keeps only the
 * task's caster (KindInfo.casterParam: a reference without it would name the whole caster).
 */
export function refOfJob(job: Job): JobRef {
  const info = KIND_INFO[job.kind];
  const keep: ReadonlyArray<keyof JobParams> = info.casterParam ? [info.casterParam] : info.params.map((p) => p.name);
  const params: JobParams = {};
  for (const name of keep) if (job.params[name] !== undefined) params[name] = job.params[name];
  return { kind: job.kind, id: job.id, region: job.region, params };
}

/** True for a reference that names a whole caster (its id is the CasterId: KindInfo.casterParam), not one task. */
export function isCasterRef(ref: JobRef): boolean {
  const c = KIND_INFO[ref.kind].casterParam;
  return c !== undefined && ref.params[c] === undefined;
}

/** A parameter a found id still needs before it can be fetched (KindInfo.lookUpParams), its prompt naming the id. */
export type LookUpParam = NonNullable<KindInfo['lookUpParams']>[number];

/** A hit's reference for one kind, or the parameters to ask for first (`ref` null). */
export type HitRef = { ref: JobRef; missing: [] } | { ref: null; missing: LookUpParam[] };

/**
 * The one rule that turns a detected id (JobIdHit) into the reference of `kind`, in `region`: the kind's identity
 * parameters found with it (a caster's task: only its CasterId when given, else the kind's parameters, e.g. a
 * caster's ShowId); or, when the text did not give a parameter the fetch needs (KindInfo.lookUpParams), that
 * parameter, with its prompt (`{id}` filled in), to ask for and pass back in `hit.params`.
 */
export function refOfHit(hit: Pick<JobIdHit, 'id' | 'params' | 'needs'>, kind: JobKind, region: string): HitRef {
  const info = KIND_INFO[kind];
  const missing: LookUpParam[] = [];
  for (const p of info.lookUpParams ?? []) {
    if (!hit.params[p.name] && (p.always || hit.needs.includes(p.name))) missing.push({ ...p, prompt: p.prompt.replaceAll('{id}', hit.id) });
  }
  if (missing.length > 0) return { ref: null, missing };
  const params: JobParams = {};
  const caster = info.casterParam;
  if (caster && hit.params[caster]) params[caster] = hit.params[caster];
  else for (const p of info.params) if (hit.params[p.name]) params[p.name] = hit.params[p.name];
  return { ref: { kind, id: hit.id, region, params }, missing: [] };
}
