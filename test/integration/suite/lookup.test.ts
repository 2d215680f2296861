/**
 * Look Up Job ID at Cursor on the fixture log tracks the job under the cursor with the kind the user picks
 * (the line says `JobId=` without an API name: ICE or live edge), Inspect Job opens the inspector panel, and Open Job as JSON
 * opens a read-only JSON document (`media-job:` scheme) of the normalized job.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hasHarness, pressKeys, screenshot, uiText, waitFor, WEBVIEW_LOAD_MS, WEBVIEW_TEST_TIMEOUT_MS } from './helpers.js';
import { SAMPLE_IDS, type TestApi, freshApi } from './jobs.js';

/** Open Job as JSON on a tracked job, and its read-only `media-job:` editor once it shows. */
async function openJsonView(key: string): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('mediaJobs.openJobAsJson', key);
  return waitFor(() => {
    const e = vscode.window.activeTextEditor;
    return e?.document.uri.scheme === 'media-job' ? e : undefined;
  }, 10_000, { message: 'a media-job: editor' });
}

/** The first line of the document that contains `text`. */
function lineContaining(doc: vscode.TextDocument, text: string): number | undefined {
  return [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.includes(text));
}

suite('lookup', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Look Up Job ID at Cursor on `JobId=<ICE id>` in the fixture log tracks it as an ICE job', async () => {
    const id = SAMPLE_IDS.ice.movingToSuccess;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the fixture workspace is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'logs', 'render-pipeline.log'));
    const editor = await vscode.window.showTextDocument(doc);
    const lineNo = lineContaining(doc, `JobId=${id}`);
    assert.ok(lineNo !== undefined, `the fixture log has JobId=${id}`);
    const character = doc.lineAt(lineNo).text.indexOf(`JobId=${id}`) + 'JobId='.length + 10; // inside the id
    editor.selection = new vscode.Selection(lineNo, character, lineNo, character);

    const asked = api.prompter.asked.length;
    api.prompter.queue('ice'); // the line names no API: the command asks ICE or live edge
    await vscode.commands.executeCommand('mediaJobs.lookUpJobIdAtCursor');
    assert.equal(api.prompter.pending, 0, 'the kind was asked for');
    assert.deepEqual(api.prompter.asked.slice(asked), ['pick:Which kind of job is it?']);

    const [t, ...more] = api.store.findById(id);
    assert.ok(t, `${id} is tracked`);
    assert.equal(more.length, 0);
    assert.equal(t.ref.kind, 'ice');
    assert.equal(t.ref.region, 'cn-shanghai', 'the region on the line');
    const fetched = await waitFor(() => api.store.get(t.key)?.snapshot, 10_000, { message: 'the job fetched' });
    assert.equal(fetched.id, id);
    assert.equal(fetched.kind, 'ice');
    assert.equal(api.store.get(t.key)?.lastError, null);
  });

  test('Inspect Job opens the inspector panel for the job', async function () {
    this.timeout(WEBVIEW_TEST_TIMEOUT_MS);
    const [t] = api.store.findById(SAMPLE_IDS.ice.movingToSuccess);
    assert.ok(t, 'tracked by the previous test');
    // Close the webviews earlier suites left open: each one's service worker races the new panel's (see WEBVIEW_LOAD_MS).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('mediaJobs.inspectJob', t.key);
    await waitFor(() => api.inspector.info(t.key)?.lastRendered, WEBVIEW_LOAD_MS, { message: 'the inspector to render' });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview && /mediaJobs\.inspector$/.test(tab.input.viewType));
  });

  test('Open Job as JSON opens a read-only JSON document of the job', async () => {
    const [t] = api.store.findById(SAMPLE_IDS.ice.movingToSuccess);
    assert.ok(t, 'tracked by the previous test');
    const editor = await openJsonView(t.key);
    const doc = editor.document;
    assert.equal(doc.languageId, 'json');
    const job = JSON.parse(doc.getText()) as { id: string; kind: string; status: string; region: string };
    assert.equal(job.id, t.ref.id);
    assert.equal(job.kind, 'ice');
    assert.equal(job.region, 'cn-shanghai');
    assert.equal(job.status, api.store.get(t.key)?.snapshot?.status);
    if (hasHarness()) {
      // Read-only for the user: typing into it is refused with the editor's read-only message.
      const before = doc.getText();
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await pressKeys('End', 'x');
      const message = await waitFor(async () => (await uiText('.monaco-editor-overlaymessage'))?.find((m) => /read-only/i.test(m)), 10_000, {
        message: 'the editor to refuse typing as read-only',
      });
      assert.match(message, /Cannot edit in read-only editor/);
      assert.equal(doc.getText(), before, 'the text is unchanged');
      assert.equal(doc.isDirty, false);
    }
    if (hasHarness()) await screenshot('inspect-json', { waitForText: `"id": "${t.ref.id}"` });
  });

  // The server does not read media-job: documents, so Look Up runs the detector bundle (dist/detector.js) here: a
  // bundle that is missing or fails to load makes the command throw. The tracked id is found either way.
  test('Look Up in a document the language server does not read (the job\'s JSON view) loads the detector bundle and finds the tracked id', async () => {
    const [t] = api.store.findById(SAMPLE_IDS.ice.movingToSuccess);
    assert.ok(t, 'tracked by the first test');
    const editor = await openJsonView(t.key);
    const doc = editor.document;
    const lineNo = lineContaining(doc, `"id": "${t.ref.id}"`);
    assert.ok(lineNo !== undefined, 'the JSON names the id');
    const character = doc.lineAt(lineNo).text.indexOf(t.ref.id) + 4;
    editor.selection = new vscode.Selection(lineNo, character, lineNo, character);
    const asked = api.prompter.asked.length;
    const found = await vscode.commands.executeCommand<Array<{ key: string }> | undefined>('mediaJobs.lookUpJobIdAtCursor');
    assert.deepEqual(found?.map((f) => f.key), [t.key], 'the tracked job, found without the server (media-job: is not a scheme it reads)');
    assert.equal(api.prompter.asked.length, asked, 'nothing asked: a tracked id is known in any form');
  });
});
