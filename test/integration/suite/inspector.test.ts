/**
 * The inspector panel in a real VS Code against the emulator: Inspect Job on a tracked job opens a webview panel
 * titled `<kind> <short id> · <status>`; its webview (the real bundle under the real CSP) renders the job and
 * reports what it painted; when the job changes in the cloud and is fetched again, the open panel updates in
 * place (title and content); opening it again reveals the same panel.
 *
 * The panels come from the test API (`api.inspector`) once extension.ts creates them; until then this suite
 * drives its own InspectorPanels over the extension's job store and poller, and the test that needs the
 * Inspect Job command to open the panel is skipped.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { InspectorPanels, type PanelInfo } from '../../../src/views/inspectorPanel.js';
import { emulator, extension, screenshot, waitFor, WEBVIEW_LOAD_MS, WEBVIEW_TEST_TIMEOUT_MS } from './helpers.js';
import { SAMPLE_IDS, untrackAll, type TestApi, type TrackedJob, freshApi } from './jobs.js';

/** A sample job no other suite touches: Success, with a 2,000-clip Timeline in three tracks. */
const JOB_ID = SAMPLE_IDS.ice.largeTimeline;
const SHORT = `${JOB_ID.slice(0, 8)}…${JOB_ID.slice(-4)}`;

suite('inspector', function () {
  this.timeout(WEBVIEW_TEST_TIMEOUT_MS); // each test opens a webview: see WEBVIEW_LOAD_MS
  let api: TestApi;
  let panels: InspectorPanels;
  let wired = false;
  let own: InspectorPanels | undefined;
  let t: TrackedJob;

  suiteSetup(async () => {
    api = await freshApi();
    const fromApi = (api as unknown as { inspector?: InspectorPanels }).inspector;
    wired = fromApi !== undefined;
    panels = fromApi ?? (own = new InspectorPanels(extension().extensionUri, {
      store: api.store,
      refresh: (key) => api.poller.refresh([key]),
      ready: () => api.ready,
      log: api.logger,
    }));
    [t] = api.store.add([{ kind: 'ice', id: JOB_ID, region: 'cn-shanghai', params: {} }]) as [TrackedJob];
    await api.poller.refresh([t.key]);
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'succeeded', 15_000, { message: 'the sample job fetched from the emulator' });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    own?.dispose();
    if (api) untrackAll(api);
  });

  const info = (): PanelInfo | undefined => panels.info(t.key);

  async function open(): Promise<void> {
    if (wired) await vscode.commands.executeCommand('mediaJobs.inspectJob', t.key);
    else await panels.show(api.store.get(t.key) ?? t);
  }

  test('Inspect Job (the tree\'s inline action) opens the inspector panel', async function () {
    if (!wired) this.skip(); // needs extension.ts to create the panels (api.inspector) and route Inspect Job to them
    await vscode.commands.executeCommand('mediaJobs.inspectJob', t.key);
    const shown = await waitFor(() => info()?.lastRendered, WEBVIEW_LOAD_MS, { message: 'the webview to report a render' });
    assert.equal(shown.status, 'succeeded');
    assert.equal(info()?.title, `ice ${SHORT} · succeeded`);
  });

  test('the panel renders the job, and updates in place when the job changes', async () => {
    await open();
    const first = await waitFor(() => info()?.lastRendered, WEBVIEW_LOAD_MS, { message: 'the webview to report a render' });
    assert.equal(first.status, 'succeeded');
    assert.equal(first.tab, 'overview');
    assert.ok(first.elements > 50 && first.elements < 3_000, `${first.elements} DOM elements`);
    assert.equal(info()?.title, `ice ${SHORT} · succeeded`);
    assert.equal(info()?.visible, true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'the active editor tab is a webview');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /mediaJobs\.inspector$/);
    assert.equal(tab.label, `ice ${SHORT} · succeeded`);
    await screenshot('inspector-01-open', { waitForSelector: 'iframe.webview.ready', timeoutMs: 15_000 });

    const revision = info()?.revision ?? 0;
    await emulator.setStatus('ice', JOB_ID, 'Failed', { error: { code: 'InternalError', message: 'The job failed on purpose (inspector integration test).' } });
    await api.poller.refresh([t.key]);
    const updated = await waitFor(() => {
      const r = info()?.lastRendered;
      return r && r.status === 'failed' ? r : undefined;
    }, 20_000, { message: 'the open panel to show the new status' });
    assert.ok(updated.revision > 0 && (info()?.revision ?? 0) > revision, 'a new revision reached the webview');
    assert.equal(info()?.title, `ice ${SHORT} · failed`);
    await screenshot('inspector-02-updated', { waitForSelector: 'iframe.webview.ready', timeoutMs: 15_000 });
  });

  test('after a reload, the serializer restores the panel from the job key in the webview\'s state', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => panels.keys().length === 0, 5_000, { message: 'no panel open' });
    // What VS Code does on reload: a panel of the registered type, handed to the serializer with the saved state.
    const restored = vscode.window.createWebviewPanel('mediaJobs.inspector', 'restoring', vscode.ViewColumn.Active, { enableScripts: true });
    await panels.serializer().deserializeWebviewPanel(restored, { jobKey: t.key, tab: 'timeline' });
    assert.deepEqual(panels.keys(), [t.key]);
    const shown = await waitFor(() => info()?.lastRendered, WEBVIEW_LOAD_MS, { message: 'the restored webview to report a render' });
    assert.equal(shown.status, api.store.get(t.key)?.snapshot?.status);
    assert.match(info()?.title ?? '', new RegExp(`^ice ${SHORT} · `));
    // A state without a job key cannot be restored: that panel closes.
    const stray = vscode.window.createWebviewPanel('mediaJobs.inspector', 'stray', vscode.ViewColumn.Active, {});
    let closed = false;
    stray.onDidDispose(() => {
      closed = true;
    });
    await panels.serializer().deserializeWebviewPanel(stray, { something: 'else' });
    assert.ok(closed, 'a panel without a job key is closed');
  });

  test('opening it again reveals the same panel; closing it forgets it', async () => {
    await open();
    await open();
    assert.deepEqual(panels.keys(), [t.key]);
    const webviewTabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((x) => x.input instanceof vscode.TabInputWebview && /mediaJobs\.inspector$/.test(x.input.viewType));
    assert.equal(webviewTabs.length, 1, 'one panel per job');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => panels.keys().length === 0, 5_000, { message: 'the closed panel to be forgotten' });
  });
});
