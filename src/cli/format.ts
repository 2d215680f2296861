/**
 * The readable summary `media-jobs inspect` prints without --json, and the sanitisers every CLI write goes
 * through. Job data and error bodies come from the cloud and are untrusted: a job name or an error Code must not
 * retitle the terminal (OSC), clear it (CSI), recolour it, or reorder what is shown (bidi overrides).
 * One character set for all of them: `UNSAFE_CHARS` (src/util/unsafeChars.ts).
 */
import { type Job, type JobExtra, type MediaStream, type JobOutput } from '../model/job.js';
import { formatBytes } from '../present/formatBytes.js';
import { clipLacksMedia } from '../present/timelineIndex.js';
import { STATUS_LABEL, statusLabelOf } from '../present/status.js';
import { UNSAFE_CHARS, oneLine, stripUnsafeChars } from '../util/unsafeChars.js';
import * as l10n from '../util/l10n.js';
import { formatGivenTime, type LocaleOptions } from '../util/formatLocale.js';

/** A value on one line, without any character that could drive or mislead the terminal. */
export function safe(value: unknown): string {
  const s = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  return oneLine(s);
}

/**
 * What reaches the terminal, whatever it is (usage, summaries, errors, watch lines, JSON): the unsafe
 * characters removed, and carriage returns too (a bare CR lets a later text overwrite the line shown).
 * Line feeds stay: multi-line output is ours.
 */
export function sanitizeOutput(text: string): string {
  return stripUnsafeChars(text).replace(/\r/g, '');
}

function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but emits C1 controls (U+009B is a one-byte
 * CSI), DEL and bidi overrides raw. Outside strings JSON is ASCII, so every such character left is inside a
 * string, where `\uXXXX` means the same: the text stays valid JSON and parses back to the same data.
 */
export function terminalSafeJson(value: unknown, indent = 2): string {
  return escapeUnsafe(JSON.stringify(value, null, indent));
}

/** A word from the command line or a server in double quotes, its unsafe characters visible as `\uXXXX`, cut at 40. */
export function quoted(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return escapeUnsafe(JSON.stringify(cut));
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  // The units in the run's language (zh-cn: 秒, 分, 小时), the number in its locale's digits and separators.
  const n = (x: number): string => x.toLocaleString(l10n.l10nLocale() === 'zh-cn' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2, useGrouping: false });
  if (seconds < 60) return l10n.t('{0} s', n(Math.round(seconds * 100) / 100));
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return h > 0 ? l10n.t('{0}h {1}m {2}s', n(h), n(m), n(rest)) : l10n.t('{0}m {1}s', n(m), n(rest));
}

function elapsed(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d >= 0 ? d : null;
}

/**
 * Columns a text takes in a terminal: CJK ideographs, kana, Hangul and full-width forms take two
 * (Unicode East Asian Width W/F, https://www.unicode.org/reports/tr11/), so Chinese headings line up.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** `padEnd` by display width (displayWidth). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function row(label: string, value: string): string {
  return `  ${padDisplay(label, 12)}${value}`;
}

function outputLine(o: JobOutput): string {
  const parts: string[] = [];
  if (o.label) parts.push(safe(o.label));
  if (o.definition) parts.push(safe(o.definition));
  if (o.rawStatus) parts.push(`${o.status ?? 'unknown'} (${safe(o.rawStatus)})`);
  if (o.progress !== null && o.status === 'running') parts.push(`${o.progress}%`);
  if (o.url) parts.push(safe(o.url));
  if (o.mediaId) parts.push(l10n.t('media {0}', safe(o.mediaId)));
  // Where the output is when no URL says it: a storage location is not a path prefix (MPC's is "bucket (region)").
  if (!o.url && o.storageLocation) parts.push(l10n.t('storage {0}', safe(o.storageLocation)));
  if (!o.url && o.fileName) parts.push(l10n.t('file {0}', safe(o.fileName)));
  if (o.width && o.height) parts.push(`${o.width}x${o.height}`);
  if (o.format) parts.push(safe(o.format));
  if (o.bitrateKbps !== null) parts.push(`${o.bitrateKbps} kb/s`);
  if (o.sizeBytes !== null) parts.push(formatBytes(o.sizeBytes));
  if (o.templateId) parts.push(l10n.t('template {0}', safe(o.templateId)));
  if (o.createdAt) parts.push(l10n.t('created {0}', cliTime(o.createdAt)));
  if (o.completedAt) parts.push(l10n.t('completed {0}', cliTime(o.completedAt)));
  if (o.error) parts.push(l10n.t('error {0}: {1}', safe(o.error.code), safe(o.error.message)));
  return parts.join('  ');
}

/**
 * A job's status in CLI words. English: the model's (`stopped`), or the kind's own word for its value (edge "0":
 * `not started`), the words `--status` takes. With a translated catalog: the status label as the consoles show it
 * (成功, 处理中, 未开始); `--status` takes those too (args.ts).
 */
export function statusWord(job: Pick<Job, 'kind' | 'status' | 'rawStatus'>): string {
  const own = statusLabelOf(job.kind, job.status, job.rawStatus);
  const shared = STATUS_LABEL[job.status];
  if (l10n.label(shared) !== shared) return own;
  return own !== shared ? own.toLowerCase() : job.status;
}

/**
 * A time the cloud gave, for the text output: English prints it as it came (ISO 8601, as before); other languages
 * in the local zone, named (src/util/formatLocale.ts). --json keeps ISO.
 */
export function cliTime(iso: string, opts: LocaleOptions = {}): string {
  return safe(formatGivenTime(iso, opts));
}

/** Longest a cloud field's value is printed on its line; the rest is in --json. */
const EXTRA_VALUE_MAX = 200;

function extraValue(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  const one = safe(text);
  return one.length > EXTRA_VALUE_MAX ? `${one.slice(0, EXTRA_VALUE_MAX - 1)}…` : one;
}

/** A cloud field the model has no place for: its title, then one line per key of an object (a value alone else). */
function extraLines(x: JobExtra): string[] {
  const v = x.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return [`  ${safe(x.title)}  ${l10n.t('(empty)')}`];
    return [`  ${safe(x.title)}`, ...entries.map(([k, val]) => `    ${safe(k)}  ${extraValue(val)}`)];
  }
  return [`  ${safe(x.title)}  ${extraValue(v)}`];
}


export function formatJob(job: Job): string {
  const lines: string[] = [];
  const progress = job.progress !== null && !['succeeded', 'failed'].includes(job.status) ? `  ${job.progress}%` : '';
  lines.push(`${job.kind}  ${safe(job.id)}  ${statusWord(job).toUpperCase()} (${safe(job.rawStatus) || l10n.t('no status')})${progress}`);
  // A name made of the template or project id (an ICE job without an output URL) would repeat the line below it.
  const nameRepeats = job.name === `template ${job.templateId}` || job.name === `project ${job.editingProjectId}`;
  if (job.name && !nameRepeats) lines.push(row(l10n.t('name'), safe(job.name)));
  lines.push(row(l10n.t('region'), safe(job.region)));
  const p = job.params;
  if (p.casterId) lines.push(row(l10n.t('caster'), safe(p.casterId)));
  if (p.clusterId) lines.push(row(l10n.t('cluster'), safe(p.clusterId)));
  if (p.projectId) lines.push(row(l10n.t('project'), safe(p.projectId)));
  if (job.templateId) lines.push(row(l10n.t('template'), safe(job.templateId)));
  if (job.editingProjectId) lines.push(row(l10n.t('project'), l10n.t('{0}  (online editing project)', safe(job.editingProjectId))));
  for (const i of job.inputs ?? []) if (i.url) lines.push(row(l10n.t('input'), `${safe(i.url)}${i.label ? `  (${safe(i.label)})` : ''}`));
  if (job.createdAt) lines.push(row(l10n.t('created'), cliTime(job.createdAt)));
  if (job.startedAt) lines.push(row(l10n.t('started'), cliTime(job.startedAt)));
  if (job.stoppedAt) lines.push(row(l10n.t('stopped'), cliTime(job.stoppedAt)));
  if (job.completedAt) {
    const took = elapsed(job.startedAt ?? job.createdAt, job.completedAt);
    lines.push(row(l10n.t('completed'), `${cliTime(job.completedAt)}${took !== null ? l10n.t(' (after {0})', formatDuration(took)) : ''}`));
  }
  if (job.updatedAt && job.updatedAt !== job.completedAt) lines.push(row(l10n.t('updated'), cliTime(job.updatedAt)));
  if (job.durationSeconds !== null) lines.push(row(l10n.t('duration'), formatDuration(job.durationSeconds)));
  if (job.error) lines.push(row(l10n.t('error'), `${safe(job.error.code)}: ${safe(job.error.message)}`));
  for (const o of job.outputs) lines.push(row(l10n.t('output'), outputLine(o)));
  if (job.timeline) lines.push(row(l10n.t('timeline'), timelineSummary(job)));
  if (job.clipsParam !== null && job.clipsParam !== undefined) lines.push(row('clipsParam', clipsParamSummary(job.clipsParam)));
  if (job.requestId) lines.push(row(l10n.t('request id'), safe(job.requestId)));
  if (job.streams.length > 0) {
    lines.push(`  ${l10n.t('streams')}`);
    lines.push(...streamTable(job.streams).map((l) => `    ${l}`));
  }
  const extras = job.extras ?? [];
  if (extras.length > 0) {
    lines.push(`  ${l10n.t('cloud fields')}`);
    lines.push(...extras.flatMap(extraLines).map((l) => `  ${l}`));
  }
  return lines.join('\n');
}

function timelineSummary(job: Job): string {
  const t = job.timeline!;
  if (t.parseError !== null) return l10n.t('not valid JSON ({0}); {1} characters', safe(t.parseError), t.rawText.length);
  const byType = new Map<string, number>();
  let clips = 0;
  let withoutMedia = 0;
  for (const track of t.tracks) {
    // An effect track given in VideoTracks is told apart from EffectTracks' own.
    const key = track.origin !== undefined && track.origin !== track.type ? l10n.t('{0} in {1} tracks', track.type, track.origin) : track.type;
    byType.set(key, (byType.get(key) ?? 0) + 1);
    clips += track.clips.length;
    // As the inspector counts them: a text-to-speech clip's media is its text, a GlobalImage or effect needs none.
    withoutMedia += track.clips.filter((c) => clipLacksMedia(track, c)).length;
  }
  const kinds = [...byType].map(([k, n]) => `${n} ${k}`).join(', ');
  const parts = [`${l10n.t('{0} tracks', t.tracks.length)}${kinds ? ` (${kinds})` : ''}`, l10n.t('{0} clips', clips)];
  // A lower bound says so: clips of unknown length leave the end open (the job reports no Duration yet).
  if (t.durationSeconds !== null) parts.push(t.durationIsLowerBound === true ? l10n.t('≥ {0} (clips of unknown length)', formatDuration(t.durationSeconds)) : formatDuration(t.durationSeconds));
  if (withoutMedia > 0) parts.push(l10n.t('{0} clips without media', withoutMedia));
  return parts.join(', ');
}

function clipsParamSummary(v: unknown): string {
  if (typeof v === 'string') return l10n.t('not valid JSON: {0}', `${safe(v.slice(0, 60))}${v.length > 60 ? '…' : ''}`);
  if (Array.isArray(v)) return l10n.t('{0} items', v.length);
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    return l10n.t('{0} keys ({1})', keys.length, `${keys.slice(0, 6).map(safe).join(', ')}${keys.length > 6 ? ', …' : ''}`);
  }
  return safe(v);
}

/** An ffprobe-like table; columns with no value in any row are left out. */
export function streamTable(streams: readonly MediaStream[]): string[] {
  const cols: Array<[string, (s: MediaStream) => string]> = [
    ['OUTPUT', (s) => safe(s.output)],
    ['TYPE', (s) => s.type],
    ['CODEC', (s) => safe(s.codec)],
    ['PROFILE', (s) => safe(s.profile)],
    ['LEVEL', (s) => (s.level !== null && s.level !== undefined ? String(s.level) : '')],
    ['PIX FMT', (s) => safe(s.pixFmt)],
    ['RESOLUTION', (s) => (s.width && s.height ? `${s.width}x${s.height}` : '')],
    ['DAR', (s) => safe(s.dar)],
    ['SAR', (s) => safe(s.sar)],
    ['FPS', (s) => (s.fps !== null ? String(Math.round(s.fps * 100) / 100) : '')],
    ['B-FRAMES', (s) => (s.hasBFrames !== null && s.hasBFrames !== undefined ? String(s.hasBFrames) : '')],
    ['BITRATE', (s) => (s.bitrateKbps !== null ? `${Math.round(s.bitrateKbps * 10) / 10} kb/s` : '')],
    ['CHANNELS', (s) => [s.channels ?? '', safe(s.channelLayout)].filter((x) => x !== '').join(' ')],
    ['SAMPLE FMT', (s) => safe(s.sampleFmt)],
    ['SAMPLE RATE', (s) => (s.sampleRate !== null ? `${s.sampleRate} Hz` : '')],
    ['TIME BASE', (s) => safe(s.timeBase)],
    ['START', (s) => (s.startTime !== null && s.startTime !== undefined ? `${s.startTime} s` : '')],
    ['DURATION', (s) => formatDuration(s.durationSeconds)],
    ['LANG', (s) => safe(s.language)],
  ];
  const cells = streams.map((s) => cols.map(([, f]) => f(s)));
  const used = cols.map((_, i) => cells.some((r) => r[i] !== ''));
  const keep = cols.map((c, i) => ({ c, i })).filter(({ i }) => used[i]);
  const head = keep.map(({ c }) => streamHeading(c[0]));
  const widths = keep.map(({ i }, j) => Math.max(displayWidth(head[j]!), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (vals: string[]) => vals.map((v, j) => padDisplay(v, widths[j]!)).join('  ').trimEnd();
  return [line(head), ...cells.map((r) => line(keep.map(({ i }) => r[i]!)))];
}

/** The stream table's column heading in the run's language (called per table: the catalog is set per run). */
function streamHeading(h: string): string {
  switch (h) {
    case 'OUTPUT': return l10n.t('OUTPUT');
    case 'TYPE': return l10n.t('TYPE');
    case 'CODEC': return l10n.t('CODEC');
    case 'PROFILE': return l10n.t('PROFILE');
    case 'LEVEL': return l10n.t('LEVEL');
    case 'RESOLUTION': return l10n.t('RESOLUTION');
    case 'BITRATE': return l10n.t('BITRATE');
    case 'CHANNELS': return l10n.t('CHANNELS');
    case 'SAMPLE RATE': return l10n.t('SAMPLE RATE');
    case 'START': return l10n.t('START');
    case 'DURATION': return l10n.t('DURATION');
    case 'LANG': return l10n.t('LANG');
    // PIX FMT, DAR, SAR, FPS, B-FRAMES, SAMPLE FMT, TIME BASE: ffprobe's own field names, as ffprobe prints them.
    default: return h;
  }
}
