/** What every surface (the inspector, the OTIO export) calls a timeline track: `Video 1`, `Effect 1`, `Video 3 · effect`. */
import { type TimelineTrack, type TrackType } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export const TRACK_LABEL: Readonly<Record<TrackType, string>> = { video: 'Video', image: 'Image', audio: 'Audio', subtitle: 'Subtitle', effect: 'Effect' };

/**
 * `Video 2`, `Effect 1`; an effect track given in VideoTracks (Type "Effect") is `Video 3 · effect`: its index
 * counts VideoTracks, so it is told apart from EffectTracks' own `Effect 3`.
 */
export function trackName(t: Pick<TimelineTrack, 'type' | 'index' | 'origin'>): string {
  const name = (type: TrackType): string => (Object.hasOwn(TRACK_LABEL, type) ? l10n.label(TRACK_LABEL[type]) : type);
  if (t.origin !== undefined && t.origin !== t.type) return `${name(t.origin)} ${t.index + 1} · ${l10n.label(t.type)}`;
  return `${name(t.type)} ${t.index + 1}`;
}
