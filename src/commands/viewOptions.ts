/** Filter, clear filter, toggle grouping, show logs. */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { CONFIG_SECTION } from '../constants.js';
import { STATUS_ORDER } from '../present/grouping.js';
import { type JobStatus } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export function filterJobsCommand(deps: CommandDeps) {
  return async (): Promise<void> => {
    const current = deps.tree.currentFilter;
    const text = await deps.prompter.input({
      title: l10n.t('Filter tracked jobs (1/2)'),
      prompt: l10n.t('Text to match in id, name, kind, region or raw status (empty: any)'),
      value: current?.text ?? '',
    });
    if (text === undefined) return;
    const picked = await deps.prompter.pickMany(
      STATUS_ORDER.map((s) => ({ label: s, picked: current?.statuses?.includes(s) ?? false })),
      { title: l10n.t('Filter tracked jobs (2/2)'), placeHolder: l10n.t('Only these statuses (none picked: all)') },
    );
    if (picked === undefined) return;
    const statuses = picked.map((p) => p.label as JobStatus);
    deps.tree.setFilter({ ...(text.trim() ? { text: text.trim() } : {}), ...(statuses.length ? { statuses } : {}) });
  };
}

export function clearFilterCommand(deps: CommandDeps) {
  return async (): Promise<void> => deps.tree.setFilter(undefined);
}

export function toggleGroupingCommand(deps: CommandDeps) {
  return async (): Promise<void> => {
    const next = deps.tree.currentGrouping === 'cloud' ? 'status' : 'cloud';
    deps.tree.setGrouping(next);
    await vscode.workspace.getConfiguration(CONFIG_SECTION).update('groupBy', next, vscode.ConfigurationTarget.Global);
  };
}

export function showLogsCommand(deps: CommandDeps) {
  return async (): Promise<void> => deps.logger.channel.show(true);
}
