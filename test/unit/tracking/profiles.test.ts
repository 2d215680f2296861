// Several accounts in the extension, without VS Code: the profile list over SecretStorage and globalState, the
// migration of today's state and secrets to the profile "default" (nothing lost), two accounts polled side by side
// against the emulator (each signed with its own key: the emulator logs which), rename (jobs follow), remove (jobs
// stay, saying they have no credentials), and no secret in the saved state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as core from '../../../src/clouds/coreEntry.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { CloudAccess, type CoreModule } from '../../../src/tracking/cloudAccess.js';
import { CredentialsService, type SecretStore } from '../../../src/tracking/credentialsService.js';
import { JobStore, type KeyValueStore } from '../../../src/tracking/jobStore.js';
import { LEGACY_SLOT, PROFILES_STATE_KEY, ProfilesService, storedOf, withProfile } from '../../../src/tracking/profilesService.js';
import { parseAliyunCliProfiles } from '../../../src/clouds/aliyun/cliConfig.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { EMULATOR_CREDENTIALS as C } from '../../emulator/credentials.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';

class FakeSecrets implements SecretStore {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

class MemoryKv implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

const ICE_A = SAMPLE_IDS.ice.succeeded;
const ICE_B = SAMPLE_IDS.ice.failed;
const iceRef = (id: string, profile?: string): JobRef => ({ kind: 'ice', id, region: 'cn-shanghai', params: {}, ...(profile ? { profile } : {}) });

/** Today's saved forms, exactly as the released extension writes them (credentialsService.ts, jobStore.ts). */
function todaysState(): { secrets: FakeSecrets; kv: MemoryKv } {
  const secrets = new FakeSecrets();
  secrets.data.set('mediaJobs.credentials.aliyun', JSON.stringify({ v: 1, accessKeyId: C.aliyun.accessKeyId, accessKeySecret: C.aliyun.accessKeySecret, defaultRegion: 'cn-shanghai' }));
  secrets.data.set('mediaJobs.credentials.huawei', JSON.stringify({ v: 1, ak: C.huawei.ak, sk: C.huawei.sk, projectIds: { 'cn-north-4': C.huawei.projectId } }));
  const kv = new MemoryKv();
  kv.data.set('mediaJobs.trackedJobs', {
    version: 1,
    jobs: [{
      ref: { kind: 'ice', id: ICE_A, region: 'cn-shanghai', params: {} },
      snapshot: null, lastError: null, addedAt: '2026-12-01T10:00:00.000Z', lastCheckedAt: null, watched: false,
    }],
  });
  return { secrets, kv };
}

function build(secrets: FakeSecrets, kv: MemoryKv, emu: Emulator) {
  const legacy = new CredentialsService(secrets);
  const profiles = new ProfilesService(secrets, kv, legacy);
  const access = new CloudAccess(() => core as unknown as CoreModule, async () => {
    const [credentials, accounts] = await Promise.all([profiles.defaultCredentials(), profiles.accounts()]);
    return { credentials, accounts, defaultAccount: accounts.defaults, signature: 'v3', endpoints: { ice: emu.url, 'mpc-editing': emu.url }, defaultRegions: { aliyun: 'cn-shanghai', huawei: 'cn-north-4' } };
  });
  profiles.onDidChange(() => access.invalidate());
  return { legacy, profiles, access };
}

describe('profiles in the extension', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('migration: today\'s keys are the profile "default", today\'s jobs are polled with them; nothing is rewritten', async () => {
    const { secrets, kv } = todaysState();
    const before = new Map(secrets.data);
    const { profiles, access } = build(secrets, kv, emu);
    assert.deepEqual((await profiles.list('aliyun')).map((p) => [p.name, p.isDefault, p.configured]), [['default', true, true]]);
    assert.deepEqual((await profiles.list('huawei')).map((p) => p.name), ['default']);
    const store = new JobStore(kv, { schedule: () => ({ dispose() {} }) });
    assert.equal(await store.load(), null);
    const [job] = store.all();
    assert.equal(job!.ref.profile, undefined, 'the saved reference reads as it was');
    const from = emu.requests.length;
    const [o] = await access.fetch(store.all().map((t) => withProfile(t.ref)));
    assert.equal(o!.error, null, String(o!.error));
    assert.equal(emu.requests[from]!.accessKeyId, C.aliyun.accessKeyId);
    assert.deepEqual(secrets.data, before, 'no secret moved or rewritten');
    assert.equal(kv.get(PROFILES_STATE_KEY), undefined, 'no profile list written until one is added');
    await access.dispose();
  });

  it('two accounts side by side: each job is polled with the keys of the profile it was tracked with', async () => {
    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.add('aliyun', 'customer', { accessKeyId: C.aliyun2.accessKeyId, accessKeySecret: C.aliyun2.accessKeySecret });
    assert.equal(profiles.defaultName('aliyun'), 'default', 'adding a profile keeps the default');
    const from = emu.requests.length;
    const outcomes = await access.fetch([iceRef(ICE_B, 'customer'), withProfile(iceRef(ICE_A))]);
    assert.deepEqual(outcomes.map((o) => o.error), [null, null]);
    assert.deepEqual(outcomes.map((o) => [o.ref.id, o.ref.profile]), [[ICE_B, 'customer'], [ICE_A, 'default']], 'outcomes in the order asked');
    const signed = emu.requests.slice(from).map((r) => [new URL(r.url, 'http://x').searchParams.get('JobId') ?? '', r.accessKeyId]);
    assert.deepEqual(signed.map(([, k]) => k).sort(), [C.aliyun.accessKeyId, C.aliyun2.accessKeyId].sort());
    // One secret entry per profile; the saved list holds names and slots, never a key.
    const saved = JSON.stringify(kv.get(PROFILES_STATE_KEY));
    for (const s of [C.aliyun.accessKeySecret, C.aliyun2.accessKeySecret, C.aliyun2.accessKeyId]) assert.ok(!saved.includes(s));
    assert.equal([...secrets.data.keys()].filter((k) => k.startsWith('mediaJobs.credentials.aliyun')).length, 2);
    await access.dispose();
  });

  it('switching the default: untracked look-ups use the new default; jobs keep their own account', async () => {
    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.add('aliyun', 'customer', { accessKeyId: C.aliyun2.accessKeyId, accessKeySecret: C.aliyun2.accessKeySecret });
    await profiles.setDefault('aliyun', 'customer');
    const from = emu.requests.length;
    await access.fetch([iceRef(ICE_B)]); // a hover: no profile
    await access.fetch([withProfile(iceRef(ICE_A))]); // a job saved before profiles
    assert.deepEqual(emu.requests.slice(from).map((r) => r.accessKeyId), [C.aliyun2.accessKeyId, C.aliyun.accessKeyId]);
    await access.dispose();
  });

  it('rename: jobs tracked under the old name follow the profile', async () => {
    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.rename('aliyun', 'default', 'dev');
    assert.equal(profiles.defaultName('aliyun'), 'dev');
    assert.equal(profiles.resolveName('aliyun', 'default'), 'dev');
    assert.equal(profiles.serviceOf('aliyun', 'dev'), profiles.serviceOf('aliyun', 'default'));
    const from = emu.requests.length;
    const [o] = await access.fetch([withProfile(iceRef(ICE_A))]);
    assert.equal(o!.error, null);
    assert.equal(emu.requests[from]!.accessKeyId, C.aliyun.accessKeyId);
    await assert.rejects(profiles.rename('aliyun', 'dev', 'dev'), /already a Alibaba Cloud profile named "dev"|already/);
    await access.dispose();
  });

  it('remove: its keys are deleted, its jobs stay and say "no credentials for profile X"; nothing is sent for them', async () => {
    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.add('aliyun', 'customer', { accessKeyId: C.aliyun2.accessKeyId, accessKeySecret: C.aliyun2.accessKeySecret });
    const store = new JobStore(kv, { schedule: () => ({ dispose() {} }) });
    await store.load();
    store.add([iceRef(ICE_B, 'customer')]);
    await profiles.remove('aliyun', 'customer');
    assert.deepEqual((await profiles.list('aliyun')).map((p) => p.name), ['default']);
    assert.equal([...secrets.data.values()].some((v) => v.includes(C.aliyun2.accessKeySecret)), false, 'the removed keys are gone');
    const from = emu.requests.length;
    const refs = store.all().map((t) => withProfile(t.ref));
    const outcomes = await access.fetch(refs);
    const customer = outcomes.find((o) => o.ref.profile === 'customer')!;
    assert.equal(customer.error?.kind, 'credentials');
    assert.match(customer.error!.message, /no credentials for profile "customer"/);
    assert.equal(outcomes.find((o) => o.ref.profile === 'default')!.error, null);
    assert.deepEqual(emu.requests.slice(from).map((r) => r.accessKeyId), [C.aliyun.accessKeyId]);
    store.applyOutcomes(outcomes.map((o) => ({ key: store.all().find((t) => t.ref.id === o.ref.id)!.key, outcome: o })), new Date());
    assert.equal(store.all().length, 2, 'both jobs still tracked');
    await store.flush();
    const saved = JSON.stringify(kv.get('mediaJobs.trackedJobs'));
    assert.match(saved, /"profile":"customer"/, 'the job keeps its profile in the saved state');
    assert.ok(!saved.includes(C.aliyun.accessKeySecret) && !saved.includes(C.aliyun2.accessKeySecret));
    await access.dispose();
  });

  it('a fresh install: the first profile added becomes the default; "default" is listed only once it has keys', async () => {
    const secrets = new FakeSecrets();
    const kv = new MemoryKv();
    const { profiles } = build(secrets, kv, emu);
    assert.deepEqual(await profiles.list('aliyun'), []);
    await profiles.add('aliyun', 'prod', { accessKeyId: C.aliyun2.accessKeyId, accessKeySecret: C.aliyun2.accessKeySecret });
    assert.equal(profiles.defaultName('aliyun'), 'prod');
    assert.deepEqual((await profiles.list('aliyun')).map((p) => p.name), ['prod']);
    await assert.rejects(profiles.add('aliyun', 'bad', { accessKeyId: 'short', accessKeySecret: 'x' }), /too short/);
    assert.deepEqual((await profiles.list('aliyun')).map((p) => p.name), ['prod'], 'refused keys add no profile');
  });

  it('Huawei: two AK/SK profiles, each with its own project ids', async () => {
    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.add('huawei', 'second', { ak: C.huawei2.ak, sk: C.huawei2.sk, projectIds: { 'cn-north-4': C.huawei2.projectId } });
    const from = emu.requests.length;
    const mpc = (profile: string): JobRef => ({ kind: 'mpc-editing', id: SAMPLE_IDS.mpc.succeeded, region: 'cn-north-4', params: {}, profile });
    const outcomes = await access.fetch([mpc('default'), mpc('second')]);
    assert.deepEqual(outcomes.map((o) => o.error), [null, null]);
    assert.deepEqual(emu.requests.slice(from).map((r) => r.accessKeyId).sort(), [C.huawei.ak, C.huawei2.ak].sort());
    await access.dispose();
  });

  it('an unreadable profile list falls back to today\'s layout and says so; the legacy slot is still read', async () => {
    const { secrets, kv } = todaysState();
    kv.data.set(PROFILES_STATE_KEY, { v: 9, nonsense: true });
    const { profiles } = build(secrets, kv, emu);
    assert.deepEqual((await profiles.list('aliyun')).map((p) => p.name), ['default']);
    assert.match(profiles.problems().join('\n'), /profile list .* is unreadable/);
    assert.equal(LEGACY_SLOT, 'legacy');
  });

  it('aliyun CLI role profiles imported into SecretStorage: RamRoleArn and ChainableRamRoleArn poll through the emulator\'s STS', async () => {
    // The fixture's role profiles, pointed at the emulator's STS as a profile's sts_endpoint would be.
    const text = readFileSync(join(__dirname, '../../fixtures/aliyun-cli/config.json'), 'utf8')
      .replace(/"ram_session_name": "media-jobs-test",/, `"ram_session_name": "media-jobs-test", "sts_endpoint": "${emu.url}",`)
      .replace(/"ram_session_name": "chained",/, `"ram_session_name": "chained", "sts_endpoint": "${emu.url}",`);
    const parsed = parseAliyunCliProfiles(text);
    assert.ok(!('error' in parsed));
    const reader = storedOf(parsed.entries.find((e) => e.name === 'reader')!.profile!)!;
    const chained = storedOf(parsed.entries.find((e) => e.name === 'customer-role')!.profile!)!;
    assert.equal(reader.accessKeyId, C.aliyun.accessKeyId);
    assert.deepEqual(reader.roles?.map((r) => r.roleArn), ['acs:ram::1234567890123456:role/media-reader']);
    assert.deepEqual(chained.roles?.map((r) => r.roleArn), ['acs:ram::1234567890123456:role/media-reader', 'acs:ram::6543210987654321:role/customer-media']);

    const { secrets, kv } = todaysState();
    const { profiles, access } = build(secrets, kv, emu);
    await profiles.add('aliyun', 'reader', reader);
    await profiles.add('aliyun', 'customer-role', chained);
    // What SecretStorage holds reads back as the role chain (a fresh service: no cache).
    const again = new ProfilesService(secrets, kv, new CredentialsService(secrets));
    const accounts = await again.accounts();
    assert.equal(accounts.aliyun.get('customer-role')?.aliyunRole?.roleArn, 'acs:ram::6543210987654321:role/customer-media');
    const from = emu.requests.length;
    const outcomes = await access.fetch([iceRef(ICE_A, 'reader'), iceRef(ICE_B, 'customer-role')]);
    assert.deepEqual(outcomes.map((o) => o.error), [null, null]);
    const log = emu.requests.slice(from);
    assert.equal(log.filter((r) => r.api === 'sts:AssumeRole').length, 3, 'one AssumeRole for reader, two for the chain');
    assert.ok(log.filter((r) => r.api === 'ice:GetMediaProducingJob').every((r) => r.accessKeyId?.startsWith('STS.')));
    assert.equal(JSON.stringify(kv.get(PROFILES_STATE_KEY)).includes(C.aliyun.accessKeySecret), false);
    await access.dispose();
  });

  it('a stored role with a malformed ARN is refused before anything is stored', async () => {
    const { secrets, kv } = todaysState();
    const { profiles } = build(secrets, kv, emu);
    await assert.rejects(profiles.add('aliyun', 'bad-role', { ...C.aliyun, roles: [{ roleArn: 'arn:aws:iam::1:role/x', roleSessionName: 'ok-name', durationSeconds: 900 }] }), /ARN does not look like/);
    assert.deepEqual((await profiles.list('aliyun')).map((p) => p.name), ['default']);
  });
});
