/**
 * The extension's log: a LogOutputChannel whose every line passes through redaction first, so a secret
 * or a signature can never reach the output channel, whatever a server echoes or a bug formats. Control, C1 and
 * bidirectional characters (src/util/unsafeChars.ts) are removed from every line.
 */
import * as vscode from 'vscode';
import { redactSecrets } from '../clouds/http/redact.js';
import { stripUnsafeChars } from '../util/unsafeChars.js';
import { type LogLevelSetting } from './settings.js';

const ORDER: Record<LogLevelSetting, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 };

export class Logger implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private secrets: readonly string[] = [];
  private level: LogLevelSetting = 'info';
  /** The last lines written (already redacted): what a user could read in the channel, kept for tests. */
  readonly recent: string[] = [];

  constructor(name = 'Media Jobs') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  setLevel(level: LogLevelSetting): void {
    this.level = level;
  }

  /** Secret values to scrub from every line (updated whenever credentials change). */
  setSecrets(secrets: readonly string[]): void {
    this.secrets = secrets.filter((s) => s.length >= 4);
  }

  private ok(l: LogLevelSetting): boolean {
    return ORDER[l] <= ORDER[this.level];
  }

  private clean(message: string): string {
    // Control, C1 and bidi characters first (job text can carry them: terminal sequences, text shown reordered),
    // then the secrets, so no removed character can join the parts of a secret back together after redaction.
    const line = redactSecrets(stripUnsafeChars(message), this.secrets);
    this.recent.push(line);
    if (this.recent.length > 500) this.recent.shift();
    return line;
  }

  error(message: string): void {
    if (this.ok('error')) this.channel.error(this.clean(message));
  }
  warn(message: string): void {
    if (this.ok('warn')) this.channel.warn(this.clean(message));
  }
  info(message: string): void {
    if (this.ok('info')) this.channel.info(this.clean(message));
  }
  debug(message: string): void {
    if (this.ok('debug')) this.channel.debug(this.clean(message));
  }
  trace(message: string): void {
    if (this.ok('trace')) this.channel.trace(this.clean(message));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
