/**
 * Several accounts in the real VS Code: a second Alibaba Cloud profile added through Add Profile… (prompts answered
 * by the ScriptedPrompter), a job tracked with each account and polled with its own keys (the emulator logs which
 * key signed), the tree's Cloud → Account → Status, switching the default account (view title, status bar), and
 * removing a profile: its job stays tracked and says it has no credentials. No key reaches settings or state.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EMULATOR_CREDENTIALS as C } from '../../emulator/credentials.js';
import { screenshot, storageFiles, waitFor } from './helpers.js';
import { SAMPLE_IDS, shownTree, trackJob, untrackAll, userSettingsText, type TestApi, freshApi } from './jobs.js';

const A = SAMPLE_IDS.ice.succeeded;
const B = SAMPLE_IDS.ice.failed;

suite('profiles', () => {
  let api: TestApi;

  suiteSetup(async () => {
    api = await freshApi();
  });

  suiteTeardown(async () => {
    if (!api) return;
    for (const p of await api.profiles.list('aliyun')) if (p.name !== 'default') await api.profiles.remove('aliyun', p.name);
    if ((await api.profiles.list('aliyun')).some((p) => p.name === 'default')) await api.profiles.setDefault('aliyun', 'default');
    untrackAll(api);
  });

  test('two accounts in the tree, each polled with its own keys; switch the default; remove one', async () => {
    // Add Profile…: cloud, name, AccessKey id, secret, token (none), region (default).
    api.prompter.queue('Alibaba Cloud', 'customer', C.aliyun2.accessKeyId, C.aliyun2.accessKeySecret, '', '');
    assert.equal(await vscode.commands.executeCommand<boolean>('mediaJobs.addProfile'), true);
    assert.equal(api.prompter.pending, 0);
    assert.deepEqual((await api.profiles.list('aliyun')).map((p) => [p.name, p.isDefault]), [['default', true], ['customer', false]]);

    // One job with the default account, then switch the default (one command) and track another.
    const [a] = await trackJob(api, 'ice', [A]);
    assert.equal(a!.ref.profile, 'default');
    api.prompter.queue('customer');
    const switched = await vscode.commands.executeCommand<{ name: string } | undefined>('mediaJobs.switchDefaultProfile');
    assert.equal(switched?.name, 'customer');
    const [b] = await trackJob(api, 'ice', [B]);
    assert.equal(b!.ref.profile, 'customer');

    const fetched = await waitFor(() => {
      const all = api.store.all();
      return all.length === 2 && all.every((t) => t.snapshot) ? all : undefined;
    }, 15_000, { message: 'both jobs fetched' });
    assert.equal(fetched.length, 2);

    // The tree: Alibaba Cloud → customer (the default, first) / default → status → job.
    const tree = await shownTree(api);
    const aliyun = tree.find((r) => r.label.startsWith('Alibaba Cloud'))!;
    assert.deepEqual(aliyun.children.map((r) => r.label), ['customer (1)', 'default (1)']);
    assert.equal(aliyun.children[0]!.icon, 'account');
    assert.deepEqual(aliyun.children[0]!.children.map((r) => r.label), ['Failed (1)']);
    assert.deepEqual(aliyun.children[1]!.children.map((r) => r.label), ['Succeeded (1)']);
    await waitFor(() => (api.view.description?.includes('Alibaba Cloud: customer') ? true : undefined), 5_000, { message: 'the view title shows the default account' });
    await screenshot('profiles-two-accounts', { waitForText: 'customer (1)', timeoutMs: 10_000 });

    // No key in settings or state (the profile list holds names only).
    await api.store.flush();
    const state = JSON.stringify(api.globalState.keys().map((k) => [k, api.globalState.get(k)])) +
      storageFiles(api.storagePath).map(([, text]) => text).join('\n');
    const settings = userSettingsText();
    const log = api.logger.recent.join('\n');
    assert.match(log, /tracking ice/, 'the log recorded the tracking');
    for (const s of [C.aliyun2.accessKeySecret, C.aliyun.accessKeySecret]) {
      assert.ok(!state.includes(s), 'no secret in globalState or the files under globalStorageUri');
      assert.ok(!settings.includes(s), 'no secret in the User settings');
      assert.ok(!log.includes(s), 'no secret in the log');
    }

    // Remove "customer": its job stays tracked and says it has no credentials for it.
    api.prompter.queue('customer', true);
    assert.equal(await vscode.commands.executeCommand<boolean>('mediaJobs.removeProfile'), true);
    assert.deepEqual((await api.profiles.list('aliyun')).map((p) => [p.name, p.isDefault]), [['default', true]]);
    await api.poller.refresh(api.store.all().map((t) => t.key));
    const orphan = await waitFor(() => {
      const t = api.store.all().find((j) => j.ref.id === B);
      return t?.lastError ? t : undefined;
    }, 10_000, { message: 'the removed profile\'s job reports it' });
    assert.match(orphan.lastError!.message, /no credentials for profile "customer"/);
    assert.equal(orphan.snapshot?.id, B, 'its last snapshot is kept');
    assert.equal(api.store.all().length, 2, 'both jobs still tracked');
    assert.equal(api.store.all().find((j) => j.ref.id === A)!.lastError, null, 'the other account\'s job is fine');
    await screenshot('profiles-removed', { waitForText: 'default (1)', timeoutMs: 10_000 });
  });
});
