/**
 * The Markdown of a job id's hover, and the command links in it. Pure strings (no vscode import), so every rule is
 * unit-tested; src/views/jobHover.ts wraps them in a trusted MarkdownString.
 *
 * - Tracked job: status with its icon, then the job's tooltip (progress, times, error, outputs: jobTooltipMarkdown).
 * - Untracked, fetched once: the same, marked "not tracked".
 * - Not found: the kinds tried, the API's error code and message, and its hint.
 * - Not fetched (no credentials, timed out, a kind that needs a parameter the text does not give): the kind(s)
 *   and the id, and why there is no status.
 * Then the links: Inspect, Track (untracked only), Copy ID, Copy aliyun/hcloud Command (tracked only), Open in Console. They are command URIs of exactly the
 * commands in HOVER_COMMANDS (the MarkdownString trusts only those). Everything from job data or the document is
 * escaped; arguments are JSON, percent-encoded, with parentheses encoded too so they cannot end the link.
 */
import { type Job, type JobKind } from '../model/job.js';
import { type JobIdHit, type JobReferenceArgs } from '../model/jobIdHit.js';
import { jobKey } from '../kinds/refs.js';
import { type JobRef } from '../model/jobRef.js';
import { KIND_CLOUD, KIND_LABEL } from '../kinds/index.js';
import { escapeMarkdown, jobTooltipMarkdown, statusIcon } from './jobPresentation.js';
import { COMMANDS } from '../constants.js';
import { effectiveStatus } from './status.js';
import { type TrackedJob } from '../model/trackedJob.js';
import * as l10n from '../util/l10n.js';

/** The command ids the hover links use (and the only ones its MarkdownString enables). */
export const HOVER_COMMANDS = {
  inspectJob: COMMANDS.inspectJob,
  copyJobId: COMMANDS.copyJobId,
  openInConsole: COMMANDS.openInConsole,
  openJobReference: COMMANDS.openJobReference,
  copyAsAliyunCommand: COMMANDS.copyAsAliyunCommand,
  copyAsHcloudCommand: COMMANDS.copyAsHcloudCommand,
} as const;

export const HOVER_ENABLED_COMMANDS: readonly string[] = Object.values(HOVER_COMMANDS);

/** The arguments of `mediaJobs.openJobReference` for a hit (`needs` left out when empty; validated back by src/protocol/commandArgs.ts). */
export function argsOfHit(hit: JobIdHit, action?: JobReferenceArgs['action'], kinds: readonly JobKind[] = hit.kinds): JobReferenceArgs {
  return {
    id: hit.id, kinds: [...kinds], params: { ...hit.params }, ...(hit.region ? { region: hit.region } : {}),
    ...(hit.needs.length ? { needs: [...hit.needs] } : {}), ...(action ? { action } : {}),
  };
}

/** `command:<id>?<args>` with the arguments JSON-encoded and safe inside a Markdown link destination. */
export function commandUri(command: string, args: readonly unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}

function link(label: string, command: string, args: readonly unknown[], title: string): string {
  return `[${label}](${commandUri(command, args)} "${title.replace(/["\\]/g, '')}")`;
}

function statusLine(t: TrackedJob): string {
  const icon = statusIcon(effectiveStatus(t));
  return `$(${icon.id}${icon.spin ? '~spin' : ''})`;
}

/** The links of a tracked job: Inspect, Copy ID, Copy its cloud CLI's command, Open in Console (by its key). */
export function trackedLinks(t: TrackedJob): string {
  const huawei = KIND_CLOUD[t.ref.kind] === 'huawei';
  return [
    link(`$(inspect) ${l10n.t('Inspect')}`, HOVER_COMMANDS.inspectJob, [t.key], l10n.t('Open the job in the inspector')),
    link(`$(copy) ${l10n.t('Copy ID')}`, HOVER_COMMANDS.copyJobId, [t.key], l10n.t('Copy the job id')),
    huawei
      ? link(`$(terminal) ${l10n.t('Copy hcloud Command')}`, HOVER_COMMANDS.copyAsHcloudCommand, [t.key], l10n.t('Copy the hcloud command that asks for this job'))
      : link(`$(terminal) ${l10n.t('Copy aliyun Command')}`, HOVER_COMMANDS.copyAsAliyunCommand, [t.key], l10n.t('Copy the aliyun CLI command that asks for this job')),
    link(`$(link-external) ${l10n.t('Open in Console')}`, HOVER_COMMANDS.openInConsole, [t.key], l10n.t('Open the cloud console')),
  ].join(' · ');
}

/** The links of an id that is not tracked: Inspect, Track, Copy ID, Open in Console (all through openJobReference). */
export function untrackedLinks(m: JobIdHit, kinds: readonly JobKind[] = m.kinds): string {
  const ref = (action: JobReferenceArgs['action']): JobReferenceArgs[] => [argsOfHit(m, action, kinds)];
  return [
    link(`$(inspect) ${l10n.t('Inspect')}`, HOVER_COMMANDS.openJobReference, ref('inspect'), l10n.t('Track the job and open it in the inspector')),
    link(`$(add) ${l10n.t('Track')}`, HOVER_COMMANDS.openJobReference, ref('track'), l10n.t('Track the job')),
    link(`$(copy) ${l10n.t('Copy ID')}`, HOVER_COMMANDS.openJobReference, ref('copy'), l10n.t('Copy the job id')),
    link(`$(terminal) ${l10n.t('Copy CLI Command')}`, HOVER_COMMANDS.openJobReference, ref('command'), l10n.t('Copy the cloud CLI command that asks for this job')),
    link(`$(link-external) ${l10n.t('Open in Console')}`, HOVER_COMMANDS.openJobReference, ref('console'), l10n.t('Open the cloud console')),
  ].join(' · ');
}

function kindsText(kinds: readonly JobKind[]): string {
  return kinds.map((k) => `${escapeMarkdown(l10n.label(KIND_LABEL[k]))} (${escapeMarkdown(k)})`).join(l10n.t(' or '));
}

/** Hover of a tracked job: icon and status first, then its tooltip, then the links. */
export function trackedHoverMarkdown(t: TrackedJob, now: number): string {
  return `${statusLine(t)} ${jobTooltipMarkdown(t, now)}\n\n---\n\n${trackedLinks(t)}`;
}

/** Hover of a job fetched just now for the hover (not tracked). */
export function fetchedHoverMarkdown(job: Job, ref: JobRef, now: number, m: JobIdHit, more = 0, profile: string | null = null): string {
  const at = new Date(now).toISOString();
  const t: TrackedJob = { key: jobKey(ref), ref, snapshot: job, lastError: null, addedAt: at, lastCheckedAt: at, watched: false };
  const extra = more === 1 ? `\n\n_${l10n.t('and {0} more task of this caster', more)}_` : more > 0 ? `\n\n_${l10n.t('and {0} more tasks of this caster', more)}_` : '';
  // Several accounts: say whose answer this is (the cloud's default profile looked it up).
  const who = profile ? ` · ${l10n.t('looked up with profile {0}', escapeMarkdown(profile))}` : '';
  return `${statusLine(t)} ${jobTooltipMarkdown(t, now)}${extra}\n\n_${l10n.t('Not tracked')}_${who}\n\n---\n\n${untrackedLinks(m, [ref.kind])}`;
}

export interface NotFoundInfo {
  kinds: JobKind[];
  code: string | null;
  message: string;
  hint: string | null;
}

/** Hover of an id the APIs do not know: which kinds were tried, the API's answer and its hint. */
export function notFoundHoverMarkdown(m: JobIdHit, info: NotFoundInfo): string {
  const lines = [
    `$(question) **${l10n.t('Not found')}** · ${kindsText(info.kinds)}`,
    l10n.t('Id: {0}', escapeMarkdown(m.id)),
    `${info.code ? `${escapeMarkdown(info.code)}: ` : ''}${escapeMarkdown(info.message)}`,
  ];
  if (info.hint) lines.push(l10n.t('Hint: {0}', escapeMarkdown(info.hint)));
  return `${lines.join('  \n')}\n\n---\n\n${untrackedLinks(m)}`;
}

/** Hover without a status: the kinds and the id, and why nothing was fetched. */
export function unfetchedHoverMarkdown(m: JobIdHit, why: string): string {
  const lines = [`**${kindsText(m.kinds)}**`, l10n.t('Id: {0}', escapeMarkdown(m.id))];
  if (m.params.casterId) lines.push(l10n.t('Caster: {0}', escapeMarkdown(m.params.casterId)));
  if (m.params.showId) lines.push(l10n.t('Show: {0}', escapeMarkdown(m.params.showId)));
  if (m.params.clusterId) lines.push(l10n.t('Cluster: {0}', escapeMarkdown(m.params.clusterId)));
  if (m.params.projectId) lines.push(l10n.t('Project: {0}', escapeMarkdown(m.params.projectId)));
  if (m.region) lines.push(l10n.t('Region: {0}', escapeMarkdown(m.region)));
  lines.push(`_${escapeMarkdown(why)}_`);
  return `${lines.join('  \n')}\n\n---\n\n${untrackedLinks(m)}`;
}
