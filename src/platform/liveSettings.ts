/**
 * The extension's settings as they are now: read at activation, read again when `mediaJobs.*` or `http.*`
 * changes, and told which workspace settings files try to set endpoints (found off the activation path; those
 * are reported and never used). Endpoint problems are reported once per distinct text, not on every change.
 */
import * as vscode from 'vscode';
import { Emitter, type Event } from '../util/event.js';
import { settingsProblemMessage } from '../present/messages.js';
import { type Logger } from './logger.js';
import { findWorkspaceEndpointOverrides, readSettings, type Settings } from './settings.js';
import { accessSettingsChanged } from './settingsModel.js';

export interface SettingsChange {
  settings: Settings;
  /** Endpoints, signature, default regions or proxy changed: the cloud clients must be built again. */
  accessChanged: boolean;
}

export class LiveSettings implements vscode.Disposable {
  private value: Settings = readSettings();
  private workspaceOverrides: string[] = [];
  private reported = '';
  private readonly changed = new Emitter<SettingsChange>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange: Event<SettingsChange> = this.changed.event;

  constructor(private readonly logger: Logger) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('mediaJobs') && !e.affectsConfiguration('http')) return;
      this.reload();
      void this.findOverrides();
    });
  }

  get current(): Settings {
    return this.value;
  }

  /** Looks for workspace files that try to set endpoints (reads files: call it off the activation path). */
  async findOverrides(): Promise<void> {
    const found = await findWorkspaceEndpointOverrides();
    if (found.join('\n') !== this.workspaceOverrides.join('\n')) {
      this.workspaceOverrides = found;
      this.reload();
    } else {
      this.reportProblems();
    }
  }

  private reload(): void {
    const before = this.value;
    this.value = readSettings(this.workspaceOverrides);
    this.reportProblems();
    this.changed.fire({ settings: this.value, accessChanged: accessSettingsChanged(before, this.value) });
  }

  private reportProblems(): void {
    const text = this.value.endpointProblems.join('; ');
    if (text === this.reported) return;
    this.reported = text;
    if (!text) return;
    this.logger.warn(text);
    // Names workspace folders and the .code-workspace file: the workspace chooses them (the message neutralises them).
    void vscode.window.showWarningMessage(settingsProblemMessage(text));
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
