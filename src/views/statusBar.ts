/** A status bar item with the number of running jobs; clicking it reveals the view. */
import * as vscode from 'vscode';
import { VIEW_ID } from '../constants.js';
import { effectiveStatus } from '../present/status.js';
import { type JobStore } from '../tracking/jobStore.js';
import * as l10n from '../util/l10n.js';

export function createStatusBar(store: JobStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('mediaJobs.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Media Jobs';
  item.command = `${VIEW_ID}.focus`;
  const update = () => {
    const jobs = store.all();
    const running = jobs.filter((j) => effectiveStatus(j) === 'running').length;
    const queued = jobs.filter((j) => effectiveStatus(j) === 'queued').length;
    const failed = jobs.filter((j) => ['failed', 'partial'].includes(effectiveStatus(j))).length;
    if (jobs.length === 0) {
      item.hide();
      return;
    }
    item.text = running > 0 ? `$(sync~spin) ${l10n.t('{0} running', running)}` : `$(pass) ${l10n.t('{0} tracked', jobs.length)}`;
    const parts = [l10n.t('{0} running', running), l10n.t('{0} queued', queued), l10n.t('{0} failed or partial', failed), l10n.t('{0} tracked', jobs.length)];
    item.tooltip = l10n.t('Media Jobs: {0}. Click to show the view.', parts.join(l10n.t(', ')));
    item.accessibilityInformation = { label: l10n.t('Media Jobs: {0}', parts.join(l10n.t(', '))) };
    item.show();
  };
  update();
  const sub = store.onDidChange(update);
  return { dispose: () => (sub.dispose(), item.dispose()) };
}
