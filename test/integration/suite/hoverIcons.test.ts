/**
 * Job text cannot draw theme icons: a tracked job whose name is `template $(zap) launch promo` (the emulator's
 * hostile ICE sample, TemplateId "$(zap) launch promo"). The hover over its id in a document (a MarkdownString with
 * supportThemeIcons, for the status icon and the links' icons) shows the characters `$(zap)`, not a zap icon.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasHarness, hoverText, screenshot, uiHtml, waitFor } from './helpers.js';
import { SAMPLE_IDS, clearNotifications, trackJob, untrackAll, type TestApi, type TrackedJob, freshApi } from './jobs.js';

const HOVER = '.monaco-hover .hover-contents';

suite('hoverIcons', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (api) untrackAll(api);
  });

  test('the hover of a job named "template $(zap) launch promo" shows $(zap) as text', async () => {
    const id = SAMPLE_IDS.ice.hostile;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    const job = await waitFor(() => api.store.get(t.key)?.snapshot, 10_000, { message: 'the job fetched' });
    assert.equal(job.name, 'template $(zap) launch promo');

    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `render finished JobId=${id} (see the log)\n` });
    const pos = doc.positionAt(doc.getText().indexOf(id) + 4);
    const md = await waitFor(async () => {
      const text = await hoverText(doc.uri, pos);
      return text.includes('launch promo') ? text : undefined;
    }, 15_000, { message: 'a hover with the tracked job' });
    assert.ok(md.includes('template \\\\\\$\\(zap\\) launch promo'), `the icon is escaped for the icon renderer and then for Markdown:\n${md}`);

    if (hasHarness()) {
      await clearNotifications();
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
      const html = await waitFor(async () => {
        await vscode.commands.executeCommand('editor.action.showHover');
        return (await uiHtml(HOVER, 2_000))?.find((h) => h.includes('launch promo'));
      }, 15_000, { message: 'the hover on screen' });
      assert.ok(html.includes('$(zap) launch promo'), `the characters are shown: ${html}`);
      assert.doesNotMatch(html, /codicon-zap/, 'no zap icon drawn');
      assert.match(html, /codicon-(sync|error|pass|clock)/, 'the status icon is drawn: icons are on in this hover');
      await screenshot('hover-icon-as-text', { waitForSelector: '.monaco-hover' });
    }
  });
});
