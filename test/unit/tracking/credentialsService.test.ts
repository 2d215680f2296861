import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CredentialsService, DEFAULT_SECRET_KEYS, type SecretStore, SecretStorageUnavailableError, type StoredAliyun, type StoredHuawei } from '../../../src/tracking/credentialsService.js';
import { parseAliyunCliConfig } from '../../../src/tracking/aliyunCliConfig.js';

// Fake but realistically shaped values (never real keys).
const ALI: StoredAliyun = { accessKeyId: 'LTAI5tFakeKeyId0000000001', accessKeySecret: 'FakeSecretValue0000000000000001', defaultRegion: 'cn-beijing' };
const STS_TOKEN = `CAIS${'FakeStsTokenBody'.repeat(20)}`;
const HW: StoredHuawei = { ak: 'HWFAKEAK000000000001', sk: 'HwFakeSecretKey00000000000000000000000001', projectIds: { 'cn-north-4': '0a1b2c3d4e5f60718293a4b5c6d7e8f9' }, defaultRegion: 'cn-north-4' };
const SECRETS = [ALI.accessKeySecret, STS_TOKEN, HW.sk];

/** SecretStorage stand-in; can be told to fail (no OS keyring), and echoes values in its errors like a careless backend. */
class FakeSecrets implements SecretStore {
  readonly data = new Map<string, string>();
  failStore = false;
  failGet = false;
  gets = 0;
  async get(key: string): Promise<string | undefined> {
    this.gets++;
    if (this.failGet) throw new Error('Cannot decrypt');
    return this.data.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    if (this.failStore) throw new Error(`no keyring available to store ${value}`);
    this.data.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }
}

function assertNoSecret(text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `a secret leaked into: ${text}`);
}

/** Everything an error could show: message, stack, name, inspected form, JSON. */
function errorText(e: unknown): string {
  return [String(e), e instanceof Error ? e.stack ?? '' : '', inspect(e, { depth: 5 }), JSON.stringify(e)].join('\n');
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

test('store, read (cached), status and sign out', async () => {
  const secrets = new FakeSecrets();
  const svc = new CredentialsService(secrets);
  let changes = 0;
  svc.onDidChange(() => changes++);
  assert.deepEqual(await svc.status(), { aliyun: false, huawei: false, windowOnly: false });
  assert.equal(await svc.setAliyun({ ...ALI, securityToken: STS_TOKEN }), 'stored');
  assert.equal(await svc.setHuawei(HW), 'stored');
  assert.equal(changes, 2);
  // One JSON blob per cloud, with a version.
  const blob = JSON.parse(secrets.data.get(DEFAULT_SECRET_KEYS.aliyun)!);
  assert.deepEqual(blob, { v: 1, ...ALI, securityToken: STS_TOKEN });

  const creds = await svc.get();
  assert.deepEqual(creds.aliyun, { accessKeyId: ALI.accessKeyId, accessKeySecret: ALI.accessKeySecret, securityToken: STS_TOKEN });
  assert.deepEqual(creds.huawei, { ak: HW.ak, sk: HW.sk, projectIds: HW.projectIds });
  assert.equal(creds.aliyunRegion, 'cn-beijing');
  assert.equal(creds.huaweiRegion, 'cn-north-4');
  const reads = secrets.gets;
  await svc.get();
  await svc.status();
  assert.equal(secrets.gets, reads, 'cached after the first read');
  assert.deepEqual(await svc.status(), { aliyun: true, huawei: true, windowOnly: false });

  // A fresh service (a reload) reads them back.
  assert.equal((await new CredentialsService(secrets).get()).huawei?.sk, HW.sk);

  await svc.signOut('aliyun');
  assert.equal(secrets.data.has(DEFAULT_SECRET_KEYS.aliyun), false);
  assert.deepEqual(await svc.status(), { aliyun: false, huawei: true, windowOnly: false });
  await svc.signOut();
  assert.equal(secrets.data.size, 0);
  assert.deepEqual(await svc.get(), {});
  assert.equal(changes, 4);
});

test('invalidate() re-reads SecretStorage (another window changed it)', async () => {
  const secrets = new FakeSecrets();
  const svc = new CredentialsService(secrets);
  assert.deepEqual(await svc.get(), {});
  await new CredentialsService(secrets).setAliyun(ALI);
  assert.deepEqual(await svc.get(), {}, 'still cached');
  svc.invalidate();
  assert.equal((await svc.get()).aliyun?.accessKeyId, ALI.accessKeyId);
});

test('a corrupt or unreadable secret is treated as absent and reported once, without its value', async () => {
  const secrets = new FakeSecrets();
  secrets.data.set(DEFAULT_SECRET_KEYS.aliyun, `{"v":1,"accessKeyId":"${ALI.accessKeyId}","accessKeySecret":"${ALI.accessKeySecret}"`); // truncated JSON
  secrets.data.set(DEFAULT_SECRET_KEYS.huawei, JSON.stringify({ v: 9, ak: HW.ak, sk: HW.sk, projectIds: {} })); // unknown version
  const svc = new CredentialsService(secrets);
  assert.deepEqual(await svc.get(), {});
  const problems = svc.problems();
  assert.equal(problems.length, 2);
  assert.match(problems.join('\n'), /aliyun credentials .* not readable/);
  assert.match(problems.join('\n'), /huawei credentials .* unknown version/);
  problems.forEach(assertNoSecret);
  svc.invalidate();
  await svc.get();
  assert.deepEqual(svc.problems(), [], 'reported once');

  const broken = new FakeSecrets();
  broken.failGet = true;
  const svc2 = new CredentialsService(broken);
  assert.deepEqual(await svc2.status(), { aliyun: false, huawei: false, windowOnly: false });
  assert.equal(svc2.problems().length, 2);
});

test('no OS keyring: set* throws SecretStorageUnavailableError (no secret in it), then window-only in memory', async () => {
  const secrets = new FakeSecrets();
  secrets.failStore = true;
  const svc = new CredentialsService(secrets);
  const e = await thrown(svc.setAliyun({ ...ALI, securityToken: STS_TOKEN }));
  assert.ok(e instanceof SecretStorageUnavailableError);
  assert.equal(e.cloud, 'aliyun');
  assertNoSecret(errorText(e));
  assert.match(e.message, /no keyring available to store .*"accessKeySecret":"\*\*\*\*"/, 'the cause is kept, scrubbed');
  assert.deepEqual(await svc.status(), { aliyun: false, huawei: false, windowOnly: false }, 'nothing kept silently');

  svc.keepForWindowOnly();
  assert.equal(await svc.setAliyun(ALI), 'windowOnly');
  assert.equal(await svc.setHuawei(HW), 'windowOnly');
  assert.equal(secrets.data.size, 0, 'nothing reached SecretStorage');
  assert.deepEqual(await svc.status(), { aliyun: true, huawei: true, windowOnly: true });
  assert.equal((await svc.get()).aliyun?.accessKeySecret, ALI.accessKeySecret);
  // A new window (a new service over the same storage) has nothing.
  assert.deepEqual(await new CredentialsService(secrets).get(), {});
  await svc.signOut('huawei');
  assert.deepEqual(await svc.status(), { aliyun: true, huawei: false, windowOnly: true });
});

test('validation: plain Errors naming the field, never the value', async () => {
  const svc = new CredentialsService(new FakeSecrets());
  const cases: Array<[Promise<unknown>, RegExp]> = [
    [svc.setAliyun({ ...ALI, accessKeyId: '' }), /AccessKey ID is empty/],
    [svc.setAliyun({ ...ALI, accessKeySecret: `${ALI.accessKeySecret} ` }), /AccessKey secret contains whitespace/],
    [svc.setAliyun({ ...ALI, accessKeySecret: `${ALI.accessKeySecret}\n` }), /AccessKey secret contains whitespace/],
    [svc.setAliyun({ ...ALI, accessKeySecret: 'short' }), /AccessKey secret is too short/],
    [svc.setAliyun({ ...ALI, accessKeySecret: ALI.accessKeySecret.repeat(20) }), /AccessKey secret is too long/],
    [svc.setAliyun({ ...ALI, accessKeyId: 'STS.NUFakeStsKeyId0001' }), /STS AccessKey ID .* needs its security token/],
    [svc.setAliyun({ ...ALI, defaultRegion: 'shanghai please' }), /default region is not a region name/],
    [svc.setAliyun({ ...ALI, accessKeyId: ALI.accessKeySecret }), /same value/],
    [svc.setHuawei({ ...HW, sk: 'x\u0000'.repeat(10) }), /SK contains a control character/],
    [svc.setHuawei({ ...HW, projectIds: { 'cn-north-4': 'a/b' } }), /project id for cn-north-4 contains a character/],
    [svc.setHuawei({ ...HW, projectIds: { 'not a region': 'abc' } }), /not a region name/],
  ];
  for (const [p, re] of cases) {
    const e = await thrown(p);
    assert.ok(e instanceof Error && !(e instanceof SecretStorageUnavailableError));
    assert.match(e.message, re);
    assertNoSecret(errorText(e));
  }
  assert.deepEqual(await svc.status(), { aliyun: false, huawei: false, windowOnly: false });
});

test('importFromEnv reads the variables the CLI reads; a project id is filed under its region', () => {
  const svc = new CredentialsService(new FakeSecrets());
  assert.deepEqual(svc.importFromEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: ` ${ALI.accessKeyId} `,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALI.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: STS_TOKEN,
    ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
    HUAWEICLOUD_SDK_AK: HW.ak,
    HUAWEICLOUD_SDK_SK: HW.sk,
    HUAWEICLOUD_SDK_PROJECT_ID: 'p0a1b2c3d4e5f6',
    HUAWEICLOUD_SDK_REGION: 'cn-east-3',
  }), {
    aliyun: { accessKeyId: ALI.accessKeyId, accessKeySecret: ALI.accessKeySecret, securityToken: STS_TOKEN, defaultRegion: 'cn-hangzhou' },
    huawei: { ak: HW.ak, sk: HW.sk, projectIds: { 'cn-east-3': 'p0a1b2c3d4e5f6' }, defaultRegion: 'cn-east-3' },
  });
  // Without a region, the project goes under the given default (or Huawei's default region).
  assert.deepEqual(svc.importFromEnv({ HUAWEICLOUD_SDK_AK: HW.ak, HUAWEICLOUD_SDK_SK: HW.sk, HUAWEICLOUD_SDK_PROJECT_ID: 'p1' }, { huaweiRegion: 'cn-south-1' }).huawei?.projectIds, { 'cn-south-1': 'p1' });
  assert.deepEqual(svc.importFromEnv({ HUAWEICLOUD_SDK_AK: HW.ak, HUAWEICLOUD_SDK_SK: HW.sk, HUAWEICLOUD_SDK_PROJECT_ID: 'p1' }).huawei?.projectIds, { 'cn-north-4': 'p1' });
  // Half a pair is nothing.
  assert.deepEqual(svc.importFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: ALI.accessKeyId, HUAWEICLOUD_SDK_SK: HW.sk }), {});
  assert.deepEqual(svc.importFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: '  ', ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALI.accessKeySecret }), {});
});

const cliConfig = (profiles: unknown[], current?: string): string => JSON.stringify({ current, profiles, meta_path: '' });

test('aliyun CLI config: AK and StsToken profiles, current / named / first profile', () => {
  const text = cliConfig([
    { name: 'default', mode: 'AK', access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret, region_id: 'cn-shanghai', sts_token: '' },
    { name: 'sts', mode: 'StsToken', access_key_id: 'STS.NUFakeStsKeyId0001', access_key_secret: ALI.accessKeySecret, sts_token: STS_TOKEN, region_id: 'cn-beijing' },
  ], 'sts');
  assert.deepEqual(parseAliyunCliConfig(text), {
    ok: true, profile: 'sts',
    credentials: { accessKeyId: 'STS.NUFakeStsKeyId0001', accessKeySecret: ALI.accessKeySecret, securityToken: STS_TOKEN, defaultRegion: 'cn-beijing' },
  });
  assert.deepEqual(parseAliyunCliConfig(text, 'default'), {
    ok: true, profile: 'default', credentials: { accessKeyId: ALI.accessKeyId, accessKeySecret: ALI.accessKeySecret, defaultRegion: 'cn-shanghai' },
  });
  const noCurrent = parseAliyunCliConfig(cliConfig([{ name: 'first', mode: 'AK', access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret }]));
  assert.equal(noCurrent.ok && noCurrent.profile, 'first');
});

test('aliyun CLI config: unusable profiles give a clear reason, never a secret', () => {
  const reasons: Array<[string, RegExp]> = [
    [cliConfig([{ name: 'role', mode: 'RamRoleArn', access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret, ram_role_arn: 'acs:ram::1:role/x' }], 'role'), /mode "RamRoleArn"/],
    [cliConfig([{ name: 'ecs', mode: 'EcsRamRole', ram_role_name: 'r' }]), /mode "EcsRamRole"/],
    [cliConfig([{ name: 'sts', mode: 'StsToken', access_key_id: 'STS.x1234567', access_key_secret: ALI.accessKeySecret, sts_token: '' }]), /has no sts_token/],
    [cliConfig([{ name: 'half', mode: 'AK', access_key_id: ALI.accessKeyId, access_key_secret: '' }]), /lacks access_key_id or access_key_secret/],
    [cliConfig([{ name: 'a', mode: 'AK', access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret }], 'missing'), /no profile named "missing".*"a"/],
    [cliConfig([]), /no profiles/],
    [`{"current":"default","profiles":[{"access_key_secret":"${ALI.accessKeySecret}"`, /not valid JSON/],
    ['[]', /not a JSON object/],
  ];
  for (const [text, re] of reasons) {
    const r = parseAliyunCliConfig(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.match(r.reason, re);
      assertNoSecret(r.reason);
    }
  }
  const named = parseAliyunCliConfig(cliConfig([{ name: 'a', mode: 'AK', access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret }]), 'b');
  assert.equal(named.ok, false);
});
