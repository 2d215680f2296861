/**
 * The extension loads, activates without error, registers every contributed command, contributes its view
 * container and view, and sees the User settings the harness wrote (endpoints → the emulator) while the
 * fixture workspace's attempt to override them is ignored.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ENDPOINT_KINDS, VIEW_CONTAINER_ID, VIEW_ID } from '../protocol.js';
import { ENV, EXTENSION_ID, activate, activationFailure, channelLogFile, errorLogLines, extension, hasHarness, screenshot, uiText, waitFor } from './helpers.js';

interface Manifest {
  name: string;
  publisher: string;
  main: string;
  contributes: {
    commands: Array<{ command: string; title: string }>;
    viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> };
    views: Record<string, Array<{ id: string; name: string }>>;
  };
}

/** The part of the test API this suite relies on; everything else is optional here. */
interface TestApiShape {
  activationMs: number;
  ready?: Promise<unknown>;
}

suite('activation', () => {
  const manifest = (): Manifest => extension().packageJSON as Manifest;

  test('the extension under development is loaded', () => {
    const ext = extension();
    assert.equal(ext.id.toLowerCase(), EXTENSION_ID);
    assert.equal(manifest().main, './dist/extension.js');
  });

  test('activates without throwing', async () => {
    const ext = extension();
    await activate();
    assert.ok(ext.isActive, 'isActive after activate()');
    // A failed activation (e.g. onStartupFinished before this test) also reads as active: check the host's log.
    const failure = activationFailure();
    assert.ok(failure === undefined, `activation failed:\n${failure}`);
  });

  test('returns its test API when MEDIA_JOBS_TEST=1', async () => {
    const api = await activate<TestApiShape | undefined>();
    if (process.env[ENV.test] !== '1') {
      assert.equal(api, undefined, 'no API outside test mode');
      return;
    }
    // The extension has a test API: its absence is a failure, not a reason to skip.
    assert.ok(api !== undefined && api !== null, 'activate() returned no test API although MEDIA_JOBS_TEST=1');
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0 && Number.isFinite(api.activationMs), `activationMs = ${api.activationMs}`);
    if (api.ready) await api.ready;
  });

  test('every command in package.json contributes.commands is registered', async () => {
    await activate();
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.ok(missing.length === 0, `${missing.length} of ${contributed.length} not registered: ${missing.join(', ')}`);
  });

  test('the Media Jobs view container and its Jobs view are contributed and open', async () => {
    const m = manifest();
    const container = m.contributes.viewsContainers.activitybar.find((c) => c.id === VIEW_CONTAINER_ID);
    assert.ok(container, `activitybar container ${VIEW_CONTAINER_ID}`);
    assert.equal(container.title, 'Media Jobs');
    assert.ok(m.contributes.views[VIEW_CONTAINER_ID]?.some((v) => v.id === VIEW_ID), `view ${VIEW_ID} in ${VIEW_CONTAINER_ID}`);
    // The workbench derives these commands from the contributions it accepted.
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has(`workbench.view.extension.${VIEW_CONTAINER_ID}`), 'container command');
    assert.ok(registered.has(`${VIEW_ID}.focus`), 'view focus command');
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    if (hasHarness()) {
      // The rendered workbench: the side bar shows the container, and the view's name either in its own pane
      // header or, when it is the container's only view, merged into the title ("MEDIA JOBS: JOBS").
      const seen = await waitFor(async () => {
        const t = (await uiText('.part.sidebar .composite.title, .part.sidebar .pane-header')) ?? [];
        return t.some((x) => /media jobs:\s*jobs\b|^\s*jobs\b/i.test(x)) ? t : undefined;
      }, 10_000, { message: 'side bar showing Media Jobs / Jobs' });
      assert.ok(seen.length > 0);
      await screenshot('activation-view', { waitForSelector: '.part.sidebar .composite.title' });
    }
  });

  test('User settings reach the extension host: every endpoint points at the emulator', function () {
    const url = process.env[ENV.emulatorUrl];
    if (!url) this.skip(); // a run without the emulator (none so far)
    const inspected = vscode.workspace.getConfiguration('mediaJobs').inspect<Record<string, string>>('endpoints');
    assert.deepEqual(inspected?.globalValue, Object.fromEntries(ENDPOINT_KINDS.map((k) => [k, url])));
  });

  test('a workspace setting cannot redirect endpoints (application scope)', function () {
    const url = process.env[ENV.emulatorUrl];
    if (!url) this.skip();
    // test/integration/workspace/.vscode/settings.json tries to send ICE requests to port 9.
    const effective = vscode.workspace.getConfiguration('mediaJobs').get<Record<string, string>>('endpoints');
    assert.equal(effective?.ice, url);
    const inspected = vscode.workspace.getConfiguration('mediaJobs').inspect<Record<string, string>>('endpoints');
    assert.equal(inspected?.workspaceValue, undefined, 'application-scoped: VS Code drops the workspace value');
  });

  test('workspace trust is what the run asked for', () => {
    const expectTrusted = process.env[ENV.trust] !== 'on';
    assert.equal(vscode.workspace.isTrusted, expectTrusted);
  });

  test('activation logs no error', async function () {
    if (!process.env[ENV.logs]) this.skip();
    const api = await activate<TestApiShape | undefined>();
    if (api?.ready) await api.ready; // the deferred half of startup (saved state, first poll)
    // The extension host logs activation failures with the extension id; the extension's own channel is a
    // file named after it under output_logging_*/ (e.g. "1-Media Jobs.log").
    const lines = errorLogLines((file, line) => /media jobs/i.test(file) || file.includes(EXTENSION_ID) || line.includes(EXTENSION_ID) || /mediaJobs\./.test(line));
    assert.ok(lines.length === 0, `${lines.length} error line(s):\n${lines.join('\n')}`);
    // Not vacuous: the extension's own log was among the files read, and it says it activated.
    const channel = await waitFor(() => {
      const f = channelLogFile();
      return f && /\[info\] activated in [\d.]+ ms/.test(readFileSync(f, 'utf8')) ? f : undefined;
    }, 10_000, { message: 'the Media Jobs log file with the activation line' });
    assert.ok(channel.startsWith(process.env[ENV.logs]!), channel);
  });
});
