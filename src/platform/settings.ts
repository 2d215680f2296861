/**
 * Reading the extension's settings (the rules: src/platform/settingsModel.ts). Endpoint overrides, the signature
 * version and the default regions are read from the user (global) value only: a workspace's
 * .vscode/settings.json must never redirect or re-target signed requests, whether or not the workspace is trusted
 * (see reference: the Copilot endpoint-override CVE).
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../constants.js';
import { type ConfigReader, type Settings, settingsFrom } from './settingsModel.js';
import * as l10n from '../util/l10n.js';

export type { ConfigReader, LogLevelSetting, NotificationMode, Settings } from './settingsModel.js';

/** A settings-file key that sets mediaJobs.endpoints (or one kind of it). */
const ENDPOINTS_KEY = /"mediaJobs\.endpoints(?:\.[A-Za-z-]+)?"\s*:/;

/**
 * Where a workspace tries to set mediaJobs.endpoints: each folder's .vscode/settings.json and the
 * .code-workspace file that mention it. VS Code drops application-scoped values from workspace settings before
 * `inspect()` sees them, so the files themselves are read to tell the user their override is ignored. Only a
 * report: the value is never used.
 */
export async function findWorkspaceEndpointOverrides(): Promise<string[]> {
  const files: Array<{ uri: vscode.Uri; label: string }> = (vscode.workspace.workspaceFolders ?? []).map((f) => ({
    uri: vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'),
    label: `${f.name}/.vscode/settings.json`,
  }));
  const wsFile = vscode.workspace.workspaceFile;
  if (wsFile && wsFile.scheme !== 'untitled') files.push({ uri: wsFile, label: wsFile.path.split('/').pop() ?? l10n.t('the workspace file') });
  const found: string[] = [];
  for (const f of files) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(f.uri));
      if (ENDPOINTS_KEY.test(text)) found.push(f.label);
    } catch {
      // no such file
    }
  }
  return found;
}

/** `workspaceOverrides`: what findWorkspaceEndpointOverrides() found, to report as ignored. */
export function readSettings(workspaceOverrides: readonly string[] = []): Settings {
  return settingsFrom(inspectOnce(vscode.workspace.getConfiguration(CONFIG_SECTION)), workspaceOverrides, inspectOnce(vscode.workspace.getConfiguration('http')));
}

/**
 * A configuration whose `inspect()` runs once per key: the rules read a key's user value and its workspace
 * values separately, and each `inspect()` costs VS Code a walk of every settings layer (about 0.3 ms, on the
 * activation path).
 */
function inspectOnce(c: vscode.WorkspaceConfiguration): ConfigReader {
  const seen = new Map<string, ReturnType<ConfigReader['inspect']>>();
  return {
    get: <T>(key: string, defaultValue: T): T => c.get<T>(key, defaultValue),
    inspect: <T>(key: string) => {
      if (!seen.has(key)) seen.set(key, c.inspect(key));
      return seen.get(key) as { globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
    },
  };
}
