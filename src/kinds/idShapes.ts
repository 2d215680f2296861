/**
 * The kinds an id may be by its shape alone (KindDetect.idShapes), for "which kind is it?" when nothing
 * around the id says: 32 hex characters are what IMS, VOD and (in our samples) MPC use; a UUID is a
 * production-studio caster or show, or an edge transcode job; a number is an MPC job. PURE: Look Up reads it on
 * the extension host without loading the detector.
 */
import { JOB_KINDS, type JobKind } from '../model/job.js';
import { KIND_DETECT, type KindDetect } from './detection.js';

const ID_SHAPES: Readonly<Record<KindDetect['idShapes']['shapes'][number], RegExp>> = {
  hex32: /^[0-9a-fA-F]{32}$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  number: /^[0-9]+$/,
};

/** The kinds by the shapes of their ids, most likely first (KIND_INFO's order within a rank). */
const BARE_ID_KINDS = JOB_KINDS.map((kind) => ({ kind, rank: KIND_DETECT[kind].idShapes.rank, shapes: KIND_DETECT[kind].idShapes.shapes.map((s) => ID_SHAPES[s]) }))
  .sort((a, b) => a.rank - b.rank);

/** The kinds an id without context may be, most likely first; every kind when its shape says nothing. */
export function plausibleKindsForBareId(id: string): JobKind[] {
  const out: JobKind[] = [];
  for (const { kind, shapes } of BARE_ID_KINDS) if (shapes.some((re) => re.test(id))) out.push(kind);
  return out.length > 0 ? out : [...JOB_KINDS];
}
