/** The prompter integration tests drive: queued answers first, the real UI when the queue is empty. */
import * as vscode from 'vscode';
import { type Prompter } from '../platform/prompter.js';

/** An answer for the next prompt: text for an input box, labels for picks, a boolean for a confirmation; undefined cancels. */
export type ScriptedAnswer = string | string[] | boolean | undefined;

/** Test mode: answers prompts from a queue; with an empty queue it falls back to the real UI. */
export class ScriptedPrompter implements Prompter {
  private readonly answers: ScriptedAnswer[] = [];
  /** Prompts seen, for assertions (never the answers: those may be secrets). */
  readonly asked: string[] = [];

  constructor(private readonly fallback: Prompter) {}

  queue(...answers: ScriptedAnswer[]): void {
    this.answers.push(...answers);
  }

  get pending(): number {
    return this.answers.length;
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.asked.push(`input:${options.prompt ?? options.title ?? ''}`);
    if (this.answers.length === 0) return this.fallback.input(options);
    const a = this.answers.shift();
    if (a === undefined) return undefined;
    if (typeof a !== 'string') throw new Error(`scripted answer for input "${options.prompt}" must be a string`);
    const problem = await options.validateInput?.(a);
    if (problem) throw new Error(`scripted answer rejected by "${options.prompt}": ${typeof problem === 'string' ? problem : problem.message}`);
    return a;
  }

  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    this.asked.push(`pick:${options.placeHolder ?? options.title ?? ''}`);
    if (this.answers.length === 0) return this.fallback.pick(items, options);
    const a = this.answers.shift();
    if (a === undefined) return undefined;
    const label = Array.isArray(a) ? a[0] : a;
    const found = items.find((i) => i.label === label || i.label.endsWith(` ${String(label)}`));
    if (!found) throw new Error(`scripted pick "${String(label)}" not among ${items.map((i) => i.label).join(' | ')}`);
    return found;
  }

  /** A queued answer is a file path (absolute, or relative to the first workspace folder). */
  async saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    this.asked.push(`save:${options.title ?? ''}`);
    if (this.answers.length === 0) return this.fallback.saveFile(options);
    const a = this.answers.shift();
    if (a === undefined) return undefined;
    if (typeof a !== 'string') throw new Error(`scripted answer for the save dialog "${options.title}" must be a path`);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return a.startsWith('/') || !folder ? vscode.Uri.file(a) : vscode.Uri.joinPath(folder, a);
  }

  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    this.asked.push(`pickMany:${options.placeHolder ?? options.title ?? ''}`);
    if (this.answers.length === 0) return this.fallback.pickMany(items, options);
    const a = this.answers.shift();
    if (a === undefined) return undefined;
    const labels = Array.isArray(a) ? a : [String(a)];
    return items.filter((i) => labels.includes(i.label));
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.asked.push(`confirm:${message}`);
    if (this.answers.length === 0) return this.fallback.confirm(message, detail, action);
    return this.answers.shift() === true;
  }
}
