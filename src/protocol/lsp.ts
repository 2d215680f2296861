/**
 * The language server's own messages, beside standard LSP (incremental text sync). Declared once here and used by
 * both ends (src/server/server.ts, src/client/languageClient.ts); each end validates what it receives with the
 * guards below. Plain data and method names only: no runtime dependency, so importing this file costs nothing on
 * the extension's activation path.
 *
 * - `mediaJobs/findJobIds` (request, client → server): every job id detected in a document (or in some of its
 *   line ranges), as JobIdHitInDocument[] (`{ range, id, kinds, params, region?, needs, source }`,
 *   src/model/jobIdHit.ts).
 * - `mediaJobs/findJobIdAt` (request, client → server): the job id at a position, in the same shape (hover,
 *   Look Up Job ID at Cursor); null when there is none. Rejected (InvalidParams) for a document the server does
 *   not have, so the client can fall back to its own detector.
 * - `mediaJobs/didChangeTrackedIds` (notification, client → server): the references (JobRef) the user tracks
 *   (sent whenever the set changes; replaces the previous set). These are found anywhere in any form.
 *
 * The server answers no `textDocument/hover`: the client builds the hover from findJobIdAt, where the job store
 * and the credentials are. Job kinds are named as in the CLI (JOB_KINDS, src/model/job.ts).
 */
import { isJobKind } from '../model/job.js';
import { type JobIdHitInDocument, type TextPosition, type TextRange } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';

export const FIND_JOB_IDS_METHOD = 'mediaJobs/findJobIds';

export interface FindJobIdsParams {
  textDocument: { uri: string };
  /**
   * Only these line ranges (whole lines from start.line to end.line). Clients pass the visible ranges of large
   * documents, which the server scans lazily; without it the whole document is scanned.
   */
  ranges?: TextRange[];
}

export type FindJobIdsResult = JobIdHitInDocument[];

export const FIND_JOB_ID_AT_METHOD = 'mediaJobs/findJobIdAt';

export interface FindJobIdAtParams {
  textDocument: { uri: string };
  position: TextPosition;
}

export type FindJobIdAtResult = JobIdHitInDocument | null;

export const DID_CHANGE_TRACKED_IDS_METHOD = 'mediaJobs/didChangeTrackedIds';

export interface DidChangeTrackedIdsParams {
  refs: JobRef[];
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

export function isPosition(x: unknown): x is TextPosition {
  return isObject(x) && isCount(x.line) && isCount(x.character);
}

export function isRange(x: unknown): x is TextRange {
  return isObject(x) && isPosition(x.start) && isPosition(x.end);
}

function isTextDocument(x: unknown): x is { uri: string } {
  return isObject(x) && typeof x.uri === 'string' && x.uri.length > 0 && x.uri.length < 10_000;
}

const PARAM_KEYS = ['clusterId', 'casterId', 'showId', 'projectId'] as const;

function isParamKey(x: unknown): x is (typeof PARAM_KEYS)[number] {
  return (PARAM_KEYS as readonly unknown[]).includes(x);
}

function isShortString(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 256;
}

function isParams(x: unknown): boolean {
  if (!isObject(x)) return false;
  for (const [k, v] of Object.entries(x)) {
    if (v === undefined) continue;
    if (!isParamKey(k) || !isShortString(v)) return false;
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

/** A hit as the server answers it: known kinds (at least one), known parameters, a region and a source that are short strings. */
export function isJobIdHitInDocument(x: unknown): x is JobIdHitInDocument {
  return isObject(x) && isRange(x.range) && isShortString(x.id) && Array.isArray(x.kinds) && x.kinds.length > 0
    && x.kinds.every(isJobKind) && isParams(x.params) && (x.region === undefined || isShortString(x.region))
    && Array.isArray(x.needs) && x.needs.every(isParamKey) && typeof x.source === 'string' && x.source.length <= 256;
}

/**
 * The tracked references of a notification, validated: malformed entries are dropped (a bad one never costs the
 * others), at most MAX_TRACKED_IDS are kept. Null when the message itself has the wrong shape.
 */
export function parseTrackedIds(x: unknown): JobRef[] | null {
  if (!isObject(x) || !Array.isArray(x.refs)) return null;
  const out: JobRef[] = [];
  for (const r of x.refs) {
    if (out.length >= MAX_TRACKED_IDS) break;
    if (!isObject(r) || !isJobKind(r.kind) || !isShortString(r.id) || typeof r.region !== 'string' || !isParams(r.params)) continue;
    if (/[\s\u0000-\u001f]/.test(r.id)) continue; // eslint-disable-line no-control-regex
    out.push({ kind: r.kind, id: r.id, region: r.region, params: { ...(r.params as JobRef['params']) } });
  }
  return out;
}
