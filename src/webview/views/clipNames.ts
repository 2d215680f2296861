/** What the timeline, the clips table and the clip details call a track and a clip (`Video 1`, the media id). */
import { type TrackType } from '../../model/job.js';
import { type TrackSummary } from '../../present/timelineIndex.js';
import { baseName, oneLine } from '../format.js';

export const TRACK_LABEL: Readonly<Record<TrackType, string>> = { video: 'Video', image: 'Image', audio: 'Audio', subtitle: 'Subtitle', effect: 'Effect' };

/**
 * `Video 2`, `Effect 1`; an effect track given in VideoTracks (Type "Effect") is `Video 3 · effect`: its index
 * counts VideoTracks, so it is told apart from EffectTracks' own `Effect 3`.
 */
export function trackName(t: Pick<TrackSummary, 'type' | 'index' | 'origin'>): string {
  if (t.origin !== undefined && t.origin !== t.type) return `${TRACK_LABEL[t.origin] ?? t.origin} ${t.index + 1} · ${t.type}`;
  return `${TRACK_LABEL[t.type] ?? t.type} ${t.index + 1}`;
}

export function clipName(c: { mediaId: string | null; mediaUrl: string | null; text: string | null; clipType: string | null }): string {
  return c.mediaId ?? baseName(c.mediaUrl) ?? (c.text !== null ? oneLine(c.text, 80) : null) ?? c.clipType ?? 'clip';
}
