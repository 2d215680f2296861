/**
 * ICE Timeline JSON → the model's Timeline. Fields: the IMS "Timeline configuration" page,
 * https://www.alibabacloud.com/help/en/ims/developer-reference/timeline-configuration-description, and its effect
 * configuration page, https://www.alibabacloud.com/help/en/ims/developer-reference/effect-configuration-description.
 *
 * Hand-written rather than a zod schema: a Timeline can hold tens of thousands of clips, and a tolerant
 * reader that touches each property once normalizes 10,000 clips in a few milliseconds, where per-clip
 * object schemas cost several times the JSON.parse itself. Every read goes through the same lenient readers
 * as the schemas (`toNumber`, `toStr`), so the same quirks (numbers as strings, blanks) are handled alike.
 */
import { type Timeline, type TimelineClip, type TimelineEffect, type TimelineTrack, type TrackType } from '../../model/job.js';
import { boundDepth, deeperThan } from '../../util/boundDepth.js';
import { MAX_JSON_CHARS, isRecord, parseJsonText, rawText, toBool, toNumber, toStr } from './wire.js';

interface TrackGroup {
  key: string;
  /** Where the clips are; the first is the documented key, the others what editors have been seen to write. */
  clipKeys: readonly string[];
  type: TrackType;
}

/**
 * Output order of the tracks: visual layers from bottom to top (VideoTracks in order, then the legacy
 * ImageTracks which must sit above video, then effect tracks, then subtitles, which are drawn over the
 * picture), then audio. Within a group the Timeline's order is kept (element 0 is the bottom layer).
 */
const GROUPS: readonly TrackGroup[] = [
  { key: 'VideoTracks', clipKeys: ['VideoTrackClips', 'EffectTrackItems'], type: 'video' },
  { key: 'ImageTracks', clipKeys: ['ImageTrackClips', 'VideoTrackClips'], type: 'image' },
  { key: 'EffectTracks', clipKeys: ['EffectTrackItems', 'EffectTrackClips'], type: 'effect' },
  { key: 'SubtitleTracks', clipKeys: ['SubtitleTrackClips'], type: 'subtitle' },
  { key: 'AudioTracks', clipKeys: ['AudioTrackClips'], type: 'audio' },
];

/**
 * How a track's clips find their place when TimelineIn/Out are absent:
 * - `sequence`: laid end to end in order (video, image and audio tracks);
 * - `overlay`: start at 0 and last until the end of the output unless told otherwise (subtitle and effect
 *   tracks: "without TimelineIn/Out a subtitle spans the whole output"; effect items default to 0..end).
 */
type Placement = 'sequence' | 'overlay';

interface WorkTrack {
  track: TimelineTrack;
  placement: Placement;
  /** Clips whose TimelineOut waits for the output's length. */
  toEnd: TimelineClip[];
  /** True while a clip refers (ReferenceClipId) to a clip not placed yet. */
  unresolved: boolean;
}

/**
 * Reads a Timeline given as JSON text (possibly encoded twice) or as an object.
 * Returns null when there is no Timeline (absent, null or blank). Text that is not valid JSON, or JSON that
 * is not an object, gives `parseError` (with the position) and `rawText`, so the job still shows.
 * Nesting is bounded either way (text through `parseJsonText`, an object here): parts of a clip deeper than 64
 * levels become a marker string, so clips' `raw` can always be saved and shown.
 */
export function parseTimeline(value: unknown, maxChars: number = MAX_JSON_CHARS): Timeline | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  let root: unknown = value;
  if (typeof value === 'string') {
    const parsed = parseJsonText(value, maxChars);
    if (!parsed.ok) return { tracks: [], durationSeconds: null, parseError: `Timeline is not valid JSON: ${parsed.reason}`, rawText: value };
    root = parsed.value;
  } else if (deeperThan(value)) {
    root = boundDepth(value);
  }
  if (!isRecord(root)) {
    const what = Array.isArray(root) ? 'an array' : typeof root;
    return {
      tracks: [], durationSeconds: null, parseError: `Timeline is ${what}, expected an object`,
      rawText: typeof value === 'string' ? value : rawText(value),
    };
  }
  return normalizeTimeline(root);
}

function normalizeTimeline(root: Record<string, unknown>): Timeline {
  const work: WorkTrack[] = [];
  let mainTrack: TimelineTrack | null = null;

  for (const group of GROUPS) {
    const entries = asList(root[group.key]);
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if (!isRecord(entry)) continue;
      // A video track of Type "Effect" holds EffectTrackItems in its VideoTrackClips.
      const isEffectTrack = group.type === 'video' && toStr(entry.Type)?.toLowerCase() === 'effect';
      const type: TrackType = isEffectTrack ? 'effect' : group.type;
      // Only one main track, the first; only video and audio tracks qualify (§6.2).
      const main = mainTrack === null && (type === 'video' || type === 'audio') && toBool(entry.MainTrack);
      const clips: TimelineClip[] = [];
      const rawClips = asList(pickFirst(entry, group.clipKeys));
      for (const c of rawClips) {
        if (isRecord(c)) clips.push(readClip(c));
      }
      const track: TimelineTrack = { type, index, main, clips };
      if (main) mainTrack = track;
      work.push({
        track,
        placement: type === 'subtitle' || type === 'effect' ? 'overlay' : 'sequence',
        toEnd: [],
        unresolved: false,
      });
    }
  }

  // ReferenceClipId takes the placement of the clip with that ClipId, possibly on a later track; a track
  // whose references were not placed yet is laid out again once the others are (bounded: chains are short).
  const byClipId = new Map<string, TimelineClip>();
  for (const w of work) {
    for (const clip of w.track.clips) {
      const id = toStr(clip.raw.ClipId);
      if (id !== null && !byClipId.has(id)) byClipId.set(id, clip);
    }
  }
  for (const w of work) place(w, byClipId);
  for (let pass = 0; pass < 3 && work.some((w) => w.unresolved); pass++) {
    for (const w of work) if (w.unresolved) place(w, byClipId);
  }

  const durationSeconds = outputDuration(work, mainTrack);
  for (const w of work) {
    for (const clip of w.toEnd) {
      clip.timelineOut = durationSeconds !== null && clip.timelineIn !== null && durationSeconds >= clip.timelineIn ? durationSeconds : null;
    }
  }
  return { tracks: work.map((w) => w.track), durationSeconds, parseError: null };
}

function readClip(c: Record<string, unknown>): TimelineClip {
  const fileUrl = toStr(c.FileURL) ?? toStr(c.FileUrl);
  return {
    clipType: toStr(c.Type),
    mediaId: toStr(c.MediaId) ?? toStr(c.ImageId),
    mediaUrl: toStr(c.MediaURL) ?? toStr(c.MediaUrl) ?? fileUrl,
    in: toNumber(c.In),
    out: toNumber(c.Out),
    timelineIn: null,
    timelineOut: null,
    derivedPlacement: false,
    duration: toNumber(c.Duration),
    speed: toNumber(c.Speed),
    text: toStr(c.Content) ?? fileUrl,
    effects: readEffects(c.Effects),
    raw: c,
  };
}

function readEffects(v: unknown): TimelineEffect[] {
  const list = asList(v);
  const out: TimelineEffect[] = [];
  for (const e of list) {
    if (!isRecord(e)) continue;
    out.push({ type: toStr(e.Type) ?? '', subType: toStr(e.SubType), durationSeconds: toNumber(e.Duration), raw: e });
  }
  return out;
}

/** Lays out one track's clips (see `Placement`). Idempotent, so a track can be laid out again. */
function place(w: WorkTrack, byClipId: ReadonlyMap<string, TimelineClip>): void {
  w.toEnd = [];
  w.unresolved = false;
  let cursor: number | null = 0;
  const imageTrack = w.track.type === 'image';
  for (const clip of w.track.clips) {
    const givenIn = toNumber(clip.raw.TimelineIn);
    const givenOut = toNumber(clip.raw.TimelineOut);
    let tIn: number | null = givenIn;
    let tOut: number | null = givenOut;
    let derived = false;
    const refId = givenIn === null && givenOut === null ? toStr(clip.raw.ReferenceClipId) : null;
    const kindOfClip = clip.clipType?.toLowerCase();

    if (refId !== null) {
      const target = byClipId.get(refId);
      if (target !== undefined && target !== clip && target.timelineIn !== null) {
        tIn = target.timelineIn;
        tOut = target.timelineOut;
      } else {
        tIn = null;
        tOut = null;
        w.unresolved = true;
      }
      derived = tIn !== null || tOut !== null;
      if (w.placement === 'sequence') cursor = tOut;
    } else if (w.placement === 'overlay' || kindOfClip === 'globalimage') {
      // Overlays (and GlobalImage, which lasts for the whole video) do not push the clips after them.
      if (tIn === null) {
        tIn = 0;
        derived = true;
      }
      if (tOut === null) {
        if (clip.duration !== null && clip.duration >= 0) tOut = round4(tIn + clip.duration);
        else w.toEnd.push(clip);
        derived = true;
      }
    } else {
      const length = clipLength(clip, imageTrack || kindOfClip === 'image');
      if (tIn === null) {
        if (cursor !== null) tIn = cursor;
        else if (tOut !== null && length !== null) tIn = round4(tOut - length);
        derived = tIn !== null;
      }
      if (tOut === null && tIn !== null && length !== null) {
        tOut = round4(tIn + length);
        derived = true;
      }
      cursor = tOut;
    }
    clip.timelineIn = tIn;
    clip.timelineOut = tOut;
    clip.derivedPlacement = derived;
  }
}

/**
 * How long a clip plays on the output: images use Duration; media use (Out − In) / Speed. Null when Out is
 * absent (it defaults to the source's length, which the Timeline does not say).
 */
function clipLength(clip: TimelineClip, isImage: boolean): number | null {
  const from = clip.in ?? 0;
  if (isImage) {
    if (clip.duration !== null && clip.duration >= 0) return clip.duration;
    return clip.out !== null && clip.out >= from ? clip.out - from : null;
  }
  if (clip.out !== null) {
    if (clip.out < from) return null;
    const speed = clip.speed !== null && clip.speed > 0 ? clip.speed : 1;
    return (clip.out - from) / speed;
  }
  // TTS audio clips and the like say only how long they last.
  return clip.duration !== null && clip.duration >= 0 ? clip.duration : null;
}

/** The main track's end if there is a main track with placed clips, else the latest end of any clip. */
function outputDuration(work: readonly WorkTrack[], main: TimelineTrack | null): number | null {
  if (main !== null) {
    const end = trackEnd(main);
    if (end !== null) return end;
  }
  let max: number | null = null;
  for (const w of work) {
    const end = trackEnd(w.track);
    if (end !== null && (max === null || end > max)) max = end;
  }
  return max;
}

function trackEnd(track: TimelineTrack): number | null {
  let max: number | null = null;
  for (const clip of track.clips) {
    const out = clip.timelineOut;
    if (out !== null && (max === null || out > max)) max = out;
  }
  return max;
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return isRecord(v) ? [v] : [];
}

function pickFirst(o: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const k of keys) {
    if (o[k] !== undefined) return o[k];
  }
  return undefined;
}

/** Timeline positions have 4 decimals (§6.3); derived ones are rounded alike, so 10 + 8/1.5 + 3 = 18.3333. */
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
