/**
 * Input boxes and quick picks behind one small interface, so integration tests can answer the real
 * commands' prompts (queued answers) while the command code runs unchanged.
 */
import * as vscode from 'vscode';

export interface Prompter {
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined>;
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** Where to save a file (the save dialog). */
  saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

export class WindowPrompter implements Prompter {
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  }
  async pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<T | undefined> {
    return vscode.window.showQuickPick([...items], { ignoreFocusOut: true, ...options, canPickMany: false });
  }
  async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Promise<readonly T[] | undefined> {
    return vscode.window.showQuickPick([...items], { ignoreFocusOut: true, ...options, canPickMany: true });
  }
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
  }
  async saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }
}
