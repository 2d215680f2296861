/**
 * Taking a job elsewhere, in the real VS Code against the emulator: Export Timeline as OpenTimelineIO… writes the
 * .otio file the save dialog names (the scripted prompter answers it) and offers to open it; Copy as aliyun CLI /
 * hcloud / media-jobs Command put the command on the clipboard, from a tree row's key and, without an argument,
 * for the inspector panel in front (its editor title menu); the title menu shows the job's own cloud's command.
 * Compare Jobs… opens the comparison page in the Markdown preview over a diff editor of the two jobs' JSON.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { emulator, screenshot, uiHtml, waitFor, WEBVIEW_TEST_TIMEOUT_MS } from './helpers.js';
import { jobPickItems } from '../../../src/present/messages.js';
import { SAMPLE_IDS, untrackAll, type TestApi, type TrackedJob, freshApi } from './jobs.js';

suite('export', function () {
  this.timeout(WEBVIEW_TEST_TIMEOUT_MS);
  let api: TestApi;
  let ice: TrackedJob;
  let mpc: TrackedJob;
  const dir = mkdtempSync(join(tmpdir(), 'media-jobs-export-'));

  suiteSetup(async () => {
    api = await freshApi();
    [ice, mpc] = api.store.add([
      { kind: 'ice', id: SAMPLE_IDS.ice.captioned, region: 'cn-shanghai', params: {} },
      { kind: 'mpc-editing', id: SAMPLE_IDS.mpc.succeeded, region: 'cn-north-4', params: {} },
    ]) as [TrackedJob, TrackedJob];
    await api.poller.refresh([ice.key, mpc.key]);
    await waitFor(() => (api.store.get(ice.key)?.snapshot && api.store.get(mpc.key)?.snapshot ? true : undefined), 15_000, { message: 'the sample jobs fetched' });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    untrackAll(api);
    rmSync(dir, { recursive: true, force: true });
  });

  test('Export Timeline as OpenTimelineIO… writes the file the save dialog names', async () => {
    const file = join(dir, 'captioned.otio');
    api.prompter.queue(file);
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(api.commands.exportTimelineOtio, ice.key);
    assert.equal(uri?.fsPath, file);
    const otio = JSON.parse(readFileSync(file, 'utf8')) as { OTIO_SCHEMA: string; metadata: { aliyun_ice: { job_id: string; duration: number } }; tracks: { OTIO_SCHEMA: string; children: Array<{ OTIO_SCHEMA: string; kind: string }> } };
    assert.equal(otio.OTIO_SCHEMA, 'Timeline.1');
    assert.equal(otio.metadata.aliyun_ice.job_id, SAMPLE_IDS.ice.captioned);
    assert.equal(otio.metadata.aliyun_ice.duration, 30.5);
    assert.ok(otio.tracks.children.some((t) => t.kind === 'Audio') && otio.tracks.children.some((t) => t.kind === 'Video'));
    assert.ok(api.prompter.asked.includes('save:Export Timeline as OpenTimelineIO'));
  });

  test('a kind without timelines says so and writes nothing', async () => {
    const before = api.prompter.asked.length;
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>(api.commands.exportTimelineOtio, mpc.key);
    assert.equal(uri, undefined);
    assert.equal(api.prompter.asked.length, before, 'no save dialog');
  });

  test('Copy as aliyun CLI / hcloud / media-jobs Command put the exact command on the clipboard', async () => {
    const aliyun = await vscode.commands.executeCommand<string>(api.commands.copyAsAliyunCommand, ice.key);
    assert.equal(aliyun, `aliyun ice GetMediaProducingJob --JobId ${SAMPLE_IDS.ice.captioned} --region cn-shanghai --endpoint ${new URL(api.settings().endpoints.ice!).host} --force`);
    assert.equal(await vscode.env.clipboard.readText(), aliyun);
    const hcloud = await vscode.commands.executeCommand<string>(api.commands.copyAsHcloudCommand, mpc.key);
    assert.match(hcloud, new RegExp(`^hcloud MPC ListEditingJobs --job_id\\.1=${SAMPLE_IDS.mpc.succeeded} --project_id=\\S+ --cli-region=cn-north-4$`));
    const mine = await vscode.commands.executeCommand<string>(api.commands.copyAsMediaJobsCommand, ice.key);
    assert.equal(mine, `media-jobs inspect ice ${SAMPLE_IDS.ice.captioned} --region cn-shanghai --endpoint ${api.settings().endpoints.ice}`);
    for (const text of [aliyun, hcloud, mine]) assert.ok(!/secret|LTAI|AccessKey/i.test(text), text);
  });

  test('a hover link on an id copies its cloud CLI command: untracked (nothing tracked), or the tracked job\'s own', async () => {
    const id = 'a18'.padStart(32, '0');
    const before = api.store.all().length;
    await vscode.commands.executeCommand('mediaJobs.openJobReference', { id, kinds: ['ice'], params: {}, region: 'cn-shanghai', action: 'command' });
    assert.equal(await vscode.env.clipboard.readText(), `aliyun ice GetMediaProducingJob --JobId ${id} --region cn-shanghai --endpoint ${new URL(api.settings().endpoints.ice!).host} --force`);
    assert.equal(api.store.all().length, before, 'nothing is tracked');
    await vscode.commands.executeCommand('mediaJobs.openJobReference', { id: SAMPLE_IDS.mpc.succeeded, kinds: ['mpc-editing'], params: {}, region: 'cn-north-4', action: 'command' });
    assert.match(await vscode.env.clipboard.readText(), /^hcloud MPC ListEditingJobs --job_id\.1=\S+ --project_id=\S+ --cli-region=cn-north-4$/, 'the tracked MPC job: its project from its profile');
  });

  test('a Recent Jobs row copies its cloud CLI command too', async () => {
    const listed = { ...api.store.get(ice.key)!.snapshot!, batch: undefined };
    const text = await vscode.commands.executeCommand<string>(api.commands.recentCopyCommand, { type: 'recentJob', id: 'recent/ice/cn-shanghai/job:x', sourceId: 'recent/ice/cn-shanghai', job: listed });
    assert.equal(text, `aliyun ice GetMediaProducingJob --JobId ${SAMPLE_IDS.ice.captioned} --region cn-shanghai --endpoint ${new URL(api.settings().endpoints.ice!).host} --force`);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  test('with the inspector in front, its title menu acts on its job and offers its cloud\'s command', async () => {
    await vscode.commands.executeCommand(api.commands.inspectJob, mpc.key);
    await waitFor(() => api.inspector.info(mpc.key)?.lastRendered ?? undefined, 30_000, { message: 'the inspector to render' });
    const text = await vscode.commands.executeCommand<string>(api.commands.copyAsMediaJobsCommand);
    assert.match(text, new RegExp(`^media-jobs inspect mpc-editing ${SAMPLE_IDS.mpc.succeeded} --project-id \\S+ --region cn-north-4`));
    const titleActions = await uiHtml('.editor-actions', 5_000);
    if (titleActions) assert.ok(!titleActions.join('').includes('Export Timeline'), 'no Export for a kind without timelines');
    await vscode.commands.executeCommand(api.commands.inspectJob, ice.key);
    await waitFor(() => api.inspector.info(ice.key)?.lastRendered ?? undefined, 30_000, { message: 'the inspector to render' });
    const actions = await waitFor(async () => {
      const html = await uiHtml('.editor-actions', 0);
      return html === undefined || html.join('').includes('Export Timeline') ? html ?? [] : undefined;
    }, 10_000, { message: 'the Export button in the inspector title' });
    if (actions.length) assert.ok(actions.join('').includes('Export Timeline as OpenTimelineIO'));
    await screenshot('export-inspector-title');
  });

  test('Compare Jobs… shows the comparison page and the JSON diff of two jobs of one kind', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const [other] = api.store.add([{ kind: 'ice', id: SAMPLE_IDS.ice.succeeded, region: 'cn-shanghai', params: {} }]) as [TrackedJob];
    await api.poller.refresh([other.key]);
    await waitFor(() => api.store.get(other.key)?.snapshot ?? undefined, 15_000, { message: 'the second job fetched' });
    // The first job from its row; the second picked among the tracked jobs of its kind (MPC is not offered).
    const offered = jobPickItems(api.store.all().filter((t) => t.ref.kind === 'ice' && t.key !== ice.key));
    assert.deepEqual(offered.map((i) => i.key), [other.key]);
    api.prompter.queue(offered[0]!.label);
    assert.equal(await vscode.commands.executeCommand<boolean>(api.commands.compareJobs, ice.key), true);
    const tabs = await waitFor(() => {
      const all = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      const diff = all.find((t) => t.input instanceof vscode.TabInputTextDiff);
      const preview = all.find((t) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType));
      return diff && preview ? { diff, preview } : undefined;
    }, 20_000, { message: 'the diff editor and the Markdown preview' });
    assert.match(tabs.diff.label, /↔/);
    const page = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'media-job', path: `/compare/ice-${SAMPLE_IDS.ice.captioned}-${SAMPLE_IDS.ice.succeeded}.md` }));
    assert.match(page.getText(), /^# Compare ice jobs: /);
    assert.match(page.getText(), /## Timeline/);
    assert.match(page.getText(), /\d+ differences/);
    // The preview renders in its own webview: wait for its table to be drawn before the picture.
    await waitFor(async () => {
      const html = await uiHtml('iframe', 0);
      return html === undefined || html.length > 0 ? true : undefined;
    }, 10_000, { message: 'the preview frame' });
    await new Promise((r) => setTimeout(r, 6_000));
    await screenshot('compare-jobs');
    const none = await vscode.commands.executeCommand<boolean>(api.commands.compareJobs, mpc.key);
    assert.equal(none, false, 'no other MPC job to compare with');
  });

  test('Compare Jobs… offers a shown job\'s own earlier snapshot after it changed, and compares it with the current one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // A finished job of the emulator's history (no other suite asserts on it) that the cloud then reports failed.
    const id = 'a17'.padStart(32, '0');
    const [t] = api.store.add([{ kind: 'ice', id, region: 'cn-shanghai', params: {} }]) as [TrackedJob];
    await vscode.commands.executeCommand(api.commands.inspectJob, t.key);
    await waitFor(() => (api.store.get(t.key)?.snapshot?.status === 'succeeded' ? true : undefined), 20_000, { message: 'the job fetched' });
    await emulator.setStatus('ice', id, 'Failed', { error: { code: 'InternalError', message: 'Failed on purpose (export suite).' } });
    await api.poller.refresh([t.key]);
    await waitFor(() => (api.store.get(t.key)?.snapshot?.status === 'failed' ? true : undefined), 20_000, { message: 'the change fetched' });
    assert.equal(api.store.earlierOf(t.key)?.snapshot.status, 'succeeded', 'the inspector kept the answer it replaced');
    api.prompter.queue(`$(history) ${id}`);
    assert.equal(await vscode.commands.executeCommand<boolean>(api.commands.compareJobs, t.key), true);
    const page = await waitFor(async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'media-job', path: `/compare/ice-${id}-${id}.md` }));
      return doc.getText().startsWith('# Compare') ? doc.getText() : undefined;
    }, 10_000, { message: 'the comparison page' });
    assert.match(page, /\| ✎ \| Status \| Succeeded \\\(Success\\\) \| Failed \\\(Failed\\\) \|/);
    assert.match(page, /\| ✎ \| Error \| — \| InternalError/);
  });
});
