/**
 * The adapters registry: one entry per job kind. Adding a kind is its adapter file plus one entry here; a kind
 * without an adapter is a compile error (`complete` below). The endpoint table and its product names are derived
 * from the adapters.
 */
import { type JobKind } from '../../model/job.js';
import { iceKind } from './ice.js';
import { type KindDefinition } from './kindDefinition.js';
import { liveEdgeKind } from './liveEdge.js';
import { liveEditingKind } from './liveEditing.js';
import { mpcEditingKind } from './mpcEditing.js';
import { vodKind } from './vod.js';

const ADAPTERS = [iceKind, vodKind, liveEditingKind, liveEdgeKind, mpcEditingKind] as const;

/** Fails to compile when a kind of JOB_KINDS has no adapter in ADAPTERS (the missing kind is named). */
const complete: Record<Exclude<JobKind, (typeof ADAPTERS)[number]['kind']>, never> = {};
void complete;

export const KINDS: Readonly<Record<JobKind, KindDefinition>> = Object.freeze(
  Object.fromEntries(ADAPTERS.map((d) => [d.kind, d])) as Record<JobKind, KindDefinition>,
);

export function kindDefinition(kind: JobKind): KindDefinition {
  return KINDS[kind];
}

/** The endpoint products the adapters declare (`ice`, `vod`, `live`, `mpc`): the prefix of their `api`. */
export type EndpointProduct = (typeof ADAPTERS)[number]['endpoint']['product'];

/** The region table: product → region → https origin, from the adapters (kinds of one product share it). */
export const ENDPOINTS: Readonly<Record<EndpointProduct, Readonly<Record<string, string>>>> = Object.fromEntries(
  ADAPTERS.map((d) => [d.endpoint.product, d.endpoint.origins]),
) as Record<EndpointProduct, Readonly<Record<string, string>>>;
