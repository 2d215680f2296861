/** Composition root (work in progress): registers the contributed commands. */
import * as vscode from 'vscode';
import { COMMANDS } from './constants.js';

export function activate(context: vscode.ExtensionContext): void {
  for (const id of Object.values(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, () => undefined));
  }
}

export function deactivate(): void {}
