/**
 * The listers: one per kind that can be browsed. VOD (GetVideoList, then each video's ListTranscodeTask) and Live
 * editing (DescribeCasters, then each caster's GetEditingJobInfo) are not here yet: `listerOf` says so.
 */
import { type JobKind } from '../../model/job.js';
import { type KindLister } from '../listing.js';
import { iceLister } from './iceList.js';
import { liveEdgeLister } from './liveEdgeList.js';
import { mpcEditingLister } from './mpcEditingList.js';

const LISTERS: readonly KindLister[] = [iceLister, liveEdgeLister, mpcEditingLister];

export function listerOf(kind: JobKind): KindLister | null {
  return LISTERS.find((l) => l.kind === kind) ?? null;
}

/** The kinds that can be browsed, in KIND order. */
export function listableKinds(): JobKind[] {
  return LISTERS.map((l) => l.kind);
}
