/**
 * A queryable index over a parsed Timeline, for the inspector: the summary line, the visible window of each lane
 * at a given zoom (with level-of-detail merging so the number of drawn items stays bounded however many clips
 * there are), pages of the clips table in any sort order, and a clip with its neighbours for keyboard navigation.
 *
 * Pure and DOM-free: the extension host answers the webview's requests with it for big timelines, the webview
 * uses it directly for small ones, and the standalone preview page answers with it in place of the host.
 * Building costs one sort per track (100,000 clips: a few tens of milliseconds); queries touch only the clips
 * that overlap the window.
 */
import { type TimelineClip, type TimelineTrack, type TrackType } from '../model/job.js';

/** What a lane or a table row shows of a clip: small, bounded strings; the full clip comes with `clip()`. */
export interface ClipBrief {
  track: number;
  index: number;
  clipType: string | null;
  mediaId: string | null;
  /** Cut to MAX_BRIEF_URL characters. */
  mediaUrl: string | null;
  /** Subtitle or text content (or a subtitle file URL), cut to MAX_BRIEF_TEXT characters. */
  text: string | null;
  /** The text of the clip's caption (its first Text effect's Content), cut to MAX_BRIEF_TEXT characters. */
  caption: string | null;
  in: number | null;
  out: number | null;
  timelineIn: number | null;
  timelineOut: number | null;
  duration: number | null;
  speed: number | null;
  derived: boolean;
  /** True when the clip needs media (a video, image or audio clip without text) and has neither id nor URL. */
  noMedia: boolean;
  /** Effect types, at most MAX_BRIEF_EFFECTS. */
  effects: string[];
  effectCount: number;
}

/** One thing drawn in a lane: a clip, several clips too narrow to tell apart at this zoom, or a gap. */
export type LaneItem =
  | { k: 'clip'; t0: number; t1: number; row: number; openEnd: boolean; clip: ClipBrief }
  | { k: 'many'; t0: number; t1: number; row: number; count: number; noMedia: number; first: number }
  | { k: 'gap'; t0: number; t1: number; row: number };

export interface LaneWindow {
  track: number;
  /** Placed clips overlapping the window. */
  clipsInWindow: number;
  /** Sub-rows the items need so overlapping ones do not hide each other (at most MAX_LANE_ROWS). */
  rows: number;
  items: LaneItem[];
}

/** Overlapping clips stack in up to this many sub-rows of a lane; beyond, they share the least busy row. */
export const MAX_LANE_ROWS = 3;

export interface TrackSummary {
  type: TrackType;
  /** Index within its group (VideoTracks[0] is 0). */
  index: number;
  /** The Timeline list the track came from when not the one of its type (an effect track in VideoTracks: `video`). */
  origin?: TrackType;
  main: boolean;
  clipCount: number;
  /** Clips without a position on the output (no TimelineIn could be derived). */
  unplaced: number;
  withoutMedia: number;
  gapCount: number;
  gapSeconds: number;
  start: number | null;
  end: number | null;
}

export interface TimelineSummary {
  durationSeconds: number | null;
  /** True when the output is at least `durationSeconds` long (clips of unknown length leave the end open). */
  durationIsLowerBound: boolean;
  /** The time span the lanes show: the duration, or the latest clip end when later (or when no duration). */
  extent: number;
  tracks: TrackSummary[];
  clipCount: number;
  clipsWithoutMedia: number;
  unplacedClips: number;
  gapCount: number;
  gapSeconds: number;
}

export const CLIP_SORT_KEYS = ['order', 'track', 'type', 'media', 'caption', 'in', 'out', 'timelineIn', 'timelineOut', 'length', 'speed', 'effects'] as const;
export type ClipSortKey = (typeof CLIP_SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface WindowQuery {
  /** Seconds. */
  from: number;
  to: number;
  /** Zoom: pixels per second. */
  pxPerSecond: number;
  /** Track indices to answer for (default all). */
  tracks?: readonly number[];
  /** Upper bound of items per lane (default 120); merging coarsens until it holds. */
  maxItemsPerLane?: number;
  /** Narrowest clip drawn on its own, in pixels (default 4); narrower ones merge. */
  minPx?: number;
}

export const MAX_BRIEF_TEXT = 200;
export const MAX_BRIEF_URL = 400;
export const MAX_BRIEF_EFFECTS = 6;
const EPS = 1e-6;

interface TrackIndex {
  track: TimelineTrack;
  /** Clip indices sorted by timelineIn (unplaced last, in their given order). */
  order: Uint32Array;
  /** Position of each clip index in `order`. */
  pos: Uint32Array;
  /** timelineIn of order[k] (Infinity when unplaced). */
  starts: Float64Array;
  /**
   * timelineOut of order[k]; for a clip without one (open-ended), where it is drawn to: the next clip's start on a
   * video, image or audio track, else the end of the span the lanes show.
   */
  ends: Float64Array;
  /** The latest known timelineOut (or start) of the placed clips, before open ends were drawn out; null when none. */
  knownEnd: number | null;
  /** Running maximum of `ends` (non-decreasing), for finding the first clip that reaches a time. */
  maxEnd: Float64Array;
  placed: number;
  sequence: boolean;
}

const SEQUENCE_TYPES: ReadonlySet<TrackType> = new Set<TrackType>(['video', 'image', 'audio']);
const NO_MEDIA_TYPES = /^(text|subtitle|filter|vfx|effect|transition|globalimage)$/i;

/** True when a clip should name media (video, image, audio clips without text) but names none. */
export function clipLacksMedia(track: TimelineTrack, clip: TimelineClip): boolean {
  if (!SEQUENCE_TYPES.has(track.type)) return false;
  if (clip.mediaId !== null || clip.mediaUrl !== null || clip.text !== null) return false;
  return !NO_MEDIA_TYPES.test(clip.clipType ?? '');
}

/**
 * A clip's caption: the Content of its first Text effect (IMS "Effect configuration": a Text effect on a video or
 * image clip draws that text over it), or null.
 */
export function clipCaption(clip: Pick<TimelineClip, 'effects'>): string | null {
  const effects = Array.isArray(clip.effects) ? clip.effects : [];
  for (const e of effects) {
    if (typeof e.type === 'string' && e.type.toLowerCase() === 'text') {
      const content = e.raw?.Content;
      if (typeof content === 'string' && content.trim() !== '') return content;
      if (typeof content === 'number') return String(content);
    }
  }
  return null;
}

function cut(s: string | null, max: number): string | null {
  return s !== null && s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function briefOf(track: TimelineTrack, trackNo: number, index: number): ClipBrief {
  const c = track.clips[index] as TimelineClip;
  const effects = Array.isArray(c.effects) ? c.effects : [];
  return {
    track: trackNo,
    index,
    clipType: cut(c.clipType, 60),
    mediaId: cut(c.mediaId, 200),
    mediaUrl: cut(c.mediaUrl, MAX_BRIEF_URL),
    text: cut(c.text, MAX_BRIEF_TEXT),
    caption: cut(clipCaption(c), MAX_BRIEF_TEXT),
    in: c.in,
    out: c.out,
    timelineIn: c.timelineIn,
    timelineOut: c.timelineOut,
    duration: c.duration,
    speed: c.speed,
    derived: c.derivedPlacement,
    noMedia: clipLacksMedia(track, c),
    effects: effects.slice(0, MAX_BRIEF_EFFECTS).map((e) => cut(typeof e.type === 'string' ? e.type : String(e.type), 40) ?? ''),
    effectCount: effects.length,
  };
}

function buildTrackIndex(track: TimelineTrack): TrackIndex {
  const n = track.clips.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const startOf = (i: number): number => {
    const t = track.clips[i]?.timelineIn;
    return typeof t === 'number' && Number.isFinite(t) ? t : Infinity;
  };
  // Most timelines are already in order: check before sorting.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (startOf(i) < startOf(i - 1)) sorted = false;
  if (!sorted) order.sort((a, b) => startOf(a) - startOf(b) || a - b);
  const pos = new Uint32Array(n);
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const maxEnd = new Float64Array(n);
  let placed = 0;
  let running = -Infinity;
  let knownEnd: number | null = null;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    pos[i] = k;
    const s = startOf(i);
    starts[k] = s;
    if (s !== Infinity) placed++;
    const out = track.clips[i]?.timelineOut;
    const e = s === Infinity ? -Infinity : typeof out === 'number' && Number.isFinite(out) && out >= s ? out : s;
    ends[k] = e;
    if (s !== Infinity) knownEnd = Math.max(knownEnd ?? -Infinity, e);
    running = Math.max(running, e);
    maxEnd[k] = running;
  }
  return { track, order, pos, starts, ends, maxEnd, knownEnd, placed, sequence: SEQUENCE_TYPES.has(track.type) };
}

/**
 * Draws each open-ended clip (no timelineOut) out to where it must stop: the next clip's start on a sequence
 * track, else `extent`; then recomputes the running maximum. On a sequence track, a clip followed (in the
 * Timeline's order) by clips without a place keeps its stub: where it ends is anyone's guess, and drawing it to
 * the end would hide that the clips after it are missing from the lane.
 */
function drawOpenEnds(ti: TrackIndex, extent: number): void {
  const clips = ti.track.clips;
  // The Timeline index of the last clip without a place (-1: none).
  let lastUnplaced = -1;
  if (ti.sequence) for (let i = clips.length - 1; i >= 0; i--) if ((clips[i] as TimelineClip).timelineIn === null) {
    lastUnplaced = i;
    break;
  }
  let running = -Infinity;
  for (let k = 0; k < ti.placed; k++) {
    const i = ti.order[k] as number;
    const s = ti.starts[k] as number;
    if ((clips[i] as TimelineClip).timelineOut === null && i > lastUnplaced) {
      let stop = extent;
      if (ti.sequence) {
        for (let j = k + 1; j < ti.placed; j++) {
          if ((ti.starts[j] as number) > s + EPS) {
            stop = Math.min(stop, ti.starts[j] as number);
            break;
          }
        }
      }
      ti.ends[k] = Math.max(s, stop);
    }
    running = Math.max(running, ti.ends[k] as number);
    ti.maxEnd[k] = running;
  }
}

/** First k in [lo, hi) with arr[k] > x (arr non-decreasing), or hi. */
function firstAbove(arr: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First k in [lo, hi) with arr[k] >= x, or hi. */
function firstAtLeast(arr: Float64Array, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sortValue(t: TimelineTrack, c: TimelineClip, key: ClipSortKey): number | string | null {
  switch (key) {
    case 'order':
    case 'track':
      return c.timelineIn;
    case 'type':
      return c.clipType ?? t.type;
    case 'media':
      return c.mediaId ?? c.mediaUrl ?? c.text;
    case 'caption':
      return clipCaption(c);
    case 'in':
      return c.in;
    case 'out':
      return c.out;
    case 'timelineIn':
      return c.timelineIn;
    case 'timelineOut':
      return c.timelineOut;
    case 'length':
      return c.timelineIn !== null && c.timelineOut !== null ? c.timelineOut - c.timelineIn : null;
    case 'speed':
      return c.speed;
    case 'effects':
      return Array.isArray(c.effects) ? c.effects.length : 0;
  }
}

export class TimelineIndex {
  private readonly idx: TrackIndex[];
  private readonly sortCache = new Map<string, Uint32Array>();
  readonly summary: TimelineSummary;
  readonly clipCount: number;

  constructor(readonly tracks: readonly TimelineTrack[], durationSeconds: number | null, durationIsLowerBound = false) {
    this.idx = tracks.map(buildTrackIndex);
    let latest = 0;
    for (const ti of this.idx) if (ti.knownEnd !== null) latest = Math.max(latest, ti.knownEnd);
    // A clip without an end (Out absent: "until the source ends") is drawn from its start; leave room to see it.
    let openStart = -Infinity;
    for (const ti of this.idx) {
      for (let k = 0; k < ti.placed; k++) {
        if ((ti.track.clips[ti.order[k] as number] as TimelineClip).timelineOut === null) openStart = Math.max(openStart, ti.starts[k] as number);
      }
    }
    const base = Math.max(durationSeconds ?? 0, latest);
    const rawExtent = openStart >= base ? openStart + Math.max(0.5, base * 0.05) : base;
    const extent = rawExtent > 0 ? rawExtent : 1;
    for (const ti of this.idx) drawOpenEnds(ti, extent);

    let clipCount = 0;
    let withoutMedia = 0;
    let unplaced = 0;
    let gapCount = 0;
    let gapSeconds = 0;
    const summaries: TrackSummary[] = this.idx.map((ti) => {
      const t = ti.track;
      let noMedia = 0;
      for (const c of t.clips) if (clipLacksMedia(t, c)) noMedia++;
      let gaps = 0;
      let gapSum = 0;
      if (ti.sequence) {
        let end = -Infinity;
        for (let k = 0; k < ti.placed; k++) {
          const s = ti.starts[k] as number;
          if (end !== -Infinity && s - end > EPS) {
            gaps++;
            gapSum += s - end;
          }
          end = Math.max(end, ti.ends[k] as number);
        }
      }
      const start = ti.placed > 0 ? (ti.starts[0] as number) : null;
      const end = ti.knownEnd;
      clipCount += t.clips.length;
      withoutMedia += noMedia;
      unplaced += t.clips.length - ti.placed;
      gapCount += gaps;
      gapSeconds += gapSum;
      const summary: TrackSummary = {
        type: t.type, index: t.index, main: t.main, clipCount: t.clips.length, unplaced: t.clips.length - ti.placed,
        withoutMedia: noMedia, gapCount: gaps, gapSeconds: round4(gapSum), start, end,
      };
      if (t.origin !== undefined) summary.origin = t.origin;
      return summary;
    });
    this.clipCount = clipCount;
    this.summary = {
      durationSeconds, durationIsLowerBound: durationSeconds !== null && durationIsLowerBound, extent, tracks: summaries, clipCount,
      clipsWithoutMedia: withoutMedia, unplacedClips: unplaced, gapCount, gapSeconds: round4(gapSeconds),
    };
  }

  /** The lanes' items between `from` and `to` at the given zoom (see LaneItem). */
  window(q: WindowQuery): LaneWindow[] {
    const from = Math.min(q.from, q.to);
    const to = Math.max(q.from, q.to);
    const pps = q.pxPerSecond > 0 && Number.isFinite(q.pxPerSecond) ? q.pxPerSecond : 1;
    const maxItems = Math.max(4, q.maxItemsPerLane ?? 120);
    const which = q.tracks ?? this.idx.map((_, i) => i);
    const out: LaneWindow[] = [];
    for (const trackNo of which) {
      const ti = this.idx[trackNo];
      if (ti === undefined) continue;
      // At least `from`: a zero-length clip (an open end drawn as a stub) at the window's start still shows.
      const lo = firstAtLeast(ti.maxEnd, from, 0, ti.placed);
      const hi = firstAtLeast(ti.starts, to, lo, ti.placed);
      let minPx = q.minPx ?? 4;
      let items = this.laneItems(ti, trackNo, lo, hi, from, to, minPx / pps);
      while (items.items.length > maxItems && minPx < 1e7) {
        minPx *= 2;
        items = this.laneItems(ti, trackNo, lo, hi, from, to, minPx / pps);
      }
      out.push({ track: trackNo, clipsInWindow: items.count, rows: assignRows(items.items), items: items.items });
    }
    return out;
  }

  private laneItems(ti: TrackIndex, trackNo: number, lo: number, hi: number, from: number, to: number, dt: number): { items: LaneItem[]; count: number } {
    const items: LaneItem[] = [];
    let cluster: { t0: number; t1: number; count: number; noMedia: number; first: number } | null = null;
    let lastEnd = -Infinity;
    let count = 0;
    const flush = (): void => {
      if (cluster === null) return;
      if (cluster.count === 1) {
        const i = cluster.first;
        const c = ti.track.clips[i] as TimelineClip;
        items.push({ k: 'clip', t0: cluster.t0, t1: cluster.t1, row: 0, openEnd: c.timelineOut === null, clip: briefOf(ti.track, trackNo, i) });
      } else {
        items.push({ k: 'many', row: 0, ...cluster });
      }
      cluster = null;
    };
    for (let k = lo; k < hi; k++) {
      const t0 = ti.starts[k] as number;
      const t1 = ti.ends[k] as number;
      // Clips that end before the window (the running maximum let them in) are skipped; zero-length ones at
      // the window's start still show.
      if (t1 < from || (t1 === from && t1 > t0)) continue;
      count++;
      const i = ti.order[k] as number;
      const clip = ti.track.clips[i] as TimelineClip;
      if (ti.sequence && lastEnd !== -Infinity && t0 - lastEnd >= dt && t0 - lastEnd > EPS) {
        flush();
        items.push({ k: 'gap', t0: lastEnd, t1: t0, row: 0 });
      }
      const noMedia = clipLacksMedia(ti.track, clip) ? 1 : 0;
      if (t1 - t0 >= dt) {
        flush();
        items.push({ k: 'clip', t0, t1, row: 0, openEnd: clip.timelineOut === null, clip: briefOf(ti.track, trackNo, i) });
      } else if (cluster !== null && t0 - (cluster as { t1: number }).t1 < dt) {
        const c = cluster as { t1: number; count: number; noMedia: number };
        c.t1 = Math.max(c.t1, t1);
        c.count++;
        c.noMedia += noMedia;
      } else {
        flush();
        cluster = { t0, t1, count: 1, noMedia, first: i };
      }
      lastEnd = Math.max(lastEnd, t1);
    }
    flush();
    return { items, count };
  }

  /** A page of the clips table: `count` rows from `offset` in the given order. */
  rows(sort: ClipSortKey, dir: SortDir, offset: number, count: number): { total: number; rows: ClipBrief[] } {
    const perm = this.permutation(sort, dir);
    const total = perm.length / 2;
    const start = Math.max(0, Math.min(total, Math.floor(offset)));
    const end = Math.max(start, Math.min(total, start + Math.max(0, Math.floor(count))));
    const rows: ClipBrief[] = [];
    for (let r = start; r < end; r++) {
      const trackNo = perm[2 * r] as number;
      const i = perm[2 * r + 1] as number;
      rows.push(briefOf(this.tracks[trackNo] as TimelineTrack, trackNo, i));
    }
    return { total, rows };
  }

  /** Pairs (track, index) of every clip in table order, cached per order. */
  private permutation(sort: ClipSortKey, dir: SortDir): Uint32Array {
    const cacheKey = `${sort}:${dir}`;
    const hit = this.sortCache.get(cacheKey);
    if (hit) return hit;
    // The natural order: track by track in stacking order, each by position on the output.
    const n = this.clipCount;
    const rows: Array<[number, number]> = new Array(n);
    let r = 0;
    this.idx.forEach((ti, trackNo) => {
      for (let k = 0; k < ti.order.length; k++) rows[r++] = [trackNo, ti.order[k] as number];
    });
    if (sort !== 'order' || dir === 'desc') {
      const values = rows.map(([t, i]) => {
        const track = this.tracks[t] as TimelineTrack;
        return sort === 'track' ? t : sortValue(track, track.clips[i] as TimelineClip, sort);
      });
      const ids = Array.from({ length: n }, (_, k) => k);
      const sign = dir === 'desc' ? -1 : 1;
      ids.sort((a, b) => {
        const va = values[a] ?? null;
        const vb = values[b] ?? null;
        // Nulls last in both directions; ties keep the natural order.
        if (va === null || vb === null) return va === vb ? a - b : va === null ? 1 : -1;
        const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
        return c !== 0 ? sign * c : a - b;
      });
      const perm = new Uint32Array(2 * n);
      ids.forEach((id, k) => {
        const [t, i] = rows[id] as [number, number];
        perm[2 * k] = t;
        perm[2 * k + 1] = i;
      });
      return this.cache(cacheKey, perm);
    }
    const perm = new Uint32Array(2 * n);
    rows.forEach(([t, i], k) => {
      perm[2 * k] = t;
      perm[2 * k + 1] = i;
    });
    return this.cache(cacheKey, perm);
  }

  private cache(cacheKey: string, perm: Uint32Array): Uint32Array {
    if (this.sortCache.size > 8) this.sortCache.clear();
    this.sortCache.set(cacheKey, perm);
    return perm;
  }

  /** The full clip (null when out of range). */
  clip(track: number, index: number): TimelineClip | null {
    return this.tracks[track]?.clips[index] ?? null;
  }

  /**
   * A clip relative to another, for keyboard navigation: the previous or next one on the same lane in time
   * order, the first or last, or (with `time`) the one on that lane nearest to a time.
   */
  locate(track: number, from: { index?: number; step?: -1 | 0 | 1; edge?: 'first' | 'last'; time?: number }): { track: number; index: number } | null {
    const ti = this.idx[track];
    if (ti === undefined || ti.order.length === 0) return null;
    const n = ti.order.length;
    let k: number;
    if (from.edge === 'first') k = 0;
    else if (from.edge === 'last') k = Math.max(0, ti.placed - 1);
    else if (from.time !== undefined && Number.isFinite(from.time)) {
      if (ti.placed === 0) k = 0;
      else {
        // The last clip starting at or before the time, or the first one.
        k = Math.max(0, firstAbove(ti.starts, from.time, 0, ti.placed) - 1);
      }
    } else if (from.index !== undefined && from.index >= 0 && from.index < n) {
      k = (ti.pos[from.index] as number) + (from.step ?? 0);
    } else return null;
    if (k < 0 || k >= n) return null;
    return { track, index: ti.order[k] as number };
  }
}

/** Gives each item the first sub-row free at its start (gaps stay in row 0); returns the number of rows used. */
function assignRows(items: LaneItem[]): number {
  const rowEnd: number[] = [];
  for (const item of items) {
    if (item.k === 'gap') continue;
    let r = rowEnd.findIndex((end) => end <= item.t0 + EPS);
    if (r < 0) {
      if (rowEnd.length < MAX_LANE_ROWS) {
        r = rowEnd.length;
        rowEnd.push(item.t1);
      } else {
        r = rowEnd.indexOf(Math.min(...rowEnd));
      }
    }
    item.row = r;
    rowEnd[r] = Math.max(rowEnd[r] ?? -Infinity, item.t1);
  }
  return Math.max(1, rowEnd.length);
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
