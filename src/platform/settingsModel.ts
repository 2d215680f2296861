/**
 * The extension's settings from a configuration (pure: the reader is an interface, so the rules are unit-tested;
 * src/platform/settings.ts passes vscode's WorkspaceConfiguration).
 *
 * What steers signed requests is read from the user (global) value only: the endpoint overrides, the signature
 * version and the default regions (the region chooses the host and is part of what is signed). A workspace's
 * .vscode/settings.json or .code-workspace file must never redirect or re-target them, trusted or not (package.json
 * declares them `application`-scoped and lists them in restrictedConfigurations).
 */
import { JOB_KINDS, type JobKind } from '../model/job.js';
import { type GroupBy } from '../present/grouping.js';
import { isLoopbackHost, isRegionName } from '../clouds/endpoints.js';
import { isHttpProtocol } from '../util/urls.js';
import * as l10n from '../util/l10n.js';

export type NotificationMode = 'all' | 'failures' | 'none';
export type LogLevelSetting = 'off' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface Settings {
  defaultRegions: { aliyun: string; huawei: string };
  pollIntervalMs: number;
  notifications: NotificationMode;
  groupBy: GroupBy;
  /** An Account level under each cloud: "auto" when its jobs belong to more than one profile. */
  groupByAccount: 'auto' | 'always' | 'never';
  signature: 'v1' | 'v3';
  /** Validated overrides; invalid ones are listed in `endpointProblems` and not used. */
  endpoints: Partial<Record<JobKind, string>>;
  /** Problems with the settings that steer signed requests (endpoints, default regions), to report. */
  endpointProblems: string[];
  logLevel: LogLevelSetting;
  /**
   * VS Code's own proxy (`http.proxy`, `http.noProxy`; user settings only, off when `http.proxySupport` is
   * "off"). It wins over HTTPS_PROXY/HTTP_PROXY/NO_PROXY, as it does for VS Code itself. Null: the environment's.
   */
  proxy: { url: string; noProxy: string[] } | null;
}

/** The part of vscode.WorkspaceConfiguration read here. */
export interface ConfigReader {
  get<T>(key: string, defaultValue: T): T;
  inspect<T>(key: string): { globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
}

export const DEFAULT_REGIONS = { aliyun: 'cn-shanghai', huawei: 'cn-north-4' } as const;

function userValue<T>(config: ConfigReader, key: string): T | undefined {
  return config.inspect<T>(key)?.globalValue;
}

function setInWorkspace(config: ConfigReader, key: string): boolean {
  const i = config.inspect(key);
  return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
}

/** Same rule as validateEndpoint in clouds/endpoints.ts, kept here so reading settings loads no core code. */
export function checkEndpoint(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return l10n.t('is not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return l10n.t('must use https (plain http only to loopback)');
  if (url.username || url.password) return l10n.t('must not contain a user name or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return l10n.t('must be a base URL without a path or query');
  return null;
}

/** The default region of a cloud: the user's value when it is a region name, else the built-in one (reported). */
function defaultRegion(c: ConfigReader, cloud: 'aliyun' | 'huawei', problems: string[]): string {
  const key = `defaultRegion.${cloud}`;
  const v = userValue<unknown>(c, key);
  if (setInWorkspace(c, key)) problems.push(l10n.t('mediaJobs.{0} in workspace settings is ignored: default regions are read from user settings only', key));
  if (v === undefined || v === '') return DEFAULT_REGIONS[cloud];
  if (typeof v !== 'string' || !isRegionName(v)) {
    problems.push(l10n.t('mediaJobs.{0} is not a region name (like {1}): {2} is used', key, DEFAULT_REGIONS[cloud], DEFAULT_REGIONS[cloud]));
    return DEFAULT_REGIONS[cloud];
  }
  return v;
}

/**
 * VS Code's proxy settings, from the user's value only (a workspace must not route signed requests through a
 * proxy of its choosing; VS Code itself scopes http.proxy to the application). A value that is not an http(s)
 * URL is reported and not used.
 */
export function proxyFrom(http: ConfigReader | undefined, problems: string[]): Settings['proxy'] {
  if (!http) return null;
  if (userValue<string>(http, 'proxySupport') === 'off') return null;
  const raw = userValue<unknown>(http, 'proxy');
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    // Like the environment variables: `proxy.example.com:3128` without a scheme is http.
    url = typeof raw === 'string' ? new URL(raw.includes('://') ? raw : `http://${raw}`) : null;
  } catch {
    url = null;
  }
  if (!url || !isHttpProtocol(url.protocol)) {
    // Never echo the value: a proxy URL can hold a password.
    problems.push(l10n.t('http.proxy is not an http:// or https:// URL: HTTPS_PROXY/HTTP_PROXY from the environment are used instead'));
    return null;
  }
  const rawNo = userValue<unknown>(http, 'noProxy');
  const noProxy = Array.isArray(rawNo) ? rawNo.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
  return { url: url.href, noProxy };
}

/**
 * The environment the cloud core's transport reads its proxy from: process.env with VS Code's proxy put in
 * front (both spellings, since the transport reads the lower-case one first), or null to use process.env as is.
 */
export function proxyEnvFor(proxy: Settings['proxy'], env: Record<string, string | undefined>): Record<string, string | undefined> | null {
  if (!proxy) return null;
  const noProxy = proxy.noProxy.join(',');
  return { ...env, https_proxy: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url, HTTP_PROXY: proxy.url, no_proxy: noProxy, NO_PROXY: noProxy };
}

/**
 * `workspaceOverrides`: workspace settings files found to set mediaJobs.endpoints, to report as ignored.
 * `http`: the `http` section (VS Code's proxy settings).
 */
export function settingsFrom(c: ConfigReader, workspaceOverrides: readonly string[] = [], http?: ConfigReader): Settings {
  const endpoints: Partial<Record<JobKind, string>> = {};
  const endpointProblems: string[] = [];
  const raw = userValue<Record<string, unknown>>(c, 'endpoints') ?? {};
  for (const kind of JOB_KINDS) {
    const v = raw[kind];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') {
      endpointProblems.push(l10n.t('mediaJobs.endpoints.{0} must be a string', kind));
      continue;
    }
    const problem = checkEndpoint(v);
    if (problem) endpointProblems.push(`mediaJobs.endpoints.${kind} ${problem}`);
    else endpoints[kind] = new URL(v).origin;
  }
  if (setInWorkspace(c, 'endpoints') || workspaceOverrides.length > 0) {
    const where = workspaceOverrides.length > 0 ? ` (${workspaceOverrides.join(', ')})` : '';
    endpointProblems.push(l10n.t('mediaJobs.endpoints in workspace settings{0} is ignored: endpoints are read from user settings only', where));
  }
  const signature = userValue<string>(c, 'signatureVersion') === 'v1' ? 'v1' : 'v3';
  const defaultRegions = { aliyun: defaultRegion(c, 'aliyun', endpointProblems), huawei: defaultRegion(c, 'huawei', endpointProblems) };
  const proxy = proxyFrom(http, endpointProblems);
  const interval = c.get<number>('pollIntervalSeconds', 10);
  const notifications = c.get<string>('notifications', 'all');
  const logLevel = c.get<string>('logLevel', 'info');
  return {
    defaultRegions,
    pollIntervalMs: Math.max(2, Math.min(3600, Number.isFinite(interval) ? interval : 10)) * 1000,
    notifications: notifications === 'failures' || notifications === 'none' ? notifications : 'all',
    groupBy: c.get<string>('groupBy', 'cloud') === 'status' ? 'status' : 'cloud',
    groupByAccount: (['always', 'never'] as const).find((m) => m === c.get<string>('groupByAccount', 'auto')) ?? 'auto',
    signature,
    endpoints,
    endpointProblems,
    logLevel: (['off', 'error', 'warn', 'info', 'debug', 'trace'] as const).find((l) => l === logLevel) ?? 'info',
    proxy,
  };
}

/**
 * True when a change of settings changes how requests are signed or sent (endpoints, signature version, default
 * regions, proxy), so the cloud clients must be built again. Compared field by field: key order in a settings
 * object is not a change.
 */
export function accessSettingsChanged(a: Settings, b: Settings): boolean {
  const sameRecord = (x: Readonly<Record<string, string | undefined>>, y: Readonly<Record<string, string | undefined>>): boolean => {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) if (x[k] !== y[k]) return false;
    return true;
  };
  const sameProxy = (x: Settings['proxy'], y: Settings['proxy']): boolean =>
    x === y || (x !== null && y !== null && x.url === y.url && x.noProxy.join('\n') === y.noProxy.join('\n'));
  return a.signature !== b.signature || !sameRecord(a.endpoints, b.endpoints) || !sameRecord(a.defaultRegions, b.defaultRegions)
    || !sameProxy(a.proxy, b.proxy);
}
