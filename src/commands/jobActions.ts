/** Commands on tracked jobs: refresh, stop tracking, clear finished, copy, open in console, inspect, watch. */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { resolveJobs } from './jobArgs.js';
import { consoleUrl } from '../present/consoleLinks.js';
import { outputUrlItems, watchingStatusMessage } from '../present/messages.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { startsLikeHttpUrl } from '../util/urls.js';
import * as l10n from '../util/l10n.js';

function httpUrls(t: TrackedJob): string[] {
  return (t.snapshot?.outputs ?? []).map((o) => o.url).filter((u): u is string => typeof u === 'string' && startsLikeHttpUrl(u));
}

export function refreshAllCommand(deps: CommandDeps) {
  return async (): Promise<void> => {
    await deps.poller.refresh();
  };
}

export function refreshJobCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Refresh which job?'));
    if (jobs.length) await deps.poller.refresh(jobs.map((j) => j.key));
  };
}

export function stopTrackingCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Stop tracking which job?'));
    if (jobs.length) {
      deps.store.remove(jobs.map((j) => j.key));
      deps.logger.info(`stopped tracking ${jobs.map((j) => j.ref.id).join(', ')}`);
    }
  };
}

export function clearFinishedCommand(deps: CommandDeps) {
  return async (): Promise<void> => {
    const removed = deps.store.clearFinished();
    void vscode.window.setStatusBarMessage(removed.length === 1 ? l10n.t('Media Jobs: cleared {0} finished job', removed.length) : l10n.t('Media Jobs: cleared {0} finished jobs', removed.length), 4000);
  };
}

export function copyJobIdCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Copy the id of which job?'));
    if (jobs.length) await vscode.env.clipboard.writeText(jobs.map((j) => j.ref.id).join('\n'));
  };
}

export function copyOutputUrlCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Copy the output URL of which job?'));
    const urls = jobs.flatMap(httpUrls);
    if (urls.length === 0) {
      void vscode.window.showInformationMessage(l10n.t('This job has no output URL (yet).'));
      return;
    }
    let url = urls[0]!;
    if (urls.length > 1) {
      // Quick picks draw $(icon): the label is neutralised, the URL copied as it is.
      const pick = await deps.prompter.pick(outputUrlItems(urls), { placeHolder: l10n.t('Which output?') });
      if (!pick) return;
      url = pick.url;
    }
    await vscode.env.clipboard.writeText(url);
  };
}

export function openInConsoleCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Open which job in its cloud console?'));
    const t = jobs[0];
    if (!t) return;
    await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(t.ref, t.ref.region), true));
  };
}

export function inspectJobCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Inspect which job?'));
    if (jobs[0]) await deps.inspect(jobs[0]);
  };
}

export function openJobAsJsonCommand(deps: CommandDeps) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, l10n.t('Open which job as JSON?'));
    if (jobs[0]) await deps.openAsJson(jobs[0]);
  };
}

export function watchJobCommand(deps: CommandDeps, watched: boolean) {
  return async (arg?: unknown, selected?: unknown): Promise<void> => {
    const jobs = await resolveJobs(deps, arg, selected, watched ? l10n.t('Watch which job until it ends?') : l10n.t('Stop watching which job?'));
    for (const j of jobs) deps.store.setWatched(j.key, watched);
    if (watched && jobs.length) {
      deps.poller.wake();
      void vscode.window.setStatusBarMessage(watchingStatusMessage(jobs), 4000);
    }
  };
}
