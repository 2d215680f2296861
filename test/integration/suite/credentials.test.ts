/**
 * Credentials set through Set Alibaba Cloud Credentials… (prompts answered by the ScriptedPrompter) are in
 * SecretStorage and nowhere else: not in any mediaJobs.* setting nor the User settings file, not in globalState
 * or the saved job state, not in the extension's log (in memory and on disk), not anywhere under the window's
 * user-data-dir or HOME, even after a signed request with them failed and its error was recorded. Sign Out
 * deletes them.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { ENV, channelLogFile, extension, filesUnder, storageFiles, waitFor } from './helpers.js';
import { SAMPLE_IDS, trackJob, useEmulatorCredentials, userSettingsText, type TestApi, type TrackedJob, freshApi } from './jobs.js';

// Distinctive fake values: any trace of them anywhere is a leak. The key id is not a secret (it is sent in clear).
const FAKE_KEY_ID = 'LTAI5tMjiIntegrationFakeKey';
const FAKE_SECRET = 'MjiFakeSecret-7Qp2Zx9Lw4Kd8Vn3';
const FAKE_TOKEN = 'MjiFakeStsToken-Hy6Tb1Rc5Jm0Fs4Wq8Ue';
const SECRETS = [FAKE_SECRET, FAKE_TOKEN];

function assertNoSecret(where: string, text: string): void {
  for (const s of SECRETS) {
    const at = text.indexOf(s);
    assert.ok(at < 0, `${where} contains a secret: …${text.slice(Math.max(0, at - 80), at + s.length + 20)}…`);
  }
}

interface ConfigurationContribution {
  properties: Record<string, unknown>;
}

suite('credentials', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
  });

  suiteTeardown(async () => {
    if (api) await useEmulatorCredentials(api);
  });

  test('Set Alibaba Cloud Credentials… puts them in SecretStorage and nowhere in settings, state or logs', async () => {
    const asked = api.prompter.asked.length;
    api.prompter.queue(FAKE_KEY_ID, FAKE_SECRET, FAKE_TOKEN, '');
    const ok = await vscode.commands.executeCommand<boolean>('mediaJobs.setAliyunCredentials');
    assert.equal(ok, true, 'the command reports success');
    assert.equal(api.prompter.pending, 0);
    assert.deepEqual(api.prompter.asked.slice(asked).map((a) => a.split(' (')[0]), [
      'input:AccessKey ID', 'input:AccessKey secret', 'input:STS security token', 'input:Default region',
    ]);

    // In SecretStorage (read back through it, not from a cache), not held in memory for this window only.
    api.credentials.invalidate();
    const c = await api.credentials.get();
    assert.deepEqual(c.aliyun, { accessKeyId: FAKE_KEY_ID, accessKeySecret: FAKE_SECRET, securityToken: FAKE_TOKEN });
    const status = await api.credentials.status();
    assert.equal(status.windowOnly, false, 'stored in SecretStorage, not kept for this window only');

    // Use them: a request signed with them goes out, the emulator does not know the key, the error is recorded
    // on the job (and saved with it).
    const [t] = (await trackJob(api, 'ice', [SAMPLE_IDS.ice.succeeded])) as [TrackedJob];
    const failed = await waitFor(() => api.store.get(t.key)?.lastError, 10_000, { message: 'the request with the fake key to fail' });
    assert.ok(failed.code, `an error code (${failed.kind}: ${failed.message})`);
    await api.store.flush();

    // Settings: every mediaJobs.* setting at every level, and the User settings file.
    const config = vscode.workspace.getConfiguration('mediaJobs');
    const contributed = extension().packageJSON.contributes.configuration as ConfigurationContribution[];
    const keys = contributed.flatMap((c) => Object.keys(c.properties)).map((k) => k.slice('mediaJobs.'.length));
    assert.ok(keys.length >= 8, `the manifest's settings (${keys.join(', ')})`);
    for (const k of keys) assertNoSecret(`setting mediaJobs.${k}`, JSON.stringify(config.inspect(k) ?? null));
    const settingsFile = userSettingsText();
    assert.match(settingsFile, /mediaJobs\.endpoints/, 'read the real User settings file');
    assertNoSecret('User/settings.json', settingsFile);

    // State: every globalState key and value, and every file under globalStorageUri: the tracked list and the job
    // files (which hold the recorded error).
    await api.store.flush();
    const stateKeys = api.globalState.keys();
    assertNoSecret('globalState', JSON.stringify(stateKeys.map((k) => [k, api.globalState.get(k)])));
    const files = storageFiles(api.storagePath);
    assert.ok(files.some(([f]) => f === api.listFile), `the tracked list's file is among ${files.map(([f]) => f).join(', ')}`);
    const stored = files.map(([, text]) => text).join('\n');
    assert.ok(stored.includes(SAMPLE_IDS.ice.succeeded), 'the saved state holds the tracked job');
    for (const [f, text] of files) assertNoSecret(f, text);
    assertNoSecret('store.serialize()', JSON.stringify(api.store.serialize()));

    // Logs: what the channel holds in memory, and its file once this marker (logged last) is in it.
    assert.ok(api.logger.recent.length > 0);
    assertNoSecret('logger.recent', api.logger.recent.join('\n'));
    const marker = `credentials test: checking the log file ${Date.now()}`;
    api.logger.info(marker);
    const logFile = await waitFor(() => {
      const f = channelLogFile();
      return f && readFileSync(f, 'utf8').includes(marker) ? f : undefined;
    }, 10_000, { message: 'the Media Jobs channel to flush its log file' });
    const logText = readFileSync(logFile, 'utf8');
    assert.match(logText, /tracking ice/, 'the channel logged the tracking');
    assertNoSecret(logFile, logText);

    // And nothing anywhere on disk that this window owns: user-data-dir (settings, logs, global storage) and HOME.
    const roots = [process.env[ENV.userDataDir], process.env[ENV.home]].filter((d): d is string => !!d);
    assert.equal(roots.length, 2);
    let scanned = 0;
    for (const root of roots) {
      for (const f of filesUnder(root)) {
        if (statSync(f).size > 20_000_000) continue;
        assertNoSecret(f, readFileSync(f, 'latin1'));
        scanned++;
      }
    }
    assert.ok(scanned > 5, `scanned ${scanned} files`);
  });

  test('Sign Out deletes them from SecretStorage', async () => {
    assert.equal((await api.credentials.get()).aliyun?.accessKeySecret, FAKE_SECRET, 'the previous test left them stored');
    await useEmulatorCredentials(api); // both clouds stored
    api.prompter.queue('Alibaba Cloud');
    await vscode.commands.executeCommand('mediaJobs.signOut');
    assert.equal(api.prompter.pending, 0);
    api.credentials.invalidate(); // read SecretStorage again
    let c = await api.credentials.get();
    assert.equal(c.aliyun, undefined, 'Alibaba Cloud credentials deleted');
    assert.equal(c.huawei?.ak, process.env.HUAWEICLOUD_SDK_AK, 'Huawei Cloud credentials kept');

    api.prompter.queue('Both clouds');
    await vscode.commands.executeCommand('mediaJobs.signOut');
    api.credentials.invalidate();
    c = await api.credentials.get();
    assert.deepEqual(c, {}, 'no credentials left');
    assert.deepEqual(await api.credentials.status(), { aliyun: false, huawei: false, windowOnly: false });
  });
});
