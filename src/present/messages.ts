/**
 * Every message, status bar message, quick pick item and prompt that carries text from a cloud (job names, error
 * codes and messages, output URLs), a document (ids found in it), the workspace (folder and workspace-file names)
 * or a local file (aliyun CLI profiles). Pure (no vscode), so each is unit-tested with hostile text; the callers
 * (notifications.ts, extension.ts, src/commands/) only pass the result to vscode.
 *
 * Each builder composes its sentence and neutralises the WHOLE of it (src/util/neutralise.ts), so no two pieces
 * can join into a link: notifications and input prompts turn `[label](command:…)` into a clickable command; the
 * status bar, quick picks and input prompts draw `$(icon)`; control, C1 and bidi characters never pass.
 */
import { neutralise } from '../util/neutralise.js';
import { type JobStatus } from '../model/job.js';
import { jobTitle } from './jobPresentation.js';
import { effectiveStatus } from './status.js';
import { type TrackedError, type TrackedJob } from '../model/trackedJob.js';
import * as l10n from '../util/l10n.js';

/** A notification (showInformation/Warning/ErrorMessage): links neutralised; it draws no icons. */
export function messageText(text: string, maxLength = 500): string {
  return neutralise(text, { icons: false, maxLength });
}

/** Text for a surface that draws `$(icon)` (status bar message, quick pick item, input box prompt). */
export function iconSurfaceText(text: string, maxLength = 300): string {
  return neutralise(text, { maxLength });
}

function errorText(e: Pick<TrackedError, 'code' | 'kind' | 'message' | 'hint'>): string {
  return `${e.code ?? e.kind}: ${e.message}${e.hint ? ` (${e.hint})` : ''}`;
}

/** The notification when a tracked job finishes (Notifier). */
export function finishedMessage(t: TrackedJob, status: JobStatus = effectiveStatus(t)): string {
  const s = t.snapshot;
  const detail = s?.error ? `: ${[s.error.code, s.error.message].filter((x) => x).join(' ')}` : '';
  const title = jobTitle(t);
  const text = status === 'succeeded' ? l10n.t('{0} {1} succeeded{2}', t.ref.kind, title, detail)
    : status === 'partial' ? l10n.t('{0} {1} partly failed{2}', t.ref.kind, title, detail)
      : status === 'cancelled' ? l10n.t('{0} {1} was cancelled{2}', t.ref.kind, title, detail)
        : l10n.t('{0} {1} failed{2}', t.ref.kind, title, detail);
  return messageText(text, 400);
}

/** Open Job as JSON of a job that could not be fetched. */
export function cannotOpenMessage(t: TrackedJob): string {
  const e = t.lastError;
  return messageText(l10n.t('Cannot open {0}: {1}', t.ref.id, e ? `${e.code ?? e.kind}: ${e.message}` : l10n.t('not fetched yet')));
}

/** Look Up Job ID at Cursor: the first fetch of the job failed. */
export function lookUpFailedMessage(kind: string, id: string, e: TrackedError): string {
  return messageText(`${kind} ${id}: ${errorText(e)}`);
}

/** A command handler threw (registerCommands). */
export function commandFailedMessage(message: string): string {
  return messageText(l10n.t('Media Jobs: {0}', message));
}

/** Settings problems (endpoint overrides, workspace files that try to set them: their names come from the workspace). */
export function settingsProblemMessage(text: string): string {
  return messageText(l10n.t('Media Jobs: {0}', text), 800);
}

/** The saved list of tracked jobs could not be read. */
export function savedStateProblemMessage(problem: string): string {
  return messageText(l10n.t('Media Jobs: the saved list of tracked jobs could not be read ({0}). It was kept as a backup; the list starts empty.', problem));
}

export function credentialsNotSavedMessage(label: string, e: unknown): string {
  return messageText(l10n.t('{0} credentials not saved: {1}', label, e instanceof Error ? e.message : String(e)));
}

export function noAliyunCliConfigMessage(path: string): string {
  return messageText(l10n.t('No aliyun CLI configuration at {0}. Run "aliyun configure" first, or set the credentials by hand.', path));
}

export function aliyunCliImportFailedMessage(reason: string): string {
  return messageText(l10n.t('Cannot import the aliyun CLI profile: {0}', reason));
}

/** Quick pick of the aliyun CLI profiles: the label is shown, `profile` is the name to import. */
export function profileItems(names: readonly string[]): Array<{ label: string; profile: string }> {
  return names.map((n) => ({ label: iconSurfaceText(n, 120), profile: n }));
}

/** The quick pick's placeholder when the current profile cannot be imported. */
export function profilePlaceholder(reason: string): string {
  return neutralise(l10n.t('{0}. Import which profile?', reason), { icons: false, maxLength: 300 });
}

/** Status bar message of Watch Job. */
export function watchingStatusMessage(jobs: readonly TrackedJob[]): string {
  return iconSurfaceText(l10n.t('Media Jobs: watching {0} until done, even in the background', jobs.map(jobTitle).join(', ')));
}

/** Status bar message after a hover's Copy ID. */
export function copiedStatusMessage(id: string): string {
  return iconSurfaceText(l10n.t('Media Jobs: copied {0}', id));
}

export function alreadyTrackedStatusMessage(id: string): string {
  return iconSurfaceText(l10n.t('Media Jobs: {0} is already tracked', id));
}

/** Quick pick of tracked jobs (commands run from the palette). */
export function jobPickItems(jobs: readonly TrackedJob[]): Array<{ label: string; description: string; detail: string; key: string }> {
  return jobs.map((t) => ({
    label: iconSurfaceText(jobTitle(t), 200),
    description: iconSurfaceText(`${t.ref.kind} · ${effectiveStatus(t)}`, 200),
    detail: iconSurfaceText(t.ref.id, 200),
    key: t.key,
  }));
}

/** Quick pick of output URLs (Copy Output URL): the label is shown, `url` is what is copied. */
export function outputUrlItems(urls: readonly string[]): Array<{ label: string; url: string }> {
  return urls.map((u) => ({ label: iconSurfaceText(u, 300), url: u }));
}

/** A quick pick or input box title (shown as text: only controls and bidi characters matter). */
export function titleText(text: string): string {
  return neutralise(text, { icons: false, maxLength: 200 });
}

/** An input box prompt: VS Code renders links and icons in it. */
export function promptText(text: string): string {
  return iconSurfaceText(text, 300);
}
