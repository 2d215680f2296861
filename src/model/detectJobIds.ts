/**
 * Finds job ids in text (logs, saved API responses, JSON, YAML, code in any language, shell history): the
 * language server's detector, and "Look Up Job ID at Cursor"'s fallback when the server is not running.
 *
 * An id counts only in context, because these ids are bare hex strings, UUIDs and numbers that look exactly like
 * MD5 sums, git SHAs, request ids, media ids and template ids. It must
 * - follow a job key: `JobId`, `jobId`, `job_id`, `TranscodeTaskId`, `CasterId`, `ShowId` (and their spellings),
 *   as `=`, `:`, `": "`, `=>`, `:=`, `(`, `--JobId x`, `--job_id.1=x`, `<JobId>x</JobId>`, `setJobId("x")`,
 *   `withJobId(["a", "b"])`, `JobId: tea.String("x")`, `job_id=["a", "b"]`, `&[]string{"a"}`, …;
 * - or be an argument of `media-jobs inspect|watch <kind>` (the project's own CLI);
 * - or be an id the user already tracks (anywhere, in any form).
 *
 * Which kind a generic `JobId` / `job_id` is comes from its context, nearest first:
 * 1. markers on the same line: API names (`GetMediaProducingJob`, `GetEdgeTranscodeJob`, `ListEditingJobs`,
 *    `editing/jobs`, `GetTranscodeTask`, …), hosts (`ice.cn-shanghai.aliyuncs.com`, `mpc.….myhuaweicloud.com`),
 *    CLI lines (`aliyun ice …`), SDK package names (`ice20201109`, `huaweicloudsdkmpc`), a ClusterId beside it;
 * 2. the enclosing block: a marker up to 3 lines above (a call a few lines up, a log line before its response),
 *    or further up (up to 10 lines) on a less indented line (`"MediaProducingJob": {`, `job_array:`, a
 *    multi-line `GetMediaProducingJobRequest(` call); a job id that got its kind from its block passes it on to
 *    the next one within 10 lines (items of one list), for at most 200 lines;
 * 3. a ClusterId a few lines away (a multi-line edge request);
 * 4. sibling keys of the same object (`StreamInput` → edge, `Timeline` → ICE, `exec_description` → MPC);
 * 5. otherwise every kind the key is used by, most likely first: `JobId` → ice, live-edge; `job_id` →
 *    mpc-editing, ice, live-edge.
 * Parameters travel with the match: ClusterId, CasterId/ShowId (a ShowId names a task of a caster), a region name
 * (`cn-shanghai`, `ap-southeast-1`, `cn-north-4`), the MPC project from `/v2/{project_id}/editing/jobs` or a
 * `project_id` key.
 *
 * Cost: one regex pass over the text finds the keys (anchored on their endings, `Id`/`_id`/…, with the key name
 * checked by a trailing lookbehind: V8 keeps its fast scan, ~1 GB/s here); context is read only around the hits
 * (the lines of a match and a few above it, kept in a small ring); a literal search finds `media-jobs` lines and a
 * Wu–Manber pass the tracked ids (src/model/multiPatternSearch.ts). Results for a window of lines equal those of a
 * whole-document scan when the window starts CONTEXT_LINES above (see scanText), which is what lets the server
 * scan only the lines it is asked about and re-scan only the lines an edit touched. bench/detect.ts measures it
 * against ripgrep.
 */
import { isJobKind, JOB_KINDS, type JobKind, type JobParams } from './job.js';
import { type JobRef } from './jobRef.js';
import { MultiPatternSearch } from './multiPatternSearch.js';

export interface DetectedJobId {
  id: string;
  /** The kinds this id may be, most likely first (more than one when the context does not tell). */
  kinds: JobKind[];
  /** Parameters found nearby (clusterId for live-edge, casterId for a live-editing task or showId for a caster, MPC projectId). */
  params: JobParams;
  /** Character offsets in the line, end exclusive. */
  range: { start: number; end: number };
  /** A region name found nearby (or the tracked job's region), if any. */
  region?: string;
  /** Parameters the id cannot be fetched without that the context did not give (a ShowId needs its CasterId). */
  needs: Array<keyof JobParams>;
  /** Why it matched: the key it followed (`JobId`, `--job_id`, …), `media-jobs` arguments, or `tracked`. */
  source: string;
}

/** A detection in a multi-line text: the line (0-based, in document numbering) and the DetectedJobId on it. */
export interface ScannedJobId extends DetectedJobId {
  line: number;
}

/** Lines a marker may be above a generic job key and still give its kind (any indentation). */
export const NEAR_LINES = 3;
/** Lines a less indented marker line may be above a job key and still give its kind; also a hand-over's reach. */
export const LOOKBACK_LINES = 10;
/** How far a kind handed from one job id of a block to the next may reach from its marker line. */
export const MAX_BLOCK_LINES = 200;
/** Lines below a match read for parameters and sibling keys. */
export const LOOKAHEAD_LINES = 6;
/**
 * A window scan (from/to) reads this many lines above `from` so its results equal a whole-text scan's: every
 * hand-over chain and lookback that can reach a reported line starts inside it.
 */
export const CONTEXT_LINES = MAX_BLOCK_LINES + LOOKBACK_LINES;
/** On very long lines (minified logs), markers and parameters count only this many characters either side. */
const SAME_LINE_REACH = 2000;
/** Lines within which a ClusterId, CasterId, ShowId or project_id on another line still belongs to a match. */
const PARAM_LINES = 3;

// ---- Keys ----------------------------------------------------------------------------------------------------

/** What a key names: a job id (kind decided by context), a VOD task, a caster, a show (task), or a parameter. */
type KeyRole = 'job' | 'job_id' | 'vod' | 'caster' | 'show' | 'cluster' | 'project';

const KEYS: ReadonlyArray<[string, KeyRole]> = [
  ['JobId', 'job'], ['JobID', 'job'], ['jobId', 'job'], ['jobID', 'job'], ['job-id', 'job'],
  // JOB_ID (shell and environment variables) is the one all-caps spelling: each one added costs ~30 % of scan speed.
  ['job_id', 'job_id'], ['JOB_ID', 'job_id'],
  ['TranscodeTaskId', 'vod'], ['transcodeTaskId', 'vod'], ['transcode_task_id', 'vod'],
  ['CasterId', 'caster'], ['casterId', 'caster'], ['caster_id', 'caster'], ['caster-id', 'caster'],
  ['ShowId', 'show'], ['showId', 'show'], ['show_id', 'show'], ['show-id', 'show'],
  ['ClusterId', 'cluster'], ['clusterId', 'cluster'], ['cluster_id', 'cluster'], ['cluster-id', 'cluster'],
  // Not `ProjectId`: that is an ICE project, not a Huawei project.
  ['project_id', 'project'], ['project-id', 'project'], ['projectId', 'project'],
];
const ROLE = new Map<string, KeyRole>(KEYS);
const JOB_ROLES: ReadonlySet<KeyRole> = new Set<KeyRole>(['job', 'job_id', 'vod', 'caster', 'show']);

/**
 * Finds the keys by their ending (`Id`, `ID`, `_id`, `-id`), then looks behind for a key name (and, the same
 * way, `media-jobs ` commands, by `-jobs`): V8 scans for the
 * ending with its fast first-character checks (a leading lookbehind, or leading alternatives starting with common
 * letters, make it several times slower). The exact key is then read back in code (keyAt), and what may precede
 * it (a non-word character, `--`, `set`/`with`) is checked there too.
 */
const KEY_RE = /(?:I[dD]|[_-]id|_ID)(?![A-Za-z0-9_])(?<=(?:[Jj]ob|JOB|[Tt]ranscode_?[Tt]ask|transcode_task|[Cc]aster|[Ss]how|[Cc]luster|project)(?:Id|ID|_id|-id|_ID))|-jobs(?<=media-jobs)(?=\s)/g;
/** Keys by their last three characters (`bId`, `_id`, `sId`, …), longest first. */
const KEYS_BY_ENDING = new Map<string, string[]>();
for (const k of [...ROLE.keys()].sort((a, b) => b.length - a.length)) {
  const ending = k.slice(-3);
  KEYS_BY_ENDING.set(ending, [...(KEYS_BY_ENDING.get(ending) ?? []), k]);
}

/** The key that ends at `end`, or null (`Job_id` ends like a key but is none). No copying. */
function keyAt(text: string, end: number): string | null {
  const candidates = KEYS_BY_ENDING.get(text.slice(end - 3, end));
  if (!candidates) return null;
  for (const k of candidates) if (end >= k.length && text.startsWith(k, end - k.length)) return k;
  return null;
}

/** Kinds a generic job key may be, and the order when nothing says which. */
const JOB_KEY_KINDS: readonly JobKind[] = ['ice', 'live-edge', 'mpc-editing', 'vod'];

/*
 * Results share these frozen values (a big log has tens of thousands of matches; most have one kind, no
 * parameters and need nothing). Frozen, so a consumer that tried to change one in place would fail loudly.
 */
const frozen = <T>(x: T): T => Object.freeze(x);
const ONE_KIND: Readonly<Record<JobKind, JobKind[]>> = Object.fromEntries(JOB_KINDS.map((k) => [k, frozen([k])])) as Record<JobKind, JobKind[]>;
const DEFAULT_KINDS: Readonly<Record<'job' | 'job_id', JobKind[]>> = {
  job: frozen<JobKind[]>(['ice', 'live-edge']),
  job_id: frozen<JobKind[]>(['mpc-editing', 'ice', 'live-edge']),
};
const NO_PARAMS: JobParams = frozen({});
const NO_NEEDS: Array<keyof JobParams> = frozen([]);
const NEEDS_CLUSTER: Array<keyof JobParams> = frozen(['clusterId']);
const NEEDS_CASTER: Array<keyof JobParams> = frozen(['casterId']);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdChar(c: number): boolean {
  return isWordChar(c) || c === 45;
}
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96; // " ' `
}
function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** How the key at `s` is used: as a CLI flag (`--JobId`, `-JobId`), a plain key, or not at all (`SubJobId`). */
function keyUse(text: string, s: number): 'flag' | 'plain' | null {
  const c = s > 0 ? text.charCodeAt(s - 1) : -1;
  if (c === 45) { // '-'
    const c2 = s > 1 ? text.charCodeAt(s - 2) : -1;
    if (c2 === 45) return s > 2 && isIdChar(text.charCodeAt(s - 3)) ? null : 'flag';
    return isIdChar(c2) ? null : 'flag';
  }
  if (!isWordChar(c)) return 'plain';
  // setJobId(…), withJobId(…): the setters of the SDKs.
  for (const p of ['set', 'with']) {
    const ps = s - p.length;
    if (ps >= 0 && text.startsWith(p, ps) && (ps === 0 || !isWordChar(text.charCodeAt(ps - 1)))) return 'plain';
  }
  return null;
}

const FLAG_NAMES = new Map<string, string>();

/** `--JobId` / `-JobId`, one string per spelling (not one per hit). */
function flagName(key: string, double: boolean): string {
  const name = `${double ? '--' : '-'}${key}`;
  const known = FLAG_NAMES.get(name);
  if (known) return known;
  FLAG_NAMES.set(name, name);
  return name;
}

/** Calls whose arguments are a list of ids. */
const LIST_CALLS = new Set(['asList', 'of', 'listOf', 'singletonList', 'arrayOf', 'mutableListOf', 'setOf', 'List', 'list', 'tuple', 'Array']);
const CALL_RE = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*\(/y;

interface ValueSpan {
  value: string;
  start: number;
  end: number;
}

/** Reads one id value at `i`: optionally quoted (also `\"`), `[A-Za-z0-9][A-Za-z0-9_-]*`, closed by its quote. */
function readValue(text: string, i: number, inList: boolean): ValueSpan | null {
  let quote = '';
  const c = text.charCodeAt(i);
  if (c === 92 && isQuote(text.charCodeAt(i + 1))) {
    quote = text.slice(i, i + 2);
    i += 2;
  } else if (isQuote(c)) {
    quote = text[i]!;
    i++;
  }
  if (!isAlnum(text.charCodeAt(i))) return null;
  let j = i + 1;
  const max = i + 130;
  while (j < text.length && j < max && isIdChar(text.charCodeAt(j))) j++;
  if (quote) {
    if (!text.startsWith(quote, j)) return null;
  } else {
    const n = text.charCodeAt(j);
    const n2 = text.charCodeAt(j + 1);
    // `JobId: 1718700000.123`, `jobId=a@b`, `job_id=x/y`, `JobId: http://…`: not an id.
    if ((n === 46 || n === 64 || n === 47) && isAlnum(n2)) return null;
    if (n === 58 && n2 === 47) return null;
    if (inList && !(Number.isNaN(n) || n === 44 || n === 93 || n === 125 || n === 41 || n <= 32)) return null;
  }
  return { value: text.slice(i, j), start: i, end: j };
}

/** Quoted (or bare) values separated by commas and white space, up to the list's closing bracket. */
function readList(text: string, i: number): ValueSpan[] {
  const out: ValueSpan[] = [];
  const stop = Math.min(text.length, i + 4096);
  while (i < stop && out.length < 100) {
    let c = text.charCodeAt(i);
    while (i < stop && (c === 44 || c <= 32)) c = text.charCodeAt(++i);
    if (i >= stop || c === 93 || c === 125 || c === 41) break;
    const v = readValue(text, i, true);
    if (!v) break;
    out.push(v);
    i = v.end + (text.charCodeAt(v.end) === 92 ? 2 : isQuote(text.charCodeAt(v.end)) ? 1 : 0);
  }
  return out;
}

/**
 * The value(s) after a key that ends at `keyEnd`: the separator (`=`, `:`, `=>`, `:=`, `(`, `>` after `<Key`, or
 * white space / `=` after a flag), an optional wrapper call (`tea.String(`), then a value or a list.
 */
function readValues(text: string, keyStart: number, keyEnd: number, flag: boolean): ValueSpan | ValueSpan[] | null {
  let i = keyEnd;
  if (flag && text.charCodeAt(i) === 46) { // --job_id.1=x (KooCLI lists)
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j > i + 1) i = j;
  }
  // The closing quote of a quoted key: "JobId", \"JobId\", 'job_id'.
  if (text.charCodeAt(i) === 92 && isQuote(text.charCodeAt(i + 1))) i += 2;
  else if (isQuote(text.charCodeAt(i))) i++;
  const blanksFrom = i;
  while (isBlank(text.charCodeAt(i))) i++;
  const c = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  if (flag) {
    if (c === 61) i++;
    else if (i === blanksFrom) return null;
  } else if (c === 61) { // =
    if (c1 === 61) return null; // ==
    i += c1 === 62 ? 2 : 1; // =>
  } else if (c === 58) { // :
    if (c1 === 58) return null; // ::
    i += c1 === 61 ? 2 : 1; // :=
  } else if (c === 40) { // (
    i++;
  } else if (c === 62 && keyStart > 0 && text.charCodeAt(keyStart - 1) === 60) { // <JobId>x
    i++;
  } else {
    return null;
  }
  while (isBlank(text.charCodeAt(i))) i++;
  let d = text.charCodeAt(i);
  if (d === 91) return readList(text, i + 1); // [
  if (d === 38 || d === 91) { // &[]string{
    if (text.startsWith('&[]string{', i)) return readList(text, i + 10);
  }
  if (text.startsWith('[]string{', i)) return readList(text, i + 9);
  if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || d === 36) {
    CALL_RE.lastIndex = i;
    const m = CALL_RE.exec(text);
    if (m) {
      const name = m[0].slice(0, -1).trim();
      const last = name.slice(name.lastIndexOf('.') + 1);
      i += m[0].length;
      while (isBlank(text.charCodeAt(i))) i++;
      d = text.charCodeAt(i);
      if (LIST_CALLS.has(last) || d === 91) return readList(text, d === 91 ? i + 1 : i);
    }
  }
  return readValue(text, i, false);
}

/**
 * A value looks like a real id: the length of one, at least one digit (so `jobId: string`, `job_id = None` and
 * `JobId: jobId` are not ids), no placeholder, usable in a request. Job keys also take plain numbers of three
 * digits or more (`job_id: 123`).
 */
function plausibleId(value: string, role: KeyRole): boolean {
  // Values are made of id characters only (readValue), so validateId has nothing left to reject but the length.
  const n = value.length;
  if (n > 128) return false;
  const c0 = value.charCodeAt(0);
  let digits = 0;
  let same = true;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    if (c !== c0) same = false;
  }
  if (same) return false; // 00000000, xxxxxxxx
  if (digits === n) return n >= 8 || (n >= 3 && (role === 'job' || role === 'job_id'));
  return n >= 8 && digits > 0;
}

function plausibleParam(value: string): boolean {
  return value.length >= 3 && value.length <= 128;
}

// ---- Markers (context) -----------------------------------------------------------------------------------------

type MarkerKind = JobKind | 'live';

interface Marker {
  kind: MarkerKind;
  /** Column in the line. */
  at: number;
  /** Weak markers are sibling keys; they count only when nothing stronger says anything. */
  weak: boolean;
}

/**
 * Groups: 1 ice, 2 live-edge, 3 live-editing, 4 mpc, 5 vod, 6 live (either live API), 7 a cloud host (kind from
 * its first label), 8 `aliyun <product>`, 9 ICE sibling keys, 10 edge sibling keys, 11 MPC sibling keys.
 */
const MARKER_RE = new RegExp([
  '(MediaProducingJob|media_producing_job|ice20201109|ice_20201109)',
  '(EdgeTranscodeJob|edge_transcode_job)',
  '(GetEditingJobInfo|get_editing_job_info|EditingJobInfo|EditingTasksInfo|editing_job_info)',
  '(EditingJob|[Ee]diting_job|editing/jobs|job_array|sdk-?mpc|sdk\\.mpc|hcloud\\s+(?:MPC|mpc))',
  '(TranscodeTask|transcode_task|vod20170321|vod_20170321)',
  '(live20161101|live_20161101)',
  '(aliyuncs\\.com|myhuaweicloud\\.com)',
  'aliyun\\s+(ice|vod|live)\\b',
  '(Timeline|ClipsParam|SubJobMaterials)',
  '(StreamInput|StreamOutput|LastStartAt|LastStopAt)',
  '(exec_description|editing_output)',
].join('|'), 'g');

const HOST_KIND: Readonly<Record<string, MarkerKind>> = {
  ice: 'ice', 'ice-vpc': 'ice', vod: 'vod', 'vod-vpc': 'vod', live: 'live', 'live-vpc': 'live', mpc: 'mpc-editing', mts: 'mpc-editing',
};

function hostKind(line: string, at: number): MarkerKind | null {
  let s = at;
  while (s > 0) {
    const c = line.charCodeAt(s - 1);
    if (isAlnum(c) || c === 45 || c === 46) s--;
    else break;
  }
  const host = line.slice(s, at);
  const label = host.slice(0, host.indexOf('.') >>> 0);
  return HOST_KIND[label] ?? null;
}

function markersOf(line: string): Marker[] {
  const out: Marker[] = [];
  MARKER_RE.lastIndex = 0;
  for (let m = MARKER_RE.exec(line); m; m = MARKER_RE.exec(line)) {
    const at = m.index;
    let kind: MarkerKind | null = null;
    let weak = false;
    if (m[1]) kind = 'ice';
    else if (m[2]) kind = 'live-edge';
    else if (m[3]) kind = 'live-editing';
    else if (m[4]) kind = 'mpc-editing';
    else if (m[5]) kind = 'vod';
    else if (m[6]) kind = 'live';
    else if (m[7]) kind = hostKind(line, at);
    else if (m[8]) kind = m[8] === 'ice' ? 'ice' : m[8] === 'vod' ? 'vod' : 'live';
    else if (m[9]) [kind, weak] = ['ice', true];
    else if (m[10]) [kind, weak] = ['live-edge', true];
    else if (m[11]) [kind, weak] = ['mpc-editing', true];
    if (kind) out.push({ kind, at, weak });
  }
  return out;
}

/** Marker kinds as the kinds of a generic job key: `live` APIs take JobIds only for edge transcode. */
function jobKeyKind(k: MarkerKind): JobKind | null {
  if (k === 'live') return 'live-edge';
  return JOB_KEY_KINDS.includes(k as JobKind) ? (k as JobKind) : null;
}

/**
 * A region name at a position (sticky): `cn-shanghai`, `cn-north-4`, `ap-southeast-1`, `us-west-1`, … (outside
 * China a region ends in a number, which keeps `us-ascii` out). findRegions tries it only where a line has a dash
 * after a region prefix, and checks that no id character comes before it (`oss-cn-shanghai` is a bucket host).
 */
const REGION_RE = /(?:cn-[a-z]+(?:-[a-z]+)?(?:-[0-9]{1,2})?|(?:ap|eu|us|me|la|af|sa|na|ru|tr)-[a-z]+(?:-[a-z]+)?-[0-9]{1,2})(?![A-Za-z0-9-])/y;

/** First letters of region prefixes (cn, ap, eu, us, me, la, af, sa, na, ru, tr), as pairs of char codes. */
const REGION_PREFIXES = new Set(['cn', 'ap', 'eu', 'us', 'me', 'la', 'af', 'sa', 'na', 'ru', 'tr'].map((p) => (p.charCodeAt(0) << 8) | p.charCodeAt(1)));

/**
 * Region names in t[from, to) (one line), columns relative to `from`, by a walk over its dashes (cheaper than a
 * regex over every character, and no copy of the line).
 */
function findRegions(t: string, from: number, to: number): Array<{ name: string; at: number }> {
  let out: Array<{ name: string; at: number }> | null = null;
  for (let i = t.indexOf('-', from + 2); i >= 0 && i < to; i = t.indexOf('-', i + 1)) {
    const s = i - 2;
    if (!REGION_PREFIXES.has((t.charCodeAt(s) << 8) | t.charCodeAt(s + 1))) continue;
    if (s > from && isIdChar(t.charCodeAt(s - 1))) continue;
    REGION_RE.lastIndex = s;
    const m = REGION_RE.exec(t);
    if (m && s + m[0].length <= to) {
      (out ??= []).push({ name: m[0], at: s - from });
      i = s + m[0].length - 1;
    }
  }
  return out ?? NO_REGIONS;
}
const NO_REGIONS: Array<{ name: string; at: number }> = [];
const MPC_PROJECT_RE = /\/v[0-9]+\/([A-Za-z0-9_-]{6,64})\/editing\/jobs\b/;

// ---- Tracked ids ---------------------------------------------------------------------------------------------

const trackedSearch = new WeakMap<ReadonlyMap<string, JobRef>, MultiPatternSearch>();

function searchFor(tracked: ReadonlyMap<string, JobRef>): MultiPatternSearch {
  let s = trackedSearch.get(tracked);
  if (!s) {
    s = new MultiPatternSearch([...tracked.keys()].filter((id) => id.length >= 3));
    trackedSearch.set(tracked, s);
  }
  return s;
}

// ---- Lines ----------------------------------------------------------------------------------------------------

/** Offsets at which each line of `text` starts (line breaks are `\n`; a `\r` before it belongs to no line). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

// ---- The scan -------------------------------------------------------------------------------------------------

export interface ScanOptions {
  /** Ids the user tracks, by id: found anywhere, with the tracked kind and parameters. */
  tracked?: ReadonlyMap<string, JobRef>;
  /** Line number of the text's first line in its document (default 0). */
  firstLine?: number;
  /**
   * Report only matches on lines from..to (document numbering, inclusive). Lines above are read as context, so
   * pass a text that starts CONTEXT_LINES above `from` (and reaches LOOKAHEAD_LINES below `to`) to get exactly
   * what a scan of the whole document would report there.
   */
  from?: number;
  to?: number;
  /** The text's line starts, if known (computeLineStarts). */
  lineStarts?: readonly number[];
}

interface Entry {
  role: KeyRole;
  key: string;
  value: string;
  start: number;
  line: number;
  col: number;
  /** Index in the scan's entry list. */
  idx: number;
  /** For generic job keys, once resolved. */
  resolved: Resolved | null;
}

/** Size of the per-line context ring (a power of two above LOOKBACK_LINES + LOOKAHEAD_LINES). */
const LINE_RING = 64;

interface LineInfo {
  line: number;
  text: string;
  indent: number;
  markers: Marker[] | null;
  regions: Array<{ name: string; at: number }> | null;
}

interface Resolved {
  kinds: JobKind[];
  /** Where the kinds came from: the block (a marker line above) is handed on to the next job id. */
  fromBlock: boolean;
  /** The marker line the block context came from. */
  blockLine: number;
}

/**
 * The working state of one scan: the text, its lines, the key entries found (sorted, so the entries of a line
 * and of the lines around it are neighbours in the list), and per-line context read so far.
 */
class Scan {
  /**
   * Context read per line, in a ring: lookups reach at most LOOKBACK_LINES above and LOOKAHEAD_LINES below the
   * line being resolved, so a small ring keeps what is reused without holding every line of a big text.
   */
  private readonly info: Array<LineInfo | undefined> = new Array(LINE_RING);
  /** Regions of lines whose text was not otherwise needed. */
  private readonly regionRing: Array<{ line: number; regions: Array<{ name: string; at: number }> } | undefined> = new Array(LINE_RING);
  private entries: Entry[] = [];
  /** Where `media-jobs` commands start (found by the key pass). */
  readonly cliStarts: number[] = [];

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
  ) {}

  /** End of line `l` (exclusive, without the line break and a `\r` before it). */
  lineEnd(l: number): number {
    let e = l + 1 < this.starts.length ? this.starts[l + 1]! - 1 : this.text.length;
    if (e > this.starts[l]! && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  private lineInfo(l: number): LineInfo {
    const slot = l & (LINE_RING - 1);
    let li = this.info[slot];
    if (!li || li.line !== l) {
      const text = this.text.slice(this.starts[l]!, this.lineEnd(l));
      let indent = 0;
      while (indent < text.length && isBlank(text.charCodeAt(indent))) indent++;
      if (li) {
        // Reuse the slot's object: a scan touches hundreds of thousands of lines.
        li.line = l;
        li.text = text;
        li.indent = indent;
        li.markers = null;
        li.regions = null;
      } else {
        li = { line: l, text, indent, markers: null, regions: null };
        this.info[slot] = li;
      }
    }
    return li;
  }

  lineText(l: number): string {
    return this.lineInfo(l).text;
  }

  /** Indentation of line l without copying it; blank lines get MAX_SAFE_INTEGER (never a parent). */
  private indentOf(l: number): number {
    const s = this.starts[l]!;
    const end = this.lineEnd(l);
    let i = s;
    while (i < end && isBlank(this.text.charCodeAt(i))) i++;
    return i === end ? Number.MAX_SAFE_INTEGER : i - s;
  }

  private markersOn(l: number): Marker[] {
    const li = this.lineInfo(l);
    if (!li.markers) li.markers = markersOf(li.text);
    return li.markers;
  }

  regionsOf(l: number): Array<{ name: string; at: number }> {
    const slot = l & (LINE_RING - 1);
    const li = this.info[slot];
    if (li && li.line === l) return (li.regions ??= findRegions(this.text, this.starts[l]!, this.lineEnd(l)));
    // Not read yet: no need to copy the line for this.
    const r = this.regionRing[slot];
    if (r && r.line === l) return r.regions;
    const regions = findRegions(this.text, this.starts[l]!, this.lineEnd(l));
    if (r) {
      r.line = l;
      r.regions = regions;
    } else {
      this.regionRing[slot] = { line: l, regions };
    }
    return regions;
  }

  /** Collects key/value entries from text[from, to). */
  collect(from: number, to: number): Entry[] {
    const text = this.text;
    const entries: Entry[] = [];
    KEY_RE.lastIndex = from;
    for (let m = KEY_RE.exec(text); m && m.index < to; m = KEY_RE.exec(text)) {
      if (m[0] === '-jobs') {
        this.cliStarts.push(m.index - 5);
        continue;
      }
      const end = m.index + m[0].length;
      const key = keyAt(text, end);
      if (!key) continue;
      const s = end - key.length;
      if (s < from) continue;
      const use = keyUse(text, s);
      if (!use) continue;
      const role = ROLE.get(key)!;
      const values = readValues(text, s, s + key.length, use === 'flag');
      if (!values) continue;
      const shown = use === 'flag' ? flagName(key, text.charCodeAt(s - 2) === 45) : key;
      const jobRole = JOB_ROLES.has(role);
      if (!Array.isArray(values)) {
        if (jobRole ? plausibleId(values.value, role) : plausibleParam(values.value)) {
          entries.push({ role, key: shown, value: values.value, start: values.start, line: 0, col: 0, idx: 0, resolved: null });
        }
        continue;
      }
      for (const v of values) {
        if (jobRole ? plausibleId(v.value, role) : plausibleParam(v.value)) {
          entries.push({ role, key: shown, value: v.value, start: v.start, line: 0, col: 0, idx: 0, resolved: null });
        }
      }
    }
    let sorted = true;
    for (let i = 1; i < entries.length && sorted; i++) if (entries[i]!.start < entries[i - 1]!.start) sorted = false;
    if (!sorted) entries.sort((a, b) => a.start - b.start);
    // Lines by a moving pointer.
    const starts = this.starts;
    let l = 0;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.start < starts[l]!) l = lineOfOffset(starts, e.start);
      while (l + 1 < starts.length && starts[l + 1]! <= e.start) l++;
      e.line = l;
      e.col = e.start - starts[l]!;
      e.idx = i;
    }
    this.entries = entries;
    return entries;
  }

  /** Index of the last entry on a line <= l, searching down from entry index `from` (exclusive). */
  private lastEntryAtOrBefore(l: number, from: number): number {
    let j = from - 1;
    while (j >= 0 && this.entries[j]!.line > l) j--;
    return j;
  }

  /** The generic job entry on line l (the last one), the job entry otherwise, or undefined; `from` = search start. */
  private jobEntryOn(l: number, from: number): Entry | undefined {
    let found: Entry | undefined;
    for (let j = this.lastEntryAtOrBefore(l, from); j >= 0; j--) {
      const x = this.entries[j]!;
      if (x.line < l) break;
      if (JOB_ROLES.has(x.role) && (!found || (isGeneric(x.role) && !isGeneric(found.role)))) found = x;
    }
    return found;
  }

  /** True when line l holds a job id of the same role as `e` (any two generic keys count as the same). */
  private holdsSameRole(j: number, e: Entry): boolean {
    // j: index of some entry on the line.
    const l = this.entries[j]!.line;
    const generic = isGeneric(e.role);
    for (let k = j; k >= 0 && this.entries[k]!.line === l; k--) {
      const x = this.entries[k]!;
      if (x !== e && (x.role === e.role || (generic && isGeneric(x.role)))) return true;
    }
    for (let k = j + 1; k < this.entries.length && this.entries[k]!.line === l; k++) {
      const x = this.entries[k]!;
      if (x !== e && (x.role === e.role || (generic && isGeneric(x.role)))) return true;
    }
    return false;
  }

  /**
   * The nearest parameter entry of `role` for the match `e`: on its line the nearest one; else, for an indented
   * line (inside an object or a call), within PARAM_LINES lines, only if neither that line nor a line between
   * holds another job id of the same role.
   */
  nearbyParam(e: Entry, role: KeyRole, sameLineOnly = false): Entry | undefined {
    const entries = this.entries;
    let best: Entry | undefined;
    let bestD = Infinity;
    for (let k = e.idx - 1; k >= 0 && entries[k]!.line === e.line; k--) {
      const p = entries[k]!;
      const d = e.col - p.col;
      if (p.role === role && d <= SAME_LINE_REACH && d < bestD) [best, bestD] = [p, d];
    }
    for (let k = e.idx + 1; k < entries.length && entries[k]!.line === e.line; k++) {
      const p = entries[k]!;
      const d = p.col - e.col;
      if (p.role === role && d <= SAME_LINE_REACH && d < bestD) [best, bestD] = [p, d];
    }
    // Other lines count only inside a structure (an indented object, call or mapping): log and shell lines are
    // records of their own.
    if (best || sameLineOnly || this.indentOf(e.line) === 0) return best;
    // Lines above, nearest first, until a line holding a job id of e's role.
    let up: Entry | undefined;
    for (let k = e.idx - 1; k >= 0; k--) {
      const x = entries[k]!;
      if (x.line === e.line) continue;
      if (e.line - x.line > PARAM_LINES) break;
      if (this.holdsSameRole(k, e)) break;
      if (x.role === role) {
        up = x;
        break;
      }
    }
    let down: Entry | undefined;
    for (let k = e.idx + 1; k < entries.length; k++) {
      const x = entries[k]!;
      if (x.line === e.line) continue;
      if (x.line - e.line > PARAM_LINES) break;
      if (this.holdsSameRole(k, e)) break;
      if (x.role === role) {
        down = x;
        break;
      }
    }
    if (up && down) return e.line - up.line <= down.line - e.line ? up : down;
    return up ?? down;
  }

  /** Kinds for a generic job key (JobId, job_id). */
  private resolve(e: Entry, windowStart: number): Resolved {
    const role = e.role as 'job' | 'job_id';
    const markers = this.markersOn(e.line);
    // 1. Same line, nearest first.
    let first: JobKind | null = null;
    let firstD = Infinity;
    let near: Array<{ kind: JobKind; d: number }> | null = null;
    for (const m of markers) {
      const k = m.weak ? null : jobKeyKind(m.kind);
      const d = Math.abs(m.at - e.col);
      if (!k || d > SAME_LINE_REACH) continue;
      if (first === null) [first, firstD] = [k, d];
      else (near ??= [{ kind: first, d: firstD }]).push({ kind: k, d });
    }
    const cluster = this.nearbyParam(e, 'cluster', true);
    if (cluster) {
      const d = Math.abs(cluster.col - e.col);
      if (first === null) [first, firstD] = ['live-edge', d];
      else (near ??= [{ kind: first, d: firstD }]).push({ kind: 'live-edge', d });
    }
    if (near) {
      near.sort(byDistance);
      return { kinds: uniqueKinds(near), fromBlock: false, blockLine: -1 };
    }
    if (first !== null) return { kinds: ONE_KIND[first], fromBlock: false, blockLine: -1 };
    // 2. The block above: a marker up to NEAR_LINES above, or on a less indented line up to LOOKBACK_LINES above;
    //    another job's line on the way hands its block context on, or stops the search.
    const indent = this.indentOf(e.line);
    const stop = Math.max(windowStart, e.line - LOOKBACK_LINES);
    let j = e.idx; // entries below j are on lines < the one being looked at
    // Set once the search passes a less indented line with words on it (`edge:`, `def f():`): a parent of the
    // match that is not a marker line. A job id above it belongs to another block and hands nothing on.
    let leftBlock = false;
    for (let l = e.line - 1; l >= stop; l--) {
      if (indent === 0 && e.line - l > NEAR_LINES) {
        // Beyond NEAR_LINES, a line at indentation 0 (a log record) can only meet another job's line: jump to it.
        let k = this.lastEntryAtOrBefore(l, j + 1);
        while (k >= 0 && !JOB_ROLES.has(this.entries[k]!.role)) k--;
        if (k < 0 || this.entries[k]!.line < stop) break;
        l = this.entries[k]!.line;
      }
      j = this.lastEntryAtOrBefore(l, j + 1);
      const job = j >= 0 && this.entries[j]!.line === l ? this.jobEntryOn(l, j + 1) : undefined;
      if (job) {
        const prev = job.resolved;
        if (prev && !leftBlock && prev.fromBlock && e.line - prev.blockLine <= MAX_BLOCK_LINES) return prev;
        // The same id a line or two below (a request logged, then its response) is the same job.
        if (prev && e.line - l <= NEAR_LINES && job.value === e.value) return prev;
        break;
      }
      const lineIndent = this.indentOf(l);
      if (e.line - l > NEAR_LINES && lineIndent >= indent) continue;
      let kinds: JobKind[] | null = null;
      for (const m of this.markersOn(l)) {
        const k = m.weak ? null : jobKeyKind(m.kind);
        if (k && !(kinds ??= []).includes(k)) kinds.push(k);
      }
      if (kinds) return { kinds, fromBlock: true, blockLine: l };
      if (lineIndent < indent && /[A-Za-z0-9]/.test(this.lineText(l))) leftBlock = true;
    }
    // 3. A ClusterId a few lines away.
    if (this.nearbyParam(e, 'cluster')) return { kinds: ONE_KIND['live-edge'], fromBlock: false, blockLine: -1 };
    // 4. Sibling keys: on the line, then on neighbouring lines of the same indentation.
    for (const m of markers) if (m.weak) return { kinds: ONE_KIND[m.kind as JobKind], fromBlock: false, blockLine: -1 };
    if (indent > 0 && indent !== Number.MAX_SAFE_INTEGER) {
      for (let dir = -1; dir <= 1; dir += 2) {
        for (let d = 1; d <= LOOKAHEAD_LINES; d++) {
          const l = e.line + dir * d;
          if (l < windowStart || l >= this.starts.length) break;
          const ind = this.indentOf(l);
          if (ind === Number.MAX_SAFE_INTEGER) continue;
          if (ind < indent) break;
          const k = dir < 0 ? this.lastEntryAtOrBefore(l, e.idx) : this.firstEntryAtOrAfter(l, e.idx);
          if (k >= 0 && k < this.entries.length && this.entries[k]!.line === l && this.jobEntryOn(l, this.lastEntryAtOrBefore(l, this.entries.length) + 1)) break;
          if (ind !== indent) continue;
          for (const m of this.markersOn(l)) if (m.weak) return { kinds: ONE_KIND[m.kind as JobKind], fromBlock: false, blockLine: -1 };
        }
      }
    }
    return { kinds: DEFAULT_KINDS[role], fromBlock: false, blockLine: -1 };
  }

  private firstEntryAtOrAfter(l: number, from: number): number {
    let j = from + 1;
    while (j < this.entries.length && this.entries[j]!.line < l) j++;
    return j;
  }

  /**
   * The region for a match, nearest first: on its line; on the lines of its block (from the marker line down);
   * above that, on a line that names one of its kinds (the call or log line before a response) or on a less
   * indented line (a parent in YAML or code); below it, on a sibling line of the same object or call. Never past
   * another job's line (a sibling object's fields are not this job's).
   */
  private regionFor(e: Entry, kinds: readonly JobKind[], blockLine: number): string | undefined {
    let best: { name: string; at: number } | undefined;
    for (const r of this.regionsOf(e.line)) {
      const d = Math.abs(r.at - e.col);
      if (d <= SAME_LINE_REACH && (!best || d < Math.abs(best.at - e.col))) best = r;
    }
    if (best) return best.name;
    if (blockLine < 0 && !isGeneric(e.role)) return undefined;
    const blockIndent = blockLine >= 0 ? this.indentOf(blockLine) : -1;
    // A match with no block looks only at the call or log line just before it (NEAR_LINES) that names its kind
    // (whose markers the kind's resolution has mostly read already).
    const reach = blockLine >= 0 ? LOOKBACK_LINES : NEAR_LINES;
    let j = e.idx;
    for (let l = e.line - 1; l >= 0 && l >= e.line - reach; l--) {
      j = this.lastEntryAtOrBefore(l, j + 1);
      if (j >= 0 && this.entries[j]!.line === l && this.jobEntryOn(l, j + 1)) break;
      const related = (blockLine >= 0 && (l >= blockLine || this.indentOf(l) < blockIndent)) || this.namesKind(l, kinds);
      if (!related) continue;
      const r = this.regionsOf(l)[0];
      if (r) return r.name;
    }
    if (blockLine >= 0) {
      const indent = this.indentOf(e.line);
      for (let l = e.line + 1; l < this.starts.length && l <= e.line + PARAM_LINES; l++) {
        if (this.indentOf(l) !== indent) break;
        const k = this.firstEntryAtOrAfter(l, e.idx);
        if (k < this.entries.length && this.entries[k]!.line === l && this.jobEntryOn(l, this.lastEntryAtOrBefore(l, this.entries.length) + 1)) break;
        const r = this.regionsOf(l)[0];
        if (r) return r.name;
      }
    }
    return undefined;
  }

  /** True when line l has a (strong) marker of one of `kinds`. */
  private namesKind(l: number, kinds: readonly JobKind[]): boolean {
    for (const m of this.markersOn(l)) {
      if (m.weak) continue;
      if (m.kind === 'live' ? kinds.includes('live-edge') || kinds.includes('live-editing') : kinds.includes(m.kind)) return true;
    }
    return false;
  }

  private mpcProject(e: Entry): string | undefined {
    const t = this.lineText(e.line);
    const m = t.includes('editing/jobs') ? MPC_PROJECT_RE.exec(t) : null;
    if (m) return m[1];
    return this.nearbyParam(e, 'project')?.value;
  }

  /** The detection for a job entry, on document line `docLine`. */
  detect(e: Entry, windowStart: number, docLine: number): ScannedJobId {
    const range = { start: e.col, end: e.col + e.value.length };
    let kinds: JobKind[];
    let params: JobParams = NO_PARAMS;
    let needs: Array<keyof JobParams> = NO_NEEDS;
    let blockLine = -1;
    switch (e.role) {
      case 'job':
      case 'job_id': {
        const r = this.resolve(e, windowStart);
        e.resolved = r;
        kinds = r.kinds;
        blockLine = r.blockLine;
        if (kinds.includes('live-edge')) {
          const c = this.nearbyParam(e, 'cluster');
          if (c) params = { clusterId: c.value };
          else if (kinds.length === 1) needs = NEEDS_CLUSTER;
        }
        if (kinds.includes('mpc-editing')) {
          const p = this.mpcProject(e);
          if (p) params = { ...params, projectId: p };
        }
        break;
      }
      case 'vod':
        kinds = ONE_KIND.vod;
        break;
      case 'caster': {
        // A CasterId names the whole caster (every editing task); one ShowId beside it narrows it to that show.
        kinds = ONE_KIND['live-editing'];
        let show: Entry | undefined;
        let shows = 0;
        for (let k = e.idx - 1; k >= 0 && this.entries[k]!.line === e.line; k--) if (this.entries[k]!.role === 'show') [show, shows] = [this.entries[k], shows + 1];
        for (let k = e.idx + 1; k < this.entries.length && this.entries[k]!.line === e.line; k++) if (this.entries[k]!.role === 'show') [show, shows] = [this.entries[k], shows + 1];
        if (show && shows === 1) params = { showId: show.value };
        break;
      }
      case 'show': {
        kinds = ONE_KIND['live-editing'];
        const caster = this.nearbyParam(e, 'caster');
        if (caster) params = { casterId: caster.value };
        else needs = NEEDS_CASTER;
        break;
      }
      default:
        throw new Error(`not a job role: ${e.role}`);
    }
    const region = this.regionFor(e, kinds, blockLine);
    const out: ScannedJobId = { line: docLine, id: e.value, kinds, params, range, needs, source: e.key };
    if (region) out.region = region;
    return out;
  }

  /** `media-jobs inspect|watch <kind> <ids…>` on line l. */
  cli(l: number, reportLine: number, out: ScannedJobId[]): void {
    const line = this.lineText(l);
    CLI_RE.lastIndex = 0;
    for (let m = CLI_RE.exec(line); m; m = CLI_RE.exec(line)) {
      const kind = m[1]!;
      if (!isJobKind(kind)) continue;
      const rest = m[2]!;
      const restStart = m.index + m[0].length - rest.length;
      const words = [...rest.matchAll(/\S+/g)];
      const options = new Map<string, string>();
      const positionals: Array<{ word: string; start: number }> = [];
      for (let i = 0; i < words.length; i++) {
        const w = words[i]![0];
        if (w.startsWith('-')) {
          const eq = w.indexOf('=');
          if (eq > 0) options.set(w.slice(0, eq), w.slice(eq + 1));
          else if (CLI_VALUE_OPTIONS.has(w)) options.set(w, words[++i]?.[0] ?? '');
          continue;
        }
        positionals.push({ word: w.replace(/^["']|["']$/g, ''), start: restStart + words[i]!.index + (/^["']/.test(w) ? 1 : 0) });
      }
      const params: JobParams = {};
      const cluster = options.get('--cluster-id');
      const show = options.get('--show-id');
      const proj = options.get('--project-id');
      if (kind === 'live-edge' && cluster) params.clusterId = cluster;
      if (kind === 'live-editing' && show) params.showId = show;
      if (kind === 'mpc-editing' && proj) params.projectId = proj;
      let region = options.get('--region');
      region ||= this.regionsOf(l)[0]?.name;
      for (const { word, start } of positionals) {
        if (!plausibleId(word, 'job')) continue;
        out.push({
          line: reportLine, id: word, kinds: [kind], params: { ...params }, range: { start, end: start + word.length }, source: 'media-jobs',
          ...(region ? { region } : {}),
          needs: kind === 'live-edge' && !params.clusterId ? ['clusterId'] : [],
        });
      }
    }
  }
}

const CLI_RE = /(?<![\w-])media-jobs\s+(?:inspect|watch)\s+([a-z-]+)([^|;&<>\n]*)/g;
/** The CLI's options that take a value (the others are booleans). */
const CLI_VALUE_OPTIONS = new Set(['--region', '--endpoint', '--cluster-id', '--show-id', '--project-id', '--signature', '--interval', '--timeout']);

function isGeneric(role: KeyRole): boolean {
  return role === 'job' || role === 'job_id';
}

function byDistance(a: { d: number }, b: { d: number }): number {
  return a.d - b.d;
}

function uniqueKinds(near: ReadonlyArray<{ kind: JobKind }>): JobKind[] {
  const out: JobKind[] = [];
  for (const n of near) if (!out.includes(n.kind)) out.push(n.kind);
  return out;
}

/** The 0-based line holding a character offset, by binary search over line starts. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Every job id in `text`, in document order (line, then column). See ScanOptions for windows of a larger
 * document.
 */
export function scanText(text: string, opts: ScanOptions = {}): ScannedJobId[] {
  const starts = opts.lineStarts ?? computeLineStarts(text);
  const base = opts.firstLine ?? 0;
  if (opts.from !== undefined || opts.to !== undefined) {
    // A window of a larger text: scan only the lines it needs (context above, lookahead below).
    const last = starts.length - 1;
    const from = Math.max(0, (opts.from ?? base) - base);
    const to = Math.min(last, opts.to === undefined ? last : opts.to - base);
    const first = Math.max(0, from - CONTEXT_LINES);
    const ahead = Math.min(last, to + LOOKAHEAD_LINES);
    if (to >= from && (first > 0 || ahead < last)) {
      const offset = starts[first]!;
      const end = ahead < last ? starts[ahead + 1]! : text.length;
      const local = starts.slice(first, ahead + 1).map((s) => s - offset);
      return scanText(text.slice(offset, end), { ...opts, firstLine: base + first, lineStarts: local });
    }
  }
  const scan = new Scan(text, starts);
  const lastLine = starts.length - 1;
  const fromL = Math.max(0, (opts.from ?? base) - base);
  const toL = Math.min(lastLine, opts.to === undefined ? lastLine : opts.to - base);
  if (toL < fromL) return [];
  const windowStart = Math.max(0, fromL - CONTEXT_LINES);
  const aheadL = Math.min(lastLine, toL + LOOKAHEAD_LINES);
  const reportFrom = starts[fromL]!;
  const reportTo = scan.lineEnd(toL);

  const entries = scan.collect(starts[windowStart]!, scan.lineEnd(aheadL));
  const out: ScannedJobId[] = [];
  for (const e of entries) {
    if (e.line > toL) break;
    if (!JOB_ROLES.has(e.role)) continue;
    // Lines above `from` are resolved too (their kinds are handed on), but not reported.
    const d = scan.detect(e, windowStart, e.line + base);
    if (e.line >= fromL) out.push(d);
  }

  // The project's own CLI (its lines found by the key pass), one pass per line.
  const cliOut: ScannedJobId[] = [];
  let cliLine = -1;
  for (const i of scan.cliStarts) {
    if (i < reportFrom || i >= reportTo) continue;
    const l = lineOfOffset(starts, i);
    if (l === cliLine) continue;
    cliLine = l;
    scan.cli(l, l + base, cliOut);
  }

  const trackedOut: ScannedJobId[] = [];
  if (opts.tracked && opts.tracked.size > 0) {
    let l = fromL;
    for (const h of searchFor(opts.tracked).findAll(text, reportFrom, reportTo)) {
      const ref = opts.tracked.get(h.pattern)!;
      while (l + 1 < starts.length && starts[l + 1]! <= h.start) l++;
      const start = h.start - starts[l]!;
      const t: ScannedJobId = {
        line: l + base, id: ref.id, kinds: [ref.kind], params: { ...ref.params }, range: { start, end: start + h.pattern.length },
        source: 'tracked', needs: NO_NEEDS,
      };
      if (ref.region) t.region = ref.region;
      trackedOut.push(t);
    }
  }
  // Each list is in document order: merge them (no sort). One result per place; the user's own tracked reference
  // knows the kind for sure, so it replaces a keyed guess at the same place.
  return mergeInOrder(mergeInOrder(out, cliOut, false), trackedOut, true);
}

function compareMatches(a: ScannedJobId, b: ScannedJobId): number {
  return a.line - b.line || a.range.start - b.range.start || a.range.end - b.range.end;
}

/** Merges two lists in document order; at the same place, `b` wins when `bWins`, else the one already there stays. */
function mergeInOrder(a: ScannedJobId[], b: ScannedJobId[], bWins: boolean): ScannedJobId[] {
  if (b.length === 0) return a;
  const out: ScannedJobId[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const fromB = i >= a.length || (j < b.length && compareMatches(b[j]!, a[i]!) < 0);
    const next = fromB ? b[j++]! : a[i++]!;
    const prev = out[out.length - 1];
    if (prev && compareMatches(prev, next) === 0) {
      if (fromB && bWins) out[out.length - 1] = next;
      continue;
    }
    out.push(next);
  }
  return out;
}

// ---- Line helpers (Look Up's fallback and the original single-line API) -----------------------------------------

function withoutLine(s: ScannedJobId): DetectedJobId {
  const { line: _line, ...d } = s;
  return d;
}

/** Every job id found on a line, in order. */
export function detectJobIdsInLine(lineText: string, trackedIds?: ReadonlyMap<string, JobRef>): DetectedJobId[] {
  const line = lineText.replace(/[\r\n]/g, ' ');
  return scanText(line, trackedIds ? { tracked: trackedIds } : {}).map(withoutLine);
}

/**
 * The job id under (or right after) the cursor, or null. `character` is a 0-based offset into the line; a cursor
 * just past the last character of an id still counts, as VS Code places it there after a double-click.
 */
export function detectJobIdAt(lineText: string, character: number, trackedIds?: ReadonlyMap<string, JobRef>): DetectedJobId | null {
  return detectJobIdsInLine(lineText, trackedIds).find((r) => r.range.start <= character && character <= r.range.end) ?? null;
}

/**
 * The job id at a position of a multi-line text, read with the lines above it as context (the text should start
 * CONTEXT_LINES above the line for full context; `firstLine` is its first line's number).
 */
export function detectJobIdAtInText(
  text: string, line: number, character: number, trackedIds?: ReadonlyMap<string, JobRef>, firstLine = 0,
): ScannedJobId | null {
  const found = scanText(text, { firstLine, from: line, to: line, ...(trackedIds ? { tracked: trackedIds } : {}) });
  return found.find((r) => r.range.start <= character && character <= r.range.end) ?? null;
}

/**
 * The kinds a bare id (no context) may be, by its shape, for "which kind is it?": 32 hex characters are what
 * IMS, VOD and (in our samples) MPC use; a UUID is a production-studio caster or show, or an edge transcode job;
 * a number is an MPC job. Anything else: every kind.
 */
export function plausibleKindsForBareId(id: string): JobKind[] {
  if (/^[0-9a-fA-F]{32}$/.test(id)) return ['ice', 'vod', 'mpc-editing'];
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(id)) return ['live-edge', 'live-editing'];
  if (/^[0-9]+$/.test(id)) return ['mpc-editing'];
  return [...JOB_KINDS];
}
