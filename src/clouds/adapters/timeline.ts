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
import * as l10n from '../../util/l10n.js';

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
  /** Clips whose TimelineOut waits for the output's length (overlays, GlobalImage, LoopMode audio). */
  toEnd: Set<TimelineClip>;
}

/**
 * Reads a Timeline given as JSON text (possibly encoded twice) or as an object.
 * Returns null when there is no Timeline (absent, null or blank). Text that is not valid JSON, or JSON that
 * is not an object, gives `parseError` (with the position) and `rawText`, so the job still shows.
 * Nesting is bounded either way (text through `parseJsonText`, an object here): parts of a clip deeper than 64
 * levels become a marker string, so clips' `raw` can always be saved and shown.
 *
 * `outputDuration` is the produced file's length when the job reports it (GetMediaProducingJob `Duration`): it is
 * then the timeline's length, and the clips that run to the end are placed to it. Without it the length is what
 * the Timeline itself determines, or, when clips of unknown length leave it open, a lower bound
 * (`durationIsLowerBound`): never a length shorter than the output that is reported as the length.
 */
export function parseTimeline(value: unknown, maxChars: number = MAX_JSON_CHARS, outputDuration: number | null = null): Timeline | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return null;
  let root: unknown = value;
  if (typeof value === 'string') {
    const parsed = parseJsonText(value, maxChars);
    if (!parsed.ok) return { tracks: [], durationSeconds: null, parseError: l10n.t('{0} is not valid JSON: {1}', 'Timeline', parsed.reason), rawText: value };
    root = parsed.value;
  } else if (deeperThan(value)) {
    root = boundDepth(value);
  }
  if (!isRecord(root)) {
    const what = Array.isArray(root) ? l10n.t('an array') : typeof root;
    return {
      tracks: [], durationSeconds: null, parseError: l10n.t('{0} is {1}, expected an object', 'Timeline', what),
      rawText: typeof value === 'string' ? value : rawText(value),
    };
  }
  const known = outputDuration !== null && Number.isFinite(outputDuration) && outputDuration > 0 ? outputDuration : null;
  return normalizeTimeline(root, known);
}

function normalizeTimeline(root: Record<string, unknown>, outputDuration: number | null): Timeline {
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
      // An effect track from VideoTracks is told apart from one of EffectTracks (its index counts VideoTracks).
      if (isEffectTrack) track.origin = 'video';
      if (main) mainTrack = track;
      work.push({ track, placement: type === 'subtitle' || type === 'effect' ? 'overlay' : 'sequence', toEnd: new Set() });
    }
  }

  // ReferenceClipId takes the placement of the clip with that ClipId, possibly on a later track: the tracks are
  // laid out again until nothing moves (bounded: chains are short).
  const byClipId = new Map<string, TimelineClip>();
  for (const w of work) {
    for (const clip of w.track.clips) {
      const id = toStr(clip.raw.ClipId);
      if (id !== null && !byClipId.has(id)) byClipId.set(id, clip);
    }
  }
  settle(work, byClipId, null, null);
  // With the output's length known, the track that makes it ends there: the main track ("the length of the final
  // video is the length of the main track"), or, without one, the only track whose end is still open when no
  // other track reaches that length (the output lasts as long as its longest track).
  const defining = outputDuration === null ? null : mainTrack ?? soleOpenTrack(work, outputDuration);
  if (defining !== null) settle(work, byClipId, defining, outputDuration);

  const { length, lowerBound } = outputLength(work, mainTrack, outputDuration);
  for (const w of work) {
    for (const clip of w.toEnd) {
      clip.timelineOut = length !== null && !lowerBound && clip.timelineIn !== null && length >= clip.timelineIn ? length : null;
    }
  }
  const timeline: Timeline = { tracks: work.map((w) => w.track), durationSeconds: length, parseError: null };
  if (lowerBound) timeline.durationIsLowerBound = true;
  return timeline;
}

/** Lays every track out until no placement changes (references across tracks), at most a few passes. */
function settle(work: readonly WorkTrack[], byClipId: ReadonlyMap<string, TimelineClip>, defining: TimelineTrack | null, endAt: number | null): void {
  for (let pass = 0; pass < 6; pass++) {
    let changed = false;
    for (const w of work) if (place(w, byClipId, w.track === defining ? endAt : null)) changed = true;
    if (!changed) return;
  }
}

/** The one video/image/audio track whose last clip has no known end, when no other track reaches `length`. */
function soleOpenTrack(work: readonly WorkTrack[], length: number): TimelineTrack | null {
  let open: TimelineTrack | null = null;
  for (const w of work) {
    if (w.placement !== 'sequence' || w.track.clips.length === 0) continue;
    const last = w.track.clips[w.track.clips.length - 1] as TimelineClip;
    if (last.timelineOut === null && !w.toEnd.has(last)) {
      if (open !== null) return null;
      open = w.track;
    } else if ((trackEnd(w.track) ?? 0) >= length - 1e-4) {
      return null;
    }
  }
  return open;
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

/**
 * Lays out one track's clips (see `Placement`); with `endAt`, the track is the one that makes the output's length,
 * so its last clip ends there and the clips before it are placed back from it. Idempotent, so a track can be laid
 * out again. Returns whether any placement changed.
 */
function place(w: WorkTrack, byClipId: ReadonlyMap<string, TimelineClip>, endAt: number | null): boolean {
  const before = snapshot(w.track);
  w.toEnd = new Set();
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
    // Background music with LoopMode repeats until the output ends (the doc's music beds).
    const loops = w.track.type === 'audio' && toBool(clip.raw.LoopMode) && givenOut === null;

    if (refId !== null) {
      // "The linked clip inherits the timeline position and duration of the reference clip."
      const target = byClipId.get(refId);
      if (target !== undefined && target !== clip) {
        tIn = target.timelineIn;
        tOut = target.timelineOut;
      } else {
        tIn = null;
        tOut = null;
      }
      derived = tIn !== null || tOut !== null;
      if (w.placement === 'sequence') cursor = tOut;
    } else if (w.placement === 'overlay' || kindOfClip === 'globalimage' || loops) {
      // Overlays (and GlobalImage, which lasts for the whole video) do not push the clips after them.
      if (tIn === null) {
        tIn = loops ? cursor : 0;
        derived = true;
      }
      if (tOut === null) {
        if (!loops && clip.duration !== null && clip.duration >= 0 && tIn !== null) tOut = round4(tIn + clip.duration);
        else w.toEnd.add(clip);
        derived = true;
      }
      if (loops) cursor = null;
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
  if (endAt !== null) placeBackFrom(w, endAt, imageTrack);
  const after = snapshot(w.track);
  for (let i = 0; i < after.length; i++) if (!Object.is(after[i], before[i])) return true;
  return false;
}

/** Every clip's timelineIn and timelineOut (NaN for unknown), to tell whether a layout moved anything. */
function snapshot(track: TimelineTrack): Float64Array {
  const out = new Float64Array(track.clips.length * 2);
  track.clips.forEach((c, i) => {
    out[2 * i] = c.timelineIn ?? NaN;
    out[2 * i + 1] = c.timelineOut ?? NaN;
  });
  return out;
}

/**
 * The track that makes the output's length ends at `endAt`: its last clip, when its end is open, ends there, and
 * each clip laid right before a clip whose start is known ends at that start; a clip with a known length then
 * starts that much earlier. Only what is unknown is filled in, and every such position is marked derived.
 */
function placeBackFrom(w: WorkTrack, endAt: number, imageTrack: boolean): void {
  const clips = w.track.clips;
  let end: number | null = endAt;
  for (let i = clips.length - 1; i >= 0 && end !== null; i--) {
    const clip = clips[i] as TimelineClip;
    if (w.toEnd.has(clip)) break;
    if (clip.timelineOut === null && (clip.timelineIn === null || clip.timelineIn <= end)) {
      clip.timelineOut = end;
      clip.derivedPlacement = true;
    }
    if (clip.timelineIn === null && clip.timelineOut !== null) {
      const isRef = toNumber(clip.raw.TimelineIn) === null && toNumber(clip.raw.TimelineOut) === null && toStr(clip.raw.ReferenceClipId) !== null;
      const length = isRef ? null : clipLength(clip, imageTrack || clip.clipType?.toLowerCase() === 'image');
      if (length !== null && clip.timelineOut - length >= -1e-9) {
        clip.timelineIn = round4(Math.max(0, clip.timelineOut - length));
        clip.derivedPlacement = true;
      }
    }
    // The clip before this one was laid end to end with it only when this one's start was not given.
    end = toNumber(clip.raw.TimelineIn) === null ? clip.timelineIn : null;
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
    return (clip.out - from) / speed + freezeSeconds(clip);
  }
  // TTS audio clips and the like say only how long they last.
  return clip.duration !== null && clip.duration >= 0 ? clip.duration : null;
}

/**
 * A FreezeFrame effect holds the clip's last frame for its Duration at the clip's end, lengthening the clip (the
 * effect list of IMS's editing guides: `{"Type": "FreezeFrame", "Duration": 2}`; the effect configuration page
 * does not list it, so this reading is UNCONFIRMED).
 */
function freezeSeconds(clip: TimelineClip): number {
  let sum = 0;
  for (const e of clip.effects) {
    if (e.type.toLowerCase() === 'freezeframe' && e.durationSeconds !== null && e.durationSeconds > 0) sum += e.durationSeconds;
  }
  return sum;
}

/**
 * The output's length: the job's own figure when known; else the main track's end (every track is cut to it), or
 * without a main track the latest end of any clip, when every clip that counts has a known end; else the latest
 * known end as a lower bound (the output is at least that long), or null when nothing is known.
 */
function outputLength(work: readonly WorkTrack[], main: TimelineTrack | null, known: number | null): { length: number | null; lowerBound: boolean } {
  if (known !== null) return { length: known, lowerBound: false };
  const counted = main !== null ? work.filter((w) => w.track === main) : work;
  let complete = true;
  let max: number | null = null;
  for (const w of counted) {
    for (const clip of w.track.clips) {
      if (w.toEnd.has(clip)) continue;
      if (clip.timelineIn === null || clip.timelineOut === null) complete = false;
      if (clip.timelineOut !== null && (max === null || clip.timelineOut > max)) max = clip.timelineOut;
    }
  }
  if (max === null || (!complete && max <= 0)) return { length: null, lowerBound: false };
  return { length: max, lowerBound: !complete };
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
