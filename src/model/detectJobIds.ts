/**
 * Finds job ids in one line of text (JSON, YAML, logs, code, shell), for "Look Up Job ID at Cursor" until the
 * language server's scanner takes over.
 *
 * An id counts only in context, because these ids are bare hex strings and UUIDs that look exactly like MD5
 * sums, git SHAs and request ids: it must follow a job key (`JobId`, `job_id`, `TranscodeTaskId`, `CasterId`,
 * `ShowId`, as `=`, `:`, `": "`, `--JobId x`, `<JobId>x</JobId>`, `setJobId("x")`, …), be an argument of
 * `media-jobs inspect|watch <kind>`, or be an id the user already tracks. API names and hosts on the same line
 * pick the kind (`GetMediaProducingJob` → ice, `GetEdgeTranscodeJob` → live-edge, `editing/jobs` → MPC, …);
 * ClusterId, CasterId, a region name and the MPC project in `/v2/{project}/editing/jobs` are taken from the
 * line as parameters.
 */
import { isJobKind, type JobKind, type JobParams } from './job.js';
import { type JobRef, validateId } from './jobRef.js';

export interface DetectedJobId {
  id: string;
  /** The kinds this id may be, most likely first (more than one when the line does not tell). */
  kinds: JobKind[];
  /** Parameters found on the line (clusterId for live-edge, casterId for a live-editing task, MPC projectId). */
  params: JobParams;
  /** Character offsets in the line, end exclusive. */
  range: { start: number; end: number };
  /** A region name found on the line (or the tracked job's region), if any. */
  region?: string;
  /** Parameters the id cannot be fetched without that the line did not give (a ShowId needs its CasterId). */
  needs: Array<keyof JobParams>;
  /** Why it matched: the key it followed (`JobId`, `job_id`, …), `media-jobs` arguments, or a tracked id. */
  source: string;
}

/** What a key names: a job id (kind decided by context), a VOD task, a caster, a show (task), or a parameter. */
type KeyRole = 'job' | 'job_id' | 'vod' | 'caster' | 'show' | 'cluster' | 'project';

const KEYS: ReadonlyArray<[string, KeyRole]> = [
  ['JobId', 'job'], ['JobID', 'job'], ['jobId', 'job'], ['jobID', 'job'], ['job-id', 'job'], ['job_id', 'job_id'],
  ['TranscodeTaskId', 'vod'], ['transcodeTaskId', 'vod'], ['transcode_task_id', 'vod'],
  ['CasterId', 'caster'], ['casterId', 'caster'], ['caster_id', 'caster'], ['caster-id', 'caster'],
  ['ShowId', 'show'], ['showId', 'show'], ['show_id', 'show'], ['show-id', 'show'],
  ['ClusterId', 'cluster'], ['clusterId', 'cluster'], ['cluster_id', 'cluster'], ['cluster-id', 'cluster'],
  ['project_id', 'project'], ['project-id', 'project'],
];
const ROLE = new Map<string, KeyRole>(KEYS);

// Longest names first so `job_id` is not read as a shorter key.
const KEY_ALT = [...ROLE.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/-/g, '\\-')).join('|');
/**
 * key, then a separator, then the value. Two forms:
 * - a CLI flag: `--JobId x`, `--job-id=x`, `-JobId x`;
 * - a key: `=`, `:`, `=>`, `(` with optional quotes around key and value (JSON, YAML, query strings, code,
 *   `setJobId("x")`), or `>` (XML bodies). A wrapper call such as `tea.String("…")` between separator and value
 *   is allowed (generated SDK code).
 */
const KEYED = new RegExp(
  String.raw`(?<![A-Za-z0-9_])(?:` +
  String.raw`(?<flag>--?)(?<fkey>${KEY_ALT})(?![A-Za-z0-9_])(?:\s*=\s*|\s+)["']?` +
  String.raw`|(?:set|with)?(?<key>${KEY_ALT})(?![A-Za-z0-9_])(?:["']?\s*(?:=>|[:=(])\s*(?:[A-Za-z_][\w.]*\(\s*)?["']?|>)` +
  String.raw`)(?<value>[A-Za-z0-9][A-Za-z0-9_-]*)`,
  'g',
);

/** `media-jobs inspect ice <id> <id>` / `media-jobs watch vod <id>` (the CLI's own syntax), up to a shell operator. */
const CLI = /(?<![\w-])media-jobs\s+(?:inspect|watch)\s+(?<kind>[a-z-]+)(?<rest>[^|;&<>\n]*)/g;
/** The CLI's options that take a value (the others are booleans). */
const CLI_VALUE_OPTIONS = new Set(['--region', '--endpoint', '--cluster-id', '--show-id', '--project-id', '--signature', '--interval', '--timeout']);

/** API names and hosts that tell which kind a `JobId` / `job_id` on the same line is. */
const CONTEXT: ReadonlyArray<[RegExp, JobKind]> = [
  [/MediaProducingJob|\bice(?:-vpc)?\.(?:[a-z0-9-]+\.)?aliyuncs\.com|\baliyun\s+ice\b/, 'ice'],
  [/GetEditingJobInfo/, 'live-editing'],
  [/EdgeTranscodeJob|\bClusterId\b|\bclusterId\b|\bcluster[-_]id\b/, 'live-edge'],
  [/editing\/jobs|(?:List|Create|Cancel|Delete)EditingJob|\bmpc\.[a-z0-9-]+\.myhuaweicloud\.com|\bhcloud\s+MPC\b/i, 'mpc-editing'],
  [/GetTranscodeTask|\bvod\.(?:[a-z0-9-]+\.)?aliyuncs\.com|\baliyun\s+vod\b/, 'vod'],
];

/** Kinds an id under a generic job key can be, and the default when the line says nothing. */
const JOB_KEY_KINDS: readonly JobKind[] = ['ice', 'live-edge', 'mpc-editing', 'vod'];
const DEFAULT_KINDS: Readonly<Record<'job' | 'job_id', JobKind[]>> = { job: ['ice', 'live-edge'], job_id: ['mpc-editing'] };

const REGION = /(?<![A-Za-z0-9-])(?:cn|ap|eu|us|me|la|af|sa|na|ru|tr)-[a-z]+(?:-[a-z0-9]{1,20}){0,2}(?![A-Za-z0-9-])/g;
const MPC_PROJECT = /\/v[0-9]+\/(?<project>[A-Za-z0-9_-]{6,64})\/editing\/jobs\b/;

/** Longer lines are scanned in a window around the cursor, so a minified megabyte log line stays instant. */
const WINDOW = 4000;
const MAX_LINE = 2 * WINDOW;

/**
 * A value looks like a real id: the length of one, at least one digit (so `jobId: string`, `job_id = None` and
 * `JobId: jobId` are not ids), no placeholder, usable in a request.
 */
function plausibleId(value: string): boolean {
  if (value.length < 8 || value.length > 128) return false;
  if (!/[0-9]/.test(value)) return false;
  if (/^(.)\1+$/.test(value)) return false;
  if (/^(?:x+|0+)$/i.test(value)) return false;
  return validateId(value) === null;
}

interface Found {
  role: KeyRole;
  key: string;
  value: string;
  start: number;
  end: number;
}

function keyedValues(line: string): Found[] {
  const out: Found[] = [];
  for (const m of line.matchAll(KEYED)) {
    const g = m.groups!;
    const key = g.fkey ?? g.key!;
    const value = g.value!;
    const role = ROLE.get(key);
    if (role === undefined) continue;
    const end = m.index + m[0].length;
    out.push({ role, key: g.flag ? `${g.flag}${key}` : key, value, start: end - value.length, end });
  }
  return out;
}

function nearest(found: readonly Found[], role: KeyRole, at: number): string | undefined {
  let best: Found | undefined;
  for (const f of found) {
    if (f.role !== role || !plausibleParam(f.value)) continue;
    if (!best || Math.abs(f.start - at) < Math.abs(best.start - at)) best = f;
  }
  return best?.value;
}

function plausibleParam(value: string): boolean {
  return value.length >= 3 && validateId(value) === null;
}

function contextKinds(line: string): JobKind[] {
  return CONTEXT.filter(([re]) => re.test(line)).map(([, kind]) => kind);
}

function regionOf(line: string): string | undefined {
  for (const m of line.matchAll(REGION)) {
    if (/^[a-z]{2,4}(-[a-z0-9]{1,20}){1,3}$/.test(m[0])) return m[0];
  }
  return undefined;
}

/** Parameters the kinds need that are known from the line. */
function paramsFor(kinds: readonly JobKind[], found: readonly Found[], at: number, project: string | undefined): JobParams {
  const params: JobParams = {};
  if (kinds.includes('live-edge')) {
    const cluster = nearest(found, 'cluster', at);
    if (cluster) params.clusterId = cluster;
  }
  if (kinds.includes('mpc-editing')) {
    const p = nearest(found, 'project', at) ?? project;
    if (p) params.projectId = p;
  }
  return params;
}

function scanLine(line: string, trackedIds?: ReadonlyMap<string, JobRef>): DetectedJobId[] {
  const found = keyedValues(line);
  const context = contextKinds(line);
  const region = regionOf(line);
  const project = MPC_PROJECT.exec(line)?.groups?.project;
  const results: DetectedJobId[] = [];
  const base = (id: string, start: number, end: number, source: string): Pick<DetectedJobId, 'id' | 'range' | 'source' | 'region'> =>
    ({ id, range: { start, end }, source, ...(region ? { region } : {}) });

  for (const f of found) {
    if (!plausibleId(f.value)) continue;
    switch (f.role) {
      case 'job':
      case 'job_id': {
        const fromContext = context.filter((k) => JOB_KEY_KINDS.includes(k));
        const kinds = fromContext.length > 0 ? fromContext : DEFAULT_KINDS[f.role];
        const needs: Array<keyof JobParams> = [];
        const params = paramsFor(kinds, found, f.start, project);
        if (kinds.length === 1 && kinds[0] === 'live-edge' && !params.clusterId) needs.push('clusterId');
        results.push({ ...base(f.value, f.start, f.end, f.key), kinds, params, needs });
        break;
      }
      case 'vod':
        results.push({ ...base(f.value, f.start, f.end, f.key), kinds: ['vod'], params: {}, needs: [] });
        break;
      case 'caster':
        // A CasterId alone names the whole caster: every editing task in it.
        results.push({ ...base(f.value, f.start, f.end, f.key), kinds: ['live-editing'], params: {}, needs: [] });
        break;
      case 'show': {
        const caster = nearest(found, 'caster', f.start);
        results.push({
          ...base(f.value, f.start, f.end, f.key), kinds: ['live-editing'],
          params: caster ? { casterId: caster } : {}, needs: caster ? [] : ['casterId'],
        });
        break;
      }
      default:
        break; // cluster and project ids are parameters, not jobs
    }
  }

  for (const m of line.matchAll(CLI)) {
    const kind = m.groups!.kind!;
    if (!isJobKind(kind)) continue;
    const rest = m.groups!.rest!;
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
    const cliRegion = options.get('--region') || region;
    for (const { word, start } of positionals) {
      if (!plausibleId(word)) continue;
      results.push({
        id: word, kinds: [kind], params: { ...params }, range: { start, end: start + word.length }, source: 'media-jobs',
        ...(cliRegion ? { region: cliRegion } : {}),
        needs: kind === 'live-edge' && !params.clusterId ? ['clusterId'] : [],
      });
    }
  }

  if (trackedIds && trackedIds.size > 0) {
    for (const m of line.matchAll(/[A-Za-z0-9][A-Za-z0-9_-]*/g)) {
      const ref = trackedIds.get(m[0]);
      if (!ref) continue;
      const start = m.index;
      const tracked: DetectedJobId = {
        id: ref.id, kinds: [ref.kind], params: { ...ref.params }, range: { start, end: start + m[0].length },
        source: 'tracked', needs: [], ...(ref.region ? { region: ref.region } : {}),
      };
      // The user's own tracked reference knows the kind for sure: it replaces a keyed guess at the same place.
      const same = results.findIndex((r) => r.range.start === start && r.range.end === tracked.range.end);
      if (same >= 0) results[same] = tracked;
      else results.push(tracked);
    }
  }

  // One result per place, in line order.
  const seen = new Set<string>();
  return results
    .sort((a, b) => a.range.start - b.range.start)
    .filter((r) => {
      const k = `${r.range.start}:${r.range.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** Every job id found on a line, in order. */
export function detectJobIdsInLine(lineText: string, trackedIds?: ReadonlyMap<string, JobRef>): DetectedJobId[] {
  if (lineText.length <= MAX_LINE) return scanLine(lineText, trackedIds);
  // A very long line: scan it in overlapping windows so nothing on it is missed, and keep results unique.
  const all: DetectedJobId[] = [];
  const seen = new Set<string>();
  for (let offset = 0; offset < lineText.length; offset += WINDOW) {
    for (const r of scanLine(lineText.slice(offset, offset + MAX_LINE), trackedIds)) {
      const shifted = { ...r, range: { start: r.range.start + offset, end: r.range.end + offset } };
      const k = `${shifted.range.start}:${shifted.range.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      all.push(shifted);
    }
  }
  return all.sort((a, b) => a.range.start - b.range.start);
}

/**
 * The job id under (or right after) the cursor, or null. `character` is a 0-based offset into the line; a cursor
 * just past the last character of an id still counts, as VS Code places it there after a double-click.
 */
export function detectJobIdAt(lineText: string, character: number, trackedIds?: ReadonlyMap<string, JobRef>): DetectedJobId | null {
  let text = lineText;
  let offset = 0;
  if (lineText.length > MAX_LINE) {
    offset = Math.max(0, character - WINDOW);
    text = lineText.slice(offset, character + WINDOW);
  }
  const c = character - offset;
  const hit = scanLine(text, trackedIds).find((r) => r.range.start <= c && c <= r.range.end);
  if (!hit) return null;
  return { ...hit, range: { start: hit.range.start + offset, end: hit.range.end + offset } };
}
