/**
 * Command-line parsing for `media-jobs`, kept pure so it is tested without spawning a process.
 */
import { parseArgs } from 'node:util';
import { JOB_KINDS, JOB_STATUSES, type JobKind, type JobStatus, isJobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { validateId } from '../kinds/refs.js';
import { type SignatureVersion } from '../clouds/client.js';
import { isRegionName, validateEndpoint } from '../clouds/endpoints.js';
import { ConfigError } from '../clouds/errors.js';
import { ENDPOINTS, type EndpointProduct, kindDefinition, listableKinds, listerOf } from '../clouds/coreEntry.js';
import { KIND_INFO } from '../kinds/index.js';
import { quoted } from './format.js';
import * as l10n from '../util/l10n.js';
import { STATUS_LABEL } from '../present/status.js';

/**
 * `media-jobs --help`, in the run's language. One message per line: the options' names and the column they start
 * in stay as they are, only the words are translated (translations keep the line's layout).
 */
export function usage(): string {
  return [
    l10n.t('Usage:'),
    l10n.t('  media-jobs inspect <kind> <id...> [options]   print jobs (one per id; a Live caster gives one per editing task)'),
    l10n.t('  media-jobs watch <kind> <id> [options]        poll until the job ends; exit 0 succeeded, 4 failed or partial, 5 cancelled'),
    l10n.t('  media-jobs list <kind> [options]              recent jobs, newest first (any kind; live-edge needs --cluster-id)'),
    l10n.t('  media-jobs diff <kind> <id> <id> [--json]     compare two jobs: fields, outputs, streams, timeline clips'),
    '  media-jobs export <kind> <id> --format otio [--out FILE] [--rate N]',
    l10n.t('                                                the job\'s timeline as OpenTimelineIO (ice; stdout without --out)'),
    l10n.t('  media-jobs profiles [--profile N] [--json]    the credential profiles it can see, where each comes from, which is used'),
    '  media-jobs --help | --version',
    '',
    l10n.t('Kinds:'),
    l10n.t('  ice            Alibaba Cloud IMS GetMediaProducingJob (id: JobId)'),
    l10n.t('  vod            Alibaba Cloud VOD GetTranscodeTask (id: TranscodeTaskId)'),
    l10n.t('  live-editing   Alibaba Cloud Live GetEditingJobInfo (id: CasterId; --show-id to pick one task)'),
    l10n.t('  live-edge      Alibaba Cloud Live GetEdgeTranscodeJob (id: JobId; needs --cluster-id)'),
    l10n.t('  mpc-editing    Huawei Cloud MPC editing jobs (ids: job_id, up to 10 per request, batched)'),
    '',
    l10n.t('Options:'),
    l10n.t('  --region R          region (default cn-shanghai for Alibaba Cloud, cn-north-4 for Huawei Cloud)'),
    l10n.t('  --endpoint URL      API base URL (https; plain http only to loopback), e.g. a VPC endpoint or the emulator'),
    l10n.t('  --cluster-id C      live-edge: the ClusterId'),
    l10n.t('  --show-id S         live-editing: only this ShowId'),
    l10n.t('  --project-id P      mpc-editing: the project id (default HUAWEICLOUD_SDK_PROJECT_ID)'),
    l10n.t('  --signature v1|v3   Alibaba Cloud signature version (default v3)'),
    l10n.t('  --interval S        watch: seconds between polls (default 5; never faster than the API\'s rate limit)'),
    l10n.t('  --timeout S         seconds a request may take in all, retries included (default 15)'),
    l10n.t('  --since D           list: how far back, e.g. 30m, 24h, 7d, 45d (default 24h; longer than an API\'s window'),
    l10n.t('                      means several windows, all fetched)'),
    l10n.t('  --status S          list: only jobs in this status (queued running succeeded failed partial cancelled stopped),'),
    l10n.t('                      sent as the API\'s own value where it has one'),
    l10n.t('  --limit N           list: at most N jobs in all (default 100)'),
    l10n.t('  --parent ID         list ice: the sub-jobs of this quick video production (batch) job (its rows say'),
    l10n.t('                      "batch"), created in the last --since (default 30d with --parent)'),
    l10n.t('  --format F          export: the file format (otio, the default and only one)'),
    l10n.t('  --out FILE          export: write to FILE instead of stdout'),
    l10n.t('  --rate N            export: OpenTimelineIO time units per second (default 30)'),
    l10n.t('  --print-command     inspect: print the aliyun or hcloud command that asks the cloud the same (nothing is sent)'),
    l10n.t('  --json              print a JSON array of normalized jobs (for list, the fields a list item lacks are null)'),
    l10n.t('  --profile NAME      use this profile of ~/.aliyun/config.json (wins over the environment keys)'),
    l10n.t('  --sts-endpoint URL  where RamRoleArn profiles call STS AssumeRole (default: the profile\'s sts_endpoint or'),
    l10n.t('                      sts_region, else https://sts.aliyuncs.com)'),
    l10n.t('  --lang zh-cn|en     the language of messages and tables (default: LC_ALL, LC_MESSAGES or LANG; zh_CN is Chinese)'),
    '',
    l10n.t('Credentials, first found wins (the order of the clouds\' SDKs):'),
    '  1. --profile NAME',
    l10n.t('  2. the environment: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN'),
    l10n.t('     (optional); HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_SECURITY_TOKEN'),
    l10n.t('  3. Alibaba Cloud: the profile named by ALIBABA_CLOUD_PROFILE, else the current profile of ~/.aliyun/config.json'),
    l10n.t('     (modes AK, StsToken, RamRoleArn, ChainableRamRoleArn)'),
    '',
    l10n.t('Exit codes: 0 ok; 1 a request failed; 2 usage; 3 configuration or credentials; 4 (watch) the job failed or partly failed.'),
  ].join('\n') + '\n';
}

export interface CommonOptions {
  region: string;
  endpoint: string | undefined;
  /** `--profile NAME`: the credential chain's first step. */
  profile?: string;
  /** `--sts-endpoint URL`: where a role profile's AssumeRole goes. */
  stsEndpoint?: string;
  signature: SignatureVersion;
  json: boolean;
  timeoutSeconds: number;
}

export type CliCommand =
  | { type: 'help' }
  | { type: 'version' }
  | { type: 'profiles'; json: boolean; profile?: string }
  | { type: 'inspect'; kind: JobKind; refs: JobRef[]; options: CommonOptions; printCommand?: boolean }
  | { type: 'watch'; kind: JobKind; ref: JobRef; options: CommonOptions; intervalSeconds: number }
  | { type: 'list'; kind: JobKind; options: CommonOptions; params: JobRef['params']; sinceMs: number; status: JobStatus | null; limit: number; parentId: string | null }
  | { type: 'export'; kind: JobKind; ref: JobRef; options: CommonOptions; format: 'otio'; out: string | null; rate: number }
  | { type: 'diff'; kind: JobKind; refs: [JobRef, JobRef]; options: CommonOptions };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** The options that carry a kind's identity parameters (KindInfo.params[].cliFlag: `--cluster-id`, …), in KIND_INFO's order. */
const PARAM_FLAGS: readonly string[] = [...new Set(JOB_KINDS.flatMap((k) => KIND_INFO[k].params.map((p) => p.cliFlag)))];

/** Which kind each identity option belongs to. */
const FLAG_OWNER: ReadonlyMap<string, JobKind> = new Map(JOB_KINDS.flatMap((k) => KIND_INFO[k].params.map((p) => [p.cliFlag, k] as const)));

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  ...Object.fromEntries(PARAM_FLAGS.map((flag) => [flag, { type: 'string' } as const])),
  signature: { type: 'string' },
  interval: { type: 'string' },
  timeout: { type: 'string' },
  since: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  parent: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  rate: { type: 'string' },
  'print-command': { type: 'boolean' },
  profile: { type: 'string' },
  'sts-endpoint': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
};

const COMMANDS = ['inspect', 'watch', 'list', 'export', 'diff', 'profiles', 'help'];

interface ParsedValues {
  region?: string;
  endpoint?: string;
  signature?: string;
  interval?: string;
  timeout?: string;
  since?: string;
  status?: string;
  limit?: string;
  parent?: string;
  format?: string;
  out?: string;
  rate?: string;
  'print-command'?: boolean;
  profile?: string;
  'sts-endpoint'?: string;
  json?: boolean;
  help?: boolean;
  version?: boolean;
}

/**
 * Options and positionals, with our own messages: node's parseArgs (strict) words its errors for its own
 * API ("Unknown option '--x'. To specify a positional argument starting with a '-', place it at the end of
 * the command after '--', as in '-- \"--x\"'") and cannot suggest the option the user meant.
 */
function tokenize(argv: readonly string[]): { values: ParsedValues; positionals: string[] } {
  const { tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }])),
  });
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(OPTIONS, t.name) ? OPTIONS[t.name] : undefined;
    if (spec === undefined) {
      const near = t.rawName.startsWith('--') ? closest(t.name, Object.keys(OPTIONS)) : null;
      throw new UsageError(near ? l10n.t('unknown option {0} (did you mean --{1}?)', quotedArg(t.rawName), near) : l10n.t('unknown option {0}', quotedArg(t.rawName)));
    }
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw new UsageError(l10n.t('--{0} takes no value', t.name));
      values[t.name] = true;
      continue;
    }
    // `--region --json`: parseArgs takes the next word as the value; a value never looks like an option.
    if (t.value === undefined || (!t.inlineValue && /^-(?!\d)./.test(t.value))) throw new UsageError(l10n.t('--{0} needs a value', t.name));
    values[t.name] = t.value;
  }
  return { values: values as ParsedValues, positionals };
}

/** A name from the command line, shown safely: control and bidi characters escaped, long ones cut. */
function quotedArg(s: string): string {
  return quoted(s).slice(1, -1);
}

/** The candidate nearest to `word` (a unique prefix, or within two edits), or null. */
export function closest(word: string, candidates: readonly string[]): string | null {
  const w = word.toLowerCase();
  const prefixed = candidates.filter((c) => c.startsWith(w));
  if (w.length >= 3 && prefixed.length === 1) return prefixed[0]!;
  let best: string | null = null;
  let bestDistance = Math.min(2, Math.max(1, Math.floor(w.length / 3)));
  for (const c of candidates) {
    const d = editDistance(w, c);
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions counted as one edit (`regoin` → `region` is 1). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near ? l10n.t(' (did you mean {0}?)', near) : '';
}

export function parseCommandLine(argv: readonly string[]): CliCommand {
  const parsed = tokenize(argv);
  const { values: v, positionals } = parsed;
  if (v.help) return { type: 'help' };
  if (v.version) return { type: 'version' };
  const [command, kindArg, ...ids] = positionals;
  if (command === undefined) throw new UsageError(l10n.t('no command given (inspect, watch, list, export, diff or profiles)'));
  if (command === 'help') return { type: 'help' };
  if (command === 'profiles') {
    if (kindArg !== undefined) throw new UsageError(l10n.t('profiles takes no arguments ({0})', quoted(kindArg)));
    const other = Object.keys(v).find((k) => k !== 'json' && k !== 'profile');
    if (other !== undefined) throw new UsageError(l10n.t('--{0} does not apply to profiles', other));
    const chosen = v.profile?.trim();
    if (v.profile !== undefined && !chosen) throw new UsageError(l10n.t('--profile needs a profile name'));
    return { type: 'profiles', json: v.json === true, ...(chosen ? { profile: chosen } : {}) };
  }
  if (command !== 'inspect' && command !== 'watch' && command !== 'list' && command !== 'export' && command !== 'diff') throw new UsageError(l10n.t('unknown command {0}{1}', quoted(command), didYouMean(command, COMMANDS)));
  if (kindArg === undefined) throw new UsageError(l10n.t('{0} needs a kind ({1})', command, JOB_KINDS.join(', ')));
  if (!isJobKind(kindArg)) {
    const near = closest(kindArg, JOB_KINDS);
    throw new UsageError(near ? l10n.t('unknown kind {0}; did you mean {1}? kinds are {2}', quoted(kindArg), near, JOB_KINDS.join(', ')) : l10n.t('unknown kind {0}; kinds are {1}', quoted(kindArg), JOB_KINDS.join(', ')));
  }
  const kind = kindArg;
  if (command === 'list') {
    const listable = listableKinds();
    if (!listable.includes(kind)) throw new UsageError(l10n.t('{0} jobs cannot be listed yet (list supports {1}); inspect them by id', kind, listable.join(', ')));
    if (ids.length > 0) throw new UsageError(l10n.t('list takes no ids ({0}); use inspect {1} <id>', quoted(ids[0] ?? ''), kind));
  } else {
    for (const flag of ['since', 'status', 'limit', 'parent'] as const) if (v[flag] !== undefined) throw new UsageError(l10n.t('--{0} applies to list only', flag));
  }
  if (command !== 'list' && ids.length === 0) throw new UsageError(l10n.t('{0} {1} needs at least one id', command, kind));
  if ((command === 'watch' || command === 'export') && ids.length > 1) throw new UsageError(l10n.t('{0} takes one id', command));
  if (command === 'diff' && ids.length !== 2) throw new UsageError(l10n.t('diff takes two ids, not {0}', ids.length));
  if (command === 'export' && !KIND_INFO[kind].inspector.timeline) {
    const withTimeline = JOB_KINDS.filter((k) => KIND_INFO[k].inspector.timeline);
    throw new UsageError(l10n.t('{0} jobs have no timeline to export (export supports {1})', kind, withTimeline.join(', ')));
  }
  if (command !== 'export') for (const flag of ['format', 'out', 'rate'] as const) if (v[flag] !== undefined) throw new UsageError(l10n.t('--{0} applies to export only', flag));

  const signature = v.signature ?? 'v3';
  if (signature !== 'v1' && signature !== 'v3') throw new UsageError(l10n.t('--signature must be v1 or v3, not "{0}"', signature));
  for (const name of PARAM_FLAGS) {
    const owner = FLAG_OWNER.get(name);
    if (paramFlag(v, name) !== undefined && owner !== kind) throw new UsageError(l10n.t('--{0} applies to {1} only', name, owner ?? ''));
  }
  for (const p of KIND_INFO[kind].params) {
    if (p.required && !paramFlag(v, p.cliFlag)) throw new UsageError(l10n.t('{0} needs --{1}', kind, p.cliFlag));
  }

  const timeoutSeconds = v.timeout === undefined ? 15 : Number(v.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
    throw new UsageError(l10n.t('--timeout must be a number of seconds between 0 and 600, not "{0}"', v.timeout ?? ''));
  }
  for (const id of ids) {
    // Checked here, not only by the client: a mistyped id is the user's to fix, so exit 2 and say it once.
    const problem = validateId(id, l10n.t('{0} job id {1}', kind, quoted(id)));
    if (problem) throw new UsageError(l10n.t('{0}; copy the id exactly as the cloud shows it', problem));
  }
  for (const name of PARAM_FLAGS) {
    const value = paramFlag(v, name);
    const problem = value === undefined ? null : validateId(value, `--${name} ${quoted(value)}`);
    if (problem) throw new UsageError(problem);
  }
  const region = v.region ?? '';
  if (v.region !== undefined) checkRegion(kind, region, v.endpoint);
  if (v.endpoint !== undefined) {
    try {
      validateEndpoint(v.endpoint);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const message = e.message.replace(/^endpoint\b/, '--endpoint');
      // The core's message, then its hint: one sentence in the run's language (zh-cn joins with a full-width ；).
      throw new UsageError(e.hint ? l10n.t('{0}; {1}', message, e.hint) : message);
    }
  }
  const profile = v.profile?.trim();
  if (v.profile !== undefined && !profile) throw new UsageError(l10n.t('--profile needs a profile name'));
  if (v['sts-endpoint'] !== undefined) {
    try {
      validateEndpoint(v['sts-endpoint']);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const message = e.message.replace(/^endpoint\b/, '--sts-endpoint');
      // The core's message, then its hint: one sentence in the run's language (zh-cn joins with a full-width ；).
      throw new UsageError(e.hint ? l10n.t('{0}; {1}', message, e.hint) : message);
    }
  }
  const options: CommonOptions = {
    region, endpoint: v.endpoint, signature, json: v.json === true, timeoutSeconds,
    ...(profile ? { profile } : {}), ...(v['sts-endpoint'] !== undefined ? { stsEndpoint: v['sts-endpoint'] } : {}),
  };
  const params: JobRef['params'] = {};
  for (const p of KIND_INFO[kind].params) {
    const value = paramFlag(v, p.cliFlag);
    if (value) params[p.name] = value;
  }
  const refs: JobRef[] = ids.map((id) => ({ kind, id, region: options.region, params: { ...params } }));

  if (command !== 'watch' && v.interval !== undefined) throw new UsageError(l10n.t('--interval applies to watch only'));
  if (command !== 'inspect' && v['print-command']) throw new UsageError(l10n.t('--print-command applies to inspect only'));
  if (command === 'inspect') return { type: 'inspect', kind, refs, options, ...(v['print-command'] ? { printCommand: true } : {}) };
  if (command === 'list') return { type: 'list', kind, options, params, ...listOptions(kind, v) };
  if (command === 'export') return { type: 'export', kind, ref: refs[0]!, options, ...exportOptions(v) };
  if (command === 'diff') return { type: 'diff', kind, refs: [refs[0]!, refs[1]!], options };
  const intervalSeconds = v.interval === undefined ? 5 : Number(v.interval);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0 || intervalSeconds > 86_400) {
    throw new UsageError(l10n.t('--interval must be a number of seconds between 0 and 86400, not "{0}"', v.interval ?? ''));
  }
  return { type: 'watch', kind, ref: refs[0]!, options, intervalSeconds };
}

/** The longest --since: the clouds keep jobs queryable for a year at most. */
const MAX_SINCE_MS = 366 * 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
const LIST_STATUSES = JOB_STATUSES.filter((s) => s !== 'unknown');

/** `30m`, `24h`, `7d` → milliseconds. */
export function parseSince(text: string): number | null {
  const m = /^(\d{1,6})([mhd])$/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
  return ms > 0 && ms <= MAX_SINCE_MS ? ms : null;
}

function listOptions(kind: JobKind, v: ParsedValues): { sinceMs: number; status: JobStatus | null; limit: number; parentId: string | null } {
  const parentId = v.parent ?? null;
  if (parentId !== null) {
    if (listerOf(kind)?.listsChildren !== true) throw new UsageError(l10n.t('--parent applies to {0} only ({1} jobs have no sub-jobs)', listableKinds().filter((k) => listerOf(k)?.listsChildren === true).join(', '), kind));
    const problem = validateId(parentId, `--parent ${quoted(parentId)}`);
    if (problem) throw new UsageError(l10n.t('{0}; give the batch job\'s id as `list {1}` shows it', problem, kind));
  }
  // A batch's sub-jobs come within minutes of it; a month back finds those of any recent batch.
  const sinceMs = parseSince(v.since ?? (parentId !== null ? '30d' : '24h'));
  if (sinceMs === null) throw new UsageError(l10n.t('--since takes a number and m, h or d (30m, 24h, 7d), at most 366d, not {0}', quoted(v.since ?? '')));
  let status: JobStatus | null = null;
  if (v.status !== undefined) {
    // The model's word, or the status label in the run's language (成功, 处理中: what the table shows).
    const found = LIST_STATUSES.find((s) => s === v.status || (l10n.label(STATUS_LABEL[s]) !== STATUS_LABEL[s] && l10n.label(STATUS_LABEL[s]) === v.status));
    if (found === undefined) throw new UsageError(l10n.t('--status must be one of {0}, not {1}{2}', LIST_STATUSES.join(', '), quoted(v.status), didYouMean(v.status, LIST_STATUSES)));
    status = found;
  }
  const limit = v.limit === undefined ? 100 : Number(v.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(l10n.t('--limit must be a whole number from 1 to 10000, not {0}', quoted(v.limit ?? '')));
  return { sinceMs, status, limit, parentId };
}

function exportOptions(v: ParsedValues): { format: 'otio'; out: string | null; rate: number } {
  const format = v.format ?? 'otio';
  if (format !== 'otio') throw new UsageError(l10n.t('--format must be otio (OpenTimelineIO), not {0}', quoted(format)));
  if (v.out === '') throw new UsageError(l10n.t('--out needs a file name'));
  const rate = v.rate === undefined ? 30 : Number(v.rate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 1_000_000) throw new UsageError(l10n.t('--rate must be a positive number of time units per second (24, 25, 30, 29.97), not {0}', quoted(v.rate ?? '')));
  return { format, out: v.out ?? null, rate };
}

/** A region must look like one and, without --endpoint, be one whose endpoint we know for this kind. */
function checkRegion(kind: JobKind, region: string, endpoint: string | undefined): void {
  if (!isRegionName(region)) {
    throw new UsageError(l10n.t('--region {0} is not a region name (regions look like cn-shanghai or cn-north-4)', quoted(region)));
  }
  if (endpoint !== undefined) return;
  // The product is the API's prefix (`vod:GetTranscodeTask`), which is also the endpoint table's key.
  const product = kindDefinition(kind).api.split(':')[0] as EndpointProduct;
  const table = Object.hasOwn(ENDPOINTS, product) ? ENDPOINTS[product] : undefined;
  if (table === undefined || Object.hasOwn(table, region)) return;
  const known = Object.keys(table).sort().join(', ');
  throw new UsageError(l10n.t('region {0} has no known {1} endpoint (known regions: {2}); or give --endpoint', quoted(region), product, known));
}

/** The value of an identity option (PARAM_FLAGS), if given. */
function paramFlag(v: ParsedValues, flag: string): string | undefined {
  const value = (v as Record<string, string | boolean | undefined>)[flag];
  return typeof value === 'string' ? value : undefined;
}
