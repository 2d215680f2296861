/**
 * The extension in Chinese, in a real VS Code started with `--locale zh-cn` (its own window: the harness starts
 * code-server with the file's name as display language, see harness/languagePack.ts; VS Code's own menus stay
 * English without a language pack, the extension's text comes from l10n/bundle.l10n.zh-cn.json). Checks what
 * the extension hands VS Code (tree rows, hover Markdown, notification, inspector title) and what is on screen,
 * and takes a screenshot of each for a person to look at.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulator, hasHarness, hoverText, screenshot, uiHtml, uiText, waitFor, webviewText, WEBVIEW_LOAD_MS, WEBVIEW_TEST_TIMEOUT_MS } from '../helpers.js';
import { SAMPLE_IDS, clearNotifications, jobRows, shortId, showView, shownTree, testApi, trackJob, untrackAll, useEmulatorCredentials, type TestApi, type TrackedJob } from '../jobs.js';

const TOAST = '.notifications-toasts .notification-toast';
const HOVER = '.monaco-hover';

suite('zh-cn: the extension in Chinese', function () {
  this.timeout(WEBVIEW_TEST_TIMEOUT_MS);
  let api: TestApi;

  suiteSetup(async () => {
    api = await testApi();
    await useEmulatorCredentials(api);
    untrackAll(api);
    await showView(api);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (api) untrackAll(api);
  });

  test('VS Code runs in zh-cn and hands the extension the zh-cn bundle', () => {
    assert.equal(vscode.env.language, 'zh-cn');
    assert.ok(vscode.l10n.bundle, 'VS Code loaded l10n/bundle.l10n.zh-cn.json');
    assert.equal(vscode.l10n.t('Copy Job ID'), '复制作业 ID');
  });

  test('the tree: cloud and status groups, the row and its tooltip are Chinese', async () => {
    const id = SAMPLE_IDS.ice.succeeded;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'succeeded', 15_000, { message: 'the job fetched' });
    const rows = jobRows(await shownTree(api));
    const row = rows.find((r) => r.row.node.type === 'job' && r.row.node.job.key === t.key);
    assert.ok(row, 'the job is in the tree');
    assert.deepEqual(row.path, ['阿里云 (1)', '成功 (1)']);
    assert.match(row.row.description ?? '', /耗时 \d+ (秒|分钟|小时|天)/, `the description: ${row.row.description}`);
    const resolved = api.tree.resolveTreeItem(row.row.item, row.row.node);
    const tip = (resolved ?? row.row.item).tooltip;
    const md = typeof tip === 'string' ? tip : tip?.value ?? '';
    assert.match(md, /\*\*[^*]*剪辑合成作业\*\*/, `the tooltip names the kind in Chinese:\n${md}`);
    assert.match(md, /地域：cn\\-shanghai/);
    assert.match(md, /上次检查于 .+前/);
    // Times follow the UI language (src/util/formatLocale.ts): the local time in Chinese order, its zone named.
    assert.match(md, /创建时间：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} \(UTC[^)]*\)/, `the tooltip's times are local with the zone:\n${md}`);
    if (hasHarness()) {
      const shown = await waitFor(async () => (await uiText('.part.sidebar .monaco-list-row'))?.join('\n').match(/阿里云 \(1\)[\s\S]*成功 \(1\)/)?.[0], 15_000, {
        message: 'the Chinese group rows on screen',
      });
      assert.ok(shown);
      // The status bar item: "跟踪 1 个" (tracked) unless a job runs.
      const bar = await waitFor(async () => (await uiText('.statusbar-item'))?.find((x) => /跟踪 \d+ 个|\d+ 个处理中/.test(x)), 10_000, { message: 'the status bar item in Chinese' });
      assert.ok(bar);
      await screenshot('zh-cn-01-tree', { waitForSelector: '.part.sidebar .monaco-list-row' });
    }
  });

  test('a hover on a job id: the status, the facts and the links are Chinese', async () => {
    const id = SAMPLE_IDS.ice.succeeded;
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `render finished JobId=${id} (see the log)\n` });
    const pos = doc.positionAt(doc.getText().indexOf(id) + 4);
    const md = await waitFor(async () => {
      const text = await hoverText(doc.uri, pos);
      return text.includes('检查') ? text : undefined;
    }, 15_000, { message: 'a hover with the tracked job' });
    assert.match(md, /成功/);
    assert.match(md, /复制 ID/);
    assert.match(md, /在控制台中打开/);
    if (hasHarness()) {
      await clearNotifications();
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
      const html = await waitFor(async () => {
        await vscode.commands.executeCommand('editor.action.showHover');
        return (await uiHtml(HOVER, 2_000))?.find((h) => h.includes('复制 ID'));
      }, 15_000, { message: 'the hover on screen' });
      assert.match(html, /地域：/);
      await screenshot('zh-cn-02-hover', { waitForSelector: HOVER });
    }
  });

  test('a notification when a job finishes, with Chinese actions', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const id = SAMPLE_IDS.ice.queuing;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    await waitFor(() => api.store.get(t.key)?.snapshot?.status === 'queued', 15_000, { message: 'the job fetched as queued' });
    const before = api.notifier.shown.length;
    await clearNotifications();
    await emulator.setStatus('ice', id, 'Success', { progress: 100 });
    await vscode.commands.executeCommand('mediaJobs.refreshAll');
    const shown = await waitFor(() => api.notifier.shown.slice(before).find((s) => s.key === t.key), 15_000, { message: 'the notification' });
    assert.match(shown.message, new RegExp(`^ice ${shortId(id)}.* 成功`));
    if (hasHarness()) {
      const toast = await waitFor(async () => (await uiText(TOAST))?.find((x) => x.includes(shortId(id))), 10_000, { message: 'the toast on screen' });
      assert.match(toast, /检查/);
      assert.match(toast, /复制作业 ID/);
      await screenshot('zh-cn-03-notification', { waitForSelector: TOAST });
    }
  });

  test('the inspector: a Chinese title, and the webview drawn from the zh-cn bundle', async () => {
    await clearNotifications();
    const t = api.store.all().find((x) => x.ref.id === SAMPLE_IDS.ice.succeeded)!;
    await vscode.commands.executeCommand('mediaJobs.inspectJob', t.key);
    const inspector = api.inspector;
    await waitFor(() => inspector.info(t.key)?.lastRendered, WEBVIEW_LOAD_MS, { message: 'the webview to report a render' });
    assert.equal(inspector.info(t.key)?.title, `ice ${shortId(t.ref.id)} · 成功`);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.equal(tab?.label, `ice ${shortId(t.ref.id)} · 成功`);
    if (hasHarness()) {
      // The page itself, drawn from the bundle the host passed in: its tabs and sections.
      const page = await waitFor(async () => (await webviewText('body', 10_000))?.find((x) => x.includes('概览')), 15_000, { message: 'the inspector page in Chinese' });
      assert.match(page, /时间线/);
      assert.match(page, /成功/);
      assert.doesNotMatch(page, /\bOverview\b/);
      await screenshot('zh-cn-04-inspector', { waitForSelector: 'iframe.webview.ready', timeoutMs: 15_000 });
    }
  });
});
