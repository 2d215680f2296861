/**
 * The kinds registry: one line per job kind. Adding a kind is its file plus one line here; the record's
 * type makes a missing kind a compile error.
 */
import { type JobKind } from '../../model/job.js';
import { iceKind } from './ice.js';
import { type KindDefinition } from './kindDefinition.js';
import { liveEdgeKind } from './liveEdge.js';
import { liveEditingKind } from './liveEditing.js';
import { mpcEditingKind } from './mpcEditing.js';
import { vodKind } from './vod.js';

export const KINDS: Readonly<Record<JobKind, KindDefinition>> = Object.freeze({
  ice: iceKind,
  vod: vodKind,
  'live-editing': liveEditingKind,
  'live-edge': liveEdgeKind,
  'mpc-editing': mpcEditingKind,
});

export function kindDefinition(kind: JobKind): KindDefinition {
  return KINDS[kind];
}
