/**
 * The language server's own messages, beside standard LSP (hover, incremental text sync). Declared once here and
 * used by both ends (src/server/server.ts, src/client/languageClient.ts); each end validates what it receives
 * with the guards below. Plain data and method names only: no runtime dependency, so importing this file costs
 * nothing on the extension's activation path.
 *
 * - `mediaJobs/findJobIds` (request, client → server): every job id detected in a document (or in some of its
 *   line ranges), as `Array<{ range, id, kinds, params }>`.
 * - `mediaJobs/findJobIdAt` (request, client → server): the job id at a position, with what it still needs
 *   (hover middleware, Look Up Job ID at Cursor); null when there is none. Rejected (InvalidParams) for a
 *   document the server does not have, so the client can fall back to its own detector.
 * - `mediaJobs/didChangeTrackedIds` (notification, client → server): the ids the user tracks (sent whenever the
 *   set changes; replaces the previous set). These are found anywhere in any form.
 *
 * Job kinds are named as in the CLI: `ice`, `vod`, `live-editing`, `live-edge`, `mpc-editing`.
 */
import { isJobKind, type JobKind } from '../model/job.js';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** Parameters that travel with a detected id. */
export interface JobIdMatchParams {
  clusterId?: string;
  casterId?: string;
  showId?: string;
  region?: string;
  projectId?: string;
}

/** One detected job id. `kinds`: the kinds it may be, most likely first. */
export interface JobIdMatch {
  range: LspRange;
  id: string;
  kinds: JobKind[];
  params: JobIdMatchParams;
}

export const FIND_JOB_IDS_METHOD = 'mediaJobs/findJobIds';

export interface FindJobIdsParams {
  textDocument: { uri: string };
  /**
   * Only these line ranges (whole lines from start.line to end.line). Clients pass the visible ranges of large
   * documents, which the server scans lazily; without it the whole document is scanned.
   */
  ranges?: LspRange[];
}

export type FindJobIdsResult = JobIdMatch[];

export const FIND_JOB_ID_AT_METHOD = 'mediaJobs/findJobIdAt';

export interface FindJobIdAtParams {
  textDocument: { uri: string };
  position: LspPosition;
}

/** The id at a position: the match, the parameters its fetch still lacks, and what it followed (a key, `tracked`, …). */
export interface JobIdAt extends JobIdMatch {
  needs: Array<'clusterId' | 'casterId'>;
  source: string;
}

export type FindJobIdAtResult = JobIdAt | null;

export const DID_CHANGE_TRACKED_IDS_METHOD = 'mediaJobs/didChangeTrackedIds';

export interface TrackedIdRef {
  kind: JobKind;
  id: string;
  region: string;
  params: { clusterId?: string; casterId?: string; showId?: string; projectId?: string };
}

export interface DidChangeTrackedIdsParams {
  refs: TrackedIdRef[];
}

/** From this many characters on, the server scans a document lazily: hovered lines and requested ranges only. */
export const LARGE_DOCUMENT_CHARS = 20 * 1024 * 1024;
/** At most this many tracked ids are sent (more are ignored by the server). */
export const MAX_TRACKED_IDS = 10_000;

// ---- Guards -------------------------------------------------------------------------------------------------

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 2 ** 31;
}

export function isPosition(x: unknown): x is LspPosition {
  return isObject(x) && isCount(x.line) && isCount(x.character);
}

export function isRange(x: unknown): x is LspRange {
  return isObject(x) && isPosition(x.start) && isPosition(x.end);
}

function isTextDocument(x: unknown): x is { uri: string } {
  return isObject(x) && typeof x.uri === 'string' && x.uri.length > 0 && x.uri.length < 10_000;
}

const PARAM_KEYS = ['clusterId', 'casterId', 'showId', 'region', 'projectId'] as const;

function isShortString(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 256;
}

function isParams(x: unknown, allowRegion: boolean): boolean {
  if (!isObject(x)) return false;
  for (const [k, v] of Object.entries(x)) {
    if (v === undefined) continue;
    if (!(PARAM_KEYS as readonly string[]).includes(k) || (!allowRegion && k === 'region') || !isShortString(v)) return false;
  }
  return true;
}

export function isFindJobIdsParams(x: unknown): x is FindJobIdsParams {
  if (!isObject(x) || !isTextDocument(x.textDocument)) return false;
  return x.ranges === undefined || (Array.isArray(x.ranges) && x.ranges.length <= 1000 && x.ranges.every(isRange));
}

export function isFindJobIdAtParams(x: unknown): x is FindJobIdAtParams {
  return isObject(x) && isTextDocument(x.textDocument) && isPosition(x.position);
}

export function isJobIdMatch(x: unknown): x is JobIdMatch {
  return isObject(x) && isRange(x.range) && isShortString(x.id) && Array.isArray(x.kinds) && x.kinds.length > 0
    && x.kinds.every(isJobKind) && isParams(x.params, true);
}

export function isJobIdAt(x: unknown): x is JobIdAt {
  return isJobIdMatch(x) && Array.isArray((x as unknown as Record<string, unknown>).needs)
    && ((x as unknown as Record<string, unknown[]>).needs!).every((n) => n === 'clusterId' || n === 'casterId')
    && typeof (x as unknown as Record<string, unknown>).source === 'string';
}

/**
 * The tracked ids of a notification, validated: malformed entries are dropped (a bad one never costs the others),
 * at most MAX_TRACKED_IDS are kept. Null when the message itself has the wrong shape.
 */
export function parseTrackedIds(x: unknown): TrackedIdRef[] | null {
  if (!isObject(x) || !Array.isArray(x.refs)) return null;
  const out: TrackedIdRef[] = [];
  for (const r of x.refs) {
    if (out.length >= MAX_TRACKED_IDS) break;
    if (!isObject(r) || !isJobKind(r.kind) || !isShortString(r.id) || typeof r.region !== 'string' || !isParams(r.params, false)) continue;
    if (/[\s\u0000-\u001f]/.test(r.id)) continue; // eslint-disable-line no-control-regex
    out.push({ kind: r.kind, id: r.id, region: r.region, params: { ...(r.params as TrackedIdRef['params']) } });
  }
  return out;
}
