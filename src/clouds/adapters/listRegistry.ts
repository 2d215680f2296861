/**
 * The listers: one per kind, in KIND order. VOD lists videos (GetVideoList) and then each video's transcode tasks;
 * Live editing lists production studios (DescribeCasters) and then each studio's tasks (GetEditingJobInfo).
 */
import { type JobKind } from '../../model/job.js';
import { type KindLister } from '../listing.js';
import { iceLister } from './iceList.js';
import { liveEdgeLister } from './liveEdgeList.js';
import { liveEditingLister } from './liveEditingList.js';
import { mpcEditingLister } from './mpcEditingList.js';
import { vodLister } from './vodList.js';

const LISTERS: readonly KindLister[] = [iceLister, vodLister, liveEditingLister, liveEdgeLister, mpcEditingLister];

export function listerOf(kind: JobKind): KindLister | null {
  return LISTERS.find((l) => l.kind === kind) ?? null;
}

/** The kinds that can be browsed, in KIND order. */
export function listableKinds(): JobKind[] {
  return LISTERS.map((l) => l.kind);
}
