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
 * What marks each kind (its own keys, API names, SDKs, hosts, sibling keys, the parameters it needs, the shapes of
 * its ids) is its KindDetect (src/kinds/): the tables here are built from KIND_INFO once, at load, and name
 * no kind.
 * Parameters travel with the match: ClusterId, CasterId/ShowId (a ShowId names a task of a caster), a region name
 * (`cn-shanghai`, `ap-southeast-1`, `cn-north-4`), the MPC project from `/v2/{project_id}/editing/jobs` or a
 * `project_id` key.
 *
 * What a match reads is bounded: on its own line SAME_LINE_REACH characters either side; other lines only up to
 * LOOKBACK_LINES above and LOOKAHEAD_LINES below (and hand-overs within MAX_BLOCK_LINES); a line longer than
 * LONG_LINE_CHARS (minified JSON) is a record of its own, whose matches read no other line and of which other
 * lines see only the first LONG_LINE_HEAD characters.
 *
 * Cost, linear in the text: one regex pass finds the keys (anchored on their endings, `Id`/`_id`/…, with the key
 * name checked by a trailing lookbehind: V8 keeps its fast scan, ~1 GB/s here); each line's markers and regions
 * are read once, only for lines around the hits (kept in a small ring), and looked up by binary search; a line's
 * entries are looked at through its group (what it holds, computed once), so no lookup walks a line's entries
 * beyond the reach; a literal search finds `media-jobs` lines and a Wu–Manber pass the tracked ids
 * (src/detect/multiPatternSearch.ts). scanWork counts the work for tests. Results for a window of lines equal those
 * of a whole-document scan when the window starts CONTEXT_LINES above (see scanText), and results for a piece of a
 * long line equal those of its whole line (scanLinePiece), which is what lets the server scan only what it is
 * asked about and re-scan only what an edit touched. bench/detect.ts measures it against ripgrep.
 */
import { isJobKind, JOB_KINDS, type JobKind, type JobParams } from '../model/job.js';
import { type JobIdHit } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { MultiPatternSearch } from './multiPatternSearch.js';
import { KIND_INFO, type KindInfo } from '../kinds/index.js';
import { KIND_DETECT, type KindDetect } from '../kinds/detection.js';

/** A found id (JobIdHit: id, kinds, params, region, needs, source) and where it is on its line. */
export interface DetectedJobId extends JobIdHit {
  /** Character offsets in the line, end exclusive. */
  range: { start: number; end: number };
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
/**
 * Markers, parameters, regions and sibling keys on a match's own line count only this many characters either side
 * of it (what a match reads of its own line is bounded, so a long line costs no more per match than a short one).
 */
export const SAME_LINE_REACH = 2000;
/** Lines within which a ClusterId, CasterId, ShowId or project_id on another line still belongs to a match. */
const PARAM_LINES = 3;
/**
 * A line longer than this (minified JSON, a response logged on one line) is a record of its own: its matches read
 * only their own line, and other lines see only its first LONG_LINE_HEAD characters (its keys, markers, regions,
 * indentation). So what a match depends on is bounded in characters as well as lines, which is what lets the
 * server read a huge line in windows (scanLinePiece) and give a hover an answer from a few KB around it.
 */
export const LONG_LINE_CHARS = 16 * 1024;
/**
 * What other lines see of a long line: its first this many characters. Everything read of a long line on behalf
 * of other lines (its head, and what the matches in its head read of their own line) lies within its first
 * LONG_LINE_CHARS + 1 characters, so a window may hold just those of a long line it reads as context.
 */
export const LONG_LINE_HEAD = 4096;
/**
 * Characters a piece of a long line needs either side of the columns it reports (scanLinePiece) to give what a
 * scan of the whole line gives there: the reach of a match, the longest list of values and `media-jobs` arguments.
 */
export const PIECE_MARGIN = 8192;
/** The arguments of one `media-jobs inspect|watch` command are read this far at most. */
const CLI_MAX_CHARS = 2048;
/** A host name before `aliyuncs.com` is read this far back at most. */
const HOST_MAX_CHARS = 256;

/**
 * Work the scans did since resetScanWork(): characters handed to the regex passes and steps of the context walks
 * (entries, markers, regions and lines visited). For tests: they check the work grows linearly with the input and
 * stays bounded per hover, without timing anything.
 */
export const scanWork = { chars: 0, steps: 0 };

export function resetScanWork(): void {
  scanWork.chars = 0;
  scanWork.steps = 0;
}

// ---- Keys ----------------------------------------------------------------------------------------------------

/*
 * Results share these frozen values (a big log has tens of thousands of matches; most have one kind, no
 * parameters and need nothing). Frozen, so a consumer that tried to change one in place would fail loudly.
 */
const frozen = <T>(x: T): T => Object.freeze(x);
const ONE_KIND: Readonly<Record<JobKind, JobKind[]>> = Object.fromEntries(JOB_KINDS.map((k) => [k, frozen([k])])) as Record<JobKind, JobKind[]>;
const NO_PARAMS: JobParams = frozen({});
const NO_NEEDS: Array<keyof JobParams> = frozen([]);
const NEEDS = new Map<keyof JobParams, Array<keyof JobParams>>();
/** The frozen `needs` of a match that lacks one parameter. */
function needsOf(p: keyof JobParams): Array<keyof JobParams> {
  let n = NEEDS.get(p);
  if (!n) NEEDS.set(p, (n = frozen([p])));
  return n;
}

/** The kinds in KIND_INFO's order, with what src/kinds/ says about detecting them. */
const KINDS: ReadonlyArray<{ kind: JobKind; info: KindInfo; d: KindDetect }> = (Object.keys(KIND_INFO) as JobKind[]).map((kind) => ({ kind, info: KIND_INFO[kind], d: KIND_DETECT[kind] }));

/**
 * What a key names, by its role (an index, for the per-line bit masks): a generic job key (roles 0 and 1: the
 * `JobId` and the `job_id` spellings; the kind comes from the context), or one of a kind's own keys
 * (KindDetect.keys: an id of that kind whatever the context, or a parameter of a nearby id of it).
 */
type KeyRole = number;

interface RoleInfo {
  /** The kind whose own key it is; null for a generic job key. */
  kind: JobKind | null;
  generic: boolean;
  /** Its value is a job id. */
  id: boolean;
  /** Its value is this parameter of an id nearby (null: none). */
  param: keyof JobParams | null;
  /** An id of this key takes `needs` from the nearest key of role needsRole, or needs it (-1: nothing needed). */
  needs: keyof JobParams | null;
  needsRole: KeyRole;
  /** An id of this key is narrowed by the one key of role narrowRole beside it on its line, as parameter `narrowedBy` (-1: none). */
  narrowedBy: keyof JobParams | null;
  narrowRole: KeyRole;
  /** Generic job keys: the kinds they are taken for when nothing says which, most likely first. */
  guess: JobKind[];
}

/** The generic job keys, by the name KindDetect.jobKeys.guess gives them. */
const GENERIC_KEYS: ReadonlyArray<{ name: 'JobId' | 'job_id'; spellings: readonly string[] }> = [
  { name: 'JobId', spellings: ['JobId', 'JobID', 'jobId', 'jobID', 'job-id'] },
  // JOB_ID (shell and environment variables) is the one all-caps spelling: each one added costs ~30 % of scan speed.
  { name: 'job_id', spellings: ['job_id', 'JOB_ID'] },
];
const GENERIC_MASK = 0b11;
/** A generic role (what `media-jobs` arguments are checked as). */
const GENERIC_ROLE: KeyRole = 0;

// What KindDetect must hold for these tables (unique keys, their endings, …) is checked by
// test/unit/detect/detectKindInfo.test.ts.
const ROLES: RoleInfo[] = [];
const ROLE = new Map<string, KeyRole>();
function addRole(r: RoleInfo, spellings: readonly string[]): void {
  for (const s of spellings) ROLE.set(s, ROLES.length);
  ROLES.push(r);
}
const roleBase = { kind: null, id: true, param: null, needs: null, needsRole: -1, narrowedBy: null, narrowRole: -1 };
for (const g of GENERIC_KEYS) {
  const ranked = KINDS.flatMap(({ kind, d }) => (d.jobKeys?.guess?.[g.name] === undefined ? [] : [{ kind, rank: d.jobKeys.guess[g.name]! }]));
  addRole({ ...roleBase, generic: true, guess: frozen(ranked.sort((a, b) => a.rank - b.rank).map((r) => r.kind)) }, g.spellings);
}
for (const { kind, d } of KINDS) {
  for (const k of d.keys) {
    addRole({ ...roleBase, kind, generic: false, id: k.id === true, param: k.param ?? null, needs: k.needs ?? null, narrowedBy: k.narrowedBy ?? null, guess: [] }, k.names);
  }
}
/** The role of kind k's own key of parameter p, or -1. */
function paramRole(kind: JobKind, p: keyof JobParams): KeyRole {
  return ROLES.findIndex((r) => r.kind === kind && r.param === p);
}
for (const r of ROLES) {
  if (r.needs) r.needsRole = paramRole(r.kind!, r.needs);
  if (r.narrowedBy) r.narrowRole = paramRole(r.kind!, r.narrowedBy);
}
const ROLE_COUNT = ROLES.length;
const IS_ID: readonly boolean[] = ROLES.map((r) => r.id);

function isGeneric(role: KeyRole): boolean {
  return role < GENERIC_KEYS.length;
}

/** Parameters read from a line by a pattern (KindDetect.paramPatterns: an MPC project from its URL). */
const PARAM_PATTERN_SPECS: ReadonlyArray<{ kind: JobKind; param: keyof JobParams; contains: string; re: RegExp }> = KINDS.flatMap(({ kind, d }) => (d.paramPatterns ?? []).map((p) => ({ kind, param: p.param, contains: p.contains, re: new RegExp(p.pattern, 'g') })));

/**
 * What a generic job key's id takes from nearby, per kind it may be (KIND_INFO's order): the kind's identity
 * parameters that have a key of their own or a pattern; `required` ones are what the id needs when that kind is
 * the only one, and their key nearby marks the kind (a ClusterId beside a JobId).
 */
const GENERIC_PARAMS: ReadonlyArray<{ kind: JobKind; param: keyof JobParams; role: KeyRole; patterns: readonly number[]; required: boolean }> = KINDS.flatMap(({ kind, info, d }) => (d.jobKeys
  ? info.params.map((p) => ({
    kind, param: p.name, role: paramRole(kind, p.name), required: p.required,
    patterns: PARAM_PATTERN_SPECS.flatMap((s, i) => (s.kind === kind && s.param === p.name ? [i] : [])),
  })).filter((x) => x.role >= 0 || x.patterns.length > 0)
  : []));
/** The keys of required parameters, and the kind each one marks. */
const MARKING_PARAMS = GENERIC_PARAMS.filter((p) => p.required && p.role >= 0);

/**
 * Finds the keys by their ending (`Id`, `ID`, `_id`, `-id`), then looks behind for a key name (and, the same
 * way, `media-jobs ` commands, by `-jobs`): V8 scans for the
 * ending with its fast first-character checks (a leading lookbehind, or leading alternatives starting with common
 * letters, make it several times slower). The exact key is then read back in code (keyAt), and what may precede
 * it (a non-word character, `--`, `set`/`with`) is checked there too. The names before the endings come from the
 * keys (`[Jj]ob`, `JOB`, `[Tt]ranscodeTask`, `[Cc]aster`, …).
 */
const KEY_RE = ((): RegExp => {
  const endings = ['_id', '-id', '_ID', 'Id', 'ID'];
  const stems = new Map<string, { rest: string; firsts: Set<string> }>();
  for (const key of ROLE.keys()) {
    const ending = endings.find((e) => key.endsWith(e) && key.length > e.length)!;
    const stem = key.slice(0, -ending.length);
    const rest = stem.slice(1);
    const group = `${stem[0]!.toLowerCase()}${rest}`;
    (stems.get(group) ?? stems.set(group, { rest, firsts: new Set() }).get(group)!).firsts.add(stem[0]!);
  }
  const names = [...stems.values()].map(({ rest, firsts }) => `${firsts.size > 1 ? `[${[...firsts].join('')}]` : escapeRe([...firsts][0]!)}${escapeRe(rest)}`);
  return new RegExp(`(?:I[dD]|[_-]id|_ID)(?![A-Za-z0-9_])(?<=(?:${names.join('|')})(?:Id|ID|_id|-id|_ID))|-jobs(?<=media-jobs)(?=\\s)`, 'g');
})();

/** Keys by their last three characters (`bId`, `_id`, `sId`, …), longest first. */
const KEYS_BY_ENDING = new Map<number, string[]>();
const endingOf = (s: string, end: number): number => (s.charCodeAt(end - 3) << 16) | (s.charCodeAt(end - 2) << 8) | s.charCodeAt(end - 1);
for (const k of [...ROLE.keys()].sort((a, b) => b.length - a.length)) {
  const ending = endingOf(k, k.length);
  KEYS_BY_ENDING.set(ending, [...(KEYS_BY_ENDING.get(ending) ?? []), k]);
}

/**
 * Where KEY_RE's match of a key ending that ends at `end` starts: the leftmost alternative that fits, a
 * three-character `_id`, `-id` or `_ID`, else `Id`/`ID`/`iD`… two characters back.
 */
function keyMatchStart(text: string, end: number): number {
  const a = text.charCodeAt(end - 3);
  const b = text.charCodeAt(end - 2);
  const c = text.charCodeAt(end - 1);
  if ((a === 95 || a === 45) && b === 105 && c === 100) return end - 3;
  if (a === 95 && b === 73 && c === 68) return end - 3;
  return end - 2;
}

/** The key that ends at `end`, or null (`Job_id` ends like a key but is none). No copying. */
function keyAt(text: string, end: number): string | null {
  if (end < 3) return null;
  const candidates = KEYS_BY_ENDING.get(endingOf(text, end));
  if (!candidates) return null;
  for (const k of candidates) if (end >= k.length && text.startsWith(k, end - k.length)) return k;
  return null;
}

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

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A copy of a string cut from the text, that does not keep the text alive: V8 makes a substring of 13 characters
 * or more a slice of its parent, so an id kept in a result would hold on to the whole text it was read from.
 * Concatenation then slicing copies the characters.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Region names, one string each (a big log names a few regions tens of thousands of times). */
const REGION_NAMES = new Map<string, string>();

function internRegion(name: string): string {
  const known = REGION_NAMES.get(name);
  if (known) return known;
  const own = detach(name);
  if (REGION_NAMES.size < 1000) REGION_NAMES.set(own, own);
  return own;
}

/**
 * Makes a result own its strings (id, parameters, region), so that keeping it does not keep the text it was
 * found in: what the server stores, across edits of a large document, must not hold every version of it.
 * Returns the same object.
 */
export function ownStrings(m: ScannedJobId): ScannedJobId {
  m.id = detach(m.id);
  if (m.region) m.region = internRegion(m.region);
  const p = m.params;
  if (p !== NO_PARAMS) {
    const own: JobParams = {};
    for (const [k, v] of Object.entries(p) as Array<[keyof JobParams, string]>) own[k] = detach(v);
    m.params = own;
  }
  return m;
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

/**
 * A value read after a key: where it is, and what plausibleSpan judges it by (counted while it was read, so its
 * characters are read once, and a value is cut from the text only once it counts).
 */
interface ValueSpan {
  start: number;
  end: number;
  /** How many of its characters are digits, and whether they are all the same character. */
  digits: number;
  same: boolean;
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
  const c0 = text.charCodeAt(i);
  if (!isAlnum(c0)) return null;
  let digits = c0 >= 48 && c0 <= 57 ? 1 : 0;
  let same = true;
  let j = i + 1;
  const max = Math.min(text.length, i + 130);
  for (; j < max; j++) {
    const cj = text.charCodeAt(j);
    if (!isIdChar(cj)) break;
    if (cj >= 48 && cj <= 57) digits++;
    if (cj !== c0) same = false;
  }
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
  return { start: i, end: j, digits, same };
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
  if (d === 38 && text.startsWith('&[]string{', i)) return readList(text, i + 10);
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
  if (digits === n) return n >= 8 || (n >= 3 && isGeneric(role));
  return n >= 8 && digits > 0;
}

/** plausibleId of a value read by readValue (from what it counted while reading it). */
function plausibleSpan(v: ValueSpan, role: KeyRole): boolean {
  const n = v.end - v.start;
  if (n > 128 || v.same) return false;
  if (v.digits === n) return n >= 8 || (n >= 3 && isGeneric(role));
  return n >= 8 && v.digits > 0;
}

function plausibleParam(v: ValueSpan): boolean {
  const n = v.end - v.start;
  return n >= 3 && n <= 128;
}

// ---- Markers (context) -----------------------------------------------------------------------------------------

/** What a marker says: the kinds it names (one, or a product's), and which of them a generic job key may be. */
interface MarkerClass {
  /** Frozen: a weak marker's kinds are a match's. */
  kinds: readonly JobKind[];
  /** The kinds a generic job key beside it is taken for (KindDetect.jobKeys; a `live` API: edge transcode). */
  keyKinds: readonly JobKind[];
  /** Weak markers are sibling keys; they count only when nothing stronger says anything. */
  weak: boolean;
}

interface Marker {
  cls: MarkerClass;
  /** Column in the line. */
  at: number;
}

function markerClass(kinds: readonly JobKind[], weak: boolean): MarkerClass {
  return { kinds, keyKinds: frozen(kinds.filter((k) => KIND_DETECT[k].jobKeys !== undefined)), weak };
}

/** Per product (KindDetect.product), its kinds' marker class, host labels, SDK names and CLI. */
const PRODUCTS = new Map<string, { kinds: JobKind[]; hosts: Set<string>; sdks: Set<string>; cli: string | undefined; cls?: MarkerClass }>();
for (const { kind, d } of KINDS) {
  const p = PRODUCTS.get(d.product.name) ?? PRODUCTS.set(d.product.name, { kinds: [], hosts: new Set(), sdks: new Set(), cli: d.product.cli }).get(d.product.name)!;
  p.kinds.push(kind);
  for (const h of d.product.hosts) p.hosts.add(h);
  for (const x of d.product.sdks) p.sdks.add(x);
}

/**
 * The marker pattern: one group per class (KIND_INFO's order): each kind's markers (with its product's SDKs when
 * the product has no other kind), the SDKs of products of several kinds, a cloud host (kind from its first label),
 * `<cli> <product>`, then each kind's sibling keys (weak). At one position the first group wins, so a kind whose
 * marker extends another kind's (`EditingJobInfo`, `EditingJob`) comes first in KIND_INFO.
 */
type MarkerGroup = { cls: MarkerClass } | { host: true } | { cli: ReadonlyMap<string, MarkerClass> };
const MARKER_GROUPS: MarkerGroup[] = [];
const MARKER_SOURCES: string[] = [];
{
  const group = (sources: Iterable<string>, g: MarkerGroup): void => {
    const alternatives = [...sources];
    if (alternatives.length === 0) return;
    MARKER_SOURCES.push(`(${alternatives.join('|')})`);
    MARKER_GROUPS.push(g);
  };
  for (const { kind, d } of KINDS) {
    const product = PRODUCTS.get(d.product.name)!;
    const cls = markerClass(ONE_KIND[kind], false);
    if (product.kinds.length === 1) product.cls = cls;
    group([...d.markers, ...(product.kinds.length === 1 ? product.sdks : [])], { cls });
  }
  for (const p of PRODUCTS.values()) {
    if (p.cls) continue;
    p.cls = markerClass(frozen([...p.kinds]), false);
    group(p.sdks, { cls: p.cls });
  }
  group(['aliyuncs\\.com', 'myhuaweicloud\\.com'], { host: true });
  const clis = new Map<string, Map<string, MarkerClass>>();
  for (const [name, p] of PRODUCTS) if (p.cli) (clis.get(p.cli) ?? clis.set(p.cli, new Map()).get(p.cli)!).set(name, p.cls!);
  for (const [cli, products] of clis) {
    MARKER_SOURCES.push(`${escapeRe(cli)}\\s+(${[...products.keys()].map(escapeRe).join('|')})\\b`);
    MARKER_GROUPS.push({ cli: products });
  }
  for (const { kind, d } of KINDS) group(d.siblingKeys, { cls: markerClass(ONE_KIND[kind], true) });
}
const MARKER_RE = new RegExp(MARKER_SOURCES.join('|'), 'g');

/** API hosts by their first label (`ice`, `ice-vpc`, `mpc`, …). */
const HOST_CLASS = new Map<string, MarkerClass>();
for (const p of PRODUCTS.values()) for (const h of p.hosts) HOST_CLASS.set(h, p.cls!);

function hostClass(line: string, at: number): MarkerClass | null {
  let s = at;
  const stop = Math.max(0, at - HOST_MAX_CHARS);
  while (s > stop) {
    const c = line.charCodeAt(s - 1);
    if (isAlnum(c) || c === 45 || c === 46) s--;
    else break;
  }
  const host = line.slice(s, at);
  const label = host.slice(0, host.indexOf('.') >>> 0);
  return HOST_CLASS.get(label) ?? null;
}

/** The markers in text[from, to) (one line, or its head), in order, columns relative to `from`. */
function markersOf(text: string, from: number, to: number): Marker[] {
  const out: Marker[] = [];
  const line = text.slice(from, to);
  scanWork.chars += line.length;
  MARKER_RE.lastIndex = 0;
  for (let m = MARKER_RE.exec(line); m; m = MARKER_RE.exec(line)) {
    const at = m.index;
    let cls: MarkerClass | null = null;
    for (let g = 0; g < MARKER_GROUPS.length; g++) {
      const v = m[g + 1];
      if (!v) continue;
      const group = MARKER_GROUPS[g]!;
      cls = 'cls' in group ? group.cls : 'host' in group ? hostClass(line, at) : group.cli.get(v) ?? null;
      break;
    }
    if (cls) out.push({ cls, at });
  }
  return out;
}

/**
 * Index of the first item at column >= `col` in a list sorted by column. (The binary search written out: it runs
 * for every match on the markers and regions of its line, most of them empty or one long, where a predicate
 * closure for partitionPoint cost more than the search.)
 */
function firstAt<T extends { at: number }>(xs: readonly T[], col: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]!.at >= col) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
 * The same as a table of the 128 x 128 pairs of ASCII characters: looked up at every dash of a line (dates, UUIDs),
 * where a Set of numbers was a tenth of the scan.
 */
const IS_REGION_PREFIX = new Uint8Array(1 << 14);
for (const p of REGION_PREFIXES) IS_REGION_PREFIX[((p >> 8) << 7) | (p & 0x7f)] = 1;
function isRegionPrefix(c0: number, c1: number): boolean {
  return c0 < 128 && c1 < 128 && IS_REGION_PREFIX[(c0 << 7) | c1] === 1;
}

/**
 * Region names in t[from, to) (one line), columns relative to `from`, by a walk over its dashes (cheaper than a
 * regex over every character, and no copy of the line).
 */
function findRegions(t: string, from: number, to: number): Array<{ name: string; at: number }> {
  let out: Array<{ name: string; at: number }> | null = null;
  scanWork.chars += to - from;
  // A short line has its dashes looked for here; a long one alone (a slice, no copy), as a search for `-` must
  // not run on past the line's end (a text without dashes would be read to its end once per line).
  let i = from + 2;
  if (to - from < 256) {
    while (i < to && t.charCodeAt(i) !== 45) i++;
    if (i >= to) return NO_REGIONS;
  }
  const line = t.slice(from, to);
  for (i = line.indexOf('-', i - from); i >= 0; i = line.indexOf('-', i + 1)) {
    const s = i - 2;
    if (!isRegionPrefix(line.charCodeAt(s), line.charCodeAt(s + 1))) continue;
    if (s > 0 && isIdChar(line.charCodeAt(s - 1))) continue;
    REGION_RE.lastIndex = s;
    const m = REGION_RE.exec(line);
    if (m) {
      (out ??= []).push({ name: m[0], at: s });
      i = s + m[0].length - 1;
    }
  }
  return out ?? NO_REGIONS;
}
const NO_REGIONS: Array<{ name: string; at: number }> = [];

/** What pattern `i` of PARAM_PATTERN_SPECS finds in text[from, to) (one line), columns relative to `from` (an MPC project from `/v2/{project_id}/editing/jobs`). */
function findParams(t: string, from: number, to: number, i: number): ParamHits {
  const spec = PARAM_PATTERN_SPECS[i]!;
  const line = t.slice(from, to);
  if (!line.includes(spec.contains)) return NO_PARAM_HITS;
  scanWork.chars += line.length;
  const out: ParamHits = [];
  spec.re.lastIndex = 0;
  for (let m = spec.re.exec(line); m; m = spec.re.exec(line)) out.push({ id: m[1]!, at: m.index });
  return out;
}
type ParamHits = Array<{ id: string; at: number }>;
const NO_PARAM_HITS: ParamHits = [];

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
  /** Index of its line's group in the scan's group list. */
  g: number;
  /** For generic job keys, once resolved. */
  resolved: Resolved | null;
}

/** The entries of one line: indexes first..end-1 of the entry list (first..vis-1 are what other lines see). */
interface Group {
  line: number;
  first: number;
  end: number;
  vis: number;
  /** Roles among the entries other lines see, and among all of them (bit `1 << role`). */
  mask: number;
  all: number;
  /** The job entry other lines see (the last generic one, else the last one), once looked up; null: none. */
  job: Entry | null | undefined;
  /** Per role, the first and last entry index other lines see (-1: none), once looked up. */
  byRole: Int32Array | null;
}


/** Size of the per-line context ring (a power of two above LOOKBACK_LINES + LOOKAHEAD_LINES). */
const LINE_RING = 64;

type Regions = Array<{ name: string; at: number }>;

/** What a scan has read of one line. Nothing is copied: offsets into the scan's text. */
interface LineInfo {
  line: number;
  start: number;
  /** End (exclusive), without the line break. */
  end: number;
  long: boolean;
  /** -1 until read. */
  indent: number;
  /** Of the whole line (what its own matches read), and of what other lines see (the head of a long line). */
  markers: Marker[] | null;
  headMarkers: Marker[] | null;
  regions: Regions | null;
  headRegions: Regions | null;
  /** Per pattern of PARAM_PATTERN_SPECS, what it found (null: not read yet). */
  paramHits: Array<ParamHits | null>;
  /** Letters or digits in what other lines see: -1 until read, 0 or 1. */
  words: number;
}

/**
 * The Resolved of kinds that come from no block, one per kinds list (the lists are the shared frozen ones): most
 * generic matches of a log resolve to one of a handful, and a scan resolves tens of thousands.
 */
const NOT_FROM_BLOCK = new Map<readonly JobKind[], Resolved>();
function notFromBlock(kinds: JobKind[]): Resolved {
  let r = NOT_FROM_BLOCK.get(kinds);
  if (!r) NOT_FROM_BLOCK.set(kinds, (r = frozen({ kinds, fromBlock: false, blockLine: -1 })));
  return r;
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
 * and of the lines around it are neighbours in the list, and grouped per line), and per-line context read so far.
 *
 * Every lookup is bounded: a match reads its own line within SAME_LINE_REACH (binary searches over the line's
 * markers and regions, walks over its entries that stop at the reach), and at most LOOKBACK_LINES above and
 * LOOKAHEAD_LINES below, where a line's entries are looked at through its group (what it holds is computed once).
 * So a scan costs the regex passes over its text plus a bounded amount per entry, however long the lines.
 */
class Scan {
  /**
   * Context read per line, in a ring: lookups reach at most LOOKBACK_LINES above and LOOKAHEAD_LINES below the
   * line being resolved, so a small ring keeps what is reused without holding every line of a big text.
   */
  private readonly info: Array<LineInfo | undefined> = new Array(LINE_RING);
  private entries: Entry[] = [];
  private groups: Group[] = [];
  /** Where `media-jobs` commands start (found by the key pass). */
  readonly cliStarts: number[] = [];

  constructor(
    private readonly text: string,
    private readonly starts: readonly number[],
  ) {}

  /** End of line `l` (exclusive, without the line break and a `\r` before it). */
  lineEnd(l: number): number {
    const s = this.starts[l]!;
    let e = l + 1 < this.starts.length ? this.starts[l + 1]! - 1 : this.text.length;
    // The last line of a window of a larger text may end with its line break.
    if (l + 1 >= this.starts.length && e > s && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > s && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  private lineInfo(l: number): LineInfo {
    const slot = l & (LINE_RING - 1);
    let li = this.info[slot];
    if (li && li.line === l) return li;
    const start = this.starts[l]!;
    const end = this.lineEnd(l);
    const long = end - start > LONG_LINE_CHARS;
    if (li) {
      // Reuse the slot's object: a scan touches hundreds of thousands of lines.
      li.line = l;
      li.start = start;
      li.end = end;
      li.long = long;
      li.indent = -1;
      li.markers = li.headMarkers = null;
      li.regions = li.headRegions = null;
      for (let k = 0; k < li.paramHits.length; k++) li.paramHits[k] = null;
      li.words = -1;
    } else {
      li = { line: l, start, end, long, indent: -1, markers: null, headMarkers: null, regions: null, headRegions: null, paramHits: PARAM_PATTERN_SPECS.map(() => null), words: -1 };
      this.info[slot] = li;
    }
    return li;
  }

  private isLong(l: number): boolean {
    return this.lineInfo(l).long;
  }

  /** Indentation of line l (of its head, for a long line); blank lines get MAX_SAFE_INTEGER (never a parent). */
  private indentOf(l: number): number {
    const li = this.lineInfo(l);
    if (li.indent < 0) {
      const stop = li.long ? li.start + LONG_LINE_HEAD : li.end;
      let i = li.start;
      while (i < stop && isBlank(this.text.charCodeAt(i))) i++;
      li.indent = i === li.end ? Number.MAX_SAFE_INTEGER : i - li.start;
    }
    return li.indent;
  }

  /** Every marker of line l (what its own matches read, within SAME_LINE_REACH). */
  private markersOn(l: number): Marker[] {
    const li = this.lineInfo(l);
    return (li.markers ??= markersOf(this.text, li.start, li.end));
  }

  /** The markers of line l that other lines see (for a long line, those in its head). */
  private headMarkersOn(l: number): Marker[] {
    const li = this.lineInfo(l);
    if (!li.long) return (li.markers ??= markersOf(this.text, li.start, li.end));
    return (li.headMarkers ??= markersOf(this.text, li.start, li.start + LONG_LINE_HEAD + 256).filter((m) => m.at < LONG_LINE_HEAD));
  }

  private regionsOn(l: number): Regions {
    const li = this.lineInfo(l);
    return (li.regions ??= findRegions(this.text, li.start, li.end));
  }

  private headRegionsOn(l: number): Regions {
    const li = this.lineInfo(l);
    if (!li.long) return (li.regions ??= findRegions(this.text, li.start, li.end));
    return (li.headRegions ??= findRegions(this.text, li.start, li.start + LONG_LINE_HEAD + 64).filter((r) => r.at < LONG_LINE_HEAD));
  }

  /** True when what other lines see of line l has a letter or digit. */
  private hasWords(l: number): boolean {
    const li = this.lineInfo(l);
    if (li.words < 0) li.words = /[A-Za-z0-9]/.test(this.text.slice(li.start, li.long ? li.start + LONG_LINE_HEAD : li.end)) ? 1 : 0;
    return li.words === 1;
  }

  /** Collects key/value entries from text[from, to), and groups them per line. */
  collect(from: number, to: number): Entry[] {
    const text = this.text;
    const entries: Entry[] = [];
    scanWork.chars += to - from;
    KEY_RE.lastIndex = from;
    // test() and lastIndex (where the match ends) rather than exec(): no match array per hit. What matched is
    // read back from the text: `-jobs`, a three-character ending (`_id`, `-id`, `_ID`), or `Id`/`ID`.
    while (KEY_RE.test(text)) {
      const end = KEY_RE.lastIndex;
      if (text.startsWith('-jobs', end - 5)) {
        if (end - 5 >= to) break;
        this.cliStarts.push(end - 10);
        continue;
      }
      if (keyMatchStart(text, end) >= to) break;
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
      const jobRole = IS_ID[role]!;
      if (!Array.isArray(values)) {
        if (jobRole ? plausibleSpan(values, role) : plausibleParam(values)) {
          entries.push({ role, key: shown, value: text.slice(values.start, values.end), start: values.start, line: 0, col: 0, idx: 0, g: 0, resolved: null });
        }
        continue;
      }
      for (let k = 0; k < values.length; k++) {
        const v = values[k]!;
        if (jobRole ? plausibleSpan(v, role) : plausibleParam(v)) {
          entries.push({ role, key: shown, value: text.slice(v.start, v.end), start: v.start, line: 0, col: 0, idx: 0, g: 0, resolved: null });
        }
      }
    }
    let sorted = true;
    for (let i = 1; i < entries.length && sorted; i++) if (entries[i]!.start < entries[i - 1]!.start) sorted = false;
    if (!sorted) entries.sort((a, b) => a.start - b.start);
    // Lines by a moving pointer; a group per line with entries.
    const starts = this.starts;
    const groups: Group[] = [];
    let l = 0;
    let g: Group | undefined;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.start < starts[l]!) l = lineOfOffset(starts, e.start);
      while (l + 1 < starts.length && starts[l + 1]! <= e.start) l++;
      e.line = l;
      e.col = e.start - starts[l]!;
      e.idx = i;
      if (!g || g.line !== l) {
        g = { line: l, first: i, end: i, vis: i, mask: 0, all: 0, job: undefined, byRole: null };
        groups.push(g);
      }
      g.end = i + 1;
      g.all |= 1 << e.role;
      e.g = groups.length - 1;
    }
    // What other lines see of each line: all its entries, or those in the head of a long line.
    for (const grp of groups) {
      const long = this.lineEnd(grp.line) - starts[grp.line]! > LONG_LINE_CHARS;
      let k = grp.first;
      while (k < grp.end && (!long || entries[k]!.col < LONG_LINE_HEAD)) grp.mask |= 1 << entries[k++]!.role;
      grp.vis = k;
    }
    this.entries = entries;
    this.groups = groups;
    return entries;
  }

  /** Index of the group on line l or the nearest one above it, walking down from group index `from`; -1: none. */
  private groupAtOrBefore(l: number, from: number): number {
    let g = Math.min(from, this.groups.length - 1);
    while (g >= 0 && this.groups[g]!.line > l) {
      scanWork.steps++;
      g--;
    }
    return g;
  }

  /** Index of the group on line l or the nearest one below it, walking up from group index `from`; groups.length: none. */
  private groupAtOrAfter(l: number, from: number): number {
    let g = Math.max(from, 0);
    while (g < this.groups.length && this.groups[g]!.line < l) {
      scanWork.steps++;
      g++;
    }
    return g;
  }

  /** The job entry other lines see on group g's line (the last generic one, else the last one), or null. */
  private jobOf(g: number): Entry | null {
    const grp = this.groups[g]!;
    if (grp.job === undefined) {
      let found: Entry | null = null;
      for (let k = grp.vis - 1; k >= grp.first; k--) {
        scanWork.steps++;
        const x = this.entries[k]!;
        if (IS_ID[x.role] && (!found || (isGeneric(x.role) && !isGeneric(found.role)))) found = x;
        if (found && isGeneric(found.role)) break;
      }
      grp.job = found;
    }
    return grp.job;
  }

  /** The first (or last) entry other lines see on group g's line with `role`, or undefined. */
  private roleEntry(g: number, role: KeyRole, last: boolean): Entry | undefined {
    const grp = this.groups[g]!;
    const r = role;
    if (!(grp.mask & (1 << r))) return undefined;
    if (!grp.byRole) {
      const by = new Int32Array(2 * ROLE_COUNT).fill(-1);
      for (let k = grp.first; k < grp.vis; k++) {
        scanWork.steps++;
        const x = this.entries[k]!.role;
        if (by[2 * x] === -1) by[2 * x] = k;
        by[2 * x + 1] = k;
      }
      grp.byRole = by;
    }
    return this.entries[grp.byRole[2 * r + (last ? 1 : 0)]!];
  }

  /** True when group g's line (what other lines see of it) holds a job id of the same role as `e` (any two generic keys count as the same). */
  private holdsSameRole(g: number, e: Entry): boolean {
    const mask = this.groups[g]!.mask;
    return (mask & (1 << e.role)) !== 0 || (isGeneric(e.role) && (mask & GENERIC_MASK) !== 0);
  }

  /**
   * The nearest parameter entry of `role` for the match `e`: on its line the nearest one (within SAME_LINE_REACH);
   * else, for an indented line (inside an object or a call) that is not long, within PARAM_LINES lines, only if
   * neither that line nor a line between holds another job id of the same role.
   */
  nearbyParam(e: Entry, role: KeyRole, sameLineOnly = false): Entry | undefined {
    const entries = this.entries;
    const grp = this.groups[e.g]!;
    let best: Entry | undefined;
    let bestD = Infinity;
    // (Walks only a line that has such an entry at all.)
    const none = !(grp.all & (1 << role));
    for (let k = none ? -1 : e.idx - 1; k >= grp.first; k--) {
      scanWork.steps++;
      const p = entries[k]!;
      const d = e.col - p.col;
      if (d > SAME_LINE_REACH) break;
      if (p.role === role) {
        best = p;
        bestD = d;
        break;
      }
    }
    for (let k = none ? grp.end : e.idx + 1; k < grp.end; k++) {
      scanWork.steps++;
      const p = entries[k]!;
      const d = p.col - e.col;
      if (d > SAME_LINE_REACH || d >= bestD) break;
      if (p.role === role) {
        best = p;
        break;
      }
    }
    // Other lines count only inside a structure (an indented object, call or mapping): log and shell lines are
    // records of their own, and so is a long line.
    if (best || sameLineOnly || this.isLong(e.line) || this.indentOf(e.line) === 0) return best;
    // Lines above, nearest first, until a line holding a job id of e's role.
    let up: Entry | undefined;
    for (let g = e.g - 1; g >= 0; g--) {
      scanWork.steps++;
      if (e.line - this.groups[g]!.line > PARAM_LINES) break;
      if (this.holdsSameRole(g, e)) break;
      up = this.roleEntry(g, role, true);
      if (up) break;
    }
    let down: Entry | undefined;
    for (let g = e.g + 1; g < this.groups.length; g++) {
      scanWork.steps++;
      if (this.groups[g]!.line - e.line > PARAM_LINES) break;
      if (this.holdsSameRole(g, e)) break;
      down = this.roleEntry(g, role, false);
      if (down) break;
    }
    if (up && down) return e.line - up.line <= down.line - e.line ? up : down;
    return up ?? down;
  }

  /** Kinds for a generic job key (JobId, job_id). */
  private resolve(e: Entry, windowStart: number): Resolved {
    const markers = this.markersOn(e.line);
    const lo = firstAt(markers, e.col - SAME_LINE_REACH);
    // 1. Same line, nearest first.
    let first: JobKind | null = null;
    let firstD = Infinity;
    let near: Array<{ kind: JobKind; d: number }> | null = null;
    for (let i = lo; i < markers.length; i++) {
      scanWork.steps++;
      const m = markers[i]!;
      if (m.at > e.col + SAME_LINE_REACH) break;
      if (m.cls.weak) continue;
      const d = Math.abs(m.at - e.col);
      for (let j = 0; j < m.cls.keyKinds.length; j++) {
        const k = m.cls.keyKinds[j]!;
        if (first === null) {
          first = k;
          firstD = d;
        } else (near ??= [{ kind: first, d: firstD }]).push({ kind: k, d });
      }
    }
    // The key of a parameter only one kind takes (a ClusterId), beside it.
    for (let j = 0; j < MARKING_PARAMS.length; j++) {
      const p = this.nearbyParam(e, MARKING_PARAMS[j]!.role, true);
      if (!p) continue;
      const d = Math.abs(p.col - e.col);
      if (first === null) {
        first = MARKING_PARAMS[j]!.kind;
        firstD = d;
      } else (near ??= [{ kind: first, d: firstD }]).push({ kind: MARKING_PARAMS[j]!.kind, d });
    }
    if (near) {
      sortByDistance(near);
      return { kinds: uniqueKinds(near), fromBlock: false, blockLine: -1 };
    }
    if (first !== null) return notFromBlock(ONE_KIND[first]);
    // A long line is a record of its own: its matches read no other line (steps 2, 3 and the rest of 4).
    const long = this.isLong(e.line);
    const indent = long ? 0 : this.indentOf(e.line);
    if (!long) {
      // 2. The block above: a marker up to NEAR_LINES above, or on a less indented line up to LOOKBACK_LINES above;
      //    another job's line on the way hands its block context on, or stops the search.
      const stop = Math.max(windowStart, e.line - LOOKBACK_LINES);
      let g = e.g - 1; // groups up to g are on lines <= the one being looked at
      // Set once the search passes a less indented line with words on it (`edge:`, `def f():`): a parent of the
      // match that is not a marker line. A job id above it belongs to another block and hands nothing on.
      let leftBlock = false;
      for (let l = e.line - 1; l >= stop; l--) {
        scanWork.steps++;
        if (indent === 0 && e.line - l > NEAR_LINES) {
          // Beyond NEAR_LINES, a line at indentation 0 (a log record) can only meet another job's line: jump to it.
          g = this.groupAtOrBefore(l, g);
          while (g >= 0 && this.groups[g]!.line >= stop && !this.jobOf(g)) g--;
          if (g < 0 || this.groups[g]!.line < stop) break;
          l = this.groups[g]!.line;
        }
        g = this.groupAtOrBefore(l, g);
        const job = g >= 0 && this.groups[g]!.line === l ? this.jobOf(g) : null;
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
        for (const m of this.headMarkersOn(l)) {
          scanWork.steps++;
          if (m.cls.weak) continue;
          for (let j = 0; j < m.cls.keyKinds.length; j++) if (!(kinds ??= []).includes(m.cls.keyKinds[j]!)) kinds.push(m.cls.keyKinds[j]!);
        }
        if (kinds) return { kinds: kinds.length === 1 ? ONE_KIND[kinds[0]!] : kinds, fromBlock: true, blockLine: l };
        if (lineIndent < indent && this.hasWords(l)) leftBlock = true;
      }
      // 3. A ClusterId (the key of a parameter only one kind takes) a few lines away.
      for (let j = 0; j < MARKING_PARAMS.length; j++) {
        if (this.nearbyParam(e, MARKING_PARAMS[j]!.role)) return notFromBlock(ONE_KIND[MARKING_PARAMS[j]!.kind]);
      }
    }
    // 4. Sibling keys: on the line (within reach), then on neighbouring lines of the same indentation.
    for (let i = lo; i < markers.length && markers[i]!.at <= e.col + SAME_LINE_REACH; i++) {
      scanWork.steps++;
      const m = markers[i]!;
      if (m.cls.weak) return notFromBlock(m.cls.kinds as JobKind[]);
    }
    if (indent > 0 && indent !== Number.MAX_SAFE_INTEGER) {
      for (let dir = -1; dir <= 1; dir += 2) {
        let g = e.g + dir;
        for (let d = 1; d <= LOOKAHEAD_LINES; d++) {
          scanWork.steps++;
          const l = e.line + dir * d;
          if (l < windowStart || l >= this.starts.length) break;
          const ind = this.indentOf(l);
          if (ind === Number.MAX_SAFE_INTEGER) continue;
          if (ind < indent) break;
          g = dir < 0 ? this.groupAtOrBefore(l, g) : this.groupAtOrAfter(l, g);
          if (g >= 0 && g < this.groups.length && this.groups[g]!.line === l && this.jobOf(g)) break;
          if (ind !== indent) continue;
          for (const m of this.headMarkersOn(l)) if (m.cls.weak) return notFromBlock(m.cls.kinds as JobKind[]);
        }
      }
    }
    return notFromBlock(ROLES[e.role]!.guess);
  }

  /**
   * The region for a match, nearest first: on its line (within SAME_LINE_REACH); on the lines of its block (from
   * the marker line down); above that, on a line that names one of its kinds (the call or log line before a
   * response) or on a less indented line (a parent in YAML or code); below it, on a sibling line of the same
   * object or call. Never past another job's line (a sibling object's fields are not this job's), and never off
   * a long line.
   */
  private regionFor(e: Entry, kinds: readonly JobKind[], blockLine: number): string | undefined {
    const regions = this.regionsOn(e.line);
    let best: { name: string; at: number } | undefined;
    for (let i = firstAt(regions, e.col - SAME_LINE_REACH); i < regions.length; i++) {
      scanWork.steps++;
      const r = regions[i]!;
      if (r.at > e.col + SAME_LINE_REACH) break;
      if (!best || Math.abs(r.at - e.col) < Math.abs(best.at - e.col)) best = r;
    }
    if (best) return best.name;
    if (this.isLong(e.line)) return undefined;
    if (blockLine < 0 && !isGeneric(e.role)) return undefined;
    const blockIndent = blockLine >= 0 ? this.indentOf(blockLine) : -1;
    // A match with no block looks only at the call or log line just before it (NEAR_LINES) that names its kind
    // (whose markers the kind's resolution has mostly read already).
    const reach = blockLine >= 0 ? LOOKBACK_LINES : NEAR_LINES;
    let g = e.g - 1;
    for (let l = e.line - 1; l >= 0 && l >= e.line - reach; l--) {
      scanWork.steps++;
      g = this.groupAtOrBefore(l, g);
      if (g >= 0 && this.groups[g]!.line === l && this.jobOf(g)) break;
      const related = (blockLine >= 0 && (l >= blockLine || this.indentOf(l) < blockIndent)) || this.namesKind(l, kinds);
      if (!related) continue;
      const r = this.headRegionsOn(l)[0];
      if (r) return r.name;
    }
    if (blockLine >= 0) {
      const indent = this.indentOf(e.line);
      let g2 = e.g + 1;
      for (let l = e.line + 1; l < this.starts.length && l <= e.line + PARAM_LINES; l++) {
        scanWork.steps++;
        if (this.indentOf(l) !== indent) break;
        g2 = this.groupAtOrAfter(l, g2);
        if (g2 < this.groups.length && this.groups[g2]!.line === l && this.jobOf(g2)) break;
        const r = this.headRegionsOn(l)[0];
        if (r) return r.name;
      }
    }
    return undefined;
  }

  /** True when line l has (in what other lines see of it) a strong marker of one of `kinds`. */
  private namesKind(l: number, kinds: readonly JobKind[]): boolean {
    for (const m of this.headMarkersOn(l)) {
      scanWork.steps++;
      if (m.cls.weak) continue;
      // A product's marker (a `live` API) names each of its kinds.
      for (let j = 0; j < m.cls.kinds.length; j++) if (kinds.includes(m.cls.kinds[j]!)) return true;
    }
    return false;
  }

  /**
   * A parameter of a match: what its patterns find within reach on its line (an MPC project from a
   * `/v2/{project_id}/editing/jobs` URL), else the value of its key nearby (a project_id, a ClusterId).
   */
  private paramOf(e: Entry, p: (typeof GENERIC_PARAMS)[number]): string | undefined {
    for (let j = 0; j < p.patterns.length; j++) {
      const i = p.patterns[j]!;
      const li = this.lineInfo(e.line);
      const hits = (li.paramHits[i] ??= findParams(this.text, li.start, li.end, i));
      const h = firstAt(hits, e.col - SAME_LINE_REACH);
      if (h < hits.length && hits[h]!.at <= e.col + SAME_LINE_REACH) return hits[h]!.id;
    }
    return p.role >= 0 ? this.nearbyParam(e, p.role)?.value : undefined;
  }

  /** Resolves a job entry of a context line (above the reported ones): only its kinds matter (they are handed on). */
  resolveContext(e: Entry, windowStart: number): void {
    scanWork.steps++;
    if (isGeneric(e.role)) e.resolved = this.resolve(e, windowStart);
  }

  /** The detection for a job entry, on document line `docLine`. */
  detect(e: Entry, windowStart: number, docLine: number): ScannedJobId {
    scanWork.steps++;
    const range = { start: e.col, end: e.col + e.value.length };
    let kinds: JobKind[];
    let params: JobParams = NO_PARAMS;
    let needs: Array<keyof JobParams> = NO_NEEDS;
    let blockLine = -1;
    const role = ROLES[e.role]!;
    if (role.generic) {
      const r = this.resolve(e, windowStart);
      e.resolved = r;
      kinds = r.kinds;
      blockLine = r.blockLine;
      // The identity parameters of the kinds it may be (a ClusterId, an MPC project), found nearby or needed.
      for (let i = 0; i < GENERIC_PARAMS.length; i++) {
        const p = GENERIC_PARAMS[i]!;
        if (!kinds.includes(p.kind)) continue;
        const v = this.paramOf(e, p);
        if (v !== undefined) params = params === NO_PARAMS ? { [p.param]: v } : { ...params, [p.param]: v };
        else if (p.required && kinds.length === 1) needs = needsOf(p.param);
      }
    } else if (role.id) {
      // A kind's own key: a VOD TranscodeTaskId, a CasterId (the whole caster) or a ShowId (one show of a caster).
      kinds = ONE_KIND[role.kind!];
      if (role.narrowRole >= 0) {
        // One key beside it on its line narrows it (a CasterId with one ShowId: that show).
        const grp = this.groups[e.g]!;
        const want = role.narrowRole;
        let narrow: Entry | undefined;
        let count = 0;
        const none = !(grp.all & (1 << want));
        for (let k = none ? -1 : e.idx - 1; k >= grp.first && e.col - this.entries[k]!.col <= SAME_LINE_REACH; k--) {
          scanWork.steps++;
          if (this.entries[k]!.role === want) {
            narrow = this.entries[k];
            count++;
          }
        }
        for (let k = none ? grp.end : e.idx + 1; k < grp.end && this.entries[k]!.col - e.col <= SAME_LINE_REACH; k++) {
          scanWork.steps++;
          if (this.entries[k]!.role === want) {
            narrow = this.entries[k];
            count++;
          }
        }
        if (narrow && count === 1) params = { [role.narrowedBy!]: narrow.value };
      }
      if (role.needsRole >= 0) {
        // It cannot be fetched without another key's value (a ShowId without its CasterId).
        const other = this.nearbyParam(e, role.needsRole);
        if (other) params = params === NO_PARAMS ? { [role.needs!]: other.value } : { ...params, [role.needs!]: other.value };
        else needs = needsOf(role.needs!);
      }
    } else {
      throw new Error(`not a job role: ${e.role}`);
    }
    const region = this.regionFor(e, kinds, blockLine);
    // Two literals rather than adding `region` afterwards: an added property takes a separate property store in
    // each result (tens of thousands are kept). The keys are in the same order either way.
    if (region) return { line: docLine, id: e.value, kinds, params, range, needs, source: e.key, region: internRegion(region) };
    return { line: docLine, id: e.value, kinds, params, range, needs, source: e.key };
  }

  /**
   * `media-jobs inspect|watch <kind> <ids…>` starting at offset p (its arguments run to a shell separator, the
   * next `media-jobs` at `next`, or CLI_MAX_CHARS); reports the ids that start in [reportFrom, reportTo).
   */
  cli(p: number, next: number, base: number, out: ScannedJobId[], reportFrom: number, reportTo: number): void {
    const l = lineOfOffset(this.starts, p);
    const ls = this.starts[l]!;
    const line = this.text.slice(ls, this.lineEnd(l));
    CLI_HEAD_RE.lastIndex = p - ls;
    const m = CLI_HEAD_RE.exec(line);
    if (!m) return;
    const kind = m[1]!;
    if (!isJobKind(kind)) return;
    const restStart = CLI_HEAD_RE.lastIndex;
    const restMax = Math.min(line.length, restStart + CLI_MAX_CHARS, next - ls);
    let restEnd = restStart;
    while (restEnd < restMax && !isCliSeparator(line.charCodeAt(restEnd))) restEnd++;
    scanWork.chars += restEnd - restStart;
    const rest = line.slice(restStart, restEnd);
    const words: RegExpExecArray[] = [];
    CLI_WORD_RE.lastIndex = 0;
    for (let w = CLI_WORD_RE.exec(rest); w; w = CLI_WORD_RE.exec(rest)) words.push(w);
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
      positionals.push({ word: w.replace(CLI_QUOTES_RE, ''), start: restStart + words[i]!.index + (isShellQuote(w.charCodeAt(0)) ? 1 : 0) });
    }
    const params: JobParams = {};
    for (const param of KIND_INFO[kind].params) {
      const v = options.get(`--${param.cliFlag}`);
      if (v) params[param.name] = v;
    }
    let region = options.get('--region');
    if (!region) {
      const regions = this.regionsOn(l);
      const i = firstAt(regions, p - ls - SAME_LINE_REACH);
      if (i < regions.length && regions[i]!.at <= p - ls + SAME_LINE_REACH) region = internRegion(regions[i]!.name);
    }
    for (const { word, start } of positionals) {
      if (ls + start < reportFrom || ls + start >= reportTo || !plausibleId(word, GENERIC_ROLE)) continue;
      out.push({
        line: l + base, id: word, kinds: ONE_KIND[kind], params: { ...params }, range: { start, end: start + word.length }, source: 'media-jobs',
        ...(region ? { region } : {}),
        needs: REQUIRED_PARAMS[kind].filter((n) => !params[n]),
      });
    }
  }
}

const CLI_HEAD_RE = /(?<![\w-])media-jobs\s+(?:inspect|watch)\s+([a-z-]+)/y;
/** The words of a command's arguments, and the quotes around one (module constants: not a new RegExp per command). */
const CLI_WORD_RE = /\S+/g;
const CLI_QUOTES_RE = /^["']|["']$/g;
/** `"` or `'` (the quotes a shell argument may be in). */
function isShellQuote(c: number): boolean {
  return c === 34 || c === 39;
}
/** The CLI's options that take a value (the others are booleans). */
const CLI_VALUE_OPTIONS = new Set(['--region', '--endpoint', '--signature', '--interval', '--timeout', ...KINDS.flatMap(({ info }) => info.params.map((p) => `--${p.cliFlag}`))]);
/** Per kind, the parameters a reference cannot be fetched without (KindParam.required). */
const REQUIRED_PARAMS = Object.fromEntries(KINDS.map(({ kind, info }) => [kind, info.params.filter((p) => p.required).map((p) => p.name)])) as unknown as Record<JobKind, ReadonlyArray<keyof JobParams>>;

/** `|`, `;`, `&`, `<`, `>`: where a shell command's arguments end. */
function isCliSeparator(c: number): boolean {
  return c === 124 || c === 59 || c === 38 || c === 60 || c === 62;
}

/**
 * Sorts a few kinds by distance, stably (as Array.prototype.sort does): an insertion sort, as these lists hold two
 * or three items and the built-in sort allocates a work copy each time (a scan of a log sorts thousands of them).
 */
function sortByDistance(xs: Array<{ d: number }>): void {
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]!.d > x.d) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

function uniqueKinds(near: ReadonlyArray<{ kind: JobKind }>): JobKind[] {
  const out: JobKind[] = [];
  for (const n of near) if (!out.includes(n.kind)) out.push(n.kind);
  return out;
}

/** The 0-based line holding a character offset, by binary search over line starts. */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  // partitionPoint(starts.length, (i) => starts[i] > offset) - 1, written out (no closure per call).
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! > offset) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
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
    if (!IS_ID[e.role]) continue;
    // Lines above `from` are resolved too (their kinds are handed on), but not reported.
    if (e.line < fromL) scan.resolveContext(e, windowStart);
    else out.push(scan.detect(e, windowStart, e.line + base));
  }

  // The project's own CLI (its commands found by the key pass).
  const cliOut: ScannedJobId[] = [];
  const cli = scan.cliStarts;
  for (let i = 0; i < cli.length; i++) {
    if (cli[i]! < reportFrom || cli[i]! >= reportTo) continue;
    scan.cli(cli[i]!, i + 1 < cli.length ? cli[i + 1]! : Infinity, base, cliOut, reportFrom, reportTo);
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

export interface PieceOptions {
  /** The line the piece is part of (document numbering), and the column of the piece's first character in it. */
  line: number;
  col: number;
  /** Report only matches that start at columns from..to-1 of the line. */
  from: number;
  to: number;
  /** Ids the user tracks (as in ScanOptions). */
  tracked?: ReadonlyMap<string, JobRef>;
}

/**
 * The matches of part of a long line (one longer than LONG_LINE_CHARS), read from that part alone: `piece` is
 * line[col, col + piece.length), and reaches PIECE_MARGIN characters beyond from..to on either side (or to the
 * line's start or end). Gives exactly what scanText of the whole document gives there: a long line's matches read
 * nothing but their own line, within SAME_LINE_REACH. This is how the server answers a hover on a 200 MB line
 * from 16 KB of it, and finds a long line's ids window by window without holding them all.
 */
export function scanLinePiece(piece: string, opts: PieceOptions): ScannedJobId[] {
  const from = Math.max(0, opts.from - opts.col);
  const to = Math.min(piece.length, opts.to - opts.col);
  if (to <= from) return [];
  const scan = new Scan(piece, [0]);
  const out: ScannedJobId[] = [];
  for (const e of scan.collect(0, scan.lineEnd(0))) {
    if (e.start >= to) break;
    if (e.start < from || !IS_ID[e.role]) continue;
    out.push(scan.detect(e, 0, opts.line));
  }
  const cliOut: ScannedJobId[] = [];
  const cli = scan.cliStarts;
  for (let i = 0; i < cli.length && cli[i]! < to; i++) {
    // A command that starts before the window may have arguments in it.
    if (cli[i]! < from - CLI_MAX_CHARS - 256) continue;
    scan.cli(cli[i]!, i + 1 < cli.length ? cli[i + 1]! : Infinity, opts.line, cliOut, from, to);
  }
  const trackedOut: ScannedJobId[] = [];
  if (opts.tracked && opts.tracked.size > 0) {
    // From a little before the window, so a hit's boundaries and overlaps are judged as in the whole line.
    for (const h of searchFor(opts.tracked).findAll(piece, Math.max(0, from - 300), Math.min(piece.length, to + 300))) {
      if (h.start < from) continue;
      if (h.start >= to) break;
      const ref = opts.tracked.get(h.pattern)!;
      const t: ScannedJobId = {
        line: opts.line, id: ref.id, kinds: [ref.kind], params: { ...ref.params }, range: { start: h.start, end: h.start + h.pattern.length },
        source: 'tracked', needs: NO_NEEDS,
      };
      if (ref.region) t.region = ref.region;
      trackedOut.push(t);
    }
  }
  const all = mergeInOrder(mergeInOrder(out, cliOut, false), trackedOut, true);
  if (opts.col !== 0) for (const m of all) m.range = { start: m.range.start + opts.col, end: m.range.end + opts.col };
  return all;
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
  const starts = computeLineStarts(text);
  const l = line - firstLine;
  const at = (found: ScannedJobId[]): ScannedJobId | null => found.find((r) => r.range.start <= character && character <= r.range.end) ?? null;
  if (l >= 0 && l < starts.length) {
    const ls = starts[l]!;
    let le = l + 1 < starts.length ? starts[l + 1]! - 1 : text.length;
    if (le > ls && text.charCodeAt(le - 1) === 13) le--;
    if (le - ls > LONG_LINE_CHARS) {
      // A long line: only the characters around the cursor (an id is at most 256 characters, a tracked one too).
      const from = Math.max(0, character - 260);
      const a = Math.max(0, from - PIECE_MARGIN);
      const piece = text.slice(ls + a, ls + Math.min(le - ls, character + 1 + PIECE_MARGIN));
      return at(scanLinePiece(piece, { line, col: a, from, to: character + 1, ...(trackedIds ? { tracked: trackedIds } : {}) }));
    }
  }
  return at(scanText(text, { firstLine, from: line, to: line, lineStarts: starts, ...(trackedIds ? { tracked: trackedIds } : {}) }));
}

/** The kinds an id without context may be, by its shape (src/kinds/idShapes.ts; Look Up reads it there). */
export { plausibleKindsForBareId } from '../kinds/idShapes.js';
