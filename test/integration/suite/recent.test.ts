/**
 * The Recent Jobs view in the real VS Code against the emulator's list APIs: nothing is listed before a source is
 * expanded (not at activation, not in the background), Browse Recent Jobs… opens a kind's source and its first
 * page arrives newest first with rows that look like tracked rows; several selected rows are tracked at once and
 * then say so; Inspect opens the inspector (tracking the job); the status filter and the window reload what is
 * shown; a failing list shows one error row with its hint (and Retry recovers); live edge lists per cluster id the
 * user names, remembered in the view's saved state. The rendered view is photographed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, screenshot, uiText, waitFor } from './helpers.js';
import { SAMPLE_IDS, untrackAll, type TestApi, freshApi } from './jobs.js';
import { type RecentNode } from '../../../src/present/recentNodes.js';

type Source = Extract<RecentNode, { type: 'source' }>;
type JobRow = Extract<RecentNode, { type: 'recentJob' }>;

interface ShownRow {
  node: RecentNode;
  label: string;
  description: string;
  contextValue: string;
  icon: string | undefined;
}

async function rowsUnder(api: TestApi, parent: RecentNode): Promise<ShownRow[]> {
  const out: ShownRow[] = [];
  for (const node of api.recent.tree.getChildren(parent)) {
    const item = api.recent.tree.getTreeItem(node);
    out.push({
      node,
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: typeof item.description === 'string' ? item.description : '',
      contextValue: item.contextValue ?? '',
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
    });
  }
  return out;
}

/** The source's rows once its pull has finished (no "Loading…" row left). */
async function loaded(api: TestApi, source: RecentNode, what: string): Promise<ShownRow[]> {
  return waitFor(async () => {
    const rows = await rowsUnder(api, source);
    return rows.some((r) => r.label.startsWith('Loading')) ? undefined : rows;
  }, 20_000, { message: `${what} to load` });
}

const jobsOf = (rows: readonly ShownRow[]) => rows.filter((r): r is ShownRow & { node: JobRow } => r.node.type === 'recentJob');

async function listCalls(since: number, api: string): Promise<number> {
  return (await emulator.requests(since)).filter((r) => r.api === api).length;
}

suite('recent', () => {
  let api: TestApi;
  let ice: Source;

  suiteSetup(async () => {
    api = await freshApi();
    await emulator.clearFaults();
  });

  suiteTeardown(async () => {
    await emulator.clearFaults();
    untrackAll(api);
  });

  test('nothing is listed until a source is expanded: not at activation, not in the background', async () => {
    const all = await emulator.requests();
    // The list APIs (MPC's get call is ListEditingJobs, v2, by id; its list call is v1 ListEditingJob).
    const LIST_APIS = new Set(['ice:ListMediaProducingJobs', 'ice:ListBatchMediaProducingJobs', 'vod:GetVideoList', 'vod:ListTranscodeTask', 'live:DescribeCasters', 'live:DescribeShowList', 'live:ListEdgeTranscodeJob', 'mpc:ListEditingJob']);
    const lists = all.filter((r) => typeof r.api === 'string' && LIST_APIS.has(r.api));
    assert.deepEqual(lists.map((r) => r.api), [], 'no list call in this window\'s life before the Recent Jobs view was used');
    assert.equal(api.recent.view.visible, false, 'the view starts collapsed');
  });

  test('Browse Recent Jobs… opens the ICE source: one list call, the sample jobs newest first, rows like tracked rows', async () => {
    const since = (await emulator.requests()).length;
    api.prompter.queue('IMS editing jobs');
    const node = await vscode.commands.executeCommand<RecentNode | undefined>(api.commands.browseRecentJobs);
    assert.ok(node && node.type === 'source', 'the command returns the source it opened');
    ice = node;
    await waitFor(() => api.recent.view.visible, 5_000, { message: 'the Recent Jobs view to show' });
    const rows = await loaded(api, ice, 'the ICE source');
    const jobs = jobsOf(rows);
    const ids = jobs.map((r) => r.node.job.id);
    for (const id of [SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.failed, SAMPLE_IDS.ice.init]) assert.ok(ids.includes(id), `${id} is listed`);
    assert.equal(new Set(ids).size, ids.length, 'every job once');
    const created = jobs.map((r) => Date.parse(r.node.job.createdAt ?? '')).filter(Number.isFinite);
    assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest first');
    assert.equal(await listCalls(since, 'ice:ListMediaProducingJobs'), 1, 'one page, one call');
    assert.equal(await listCalls(since, 'ice:GetMediaProducingJob'), 0, 'listing fetches no job');
    const failed = jobs.find((r) => r.node.job.id === SAMPLE_IDS.ice.failed)!;
    assert.equal(failed.icon, 'error');
    assert.match(failed.description, /^failed · /);
    assert.match(failed.contextValue, /^recentJob;kind-ice;status-failed;untracked;/);
    assert.ok(!rows.some((r) => r.label === 'Load more'), 'fewer jobs than a page: no Load more');
    const source = api.recent.tree.getTreeItem(ice);
    assert.match(String(source.description), new RegExp(`^cn-shanghai · ${jobs.length} jobs$`));
    assert.equal(api.recent.view.description, 'last 24 h');
  });

  test('two selected rows are tracked at once, then say "tracked"; Inspect tracks and opens the inspector', async () => {
    const jobs = jobsOf(await rowsUnder(api, ice));
    const a = jobs.find((r) => r.node.job.id === SAMPLE_IDS.ice.succeeded)!;
    const b = jobs.find((r) => r.node.job.id === SAMPLE_IDS.ice.failed)!;
    const tracked = await vscode.commands.executeCommand<unknown[]>(api.commands.recentTrack, a.node, [a.node, b.node]);
    assert.equal(tracked.length, 2);
    assert.deepEqual(api.store.all().map((t) => t.ref.id).sort(), [SAMPLE_IDS.ice.failed, SAMPLE_IDS.ice.succeeded].sort());
    const after = jobsOf(await rowsUnder(api, ice));
    for (const id of [SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.failed]) {
      const r = after.find((x) => x.node.job.id === id)!;
      assert.match(r.description, / · tracked$/, `${id}: "${r.description}"`);
      assert.match(r.contextValue, /;tracked;$/);
    }
    const c = after.find((r) => r.node.job.id === SAMPLE_IDS.ice.init)!;
    await vscode.commands.executeCommand(api.commands.recentInspect, c.node);
    const t = api.store.findById(SAMPLE_IDS.ice.init)[0];
    assert.ok(t, 'inspecting a listed job tracks it');
    await waitFor(() => api.inspector.keys().includes(t.key), 10_000, { message: 'its inspector panel to open' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the status filter and the window reload the shown source, and are remembered', async () => {
    api.prompter.queue('Failed');
    await vscode.commands.executeCommand(api.commands.recentFilterStatus);
    assert.equal(api.recent.view.description, 'last 24 h · failed');
    let jobs = jobsOf(await loaded(api, ice, 'the failed ICE jobs'));
    assert.ok(jobs.length >= 1 && jobs.every((r) => r.node.job.status === 'failed'), `only failed jobs: ${jobs.map((r) => r.node.job.status).join(', ')}`);
    api.prompter.queue('All statuses');
    await vscode.commands.executeCommand(api.commands.recentFilterStatus);
    api.prompter.queue('Custom…', '10m');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    assert.equal(api.recent.view.description, 'last 10 min');
    jobs = jobsOf(await loaded(api, ice, 'the last 10 minutes'));
    const cutoff = Date.now() - 10 * 60_000 - 5_000;
    assert.ok(jobs.every((r) => Date.parse(r.node.job.createdAt ?? '') >= cutoff), 'only jobs created in the window');
    assert.deepEqual(api.globalState.get<{ window: unknown; status: unknown }>('mediaJobs.recent')?.window, { type: 'last', ms: 600_000 });
    api.prompter.queue('Last 24 hours');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    await loaded(api, ice, 'the last 24 hours');
  });

  test('Load more fetches the next page only when asked', async () => {
    // 60 days: two ICE windows of 30 days, more jobs than a pull takes.
    api.prompter.queue('Custom…', '60d');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    let rows = await loaded(api, ice, 'the last 60 days');
    const first = jobsOf(rows).length;
    // 50 jobs, and the batch (quick video production) jobs of the same windows merged in among them.
    assert.ok(first >= 50, `a first page of at least 50 (the emulator has two finished jobs a day, and the samples): ${first}`);
    const more = rows.find((r) => r.label === 'Load more');
    assert.ok(more, 'a Load more row ends the page');
    const since = (await emulator.requests()).length;
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(await listCalls(since, 'ice:ListMediaProducingJobs'), 0, 'nothing is fetched until asked');
    await vscode.commands.executeCommand(api.commands.recentLoadMore, more.node);
    rows = await loaded(api, ice, 'the next page');
    const ids = jobsOf(rows).map((r) => r.node.job.id);
    assert.ok(ids.length > first, `more jobs (${ids.length})`);
    assert.equal(new Set(ids).size, ids.length, 'none twice');
    assert.ok(await listCalls(since, 'ice:ListMediaProducingJobs') >= 1, 'the next page was asked for');
    api.prompter.queue('Last 24 hours');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    await loaded(api, ice, 'the last 24 hours');
  });

  test('a batch (quick video production) row opens to its sub-jobs when expanded in the view; one is tracked from there', async () => {
    api.prompter.queue('Custom…', '60d');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    let rows = await loaded(api, ice, 'the last 60 days');
    const isBatch = (r: ShownRow) => r.contextValue.includes(';batch;');
    for (let i = 0; i < 4 && !jobsOf(rows).some(isBatch); i++) {
      const more = rows.find((r) => r.label === 'Load more');
      if (!more) break;
      await vscode.commands.executeCommand(api.commands.recentLoadMore, more.node);
      rows = await loaded(api, ice, 'the next page');
    }
    const batch = jobsOf(rows).find(isBatch);
    assert.ok(batch, 'the emulator history has batch jobs in 60 days');
    assert.match(batch.description, /^\w+ · batch (Script|Smart_Mix) · 3 sub-jobs/, 'the batch mark right after the status');
    assert.equal(api.recent.tree.getTreeItem(batch.node).collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const since = (await emulator.requests()).length;
    // Expanding it in the view (as a click on its twistie does) lists its sub-jobs.
    await api.recent.view.reveal(batch.node, { expand: true });
    const subs = jobsOf(await loaded(api, batch.node, 'the sub-jobs'));
    assert.equal(subs.length, 3, `the emulator's three sub-jobs of ${batch.node.job.id}`);
    for (const s of subs) assert.equal(s.node.job.batch?.role, 'sub');
    for (const s of subs) assert.doesNotMatch(s.description, /sub-job of /, 'under its batch a row needs no mark');
    assert.ok(await listCalls(since, 'ice:ListMediaProducingJobs') >= 1, 'the sub-jobs were listed');
    const tracked = await vscode.commands.executeCommand<Array<{ ref: { id: string } }>>(api.commands.recentTrack, subs[0]!.node);
    assert.deepEqual(tracked.map((t) => t.ref.id), [subs[0]!.node.job.id], 'a sub-job is tracked like any job');
    await waitFor(async () => (await rowsUnder(api, batch.node)).find((r) => r.node.id === subs[0]!.node.id)?.description.includes('tracked') || undefined, 10_000, { message: 'the sub-job row to say tracked' });
    const none = await vscode.commands.executeCommand<unknown[]>(api.commands.recentTrack, batch.node);
    assert.deepEqual(none, [], 'the batch itself is not tracked (GetMediaProducingJob does not answer for it)');
    untrackAll(api);
    api.prompter.queue('Last 24 hours');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    await loaded(api, ice, 'the last 24 hours');
  });

  test('a failing list shows one error row with its hint, no pop-up; Retry recovers', async () => {
    await emulator.inject({ type: 'malformedJson', match: { api: 'ice:ListMediaProducingJobs' } });
    await vscode.commands.executeCommand(api.commands.recentRefresh, ice);
    const rows = await loaded(api, ice, 'the failing list');
    const notes = rows.filter((r) => r.node.type === 'note');
    assert.equal(notes.length, 1, 'one error row');
    assert.equal(jobsOf(rows).length, 0);
    assert.equal(notes[0]!.icon, 'error');
    assert.match(notes[0]!.label, /not valid JSON|unreadable|JSON/i, notes[0]!.label);
    const toasts = await uiText('.notifications-toasts .notification-toast', 0);
    if (toasts) assert.ok(!toasts.some((t) => /ListMediaProducingJobs|JSON/.test(t)), `no pop-up for the list's error: ${toasts.join(' | ')}`);
    await emulator.clearFaults();
    await vscode.commands.executeCommand(api.commands.recentNoteAction, notes[0]!.node);
    const back = await loaded(api, ice, 'the retried list');
    assert.ok(jobsOf(back).length >= 3, 'the jobs are back');
  });

  test('live edge lists per named cluster id, remembered for the account', async () => {
    const cloud = api.recent.tree.getChildren()[0]!;
    const clusters = api.recent.tree.getChildren(cloud).find((n) => n.type === 'clusters')!;
    assert.ok(clusters, 'a live edge row asks for clusters');
    const before = await rowsUnder(api, clusters);
    assert.deepEqual(before.map((r) => r.label), ['Add Cluster ID…']);
    api.prompter.queue(SAMPLE_IDS.liveEdge.clusterId);
    await vscode.commands.executeCommand(api.commands.recentNoteAction, before[0]!.node);
    const sources = (await rowsUnder(api, clusters)).filter((r) => r.node.type === 'source');
    assert.deepEqual(sources.map((r) => r.label), [`cluster ${SAMPLE_IDS.liveEdge.clusterId}`]);
    assert.deepEqual(api.globalState.get<{ clusters: unknown }>('mediaJobs.recent')?.clusters, { 'aliyun/default': [SAMPLE_IDS.liveEdge.clusterId] });
    api.prompter.queue('Last 30 days');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
    const since = (await emulator.requests()).length;
    await vscode.commands.executeCommand(api.commands.recentRefresh, sources[0]!.node);
    const jobs = jobsOf(await loaded(api, sources[0]!.node, 'the cluster'));
    assert.ok(jobs.some((r) => r.node.job.id === SAMPLE_IDS.liveEdge.stopped), `the stopped edge job is listed: ${jobs.map((r) => r.node.job.id).join(', ')}`);
    assert.ok(jobs.every((r) => r.node.job.params.clusterId === SAMPLE_IDS.liveEdge.clusterId));
    assert.ok(await listCalls(since, 'live:ListEdgeTranscodeJob') >= 1);
    await vscode.commands.executeCommand(`${'mediaJobs.recent'}.focus`);
    await api.recent.view.reveal(ice, { expand: true, select: false, focus: false });
    const shown = await uiText('.part.sidebar .monaco-list-row', 10_000);
    if (shown) assert.ok(shown.some((t) => t.includes('IMS editing jobs')), 'the source row is drawn');
    await screenshot('recent-view');
    api.prompter.queue('Last 24 hours');
    await vscode.commands.executeCommand(api.commands.recentSetWindow);
  });
});
