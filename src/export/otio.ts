/**
 * A job's parsed Timeline as OpenTimelineIO JSON (a `.otio` file), so it opens in an editor: DaVinci Resolve
 * imports .otio, Premiere and Avid through OTIO's adapters and plug-ins, and `otioview` shows it.
 *
 * The format: https://opentimeline.io/ and its serialization docs, "File Format Specification" and "Serialized Data"
 * (https://opentimelineio.readthedocs.io/en/latest/tutorials/otio-file-format-specification.html,
 * https://opentimelineio.readthedocs.io/en/latest/tutorials/otio-serialized-schema.html). The mapping:
 * - `Timeline.1` → `tracks`: a `Stack.1` whose `Track.1` children are the Timeline's tracks in the order they are
 *   drawn, bottom first (the ICE Timeline's own rule: the first element is the bottom layer); video, image, effect
 *   and subtitle tracks are `Video` tracks (effects and subtitles carry their data in metadata), audio `Audio`.
 * - A clip is a `Clip.2` whose `source_range` starts at its `In` and lasts as long as it sits on the timeline
 *   (`TimelineOut − TimelineIn`; OTIO does not apply time warps to durations, so a sped-up clip keeps its place);
 *   its media is an `ExternalReference.1` to its MediaURL. A clip with no URL (a MediaId of the IMS library, a text
 *   or an effect item) gets OTIO's placeholder, `MissingReference.1`, with the MediaId in its metadata: an editor
 *   then shows it offline and can relink it, where an ExternalReference without a URL would point nowhere.
 * - The time before a clip's `TimelineIn` is a `Gap.1`; a clip's `Speed` a `LinearTimeWarp.1`; its Transition
 *   effect a `Transition.1` on the cut into it, centred on the cut (which side of the cut ICE draws it on is not
 *   stated on the effect page: UNCONFIRMED, said in its metadata).
 * - Times are `RationalTime.1` at `rate` (default 30 per second, stated in the timeline's metadata); values are the
 *   seconds times the rate, not rounded to frames (ICE positions have four decimals).
 * - Everything OTIO has no field for (job id, kind, region, the ICE clip object with its effects and layout) is under
 *   `metadata.aliyun_ice`.
 *
 * Nothing is invented. A clip whose position on the timeline is not known (no TimelineIn could be derived, or an
 * open end) is left out of its track and kept in the track's metadata (`unplaced`), and counted; a position the
 * parser derived (laid end to end, placed to the end of the output) is marked `derived_placement`. Clips that overlap
 * in one ICE track (OTIO tracks are sequential) go to an extra track of the same kind right above it, named so.
 *
 * Pure: a Job in, a plain object out (JSON.stringify it).
 */
import { type Job, type Timeline, type TimelineClip, type TimelineTrack } from '../model/job.js';
import { trackName } from '../present/trackNames.js';
import { fileNameFromUrl } from '../util/urls.js';
import * as l10n from '../util/l10n.js';

export const OTIO_DEFAULT_RATE = 30;
const NS = 'aliyun_ice';
/** Closer than this (seconds) is the same instant: ICE positions have four decimals. */
const EPS = 1e-6;

export interface RationalTime { OTIO_SCHEMA: 'RationalTime.1'; rate: number; value: number }
export interface TimeRange { OTIO_SCHEMA: 'TimeRange.1'; start_time: RationalTime; duration: RationalTime }
type Metadata = Record<string, unknown>;

export interface OtioExternalReference { OTIO_SCHEMA: 'ExternalReference.1'; name: string; target_url: string; available_range: null; available_image_bounds: null; metadata: Metadata }
export interface OtioMissingReference { OTIO_SCHEMA: 'MissingReference.1'; name: string; available_range: null; available_image_bounds: null; metadata: Metadata }
export interface OtioTimeWarp { OTIO_SCHEMA: 'LinearTimeWarp.1'; name: string; effect_name: 'LinearTimeWarp'; time_scalar: number; metadata: Metadata }
export interface OtioClip {
  OTIO_SCHEMA: 'Clip.2'; name: string; source_range: TimeRange; effects: OtioTimeWarp[]; markers: []; enabled: true; color: null;
  media_references: { DEFAULT_MEDIA: OtioExternalReference | OtioMissingReference }; active_media_reference_key: 'DEFAULT_MEDIA'; metadata: Metadata;
}
export interface OtioGap { OTIO_SCHEMA: 'Gap.1'; name: string; source_range: TimeRange; effects: []; markers: []; enabled: true; color: null; metadata: Metadata }
export interface OtioTransition {
  OTIO_SCHEMA: 'Transition.1'; name: string; transition_type: 'SMPTE_Dissolve' | 'Custom_Transition'; in_offset: RationalTime; out_offset: RationalTime; metadata: Metadata;
}
export type OtioItem = OtioClip | OtioGap | OtioTransition;
export interface OtioTrack { OTIO_SCHEMA: 'Track.1'; name: string; kind: 'Video' | 'Audio'; source_range: null; effects: []; markers: []; enabled: true; color: null; children: OtioItem[]; metadata: Metadata }
export interface OtioStack { OTIO_SCHEMA: 'Stack.1'; name: string; source_range: null; effects: []; markers: []; enabled: true; color: null; children: OtioTrack[]; metadata: Metadata }
export interface OtioTimeline { OTIO_SCHEMA: 'Timeline.1'; name: string; global_start_time: RationalTime; tracks: OtioStack; metadata: Metadata }

/** What the export did, for the message beside it: tracks and clips written, clips left out, extra tracks for overlaps. */
export interface OtioSummary { tracks: number; clips: number; unplaced: number; overlapTracks: number; transitions: number }

export type OtioResult = { ok: true; timeline: OtioTimeline; summary: OtioSummary } | { ok: false; reason: string };

export function rationalTime(seconds: number, rate: number): RationalTime {
  // Rounded to a millionth of a frame only to drop binary noise (0.1 × 30 = 3.0000000000000004).
  return { OTIO_SCHEMA: 'RationalTime.1', rate, value: Math.round(seconds * rate * 1e6) / 1e6 };
}

function range(startSeconds: number, durationSeconds: number, rate: number): TimeRange {
  return { OTIO_SCHEMA: 'TimeRange.1', start_time: rationalTime(startSeconds, rate), duration: rationalTime(durationSeconds, rate) };
}

function clipName(c: TimelineClip, n: number): string {
  if (c.mediaUrl) {
    const f = fileNameFromUrl(c.mediaUrl);
    if (f) return f;
  }
  if (c.mediaId) return c.mediaId;
  if (c.text) return c.text.length > 60 ? `${c.text.slice(0, 59)}…` : c.text;
  return `${c.clipType ?? 'Clip'} ${n + 1}`;
}

function mediaReference(c: TimelineClip): OtioExternalReference | OtioMissingReference {
  if (c.mediaUrl) return { OTIO_SCHEMA: 'ExternalReference.1', name: fileNameFromUrl(c.mediaUrl) ?? '', target_url: c.mediaUrl, available_range: null, available_image_bounds: null, metadata: {} };
  const why = c.mediaId ? 'an IMS media library id (no URL in the Timeline)' : 'no media: a text, subtitle or effect item';
  return { OTIO_SCHEMA: 'MissingReference.1', name: c.mediaId ?? '', available_range: null, available_image_bounds: null, metadata: { [NS]: { media_id: c.mediaId, why } } };
}

const isTransition = (type: string): boolean => type.toLowerCase() === 'transition';

/** One placed clip and what it needs in a lane. */
interface Placed { clip: TimelineClip; n: number; start: number; end: number }

function clipItem(p: Placed, rate: number): OtioClip {
  const c = p.clip;
  const effects: OtioTimeWarp[] = [];
  if (c.speed !== null && c.speed !== 1 && c.speed > 0) effects.push({ OTIO_SCHEMA: 'LinearTimeWarp.1', name: 'Speed', effect_name: 'LinearTimeWarp', time_scalar: c.speed, metadata: { [NS]: { from: 'Speed' } } });
  return {
    OTIO_SCHEMA: 'Clip.2', name: clipName(c, p.n), source_range: range(c.in ?? 0, p.end - p.start, rate), effects, markers: [], enabled: true, color: null,
    media_references: { DEFAULT_MEDIA: mediaReference(c) }, active_media_reference_key: 'DEFAULT_MEDIA',
    metadata: {
      [NS]: {
        index: p.n, clip_type: c.clipType, timeline_in: p.start, timeline_out: p.end, in: c.in, out: c.out, derived_placement: c.derivedPlacement,
        ...(c.in === null ? { source_in_unknown: 'the Timeline gives no In: the source range starts at 0' } : {}),
        ...(c.text !== null ? { text: c.text } : {}),
        clip: c.raw,
      },
    },
  };
}

function gap(seconds: number, rate: number): OtioGap {
  return { OTIO_SCHEMA: 'Gap.1', name: '', source_range: range(0, seconds, rate), effects: [], markers: [], enabled: true, color: null, metadata: {} };
}

/**
 * The Transition effect of a clip as the OTIO transition on the cut into it, when the clips on both sides are long
 * enough to hold its halves (OTIO's rule for in_offset and out_offset); else null, and it stays in the clip's metadata.
 */
function transition(c: TimelineClip, before: number, after: number, rate: number): OtioTransition | null {
  const t = c.effects.find((e) => isTransition(e.type));
  if (!t) return null;
  // The effect page: Duration defaults to 1 s.
  const d = t.durationSeconds !== null && t.durationSeconds > 0 ? t.durationSeconds : 1;
  if (d / 2 > before + EPS || d / 2 > after + EPS) return null;
  const dissolve = t.subType !== null && /fade|dissolve/i.test(t.subType);
  return {
    OTIO_SCHEMA: 'Transition.1', name: t.subType ?? 'Transition', transition_type: dissolve ? 'SMPTE_Dissolve' : 'Custom_Transition',
    in_offset: rationalTime(d / 2, rate), out_offset: rationalTime(d / 2, rate),
    metadata: { [NS]: { effect: t.raw, duration: d, placement: 'on the cut into the clip that carries it, centred (UNCONFIRMED: the effect page does not say which side of the cut)' } },
  };
}

/** One ICE track as OTIO tracks: the first holds what fits in sequence, overlapping clips go to extra lanes above it. */
function tracksOf(t: TimelineTrack, rate: number, summary: OtioSummary): OtioTrack[] {
  const kind = t.type === 'audio' ? 'Audio' : 'Video';
  const name = trackName(t);
  const placed: Placed[] = [];
  const unplaced: Array<{ index: number; why: string; clip: Record<string, unknown> }> = [];
  t.clips.forEach((clip, n) => {
    const start = clip.timelineIn;
    const end = clip.timelineOut;
    if (start === null || !Number.isFinite(start)) unplaced.push({ index: n, why: 'no position on the timeline (no TimelineIn, and none could be derived)', clip: clip.raw });
    else if (end === null || !Number.isFinite(end)) unplaced.push({ index: n, why: 'its end on the timeline is not known (no TimelineOut or Out, and no output length)', clip: clip.raw });
    else if (end - start <= EPS) unplaced.push({ index: n, why: 'it lasts no time on the timeline', clip: clip.raw });
    else placed.push({ clip, n, start, end });
  });
  summary.unplaced += unplaced.length;
  // Stable: clips that start together keep the Timeline's order.
  placed.sort((a, b) => a.start - b.start || a.n - b.n);
  // `lastClip`: the length of the clip the lane ends with (0 after a gap: a transition needs a clip on both sides).
  const lanes: Array<{ cursor: number; items: OtioItem[]; lastClip: number }> = [];
  for (const p of placed) {
    let lane = lanes.find((l) => l.cursor <= p.start + EPS);
    if (!lane) {
      lane = { cursor: 0, items: [], lastClip: 0 };
      lanes.push(lane);
    }
    if (p.start - lane.cursor > EPS) {
      lane.items.push(gap(p.start - lane.cursor, rate));
      lane.lastClip = 0;
    }
    const tr = lane.lastClip > 0 ? transition(p.clip, lane.lastClip, p.end - p.start, rate) : null;
    if (tr) {
      lane.items.push(tr);
      summary.transitions++;
    }
    lane.items.push(clipItem(p, rate));
    lane.cursor = Math.max(lane.cursor, p.end);
    lane.lastClip = p.end - p.start;
    summary.clips++;
  }
  if (lanes.length === 0) lanes.push({ cursor: 0, items: [], lastClip: 0 });
  summary.overlapTracks += lanes.length - 1;
  return lanes.map((lane, i) => ({
    OTIO_SCHEMA: 'Track.1', name: i === 0 ? name : `${name} · overlap ${i}`, kind, source_range: null, effects: [], markers: [], enabled: true, color: null,
    children: lane.items,
    metadata: {
      [NS]: {
        track_type: t.type, index: t.index, main_track: t.main, ...(t.origin ? { origin: t.origin } : {}),
        ...(i > 0 ? { overlap_of: name, why: 'these clips overlap others of the same ICE track; an OTIO track plays its items one after another' } : {}),
        ...(i === 0 && unplaced.length > 0 ? { unplaced } : {}),
      },
    },
  }));
}

/** The job's Timeline as OTIO, or why it cannot be: no Timeline, or one that could not be read. */
export function timelineToOtio(job: Job, opts: { rate?: number } = {}): OtioResult {
  const rate = opts.rate ?? OTIO_DEFAULT_RATE;
  if (!(rate > 0) || !Number.isFinite(rate)) return { ok: false, reason: `the rate must be a positive number of units per second, not ${String(rate)}` };
  const tl: Timeline | null = job.timeline;
  if (tl === null) return { ok: false, reason: `${job.id} has no Timeline${job.templateId ? ' (it was made from a template: its ClipsParam holds the values)' : ''}` };
  if (tl.parseError !== null) return { ok: false, reason: `the Timeline of ${job.id} could not be read: ${tl.parseError}` };
  const summary: OtioSummary = { tracks: 0, clips: 0, unplaced: 0, overlapTracks: 0, transitions: 0 };
  const tracks = tl.tracks.flatMap((t) => tracksOf(t, rate, summary));
  summary.tracks = tracks.length;
  const timeline: OtioTimeline = {
    OTIO_SCHEMA: 'Timeline.1', name: job.name ?? job.id, global_start_time: rationalTime(0, rate),
    tracks: { OTIO_SCHEMA: 'Stack.1', name: 'tracks', source_range: null, effects: [], markers: [], enabled: true, color: null, children: tracks, metadata: {} },
    metadata: {
      [NS]: {
        job_id: job.id, kind: job.kind, cloud: job.cloud, region: job.region, status: job.status, created: job.createdAt,
        ...(job.editingProjectId ? { project_id: job.editingProjectId } : {}),
        ...(job.templateId ? { template_id: job.templateId } : {}),
        output_urls: job.outputs.map((o) => o.url).filter((u): u is string => u !== null),
        duration: tl.durationSeconds, duration_is_lower_bound: tl.durationIsLowerBound === true,
        rate, rate_note: `times are RationalTime at ${rate} per second; values are seconds × ${rate}, not rounded to frames`,
        unplaced_clips: summary.unplaced,
        exported_by: 'Media Job Inspector',
      },
    },
  };
  return { ok: true, timeline, summary };
}

/** The .otio text: the JSON, indented as OTIO's own writer does (4 spaces), with a final newline. */
export function otioText(t: OtioTimeline): string {
  return `${JSON.stringify(t, null, 4)}\n`;
}

/** One line for a person: what was written and what was left out (in the catalog's language). */
export function otioSummaryText(s: OtioSummary): string {
  const n = (count: number, one: string, many: string): string => (count === 1 ? one : many);
  const parts = [n(s.tracks, l10n.t('{0} track', 1), l10n.t('{0} tracks', s.tracks)), n(s.clips, l10n.t('{0} clip', 1), l10n.t('{0} clips', s.clips))];
  if (s.transitions > 0) parts.push(n(s.transitions, l10n.t('{0} transition', 1), l10n.t('{0} transitions', s.transitions)));
  if (s.overlapTracks > 0) parts.push(n(s.overlapTracks, l10n.t('{0} extra track for overlapping clips', 1), l10n.t('{0} extra tracks for overlapping clips', s.overlapTracks)));
  if (s.unplaced > 0) {
    parts.push(n(s.unplaced,
      l10n.t('{0} clip without a known position left out of the tracks (kept in their track\'s metadata)', 1),
      l10n.t('{0} clips without a known position left out of the tracks (kept in their track\'s metadata)', s.unplaced)));
  }
  return parts.join(', ');
}
