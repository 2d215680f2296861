/**
 * A workspace cannot redirect signed requests: the fixture workspace's .vscode/settings.json points
 * mediaJobs.endpoints.ice at http://127.0.0.1:9; the extension uses the emulator from User settings, reports the
 * ignored workspace value, and an ICE job is fetched from the emulator. Runs in both windows of the plan: workspace
 * trust disabled ("main") and trust on, where the folder opens in Restricted Mode ("untrusted", --trust on).
 * The same holds for mediaJobs.defaultRegion.* (the region is part of what is signed and picks the host). In
 * Restricted Mode the hover over an id that is not tracked sends no request: the document would choose it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { emulator, ENV, hasHarness, hoverText, screenshot, uiText, waitFor } from './helpers.js';
import { SAMPLE_IDS, shortId, showView, testApi, trackJob, untrackAll, useEmulatorCredentials, type TestApi, type TrackedJob } from './jobs.js';

const untrusted = (): boolean => process.env[ENV.trust] === 'on';

suite('trust', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await testApi();
  });

  test('the window is in the trust mode the harness asked for (Restricted Mode exactly when trust is on)', async () => {
    assert.equal(vscode.workspace.isTrusted, !untrusted(), `isTrusted with ${ENV.trust}=${process.env[ENV.trust]}`);
    if (!hasHarness()) return;
    const status = async (): Promise<string> => ((await uiText('.part.statusbar')) ?? []).join(' ');
    if (untrusted()) {
      await waitFor(async () => /Restricted Mode/.test(await status()), 10_000, { message: 'the status bar to show Restricted Mode' });
    } else {
      assert.doesNotMatch(await status(), /Restricted Mode/);
    }
  });

  test('the workspace value of mediaJobs.endpoints.ice (port 9) is ignored and reported; the User value is used', () => {
    const url = process.env[ENV.emulatorUrl];
    assert.ok(url, 'the emulator runs');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const workspaceSettings = readFileSync(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json').fsPath, 'utf8');
    assert.match(workspaceSettings, /"ice": "http:\/\/127\.0\.0\.1:9\//, 'the fixture workspace tries to redirect ICE');

    const s = api.settings();
    assert.equal(s.endpoints.ice, new URL(url).origin, 'ICE requests go to the emulator (User settings)');
    assert.ok(Object.values(s.endpoints).every((e) => e === new URL(url).origin), JSON.stringify(s.endpoints));
    const problem = s.endpointProblems.find((p) => /workspace/i.test(p));
    assert.ok(problem, `the ignored workspace value is reported; endpointProblems: ${JSON.stringify(s.endpointProblems)}`);
    assert.match(problem, /mediaJobs\.endpoints/);
    assert.match(problem, /ignored/);
    assert.ok(api.logger.recent.some((l) => l.includes(problem)), 'and logged');
  });

  test('an ICE job is fetched from the emulator, not from the workspace\'s endpoint', async () => {
    await useEmulatorCredentials(api);
    untrackAll(api);
    const since = (await emulator.requests()).length;
    const id = SAMPLE_IDS.ice.succeeded;
    const [t] = (await trackJob(api, 'ice', [id])) as [TrackedJob];
    const job = await waitFor(() => api.store.get(t.key)?.snapshot, 10_000, {
      message: `the job fetched (last error: ${JSON.stringify(api.store.get(t.key)?.lastError)})`,
    });
    assert.equal(job.id, id);
    assert.equal(job.status, 'succeeded');
    assert.equal(api.store.get(t.key)?.lastError, null);
    const arrived = (await emulator.requests(since)).filter((r) => r.api === 'ice:GetMediaProducingJob');
    assert.ok(arrived.length >= 1, 'the request arrived at the emulator');
    assert.ok(arrived.some((r) => r.status === 200 && String(r.url).includes(id)), `answered 200 for ${id}: ${JSON.stringify(arrived)}`);
    if (hasHarness() && untrusted()) {
      // The restricted window with the job the extension fetched.
      await showView(api);
      await screenshot('restricted-mode', { waitForText: shortId(id) });
    }
  });

  test('a workspace value of mediaJobs.defaultRegion.aliyun does not choose the region of signed requests', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json').fsPath;
    const original = readFileSync(file, 'utf8');
    const marker = `**/mji-marker-${Date.now()}`;
    const hostile = original.replace(/"files\.exclude": \{[^}]*\}/, (m) => `"mediaJobs.defaultRegion.aliyun": "us-west-1",\n  "mediaJobs.defaultRegion.huawei": "la-south-2",\n  ${m.replace(/\}$/, `, "${marker}": true }`)}`);
    assert.notEqual(hostile, original, 'the fixture settings file has the files.exclude line this test extends');
    try {
      writeFileSync(file, hostile);
      // The marker (a window setting in the same file) says VS Code has read the new file.
      await waitFor(() => vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude')?.[marker] === true, 15_000, {
        message: 'VS Code to read the changed workspace settings',
      });
      assert.deepEqual(api.settings().defaultRegions, { aliyun: 'cn-shanghai', huawei: 'cn-north-4' }, 'the built-in regions, not the workspace\'s');
      await useEmulatorCredentials(api);
      untrackAll(api);
      const [t] = (await trackJob(api, 'ice', [SAMPLE_IDS.ice.template])) as [TrackedJob];
      assert.equal(t.ref.region, 'cn-shanghai', 'tracked (and signed) for the user\'s region');
      await waitFor(() => api.store.get(t.key)?.snapshot, 10_000, { message: 'the job fetched' });
    } finally {
      writeFileSync(file, original);
      untrackAll(api);
    }
  });

  test('the hover over an id that is not tracked fetches it only in a trusted workspace', async () => {
    await useEmulatorCredentials(api);
    untrackAll(api);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'logs', 'render-pipeline.log'));
    const id = SAMPLE_IDS.ice.movingToSuccess; // "JobId=… region=cn-shanghai" on the first line
    const pos = doc.positionAt(doc.getText().indexOf(id) + 4);
    const since = (await emulator.requests()).length;
    const md = await waitFor(async () => {
      const text = await hoverText(doc.uri, pos);
      return text.includes('IMS editing job') ? text : undefined;
    }, 15_000, { message: 'the hover of the id' });
    const plain = md.replace(/\\(.)/g, '$1');
    const fetched = (await emulator.requests(since)).filter((r) => String(r.url).includes(id));
    if (untrusted()) {
      assert.match(plain, /Not looked up in Restricted Mode/, md);
      assert.deepEqual(fetched, [], 'no signed request for an id an untrusted document names');
      assert.match(md, /command:mediaJobs\.openJobReference\?/, 'tracking it stays one explicit click away');
    } else {
      assert.doesNotMatch(plain, /Restricted Mode/, md);
      assert.ok(fetched.length >= 1, 'a trusted workspace looks the id up');
    }
    assert.equal(api.store.findById(id).length, 0, 'a hover does not track');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
