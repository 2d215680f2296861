/**
 * Shared steps of the integration tests that drive the extension through its real commands: the test API, the
 * emulator's credentials, Track a Job… answered by the ScriptedPrompter, the tree as VS Code gets it
 * (getChildren/getTreeItem), settings changes that the extension has seen. Not a suite (no `.test.ts`).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type TestApi } from '../../../src/dev/testApi.js';
import { type TreeNode } from '../../../src/present/grouping.js';
import { type JobKind, type JobStatus } from '../../../src/model/job.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';
import { type Settings } from '../../../src/platform/settings.js';
import { ENV, VIEW_ID } from '../protocol.js';
import { activate, sideBarWidth, waitFor } from './helpers.js';

export { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
export type { TestApi, TreeNode, TrackedJob, JobKind, JobStatus };

/** The extension's test API, once its saved state is loaded and polling has started. Fails (never skips) without it. */
export async function testApi(): Promise<TestApi> {
  const api = await activate<TestApi | undefined>();
  assert.ok(api, 'activate() returns the test API when MEDIA_JOBS_TEST=1');
  await api.ready;
  return api;
}

/** What most suites start from: the test API, the emulator's accounts imported, nothing tracked. */
export async function freshApi(): Promise<TestApi> {
  const api = await testApi();
  await useEmulatorCredentials(api);
  untrackAll(api);
  return api;
}

/** Media Jobs: Import Credentials from Environment (the harness puts the emulator's accounts there). */
export async function useEmulatorCredentials(api: TestApi): Promise<void> {
  const ok = await vscode.commands.executeCommand<boolean>('mediaJobs.importCredentialsFromEnv');
  assert.equal(ok, true, 'Import Credentials from Environment succeeded');
  const c = await api.credentials.get();
  assert.equal(c.aliyun?.accessKeyId, process.env.ALIBABA_CLOUD_ACCESS_KEY_ID);
  assert.equal(c.huawei?.ak, process.env.HUAWEICLOUD_SDK_AK);
}

/** Stops tracking everything (each test starts from an empty view). */
export function untrackAll(api: TestApi): void {
  api.store.remove(api.store.all().map((t) => t.key));
  assert.equal(api.store.all().length, 0);
}

/**
 * Media Jobs: Track a Job…, its prompts answered in order: the kind pick, the ids, the kind's own inputs
 * (live-edge: ClusterId; mpc-editing: project id or ''), the region ('' = the default). Returns what it tracked.
 */
export async function trackJob(api: TestApi, kind: JobKind, ids: readonly string[], kindInputs: readonly string[] = [], region = ''): Promise<TrackedJob[]> {
  const asked = api.prompter.asked.length;
  api.prompter.queue(kind, ids.join(' '), ...kindInputs, region);
  const tracked = await vscode.commands.executeCommand<TrackedJob[] | undefined>('mediaJobs.trackJob');
  assert.equal(api.prompter.pending, 0, `every scripted answer was asked for (prompts: ${api.prompter.asked.slice(asked).join(' | ')})`);
  assert.ok(Array.isArray(tracked) && tracked.length === ids.length, `Track a Job… returned ${ids.length} job(s)`);
  return tracked;
}

/** Waits until every tracked job has a snapshot and no poll error; returns them. */
export async function allFetched(api: TestApi, timeoutMs = 15_000): Promise<TrackedJob[]> {
  return waitFor(() => {
    const all = api.store.all();
    const bad = all.filter((t) => !t.snapshot || t.lastError);
    if (bad.length) throw new Error(`not fetched: ${bad.map((t) => `${t.ref.kind} ${t.ref.id}${t.lastError ? ` (${t.lastError.code}: ${t.lastError.message})` : ''}`).join(', ')}`);
    return all.length > 0 ? all : undefined;
  }, timeoutMs, { message: 'every tracked job fetched from the emulator' });
}

/** One row of the tree as VS Code gets it from the extension's TreeDataProvider. */
export interface Row {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string | undefined;
  contextValue: string | undefined;
  icon: string | undefined;
  color: string | undefined;
  children: Row[];
}

/** Walks the tree the way the view does: getChildren, then getTreeItem of each node. */
export async function shownTree(api: TestApi, parent?: TreeNode): Promise<Row[]> {
  const nodes = (await api.tree.getChildren(parent)) ?? [];
  const rows: Row[] = [];
  for (const node of nodes) {
    const item = await api.tree.getTreeItem(node);
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    rows.push({
      node,
      item,
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: typeof item.description === 'string' ? item.description : undefined,
      contextValue: item.contextValue,
      icon: icon?.id,
      color: icon?.color?.id,
      children: node.type === 'group' ? await shownTree(api, node) : [],
    });
  }
  return rows;
}

/** Every job row under `rows`, with the labels of the groups above it. */
export function jobRows(rows: readonly Row[], path: string[] = []): Array<{ row: Row; path: string[] }> {
  return rows.flatMap((r) => (r.node.type === 'job' ? [{ row: r, path }] : jobRows(r.children, [...path, r.label])));
}

/** Changes a User setting under mediaJobs. and waits until the extension has read it. */
export async function setSetting(api: TestApi, key: string, value: unknown, seen: (s: Settings) => boolean): Promise<void> {
  await vscode.workspace.getConfiguration('mediaJobs').update(key, value, vscode.ConfigurationTarget.Global);
  await waitFor(() => seen(api.settings()), 5_000, { message: `the extension to read mediaJobs.${key} = ${JSON.stringify(value)}` });
}

/**
 * Shows the Media Jobs view (its tree renders, and the poller counts the view as visible). The first time in a
 * window it also widens the side bar, so screenshots show labels and descriptions instead of ellipses.
 */
export async function showView(api: TestApi): Promise<void> {
  await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  await waitFor(() => api.view.visible, 5_000, { message: 'the Media Jobs view to be visible' });
  const g = globalThis as { __mediaJobsSideBarWidened?: boolean };
  if (!g.__mediaJobsSideBarWidened) {
    g.__mediaJobsSideBarWidened = true;
    await sideBarWidth(560);
  }
}

/** Closes every notification toast (so a screenshot shows only the one a test is about). */
export async function clearNotifications(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
}

/** The window's User settings file as text. */
export function userSettingsText(): string {
  const dir = process.env[ENV.userDataDir];
  assert.ok(dir, `${ENV.userDataDir} is set`);
  return readFileSync(join(dir, 'User', 'settings.json'), 'utf8');
}

/** `7c1e0a9b…a801`: how labels shorten ids longer than 16 characters. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
