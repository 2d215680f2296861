/**
 * Where the timeline's lanes, table pages and clips come from: the webview's own index when the timeline came
 * inline (small timelines), or the host, request by request (big ones). Local answers are synchronous so
 * small timelines render in one pass.
 */
import { type TimelineClip, type TimelineTrack } from '../model/job.js';
import { type ClipBrief, type ClipSortKey, type LaneWindow, type SortDir, TimelineIndex, type TimelineSummary } from '../present/timelineIndex.js';
import { type ClipLocator } from '../protocol/webview.js';
import { type HostConnection } from './host.js';

export interface WindowRequest {
  from: number;
  to: number;
  pxPerSecond: number;
  tracks: number[];
  maxItemsPerLane: number;
}

export interface LocatedClip {
  track: number;
  index: number;
  clip: TimelineClip;
}

type MaybeAsync<T> = T | Promise<T>;

export interface TimelineSource {
  readonly summary: TimelineSummary;
  readonly local: boolean;
  window(q: WindowRequest): MaybeAsync<LaneWindow[]>;
  rows(sort: ClipSortKey, dir: SortDir, offset: number, count: number): MaybeAsync<{ total: number; rows: ClipBrief[] }>;
  clip(track: number, at: ClipLocator): MaybeAsync<LocatedClip | null>;
}

export class LocalSource implements TimelineSource {
  readonly local = true;
  private readonly index: TimelineIndex;
  constructor(tracks: TimelineTrack[], readonly summary: TimelineSummary) {
    this.index = new TimelineIndex(tracks, summary.durationSeconds, summary.durationIsLowerBound);
  }

  window(q: WindowRequest): LaneWindow[] {
    return this.index.window({ from: q.from, to: q.to, pxPerSecond: q.pxPerSecond, tracks: q.tracks, maxItemsPerLane: q.maxItemsPerLane });
  }

  rows(sort: ClipSortKey, dir: SortDir, offset: number, count: number): { total: number; rows: ClipBrief[] } {
    return this.index.rows(sort, dir, offset, count);
  }

  clip(track: number, at: ClipLocator): LocatedClip | null {
    const where = this.index.locate(track, at);
    if (where === null) return null;
    const clip = this.index.clip(where.track, where.index);
    return clip ? { ...where, clip } : null;
  }
}

export class RemoteSource implements TimelineSource {
  readonly local = false;
  constructor(private readonly host: HostConnection, readonly summary: TimelineSummary) {}

  async window(q: WindowRequest): Promise<LaneWindow[]> {
    const m = await this.host.request<'window'>({ type: 'requestWindow', ...q });
    return m.lanes;
  }

  async rows(sort: ClipSortKey, dir: SortDir, offset: number, count: number): Promise<{ total: number; rows: ClipBrief[] }> {
    const m = await this.host.request<'rows'>({ type: 'requestRows', sort, dir, offset, count });
    return { total: m.total, rows: m.rows };
  }

  async clip(track: number, at: ClipLocator): Promise<LocatedClip | null> {
    const m = await this.host.request<'clip'>({ type: 'requestClip', track, ...at });
    return m.clip ? { track: m.track, index: m.index, clip: m.clip } : null;
  }
}

/** Runs `fn` on a value that may be a promise, synchronously when it is not. */
export function then<T>(v: MaybeAsync<T>, fn: (x: T) => void): void {
  if (v instanceof Promise) void v.then(fn);
  else fn(v);
}
