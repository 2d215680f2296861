/**
 * Reading the extension's settings. Endpoint overrides and the signature version are read from the
 * user (global) value only: a workspace's .vscode/settings.json must never redirect signed requests,
 * whether or not the workspace is trusted (see reference: the Copilot endpoint-override CVE).
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../constants.js';
import { type GroupBy } from '../model/grouping.js';
import { JOB_KINDS, type JobKind } from '../model/job.js';
import { isLoopbackHost } from '../clouds/endpoints.js';

export type NotificationMode = 'all' | 'failures' | 'none';
export type LogLevelSetting = 'off' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface Settings {
  defaultRegions: { aliyun: string; huawei: string };
  pollIntervalMs: number;
  notifications: NotificationMode;
  groupBy: GroupBy;
  signature: 'v1' | 'v3';
  /** Validated overrides; invalid ones are listed in `endpointProblems` and not used. */
  endpoints: Partial<Record<JobKind, string>>;
  endpointProblems: string[];
  logLevel: LogLevelSetting;
}

function userValue<T>(config: vscode.WorkspaceConfiguration, key: string): T | undefined {
  return config.inspect<T>(key)?.globalValue;
}

/** Same rule as validateEndpoint in clouds/endpoints.ts, kept here so reading settings loads no core code. */
function checkEndpoint(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return 'must use https (plain http only to loopback)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return 'must be a base URL without a path or query';
  return null;
}

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
  if (wsFile && wsFile.scheme !== 'untitled') files.push({ uri: wsFile, label: wsFile.path.split('/').pop() ?? 'the workspace file' });
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
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const endpoints: Partial<Record<JobKind, string>> = {};
  const endpointProblems: string[] = [];
  const raw = userValue<Record<string, unknown>>(c, 'endpoints') ?? {};
  for (const kind of JOB_KINDS) {
    const v = raw[kind];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') {
      endpointProblems.push(`mediaJobs.endpoints.${kind} must be a string`);
      continue;
    }
    const problem = checkEndpoint(v);
    if (problem) endpointProblems.push(`mediaJobs.endpoints.${kind} ${problem}`);
    else endpoints[kind] = new URL(v).origin;
  }
  const ws = c.inspect('endpoints');
  if (ws?.workspaceValue !== undefined || ws?.workspaceFolderValue !== undefined || workspaceOverrides.length > 0) {
    const where = workspaceOverrides.length > 0 ? ` (${workspaceOverrides.join(', ')})` : '';
    endpointProblems.push(`mediaJobs.endpoints in workspace settings${where} is ignored: endpoints are read from user settings only`);
  }
  const signature = userValue<string>(c, 'signatureVersion') === 'v1' ? 'v1' : 'v3';
  const interval = c.get<number>('pollIntervalSeconds', 10);
  const notifications = c.get<string>('notifications', 'all');
  const logLevel = c.get<string>('logLevel', 'info');
  return {
    defaultRegions: { aliyun: c.get<string>('defaultRegion.aliyun', 'cn-shanghai'), huawei: c.get<string>('defaultRegion.huawei', 'cn-north-4') },
    pollIntervalMs: Math.max(2, Math.min(3600, Number.isFinite(interval) ? interval : 10)) * 1000,
    notifications: notifications === 'failures' || notifications === 'none' ? notifications : 'all',
    groupBy: c.get<string>('groupBy', 'cloud') === 'status' ? 'status' : 'cloud',
    signature,
    endpoints,
    endpointProblems,
    logLevel: (['off', 'error', 'warn', 'info', 'debug', 'trace'] as const).find((l) => l === logLevel) ?? 'info',
  };
}
