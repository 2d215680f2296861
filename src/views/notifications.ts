/**
 * Tells the user when a tracked job finishes: information for success, a warning for failure or partial
 * failure, with Inspect and Copy Job ID. The setting chooses all, failures only, or none. A job tracked
 * when already finished raises nothing (previous status unknown): the user has just seen it. The text is built
 * by finishedMessage (src/present/messages.ts), which neutralises the job's data.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../constants.js';
import { effectiveStatus } from '../present/status.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { type JobStatus } from '../model/job.js';
import { type NotificationMode } from '../platform/settings.js';
import { finishedMessage } from '../present/messages.js';
import * as l10n from '../util/l10n.js';

export interface ShownNotification {
  key: string;
  level: 'info' | 'warning';
  message: string;
}

export class Notifier {
  /** What was shown, newest last (read by the integration tests). */
  readonly shown: ShownNotification[] = [];

  constructor(private readonly mode: () => NotificationMode) {}

  onTransition(e: { job: TrackedJob; previous: JobStatus | null }): void {
    if (e.previous === null) return;
    const status = effectiveStatus(e.job);
    const mode = this.mode();
    // A cancelled job is no failure: someone stopped it (shown with `all`, like a success).
    if (mode === 'none' || (mode === 'failures' && (status === 'succeeded' || status === 'cancelled'))) return;
    // The job's name, error code and message come from the cloud: neutralised (no command link, no controls).
    const message = finishedMessage(e.job, status);
    const level = status === 'succeeded' || status === 'cancelled' ? 'info' : 'warning';
    this.shown.push({ key: e.job.key, level, message });
    if (this.shown.length > 50) this.shown.shift();
    const show = level === 'info' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    const inspect = l10n.t('Inspect');
    const copy = l10n.t('Copy Job ID');
    void show(message, inspect, copy).then((choice) => {
      if (choice === inspect) void vscode.commands.executeCommand(COMMANDS.inspectJob, e.job.key);
      else if (choice === copy) void vscode.env.clipboard.writeText(e.job.ref.id);
    });
  }
}
