/**
 * Every kind's detection facts (KindDetect, beside its KindInfo in src/kinds/<kind>.ts) in one table. Apart from
 * KIND_INFO so that only what detects ids (the detector, Look Up's id shapes) carries them. Each kind's facts
 * are paired with its KindInfo, so no kind is named here; test/unit/kinds/kindTables.test.ts checks every kind
 * has an entry.
 */
import { type JobKind } from '../model/job.js';
import { iceDetect, iceInfo } from './ice.js';
import { liveEdgeDetect, liveEdgeInfo } from './liveEdge.js';
import { liveEditingDetect, liveEditingInfo } from './liveEditing.js';
import { mpcEditingDetect, mpcEditingInfo } from './mpcEditing.js';
import { type KindDetect, type KindInfo } from './types.js';
import { vodDetect, vodInfo } from './vod.js';

export { type KindDetect } from './types.js';

const PAIRS: ReadonlyArray<readonly [KindInfo, KindDetect]> = [
  [iceInfo, iceDetect], [vodInfo, vodDetect], [liveEditingInfo, liveEditingDetect], [liveEdgeInfo, liveEdgeDetect], [mpcEditingInfo, mpcEditingDetect],
];

export const KIND_DETECT: Readonly<Record<JobKind, KindDetect>> = Object.freeze(
  Object.fromEntries(PAIRS.map(([info, detect]) => [info.kind, detect])) as Record<JobKind, KindDetect>,
);
