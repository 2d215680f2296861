/**
 * Tracking jobs of all five kinds through the real Track a Job… command (prompts answered by the
 * ScriptedPrompter) puts them under the right groups with the right labels, descriptions, context values and
 * icons: Cloud → Status → Job, and Status → Cloud → Job after Toggle Grouping. Rows lead with the job's name and
 * keep the short id after it; descriptions never repeat the group's status nor carry the age of the last check.
 * Inspect Job from the command palette uses the selected row. The rendered view is read back and photographed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, hasHarness, screenshot, uiText, waitFor } from './helpers.js';
import { SAMPLE_IDS, allFetched, clearNotifications, jobRows, setSetting, shortId, showView, shownTree, trackJob, type JobKind, type JobStatus, type Row, type TestApi, freshApi } from './jobs.js';

/**
 * What each tracked sample job is, as the emulator serves it (test/emulator/sampleJobs.ts). Other suites of the
 * window move other jobs (notifications: ice.queuing, mpc.processing, vod.processing, vod.partial;
 * tooltip: ice.badTimeline); these are left as the emulator started them.
 */
const EXPECTED: Array<{ kind: JobKind; id: string; status: JobStatus }> = [
  { kind: 'ice', id: SAMPLE_IDS.ice.processing, status: 'running' },
  { kind: 'ice', id: SAMPLE_IDS.ice.init, status: 'queued' },
  { kind: 'ice', id: SAMPLE_IDS.ice.failed, status: 'failed' },
  { kind: 'ice', id: SAMPLE_IDS.ice.succeeded, status: 'succeeded' },
  { kind: 'ice', id: SAMPLE_IDS.ice.unknownStatus, status: 'unknown' },
  { kind: 'vod', id: SAMPLE_IDS.vod.allSucceeded, status: 'succeeded' },
  { kind: 'vod', id: SAMPLE_IDS.vod.movingToPartial, status: 'partial' }, // set to CompletePartialSucc below
  // Tracked by its caster: the caster's one editing task replaces it (TaskStatus 2, uploading → running).
  { kind: 'live-editing', id: SAMPLE_IDS.liveEditing.showUploading, status: 'running' },
  { kind: 'live-edge', id: SAMPLE_IDS.liveEdge.running, status: 'running' },
  { kind: 'live-edge', id: SAMPLE_IDS.liveEdge.stopped, status: 'stopped' },
  { kind: 'mpc-editing', id: SAMPLE_IDS.mpc.waiting, status: 'queued' },
  { kind: 'mpc-editing', id: SAMPLE_IDS.mpc.failed, status: 'failed' },
  { kind: 'mpc-editing', id: SAMPLE_IDS.mpc.cancelled, status: 'cancelled' },
];

/** The ThemeIcon (codicon, theme colour) the spec gives each status; running spins. */
const ICON: Record<JobStatus, [string, string | undefined]> = {
  running: ['sync~spin', 'charts.blue'],
  queued: ['clock', 'charts.yellow'],
  failed: ['error', 'testing.iconFailed'],
  partial: ['warning', 'list.warningForeground'],
  cancelled: ['circle-slash', undefined],
  succeeded: ['pass-filled', 'testing.iconPassed'],
  stopped: ['debug-stop', undefined],
  unknown: ['question', undefined],
};

/** Finished for good; a stopped edge transcode job can start again, so it stays active (and polled). */
const TERMINAL = new Set<JobStatus>(['succeeded', 'failed', 'partial', 'cancelled']);

function byLabelOf(rows: readonly Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [r.label, r]));
}

function labels(rows: readonly Row[]): string[] {
  return rows.map((r) => r.label);
}

/** Checks one job row against what the emulator serves for it. */
function checkJobRow(row: Row, e: (typeof EXPECTED)[number]): void {
  const what = `${e.kind} ${e.id}`;
  assert.equal(row.node.type, 'job');
  // The label is the job's name (then the description ends with the short id) or the short id itself.
  assert.ok(row.label === shortId(e.id) || (row.description ?? '').endsWith(shortId(e.id)), `${what}: "${row.label}" / "${row.description}" carry the short id ${shortId(e.id)}`);
  assert.equal(row.item.collapsibleState, vscode.TreeItemCollapsibleState.None, `${what}: a leaf`);
  const phase = TERMINAL.has(e.status) ? 'terminal' : 'active';
  assert.ok(row.contextValue?.startsWith(`job;kind-${e.kind};status-${e.status};${phase};unwatched;`), `${what}: contextValue ${row.contextValue}`);
  assert.deepEqual([row.icon, row.color], ICON[e.status], `${what}: icon`);
  assert.doesNotMatch(row.description ?? '', /updated|\d+ s ago/, `${what}: description "${row.description}" has no age of the last check (it is in the tooltip)`);
  assert.doesNotMatch(row.description ?? '', /⚠|checking/, `${what}: no poll error, fetched`);
  assert.doesNotMatch(row.description ?? '', /^ · | · · | · $/, `${what}: no empty part in "${row.description}"`);
  const groupWord = { running: 'running', queued: 'queued', failed: 'failed', partial: 'partly failed', cancelled: 'cancelled', succeeded: 'succeeded', stopped: 'stopped', unknown: 'unknown' }[e.status];
  assert.ok(!(row.description ?? '').toLowerCase().startsWith(groupWord), `${what}: "${row.description}" does not repeat its group's status`);
}

suite('tree', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
    if (api.tree.currentGrouping !== 'cloud') await setSetting(api, 'groupBy', 'cloud', (s) => s.groupBy === 'cloud');
    await showView(api);
  });

  suiteTeardown(async () => {
    if (api && api.tree.currentGrouping !== 'cloud') await vscode.commands.executeCommand('mediaJobs.toggleGrouping');
  });

  test('Track a Job… for all five kinds puts each job under Cloud → Status with the right label, description, contextValue and icon', async () => {
    await emulator.setStatus('vod', SAMPLE_IDS.vod.movingToPartial, 'CompletePartialSucc');
    await trackJob(api, 'ice', [SAMPLE_IDS.ice.processing, SAMPLE_IDS.ice.init, SAMPLE_IDS.ice.failed, SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.unknownStatus]);
    await trackJob(api, 'vod', [SAMPLE_IDS.vod.allSucceeded, SAMPLE_IDS.vod.movingToPartial]);
    await trackJob(api, 'live-editing', [SAMPLE_IDS.liveEditing.casterStringObject]);
    await trackJob(api, 'live-edge', [SAMPLE_IDS.liveEdge.running, SAMPLE_IDS.liveEdge.stopped], [SAMPLE_IDS.liveEdge.clusterId]);
    await trackJob(api, 'mpc-editing', [SAMPLE_IDS.mpc.waiting, SAMPLE_IDS.mpc.failed, SAMPLE_IDS.mpc.cancelled], ['']);
    const prompts = api.prompter.asked.join(' | ');
    assert.match(prompts, /ClusterId/, 'live-edge asked for its ClusterId');
    assert.match(prompts, /Project id/, 'mpc-editing asked for its project id');

    const jobs = await waitFor(async () => {
      const all = await allFetched(api);
      // The caster entry is replaced by its task once fetched.
      return all.length === EXPECTED.length && all.every((t) => EXPECTED.some((e) => e.id === t.ref.id)) ? all : undefined;
    }, 15_000, { message: `the ${EXPECTED.length} jobs (the caster expanded into its task)` });
    for (const e of EXPECTED) {
      const t = jobs.find((j) => j.ref.id === e.id)!;
      assert.equal(t.ref.kind, e.kind, e.id);
      assert.equal(t.snapshot?.status, e.status, `${e.kind} ${e.id} status (raw ${t.snapshot?.rawStatus})`);
    }
    const show = jobs.find((j) => j.ref.id === SAMPLE_IDS.liveEditing.showUploading)!;
    assert.equal(show.ref.params.casterId, SAMPLE_IDS.liveEditing.casterStringObject, 'the task keeps its caster');

    const tree = await shownTree(api);
    assert.deepEqual(labels(tree), ['Alibaba Cloud (10)', 'Huawei Cloud (3)']);
    for (const cloud of tree) {
      assert.equal(cloud.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded, `${cloud.label} expanded`);
      assert.equal(cloud.icon, 'cloud');
    }
    const [aliyun, huawei] = tree as [Row, Row];
    assert.deepEqual(labels(aliyun.children), ['Running (3)', 'Queued (1)', 'Failed (1)', 'Partly Failed (1)', 'Succeeded (2)', 'Stopped (1)', 'Unknown (1)'],
      'status groups in the order running, queued, failed, partial, cancelled, succeeded, stopped, unknown');
    assert.deepEqual(labels(huawei.children), ['Queued (1)', 'Failed (1)', 'Cancelled (1)']);
    for (const g of [...aliyun.children, ...huawei.children]) {
      const status = g.node.type === 'group' ? g.node.status! : 'unknown';
      assert.equal(g.contextValue, 'group;status;');
      // A status group's icon is its status's, without the spin.
      assert.equal(g.icon, ICON[status][0].replace('~spin', ''), `${g.label} icon`);
      assert.equal(g.children.length, Number(/\((\d+)\)$/.exec(g.label)?.[1]), `${g.label}: count matches its jobs`);
    }

    const rows = jobRows(tree);
    assert.equal(rows.length, EXPECTED.length, 'every job exactly once');
    for (const e of EXPECTED) {
      const found = rows.find((r) => r.row.node.type === 'job' && r.row.node.job.ref.id === e.id);
      assert.ok(found, `${e.kind} ${e.id} is in the tree`);
      const cloud = e.kind === 'mpc-editing' ? 'Huawei Cloud' : 'Alibaba Cloud';
      assert.match(found.path[0]!, new RegExp(`^${cloud} \\(`), `${e.id} under ${cloud}`);
      const statusLabel = { running: 'Running', queued: 'Queued', failed: 'Failed', partial: 'Partly Failed', cancelled: 'Cancelled', succeeded: 'Succeeded', stopped: 'Stopped', unknown: 'Unknown' }[e.status];
      assert.match(found.path[1]!, new RegExp(`^${statusLabel} \\(`), `${e.id} under ${statusLabel}`);
      checkJobRow(found.row, e);
    }
    // Descriptions by status: progress for a running job with progress, waiting time for a queued one, when a
    // finished one finished, the cloud's value for an unknown one.
    const desc = (id: string): string => rows.find((r) => r.row.node.type === 'job' && r.row.node.job.ref.id === id)!.row.description ?? '';
    assert.equal(desc(SAMPLE_IDS.ice.processing), '45 %', 'ICE Processing with Progress "45"');
    assert.match(desc(SAMPLE_IDS.ice.init), /^waiting \d+ min$/);
    assert.match(desc(SAMPLE_IDS.ice.succeeded), /^took /);
    assert.equal(desc(SAMPLE_IDS.liveEditing.showUploading), `uploading to VOD · ${shortId(SAMPLE_IDS.liveEditing.showUploading)}`, 'the Live editing phase, not "running" again');
    assert.match(desc(SAMPLE_IDS.ice.unknownStatus), /^status Suspended/);
    assert.match(desc(SAMPLE_IDS.ice.failed), /^ExceededMaximumValue/, 'a failed job shows its error code');
    // Names first: the output file of a live-editing task, the stream of an edge job, the output of an MPC job (the
    // short id ends the description); ids are not names (an ICE output named after its JobId, a VOD VideoId, a
    // `project <id>`): then the label is the short id.
    const label = (id: string): string => rows.find((r) => r.row.node.type === 'job' && r.row.node.job.ref.id === id)!.row.label;
    assert.equal(label(SAMPLE_IDS.liveEditing.showUploading), 'EditFile-uploading.mp4');
    assert.equal(label(SAMPLE_IDS.liveEdge.stopped), 'sports-backup');
    assert.equal(desc(SAMPLE_IDS.liveEdge.stopped), `not started · ${shortId(SAMPLE_IDS.liveEdge.stopped)}`, 'edge status "0" reads as the SDK names it, not started (its group says Stopped)');
    assert.equal(label(SAMPLE_IDS.mpc.waiting), 'merged.mp4');
    assert.match(desc(SAMPLE_IDS.mpc.waiting), new RegExp(`^waiting \\d+ min · ${shortId(SAMPLE_IDS.mpc.waiting)}$`));
    assert.equal(label(SAMPLE_IDS.ice.succeeded), shortId(SAMPLE_IDS.ice.succeeded), 'an output named <JobId>.mp4 is not a name');
    assert.equal(label(SAMPLE_IDS.vod.allSucceeded), shortId(SAMPLE_IDS.vod.allSucceeded), 'a VideoId is not a name');
    assert.equal(label(SAMPLE_IDS.ice.processing), shortId(SAMPLE_IDS.ice.processing), '"project <ProjectId>" is not a name');

    // The rendered view shows the same groups.
    if (hasHarness()) {
      await clearNotifications();
      const rendered = await waitFor(async () => {
        const t = (await uiText('.part.sidebar .monaco-list-row')) ?? [];
        return ['Alibaba Cloud (10)', 'Running (3)', 'Partly Failed (1)', 'Huawei Cloud (3)'].every((l) => t.some((x) => x.includes(l))) ? t : undefined;
      }, 10_000, { message: 'the view to render the groups' });
      assert.ok(rendered.some((x) => x.includes(shortId(SAMPLE_IDS.ice.processing)) && x.includes('45 %')), 'a job row with its description');
      // The view's title: the container's name.
      const title = (await uiText('.part.sidebar .composite.title')) ?? [];
      // The container has two views (Jobs, Recent Jobs): its title is the container's, each view names its pane.
      assert.ok(title.some((x) => /^media jobs$/i.test(x.split('\n')[0]!.trim())), `side bar title: ${JSON.stringify(title)}`);
      const panes = ((await uiText('.part.sidebar .pane-header')) ?? []).map((x) => x.split('\n')[0]!.trim().toLowerCase());
      assert.ok(panes.includes('jobs') && panes.includes('recent jobs'), `view panes: ${JSON.stringify(panes)}`);
      await screenshot('tree-by-cloud', { waitForText: 'Alibaba Cloud (10)' });
    }
  });

  test('Toggle Grouping puts status first (Status → Cloud → Job), keeping each job’s tree id', async () => {
    const before = new Map(jobRows(await shownTree(api)).map((r) => [r.row.node.type === 'job' ? r.row.node.job.key : '', r.row.item.id]));
    assert.equal(before.size, EXPECTED.length, 'the jobs of the previous test are tracked');
    await vscode.commands.executeCommand('mediaJobs.toggleGrouping');
    assert.equal(api.tree.currentGrouping, 'status');
    await waitFor(() => vscode.workspace.getConfiguration('mediaJobs').get('groupBy') === 'status', 5_000, { message: 'mediaJobs.groupBy saved as status' });

    const tree = await shownTree(api);
    assert.deepEqual(labels(tree), ['Running (3)', 'Queued (2)', 'Failed (2)', 'Partly Failed (1)', 'Cancelled (1)', 'Succeeded (2)', 'Stopped (1)', 'Unknown (1)']);
    assert.deepEqual(labels(byLabelOf(tree).get('Cancelled (1)')!.children), ['Huawei Cloud (1)']);
    const byLabel = new Map(tree.map((r) => [r.label, r]));
    assert.deepEqual(labels(byLabel.get('Queued (2)')!.children), ['Alibaba Cloud (1)', 'Huawei Cloud (1)']);
    assert.deepEqual(labels(byLabel.get('Failed (2)')!.children), ['Alibaba Cloud (1)', 'Huawei Cloud (1)']);
    assert.deepEqual(labels(byLabel.get('Running (3)')!.children), ['Alibaba Cloud (3)']);
    for (const r of tree) assert.equal(r.contextValue, 'group;status;');
    for (const r of tree.flatMap((g) => g.children)) assert.equal(r.contextValue, 'group;cloud;');

    const rows = jobRows(tree);
    assert.equal(rows.length, EXPECTED.length);
    for (const { row, path } of rows) {
      if (row.node.type !== 'job') continue;
      const job = row.node.job;
      const e = EXPECTED.find((x) => x.id === job.ref.id)!;
      checkJobRow(row, e);
      assert.equal(row.item.id, before.get(job.key), `${e.id}: same tree id in both groupings`);
      assert.match(path[1]!, e.kind === 'mpc-editing' ? /^Huawei Cloud/ : /^Alibaba Cloud/);
    }

    if (hasHarness()) {
      await clearNotifications();
      await waitFor(async () => {
        const t = (await uiText('.part.sidebar .monaco-list-row')) ?? [];
        return t[0]?.includes('Running (3)') && t.some((x) => x.includes('Huawei Cloud (1)'));
      }, 10_000, { message: 'the view to render status groups first' });
      await screenshot('tree-by-status', { waitForText: 'Queued (2)' });
    }

    await vscode.commands.executeCommand('mediaJobs.toggleGrouping');
    assert.equal(api.tree.currentGrouping, 'cloud');
    assert.deepEqual(labels(await shownTree(api)), ['Alibaba Cloud (10)', 'Huawei Cloud (3)']);
  });

  test('Inspect Job from the command palette opens the job selected in the view, without asking', async () => {
    const rows = jobRows(await shownTree(api));
    const target = rows.find((r) => r.row.node.type === 'job' && r.row.node.job.ref.id === SAMPLE_IDS.mpc.waiting)!.row.node;
    assert.equal(target.type, 'job');
    await api.view.reveal(target, { select: true, focus: true });
    await waitFor(() => api.view.selection.some((n) => n.id === target.id), 5_000, { message: 'the row selected' });
    const asked = api.prompter.asked.length;
    const key = target.type === 'job' ? target.job.key : '';
    await vscode.commands.executeCommand('mediaJobs.inspectJob');
    assert.deepEqual(api.prompter.asked.slice(asked), [], 'no "Inspect which job?" pick');
    await waitFor(() => api.inspector.keys().includes(key), 10_000, { message: 'the inspector open for the selected job' });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
