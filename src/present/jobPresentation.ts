/**
 * Text for tracked jobs wherever they are shown: tree item labels and descriptions, Markdown tooltips and
 * hovers, context values for menus, status icons. Pure strings, so the vscode glue stays thin and every rule
 * is unit-tested.
 *
 * Job data is untrusted (names, URLs, error messages come from the cloud, and partly from whoever submitted the
 * job): everything that goes into Markdown is escaped, and only http(s) URLs ever become links.
 */
import { isTerminal, type Job, type JobOutput, type JobStatus } from '../model/job.js';
import { KIND_API, KIND_INFO, KIND_LABEL } from '../kinds/index.js';
import { shortId } from './shortId.js';
import { STATUS_COLOR, STATUS_ICON, STATUS_LABEL, statusLabelOf } from './status.js';
import { isHttpProtocol } from '../util/urls.js';
import { effectiveStatus } from './status.js';
import { isCasterRef } from '../kinds/refs.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { formatBytes } from './formatBytes.js';
import { stripUnsafeChars } from '../util/unsafeChars.js';
import { neutralise } from '../util/neutralise.js';
import * as l10n from '../util/l10n.js';
import { formatDateTime } from '../util/formatLocale.js';

const SEP = ' · ';

export { shortId };

/** '12 s', '3 min', '2 h', '5 d'. Negative ages (a skewed clock) read as '0 s'. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return l10n.t('{0} s', s);
  const min = Math.floor(s / 60);
  if (min < 60) return l10n.t('{0} min', min);
  const h = Math.floor(min / 60);
  if (h < 24) return l10n.t('{0} h', h);
  return l10n.t('{0} d', Math.floor(h / 24));
}

/** One line of plain text for labels: control characters and line breaks become spaces, long text is cut. */
function oneLine(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The API each kind's status comes from, for "GetEditingJobInfo reports no times". */
export { KIND_API };

/** A 32-hex id (IMS, VOD, MPC, OSS keys) or a UUID (Live ShowId, CasterId, edge JobId): an id, not a name. */
const ID_LIKE = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The job's name when it is one a person would recognise (an output file, a template, a stream name), else null:
 * a VOD VideoId, a `project <id>` fallback, an output file named after the job id (`<JobId>.mp4`) or a ShowId
 * are ids, and tell rows apart no better than the id does.
 */
export function jobName(t: TrackedJob): string | null {
  const s = t.snapshot;
  const isName = (text: string): boolean => {
    const core = text.replace(/^(?:template|project)\s+/i, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
    return core !== '' && core !== t.ref.id && core !== s?.id && !ID_LIKE.test(core);
  };
  const name = s?.name?.trim();
  if (name && isName(name)) return name;
  // An IMS template job whose output is named after the job: its template tells it apart.
  const template = s?.templateId?.trim();
  if (template && isName(template)) return `template ${template}`;
  return null;
}

/** Longest name in a tree row's label, so the description (progress, age) stays in view at the default width. */
const LABEL_NAME_MAX = 32;

/** Tree labels and descriptions: one line, no control, C1 or bidi characters, no link syntax (no icons drawn there). */
function plain(text: string, maxLength?: number): string {
  return neutralise(text, { icons: false, maxLength });
}

/**
 * What a tree row shows (the label, description, icon and menus), built once for getTreeItem and for change checks:
 * tracked rows (views/jobsTree.ts) and listed rows (recentNodes.ts).
 */
export interface RowLook {
  label: string;
  description: string;
  icon: string;
  color: string | undefined;
  contextValue: string;
  a11y: string;
}

/**
 * The tree row's label: what tells the job apart, its name (`merged.mp4`; the description ends with its short id),
 * else its short id (`5f3c9a1e…5a02`); `caster <id>` for a whole caster. Neutralised (see `plain`).
 */
export function jobLabel(t: TrackedJob): string {
  const ref = t.ref;
  if (isCasterRef(ref)) return plain(`caster ${shortId(ref.id)}`);
  const name = jobName(t);
  return name ? plain(name, LABEL_NAME_MAX) : plain(shortId(ref.id));
}

/**
 * The label of a job in messages and pickers: its short id and a useful name (template or file name, stream
 * name), or the context that tells it apart (its caster or cluster) when the cloud gives no name.
 */
export function jobTitle(t: TrackedJob): string {
  const ref = t.ref;
  if (isCasterRef(ref)) return l10n.t('caster {0}', shortId(ref.id));
  const head = shortId(ref.id);
  const name = t.snapshot?.name;
  if (name && name !== ref.id) return `${head}${SEP}${oneLine(name, 60)}`;
  if (ref.params.casterId) return `${head}${SEP}${l10n.t('caster {0}', shortId(ref.params.casterId))}`;
  if (ref.params.clusterId) return `${head}${SEP}${oneLine(ref.params.clusterId, 40)}`;
  return head;
}

function ms(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** An age for a tree row, to the minute ('<1 min', '3 min', '2 h', '5 d'), so the row changes at most once a minute. */
export function rowAge(elapsedMs: number): string {
  return elapsedMs < 60_000 ? l10n.t('<1 min') : formatAge(elapsedMs);
}

/**
 * What a job is doing, in a few words, without repeating the status its group already names: progress, or how
 * long it has run or waited (to the minute); the error code and how long it took once finished.
 */
export function statusPhrase(job: Job, now: number): string[] {
  const created = ms(job.createdAt);
  const started = ms(job.startedAt) ?? created;
  const completed = ms(job.completedAt);
  switch (job.status) {
    case 'running': {
      const out: string[] = [];
      // What the raw status says inside "running" (KindInfo.runningPhases: live editing's editing, uploading to VOD).
      const phases = KIND_INFO[job.kind].runningPhases;
      const phase = phases && Object.hasOwn(phases, job.rawStatus) ? phases[job.rawStatus] : undefined;
      if (phase) out.push(l10n.label(phase));
      if (job.progress !== null) out.push(`${Math.round(job.progress)} %`);
      else if (started !== null) out.push(l10n.t('started {0} ago', rowAge(now - started)));
      return out;
    }
    case 'queued':
      return created !== null ? [l10n.t('waiting {0}', rowAge(now - created))] : [];
    case 'succeeded':
    case 'failed':
    case 'partial':
    case 'cancelled': {
      // Nothing that ages: a finished row never changes by itself (when it finished is in the tooltip).
      const out: string[] = [];
      // A VOD task whose failed outputs carry no code has an error with an empty code: nothing to show then.
      if (job.status !== 'succeeded' && job.error?.code) out.push(plain(job.error.code, 40));
      if (completed !== null && started !== null) out.push(l10n.t('took {0}', formatAge(completed - started)));
      return out;
    }
    case 'stopped': {
      // The kind's own word for its value, when it says more than the group does (edge "0": not started).
      const own = statusLabelOf(job.kind, job.status, job.rawStatus);
      return own !== l10n.label(STATUS_LABEL.stopped) ? [own.toLowerCase()] : [];
    }
    case 'unknown':
      return [l10n.t('status {0}', plain(job.rawStatus || '?', 30))];
  }
}

/**
 * The description beside a job's label: progress or elapsed time while running, waiting time while queued, the
 * error code and how long it took once finished; ages only to the minute, and never the age of the last check
 * (that is in the tooltip), so a row changes only when the job does or, at most, once a minute. A poll error
 * shows as "⚠ <code>" first; before the first fetch: "checking…". When the label is the job's name, the short id
 * comes last (what the row is doing stays in view in a narrow side bar; the id follows). Neutralised like the label.
 */
export function jobDescription(t: TrackedJob, now: number): string {
  const parts: string[] = [];
  if (t.lastError) parts.push(`⚠ ${plain(t.lastError.code ?? t.lastError.kind, 40)}`);
  if (!t.snapshot) {
    if (!t.lastError) parts.push(l10n.t('checking…'));
  } else {
    parts.push(...statusPhrase(t.snapshot, now));
  }
  if (!isCasterRef(t.ref) && jobName(t) !== null) parts.push(plain(shortId(t.ref.id)));
  return parts.join(SEP);
}

/**
 * Escapes text for Markdown: every ASCII punctuation character gets a backslash (CommonMark allows that for
 * all of them), so no job string can open a link, an image, HTML, emphasis, a heading or an autolink
 * (`https\:\/\/…` is not autolinked). Line breaks and tabs become spaces so nothing can start a new block;
 * control, C1 and bidirectional characters are removed (src/util/unsafeChars.ts).
 *
 * Theme icons: MarkdownStrings with supportThemeIcons draw `$(name)` found in the RENDERED text, after Markdown
 * has consumed its backslashes, so `\$\(x\)` alone would still become an icon. Like VS Code's
 * MarkdownString.appendText, `$(name)` is first escaped for the icon renderer (`\$(name)`), and then that backslash is
 * escaped for Markdown with everything else: `$(x)` → `\\\$\(x\)`, which renders as the text `$(x)`.
 */
export function escapeMarkdown(text: string): string {
  return stripUnsafeChars(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '))
    .replace(/\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, '\\$&')
    .replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** An http(s) URL made safe for a Markdown link destination, or null for any other scheme or a malformed URL. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!isHttpProtocol(url.protocol)) return null;
  if (url.username || url.password) return null;
  // URL.href percent-encodes spaces, quotes and angle brackets; parentheses would still end the destination.
  return url.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

/** True when the output has a URL that can be opened or copied as a web link. */
export function hasHttpUrl(o: JobOutput): boolean {
  return safeHttpUrl(o.url) !== null;
}

/**
 * A job's moment in the display language: `2026-12-04 22:41:05 UTC` in English (as always), the local time with its
 * zone in others (`2026/12/05 06:41:05 (UTC+8)`, src/util/formatLocale.ts). Intl's text holds no Markdown.
 */
function when(iso: string | null): string | null {
  const t = ms(iso);
  if (t === null) return iso === null ? null : escapeMarkdown(iso);
  return formatDateTime(t);
}

function seconds(s: number): string {
  if (s < 60) return l10n.t('{0} s', (Math.round(s * 10) / 10).toLocaleString(l10n.l10nLocale()));
  const m = Math.floor(s / 60);
  const rest = Math.round(s - m * 60);
  if (m < 60) return rest ? l10n.t('{0} min {1} s', m, rest) : l10n.t('{0} min', m);
  return l10n.t('{0} h {1} min', Math.floor(m / 60), m % 60);
}

function outputLine(o: JobOutput): string {
  const name = o.fileName ?? o.label ?? o.definition ?? o.mediaId ?? o.url ?? 'output';
  const link = safeHttpUrl(o.url);
  const head = link ? `[${escapeMarkdown(name)}](${link})` : escapeMarkdown(name);
  const facts: string[] = [];
  if (!link && o.url && o.url !== name) facts.push(escapeMarkdown(o.url));
  if (o.definition && o.definition !== name) facts.push(escapeMarkdown(o.definition));
  if (o.width !== null && o.height !== null) facts.push(`${o.width}×${o.height}`);
  if (o.format) facts.push(escapeMarkdown(o.format));
  if (o.sizeBytes !== null) facts.push(formatBytes(o.sizeBytes));
  if (o.durationSeconds !== null) facts.push(seconds(o.durationSeconds));
  if (o.mediaId && o.mediaId !== name) facts.push(l10n.t('media {0}', escapeMarkdown(o.mediaId)));
  if (o.status) facts.push(escapeMarkdown(l10n.label(STATUS_LABEL[o.status]).toLowerCase()));
  if (o.error) facts.push(`${escapeMarkdown(o.error.code)}: ${escapeMarkdown(o.error.message)}`);
  return `- ${head}${facts.length ? ` — ${facts.join(SEP)}` : ''}`;
}

/**
 * The Markdown tooltip (and hover body) of a tracked job: kind, id, status with the cloud's own value, progress,
 * times (UTC in English, local with the zone in other languages) with their ages at `now` (the tree builds it when the tooltip opens: resolveTreeItem), duration,
 * the job's error (or that the API reports none for a failed job, with a hint), outputs (links only for http(s)
 * URLs), the last poll error and when the job was last checked. When the API reports no time at all, it says so
 * once. Every job-derived string is escaped.
 */
export function jobTooltipMarkdown(t: TrackedJob, now: number): string {
  const s = t.snapshot;
  const ref = t.ref;
  const status = effectiveStatus(t);
  const blocks: string[] = [];
  const kindLabel = isCasterRef(ref) ? l10n.t('{0} (whole caster)', l10n.label(KIND_LABEL[ref.kind])) : l10n.label(KIND_LABEL[ref.kind]);
  const statusText = s
    ? `${escapeMarkdown(statusLabelOf(s.kind, status, s.rawStatus))}${s.rawStatus ? ` (${escapeMarkdown(s.rawStatus)})` : ''}`
    : t.lastError ? l10n.t('not fetched yet') : l10n.t('checking…');
  blocks.push(`**${escapeMarkdown(kindLabel)}**${SEP}${statusText}`);

  const facts: string[] = [l10n.t('Id: {0}', escapeMarkdown(ref.id))];
  // What a job's name is (KindInfo.nameLabel: a VOD task's is its VideoId).
  const nameLabel = KIND_INFO[ref.kind].nameLabel;
  if (s?.name && s.name !== ref.id) facts.push(l10n.t('{0}: {1}', nameLabel ? l10n.label(nameLabel) : l10n.t('Name'), escapeMarkdown(s.name)));
  facts.push(l10n.t('Region: {0}', escapeMarkdown(ref.region)));
  // The account it is polled with; a job saved before profiles is the "default" profile's.
  if (ref.profile) facts.push(l10n.t('Profile: {0}', escapeMarkdown(ref.profile)));
  if (ref.params.casterId) facts.push(l10n.t('Caster: {0}', escapeMarkdown(ref.params.casterId)));
  if (ref.params.clusterId) facts.push(l10n.t('Cluster: {0}', escapeMarkdown(ref.params.clusterId)));
  const project = ref.params.projectId ?? s?.params.projectId;
  if (project) facts.push(l10n.t('Project: {0}', escapeMarkdown(project)));
  if (s?.templateId) facts.push(l10n.t('Template: {0}', escapeMarkdown(s.templateId)));
  for (const line of inputLines(s?.inputs)) facts.push(line);
  if (s?.progress !== null && s?.progress !== undefined && !isTerminal(status)) facts.push(l10n.t('Progress: {0} %', Math.round(s.progress)));
  for (const [label, iso] of [[l10n.t('Created'), s?.createdAt], [l10n.t('Started'), s?.startedAt], [l10n.t('Stopped'), s?.stoppedAt], [l10n.t('Completed'), s?.completedAt]] as const) {
    const text = when(iso ?? null);
    const at = ms(iso);
    if (text) facts.push(l10n.t('{0}: {1}', label, `${text}${at !== null ? l10n.t(', {0} ago', formatAge(now - at)) : ''}`));
  }
  if (s && !s.createdAt && !s.startedAt && !s.completedAt && !s.updatedAt && !s.stoppedAt) facts.push(l10n.t('{0} reports no times', KIND_API[s.kind]));
  const started = ms(s?.startedAt) ?? ms(s?.createdAt);
  const completed = ms(s?.completedAt);
  if (started !== null && completed !== null) facts.push(l10n.t('Took: {0}', formatAge(completed - started)));
  if (s?.durationSeconds !== null && s?.durationSeconds !== undefined) facts.push(l10n.t('Media duration: {0}', seconds(s.durationSeconds)));
  blocks.push(facts.join('  \n'));

  if (s?.error) blocks.push(l10n.t('**Error** {0}{1}', s.error.code ? `${escapeMarkdown(s.error.code)}: ` : '', escapeMarkdown(s.error.message)));
  else if (s && (s.status === 'failed' || s.status === 'partial')) blocks.push(noErrorReported(s));
  if (s && s.outputs.length > 0) {
    const shown = s.outputs.slice(0, 10).map(outputLine);
    if (s.outputs.length > 10) shown.push(l10n.t('- … and {0} more', s.outputs.length - 10));
    blocks.push(`${l10n.t('**Outputs**')}\n\n${shown.join('\n')}`);
  }
  if (t.lastError) {
    const e = t.lastError;
    const lines = [l10n.t('**Last poll failed**{0}: {1}', e.code ? ` ${escapeMarkdown(e.code)}` : '', escapeMarkdown(e.message))];
    if (e.hint) lines.push(l10n.t('Hint: {0}', escapeMarkdown(e.hint)));
    const at = ms(e.at);
    if (at !== null) lines.push(l10n.t('Since {0} ago', formatAge(now - at)));
    blocks.push(lines.join('  \n'));
  }
  const checked = ms(t.lastCheckedAt);
  const tail: string[] = [checked !== null ? l10n.t('Last checked {0} ago', formatAge(now - checked)) : l10n.t('Not checked yet')];
  if (t.watched) tail.push(l10n.t('watched until done'));
  if (t.snapshotTrimmed) tail.push(l10n.t('saved snapshot was trimmed; inspect to fetch it in full'));
  blocks.push(`_${tail.join(SEP)}_`);
  return blocks.join('\n\n');
}

/** `Input: <url>` lines (at most 3, then how many more): escaped text, never a link (an input is not ours to open from here). */
function inputLines(inputs: Job['inputs']): string[] {
  const list = (inputs ?? []).filter((i) => i.url);
  const lines = list.slice(0, 3).map((i) => (i.label ? l10n.t('Input ({0}): {1}', escapeMarkdown(i.label), escapeMarkdown(i.url ?? '')) : l10n.t('Input: {0}', escapeMarkdown(i.url ?? ''))));
  if (list.length > 3) lines.push(l10n.t('Inputs: … and {0} more', list.length - 3));
  return lines;
}

/** A failed job whose API gives no error code or message (Live editing: TaskStatus -1 and nothing else). */
function noErrorReported(s: Job): string {
  const h = KIND_INFO[s.kind].failureHint;
  const named = h?.param && s.params[h.param] ? ` (${h.paramLabel ? l10n.label(h.paramLabel) : h.param} ${escapeMarkdown(s.params[h.param]!)})` : '';
  const hint = l10n.t('{0}{1} in {2} (Open in Console) may say why', h ? l10n.label(h.place) : l10n.t('the job'), named, h ? l10n.label(h.console) : l10n.t('its cloud console'));
  return `${l10n.t('**Error** {0} reports no error code or message for this job', KIND_API[s.kind])}  \n${l10n.t('Hint: {0}', hint)}`;
}

/**
 * The tree item's contextValue, so menus offer only valid actions: `job;kind-<kind>;status-<status>;`, then
 * `active;` or `terminal;`, `watched;` or `unwatched;`, and `hasOutputUrl;` / `hasError;` when they apply.
 * Every token ends with ';' so `when` clauses can match `/;active;/` without false hits.
 */
export function contextValue(t: TrackedJob): string {
  const status = effectiveStatus(t);
  const tokens = ['job', `kind-${t.ref.kind}`, `status-${status}`, isTerminal(status) ? 'terminal' : 'active', t.watched ? 'watched' : 'unwatched'];
  if (t.snapshot?.outputs.some(hasHttpUrl)) tokens.push('hasOutputUrl');
  if (t.lastError || t.snapshot?.error) tokens.push('hasError');
  return `${tokens.join(';')};`;
}

/** The http(s) output URLs of a job, in order (for Copy Output URL). */
export function outputUrls(t: TrackedJob): string[] {
  return (t.snapshot?.outputs ?? []).flatMap((o) => {
    const u = safeHttpUrl(o.url);
    return u === null ? [] : [u];
  });
}

/** Codicon id, theme colour id and spin per status, for ThemeIcons in the tree and the status bar. */
export function statusIcon(status: JobStatus): { id: string; color: string | null; spin: boolean } {
  return { id: STATUS_ICON[status], color: STATUS_COLOR[status], spin: status === 'running' };
}
