/**
 * A workspace cannot redirect signed requests: the fixture workspace's .vscode/settings.json points
 * mediaJobs.endpoints.ice at http://127.0.0.1:9; the extension uses the emulator from User settings, reports the
 * ignored workspace value, and an ICE job is fetched from the emulator. Runs in both windows of the plan: workspace
 * trust disabled ("main") and trust on, where the folder opens in Restricted Mode ("untrusted", --trust on).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ENV, emulator, hasHarness, screenshot, uiText, waitFor } from './helpers.js';
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
});
