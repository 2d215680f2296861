/**
 * Every message between the inspector webview and its host (the extension host, or the standalone preview
 * page standing in for it), declared once. The host validates every webview→host message with
 * `parseWebviewMessage` before acting on it: the webview renders untrusted job data, so a message from it is
 * treated as untrusted input too (no message field ever names a command, a file or a setting).
 *
 * Big timelines stay with the host: the webview asks for the lanes' visible window (`requestWindow`), pages of
 * the clips table (`requestRows`) and single clips (`requestClip`); small ones come inline with the job.
 * Pure: no vscode, no DOM, no node.
 */
import { type Job, type JobKind, type JobParams, type TimelineClip, type TimelineTrack } from '../model/job.js';
import { isHttpProtocol } from '../util/urls.js';
import { CLIP_SORT_KEYS, type ClipBrief, type ClipSortKey, type LaneWindow, type SortDir, type TimelineSummary } from '../present/timelineIndex.js';

/** The webview panel type (serializer, activation event `onWebviewPanel:mediaJobs.inspector`). */
export const INSPECTOR_VIEW_TYPE = 'mediaJobs.inspector';

/** Timelines with at most this many clips travel inline with the job; bigger ones are queried window by window. */
export const INLINE_CLIP_LIMIT = 2_000;
/** Most characters of a timeline's raw text (when it did not parse) sent with the job. */
export const RAW_TIMELINE_LIMIT = 200_000;
/** Most characters of the Raw JSON view sent to the webview (Copy always copies everything, through the host). */
export const RAW_VIEW_LIMIT = 2_000_000;
/** Most rows one `requestRows` may ask for. */
export const MAX_ROWS_PER_REQUEST = 500;
/** Most characters of text the webview may ask the host to copy. */
export const MAX_COPY_CHARS = 5_000_000;
export const MAX_URL_CHARS = 8_192;

export const INSPECTOR_TABS = ['overview', 'timeline', 'clips', 'clipsParam', 'streams', 'raw'] as const;
export type InspectorTab = (typeof INSPECTOR_TABS)[number];

/** The job without what is sent separately (its timeline) or on request (the response body). */
export type JobCore = Omit<Job, 'timeline' | 'raw'>;

export interface TrackedInfo {
  key: string;
  ref: { kind: JobKind; id: string; region: string; params: JobParams };
  /** The last poll's error (the job may still have an older snapshot). */
  lastError: { kind: string; code: string | null; message: string; hint: string | null; at: string } | null;
  lastCheckedAt: string | null;
  addedAt: string | null;
  watched: boolean;
  /** The saved snapshot dropped parts (timeline clips, big blobs); a fresh fetch is under way or needed. */
  trimmed: boolean;
  /** A fetch for this panel is in flight. */
  refreshing: boolean;
  /** False once the job is no longer tracked (the panel keeps its last snapshot). */
  tracked: boolean;
}

export type TimelineView =
  | { state: 'none' }
  /** The saved snapshot had its clips dropped; the job is being fetched again. */
  | { state: 'pending' }
  | { state: 'error'; parseError: string; rawText: string; rawTextLength: number }
  | { state: 'ok'; summary: TimelineSummary; inline: TimelineTrack[] | null };

/** Cloud-specific fields shown beside the normalized ones (Huawei's video_info, audio_info, metadata). */
export interface ExtraSection {
  title: string;
  value: unknown;
}

export interface JobPayload {
  key: string;
  tracked: TrackedInfo;
  job: JobCore | null;
  /** What to do about the job's own error, when known. */
  errorHint: string | null;
  timeline: TimelineView;
  /** True when the response body is available (not after a restart until the job is fetched again). */
  hasRaw: boolean;
  extras: ExtraSection[];
}

export interface ClipLocator {
  /** With `index`: that clip, or (with `step`) its neighbour in time order on the same lane. */
  index?: number;
  step?: -1 | 0 | 1;
  edge?: 'first' | 'last';
  /** The clip on the lane nearest before this time (seconds). */
  time?: number;
}

// ---- host → webview ------------------------------------------------------------------------------------

export type HostMessage =
  | { type: 'job'; revision: number; payload: JobPayload }
  | { type: 'window'; reqId: number; revision: number; from: number; to: number; pxPerSecond: number; lanes: LaneWindow[] }
  | { type: 'rows'; reqId: number; revision: number; sort: ClipSortKey; dir: SortDir; offset: number; total: number; rows: ClipBrief[] }
  | { type: 'clip'; reqId: number; revision: number; track: number; index: number; clip: TimelineClip | null }
  | { type: 'raw'; reqId: number; revision: number; text: string; totalChars: number; truncated: boolean }
  /** The host's answer to a copy or open request, for the webview to acknowledge. */
  | { type: 'done'; action: 'copy' | 'open'; ok: boolean; message: string };

// ---- webview → host ------------------------------------------------------------------------------------

export type WebviewMessage =
  | { type: 'ready' }
  | {
    type: 'requestWindow'; reqId: number; revision: number; from: number; to: number; pxPerSecond: number;
    tracks: number[]; maxItemsPerLane: number;
  }
  | { type: 'requestRows'; reqId: number; revision: number; sort: ClipSortKey; dir: SortDir; offset: number; count: number }
  | ({ type: 'requestClip'; reqId: number; revision: number; track: number } & ClipLocator)
  | { type: 'requestRaw'; reqId: number; revision: number }
  | { type: 'copy'; text: string; what: string }
  /** Copy the whole response body: as received, or with nested JSON strings decoded. */
  | { type: 'copyRaw'; decoded: boolean }
  | { type: 'openExternal'; url: string }
  | { type: 'refresh' }
  /** After each render: what is on screen (tests and diagnostics). */
  | { type: 'rendered'; revision: number; status: string; tab: InspectorTab; ms: number; elements: number }
  | { type: 'log'; level: 'error' | 'warn' | 'info'; message: string };

export type WebviewMessageType = WebviewMessage['type'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

class Invalid extends Error {}

function int(o: Record<string, unknown>, k: string, min: number, max: number): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new Invalid(`${k}: expected an integer in [${min}, ${max}]`);
  return v;
}

function num(o: Record<string, unknown>, k: string, min: number, max: number): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Invalid(`${k}: expected a number in [${min}, ${max}]`);
  return v;
}

function str(o: Record<string, unknown>, k: string, max: number): string {
  const v = o[k];
  if (typeof v !== 'string' || v.length > max) throw new Invalid(`${k}: expected a string of at most ${max} characters`);
  return v;
}

function oneOf<T extends string>(o: Record<string, unknown>, k: string, values: readonly T[]): T {
  const v = o[k];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) throw new Invalid(`${k}: expected one of ${values.join(', ')}`);
  return v as T;
}

function bool(o: Record<string, unknown>, k: string): boolean {
  const v = o[k];
  if (typeof v !== 'boolean') throw new Invalid(`${k}: expected a boolean`);
  return v;
}

const MAX_TIME = 1e9;
const MAX_INDEX = 1e8;

/**
 * Validates a message from the webview and returns a clean copy holding only the declared fields (so nothing
 * unexpected travels further), or the reason it was refused.
 */
export function parseWebviewMessage(x: unknown): Parsed<WebviewMessage> {
  if (!isObj(x)) return { ok: false, reason: 'not an object' };
  const type = x.type;
  if (typeof type !== 'string') return { ok: false, reason: 'no type' };
  try {
    const t = type as WebviewMessageType;
    switch (t) {
      case 'ready':
        return { ok: true, value: { type: 'ready' } };
      case 'requestWindow': {
        const tracks = x.tracks;
        if (!Array.isArray(tracks) || tracks.length > 10_000 || !tracks.every((n) => Number.isInteger(n) && n >= 0 && n < MAX_INDEX)) {
          throw new Invalid('tracks: expected a list of track numbers');
        }
        return {
          ok: true,
          value: {
            type: t, reqId: int(x, 'reqId', 0, Number.MAX_SAFE_INTEGER), revision: int(x, 'revision', 0, Number.MAX_SAFE_INTEGER),
            from: num(x, 'from', -MAX_TIME, MAX_TIME), to: num(x, 'to', -MAX_TIME, MAX_TIME), pxPerSecond: num(x, 'pxPerSecond', 1e-9, 1e9),
            tracks: [...(tracks as number[])], maxItemsPerLane: int(x, 'maxItemsPerLane', 4, 10_000),
          },
        };
      }
      case 'requestRows':
        return {
          ok: true,
          value: {
            type: t, reqId: int(x, 'reqId', 0, Number.MAX_SAFE_INTEGER), revision: int(x, 'revision', 0, Number.MAX_SAFE_INTEGER),
            sort: oneOf(x, 'sort', CLIP_SORT_KEYS), dir: oneOf(x, 'dir', ['asc', 'desc'] as const),
            offset: int(x, 'offset', 0, MAX_INDEX), count: int(x, 'count', 0, MAX_ROWS_PER_REQUEST),
          },
        };
      case 'requestClip': {
        const value: Extract<WebviewMessage, { type: 'requestClip' }> = {
          type: t, reqId: int(x, 'reqId', 0, Number.MAX_SAFE_INTEGER), revision: int(x, 'revision', 0, Number.MAX_SAFE_INTEGER),
          track: int(x, 'track', 0, MAX_INDEX),
        };
        if (x.index !== undefined) value.index = int(x, 'index', 0, MAX_INDEX);
        if (x.step !== undefined) value.step = int(x, 'step', -1, 1) as -1 | 0 | 1;
        if (x.edge !== undefined) value.edge = oneOf(x, 'edge', ['first', 'last'] as const);
        if (x.time !== undefined) value.time = num(x, 'time', -MAX_TIME, MAX_TIME);
        if (value.index === undefined && value.edge === undefined && value.time === undefined) throw new Invalid('requestClip: index, edge or time is required');
        return { ok: true, value };
      }
      case 'requestRaw':
        return { ok: true, value: { type: t, reqId: int(x, 'reqId', 0, Number.MAX_SAFE_INTEGER), revision: int(x, 'revision', 0, Number.MAX_SAFE_INTEGER) } };
      case 'copy':
        return { ok: true, value: { type: t, text: str(x, 'text', MAX_COPY_CHARS), what: str(x, 'what', 100) } };
      case 'copyRaw':
        return { ok: true, value: { type: t, decoded: bool(x, 'decoded') } };
      case 'openExternal':
        return { ok: true, value: { type: t, url: str(x, 'url', MAX_URL_CHARS) } };
      case 'refresh':
        return { ok: true, value: { type: t } };
      case 'rendered':
        return {
          ok: true,
          value: {
            type: t, revision: int(x, 'revision', 0, Number.MAX_SAFE_INTEGER), status: str(x, 'status', 100),
            tab: oneOf(x, 'tab', INSPECTOR_TABS), ms: num(x, 'ms', 0, 1e9), elements: int(x, 'elements', 0, 1e9),
          },
        };
      case 'log':
        return { ok: true, value: { type: t, level: oneOf(x, 'level', ['error', 'warn', 'info'] as const), message: str(x, 'message', 4_000) } };
      default: {
        const unknownType: never = t;
        return { ok: false, reason: `unknown message type ${JSON.stringify(String(unknownType)).slice(0, 60)}` };
      }
    }
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: `${type}: ${e.message}` };
    throw e;
  }
}

/** A cheap structural check of a host message on the webview side (the host is trusted; this guards against bugs). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'job':
      return typeof x.revision === 'number' && isObj(x.payload);
    case 'window':
      return typeof x.reqId === 'number' && Array.isArray(x.lanes);
    case 'rows':
      return typeof x.reqId === 'number' && Array.isArray(x.rows) && typeof x.total === 'number';
    case 'clip':
      return typeof x.reqId === 'number' && typeof x.track === 'number';
    case 'raw':
      return typeof x.reqId === 'number' && typeof x.text === 'string';
    case 'done':
      return typeof x.ok === 'boolean' && typeof x.message === 'string';
    default:
      return false;
  }
}

/**
 * Whether a URL may be opened outside: http(s) only, no credentials in it, and (so a compromised webview cannot
 * open arbitrary places) only URLs the job itself holds. Plain http asks the user first.
 */
export function checkOpenUrl(raw: string, jobHasUrl: (url: string) => boolean): { ok: true; url: string; warn: boolean } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (!isHttpProtocol(url.protocol)) return { ok: false, reason: `only http and https links open (this one is ${url.protocol.replace(/:$/, '')})` };
  if (url.username || url.password) return { ok: false, reason: 'links with a user name or password do not open' };
  if (!jobHasUrl(raw)) return { ok: false, reason: 'the link is not one of this job\'s URLs' };
  return { ok: true, url: url.href, warn: url.protocol === 'http:' };
}
