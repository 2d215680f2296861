/**
 * A tracked job that becomes terminal moves to its new group and raises a notification: information for a
 * success, a warning for a failure; `mediaJobs.notifications: failures` keeps successes quiet. The emulator's
 * jobs are moved through its control endpoint; the extension sees the change through Refresh All or its own
 * poller. A job whose error message is a command link raises a toast that shows the text and renders no link.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, hasHarness, screenshot, uiHtml, uiText, waitFor } from './helpers.js';
import { hasNotificationLink } from '../../../src/util/neutralise.js';
import { SAMPLE_IDS, clearNotifications, jobRows, setSetting, shortId, showView, shownTree, trackJob, type TestApi, type TrackedJob, freshApi } from './jobs.js';

const TOAST = '.notifications-toasts .notification-toast';
/** The message of a toast (its buttons are anchors too: only the message must hold none). */
const TOAST_MESSAGE = `${TOAST} .notification-list-item-message`;
/** What a cloud could return as a job's error: a one-click terminal command, and a web link. */
const COMMAND_LINK = '[Show details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cr%22%7D)';
const WEB_LINK = '[docs](https://evil.example/phish)';

/** The group labels above a job in the tree (cloud, status), or undefined when it is not shown. */
async function groupsOf(api: TestApi, key: string): Promise<string[] | undefined> {
  return jobRows(await shownTree(api)).find((r) => r.row.node.type === 'job' && r.row.node.job.key === key)?.path;
}

suite('notifications', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
    await setSetting(api, 'notifications', undefined, (s) => s.notifications === 'all');
    await showView(api);
  });

  suiteTeardown(async () => {
    if (!api) return;
    await setSetting(api, 'notifications', undefined, (s) => s.notifications === 'all');
    await setSetting(api, 'pollIntervalSeconds', undefined, (s) => s.pollIntervalMs === 10_000);
  });

  test('a queued job that succeeds moves from Queued to Succeeded and raises an information message', async () => {
    const id = SAMPLE_IDS.ice.queuing;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'queued', 10_000, { message: 'the job fetched as queued' });
    assert.deepEqual(await groupsOf(api, t.key), ['Alibaba Cloud (1)', 'Queued (1)']);
    const shownBefore = api.notifier.shown.length;
    await clearNotifications();

    await emulator.setStatus('ice', id, 'Success', { progress: 100 });
    await vscode.commands.executeCommand('mediaJobs.refreshAll');
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'succeeded', 10_000, { message: 'the job to be succeeded' });

    assert.deepEqual(await groupsOf(api, t.key), ['Alibaba Cloud (1)', 'Succeeded (1)'], 'moved to Succeeded');
    const labels = (await shownTree(api)).flatMap((r) => [r.label, ...r.children.map((c) => c.label)]);
    assert.ok(!labels.some((l) => l.startsWith('Queued')), `no Queued group left: ${labels.join(', ')}`);
    const row = jobRows(await shownTree(api)).find((r) => r.row.node.type === 'job' && r.row.node.job.key === t.key)!.row;
    assert.match(row.contextValue ?? '', /;status-succeeded;terminal;/, 'menus now treat it as finished');
    assert.equal(row.icon, 'pass-filled');

    const shown = api.notifier.shown.slice(shownBefore);
    assert.equal(shown.length, 1, `one notification: ${JSON.stringify(shown)}`);
    assert.equal(shown[0]!.key, t.key);
    assert.equal(shown[0]!.level, 'info');
    assert.match(shown[0]!.message, new RegExp(`^ice ${shortId(id)}.* succeeded`));

    if (hasHarness()) {
      // The toast on screen, with its actions.
      const toast = await waitFor(async () => (await uiText(TOAST))?.find((x) => x.includes('succeeded') && x.includes(shortId(id))), 10_000, {
        message: 'the information toast on screen',
      });
      assert.match(toast, /Inspect/);
      assert.match(toast, /Copy Job ID/);
      await screenshot('notification-succeeded', { waitForSelector: TOAST });
    }
  });

  test('a job that fails raises a warning, found by the poller on its own (pollIntervalSeconds 2)', async () => {
    await setSetting(api, 'pollIntervalSeconds', 2, (s) => s.pollIntervalMs === 2_000);
    const id = SAMPLE_IDS.mpc.processing;
    const [t] = (await trackJob(api, 'mpc-editing', [id], [''])) as [TrackedJob];
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'running', 10_000, { message: 'the MPC job fetched as running' });
    const checkedAt = api.store.get(t.key)!.lastCheckedAt;
    const shownBefore = api.notifier.shown.length;
    await clearNotifications();

    await emulator.setStatus('mpc-editing', id, 'FAILED', { error: { code: 'MPC.10053', message: 'The transcoding of the editing output failed.' } });
    // No refresh command: the poller's next round (2 s after the last, plus jitter) finds it.
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'failed', 15_000, { message: 'the poller to see the failure' });
    assert.notEqual(api.store.get(t.key)!.lastCheckedAt, checkedAt, 'fetched again by the poller');
    assert.deepEqual(await groupsOf(api, t.key), ['Huawei Cloud (1)', 'Failed (1)']);

    const shown = api.notifier.shown.slice(shownBefore);
    assert.equal(shown.length, 1, `one notification: ${JSON.stringify(shown)}`);
    assert.equal(shown[0]!.key, t.key);
    assert.equal(shown[0]!.level, 'warning');
    assert.match(shown[0]!.message, /^mpc-editing .* failed: MPC\.10053 The transcoding of the editing output failed\./);
    if (hasHarness()) {
      await waitFor(async () => (await uiText(TOAST))?.some((x) => x.includes('MPC.10053')), 10_000, { message: 'the warning toast on screen' });
      await screenshot('notification-failed', { waitForSelector: TOAST });
    }
  });

  test('a job that fails with a command link as its error message: the toast shows the text, with no link', async () => {
    const id = SAMPLE_IDS.ice.hostile;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    try {
      await hostileFailure(t, id);
    } finally {
      // The next test counts the jobs of each group.
      api.store.remove([t.key]);
    }
  });

  async function hostileFailure(t: TrackedJob, id: string): Promise<void> {
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'running', 10_000, { message: 'the job fetched as running' });
    const shownBefore = api.notifier.shown.length;
    await clearNotifications();

    await emulator.setStatus('ice', id, 'Failed', { error: { code: `[Fix](command:workbench.action.quit)`, message: `Rendering failed: ${COMMAND_LINK} ${WEB_LINK} \u202eevil` } });
    await vscode.commands.executeCommand('mediaJobs.refreshAll');
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'failed', 10_000, { message: 'the job to be failed' });
    assert.match(api.store.get(t.key)!.snapshot!.error!.message, /\]\(command:/, 'the store keeps the cloud\'s text as it came');

    const shown = api.notifier.shown.slice(shownBefore);
    assert.equal(shown.length, 1, `one notification: ${JSON.stringify(shown)}`);
    assert.equal(shown[0]!.level, 'warning');
    const message = shown[0]!.message;
    assert.equal(hasNotificationLink(message), false, `VS Code finds no link in: ${message}`);
    assert.ok(message.includes('[Show details] (command:workbench.action.terminal.sendSequence'), `the text is still there: ${message}`);
    assert.doesNotMatch(message, /\u202e/, 'no bidi control');

    if (hasHarness()) {
      const html = await waitFor(async () => (await uiHtml(TOAST_MESSAGE))?.find((h) => h.includes('Show details')), 10_000, {
        message: 'the warning toast on screen',
      });
      assert.doesNotMatch(html, /<a[\s>]/i, `no anchor in the rendered message: ${html}`);
      assert.doesNotMatch(html, /href=/i, `no href in the rendered message: ${html}`);
      assert.ok(html.includes('[Show details] (command:workbench.action.terminal.sendSequence'), `shown as text: ${html}`);
      await screenshot('notification-hostile', { waitForSelector: TOAST });
    }
  }

  test('with mediaJobs.notifications = failures a success changes the group but raises nothing', async () => {
    await setSetting(api, 'notifications', 'failures', (s) => s.notifications === 'failures');
    const id = SAMPLE_IDS.vod.processing;
    const [t] = (await trackJob(api, 'vod', [id])) as [TrackedJob];
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'running', 10_000, { message: 'the VOD task fetched as running' });
    const shownBefore = api.notifier.shown.length;

    await emulator.setStatus('vod', id, 'CompleteAllSucc');
    await vscode.commands.executeCommand('mediaJobs.refreshAll');
    // The transition is applied (and the notifier called) inside the refresh: by now it would have been shown.
    assert.equal(api.store.get(t.key)?.snapshot?.status, 'succeeded');
    assert.deepEqual(await groupsOf(api, t.key), ['Alibaba Cloud (2)', 'Succeeded (2)']);
    assert.deepEqual(api.notifier.shown.slice(shownBefore), [], 'no notification for a success');

    // A failure still is.
    const failing = SAMPLE_IDS.vod.partial; // "Partial": some outputs done, others still transcoding
    const [f] = (await trackJob(api, 'vod', [failing])) as [TrackedJob];
    await waitFor(() => api.store.get(f.key)?.snapshot?.status === 'running', 10_000, { message: 'the partial VOD task fetched as running' });
    await emulator.setStatus('vod', failing, 'CompleteAllFail');
    await vscode.commands.executeCommand('mediaJobs.refreshAll');
    assert.equal(api.store.get(f.key)?.snapshot?.status, 'failed');
    const now = api.notifier.shown.slice(shownBefore);
    assert.deepEqual(now.map((n) => [n.key, n.level]), [[f.key, 'warning']], 'only the failure');
    // The task's outputs named no error code: the message says what failed without an empty code.
    assert.match(now[0]!.message, /^vod .* failed: \d of \d transcode jobs failed/);
  });
});

