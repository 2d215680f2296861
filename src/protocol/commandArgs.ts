/**
 * The contract of `mediaJobs.openJobReference`'s argument (JobReferenceArgs, src/model/jobIdHit.ts): what hover
 * links, document links and CodeLenses write into a command URI, validated when the command runs, since a
 * command URI can come from anywhere a link can.
 */
import { isJobKind, JOB_KINDS, type JobKind, type JobParams } from '../model/job.js';
import { type JobIdHit, type JobReferenceArgs } from '../model/jobIdHit.js';
import { validateId } from '../kinds/refs.js';
import { isRegionName } from '../util/region.js';

const ARG_PARAMS = ['clusterId', 'casterId', 'showId', 'projectId'] as const;
const ACTIONS = ['inspect', 'track', 'copy', 'console', 'command'] as const;

function plainValue(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 128 && validateId(v) === null;
}

function isArgParam(k: unknown): k is (typeof ARG_PARAMS)[number] {
  return (ARG_PARAMS as readonly unknown[]).includes(k);
}

/**
 * The arguments of `mediaJobs.openJobReference`, validated: `{ id, kinds | kind, params?, region?, needs?, action? }`.
 * Null when unusable.
 */
export function parseJobReferenceArgs(x: unknown): JobReferenceArgs | null {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return null;
  const o = x as Record<string, unknown>;
  if (!plainValue(o.id)) return null;
  const rawKinds = Array.isArray(o.kinds) ? o.kinds : o.kind !== undefined ? [o.kind] : [];
  if (rawKinds.length === 0 || rawKinds.length > JOB_KINDS.length || !rawKinds.every(isJobKind)) return null;
  const kinds = [...new Set(rawKinds as JobKind[])];
  const params: JobParams = {};
  if (o.params !== undefined) {
    if (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params)) return null;
    for (const [k, v] of Object.entries(o.params as Record<string, unknown>)) {
      if (v === undefined) continue;
      if (!isArgParam(k) || !plainValue(v)) return null;
      params[k] = v;
    }
  }
  const out: JobReferenceArgs = { id: o.id, kinds, params };
  if (o.region !== undefined && o.region !== '') {
    if (typeof o.region !== 'string' || !isRegionName(o.region)) return null;
    out.region = o.region;
  }
  if (o.needs !== undefined) {
    if (!Array.isArray(o.needs) || !o.needs.every(isArgParam)) return null;
    if (o.needs.length) out.needs = [...new Set(o.needs)];
  }
  if (o.action !== undefined) {
    if (!(ACTIONS as readonly unknown[]).includes(o.action)) return null;
    out.action = o.action as JobReferenceArgs['action'];
  }
  return out;
}

/** The hit the arguments name (its source: a link). */
export function hitOfArgs(a: JobReferenceArgs): JobIdHit {
  return { id: a.id, kinds: a.kinds, params: a.params, ...(a.region ? { region: a.region } : {}), needs: a.needs ?? [], source: 'link' };
}
