// The credential chain's order and every aliyun CLI profile mode, on a config.json built from the aliyun CLI's fields
// (test/fixtures/aliyun-cli/config.json: the fields `aliyun configure` writes, and those the official credentials
// libraries read: mode, access_key_id, access_key_secret, sts_token, ram_role_arn, ram_session_name, expired_seconds,
// source_profile, region_id).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAliyunCliProfiles, type AliyunCliConfig } from '../../../src/clouds/aliyun/cliConfig.js';
import { resolveChain, visibleProfiles, type ChainInput } from '../../../src/clouds/credentialChain.js';
import { describeProfile, profileSecrets, type AliyunProfile } from '../../../src/clouds/profiles.js';

const TEXT = readFileSync(join(__dirname, '../../fixtures/aliyun-cli/config.json'), 'utf8');
const PATH = '/home/u/.aliyun/config.json';
const FILE = { path: PATH, text: TEXT };
const ENV_ALIYUN = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvironmentKey0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'environment-secret-000000' };
const ENV_HUAWEI = { HUAWEICLOUD_SDK_AK: 'HPUAENVIRONMENT00001', HUAWEICLOUD_SDK_SK: 'environment-huawei-sk-0000', HUAWEICLOUD_SDK_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' };

function config(): AliyunCliConfig {
  const c = parseAliyunCliProfiles(TEXT);
  assert.ok(!('error' in c));
  return c;
}
const entry = (name: string) => config().entries.find((e) => e.name === name)!;

describe('aliyun CLI config: every mode', () => {
  it('AK and an old profile with an empty mode (AK keys)', () => {
    assert.deepEqual(entry('dev').profile?.keys, { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 'EmuLat0rAliyunSecret+/=000000' });
    assert.equal(entry('dev').profile?.defaultRegion, 'cn-shanghai');
    assert.equal(entry('legacy').profile?.mode, 'AK');
  });

  it('StsToken carries its token', () => {
    assert.equal(entry('ci').profile?.keys?.securityToken, 'CAIS8wF1q6Ft5B2yfSjIr5bTEmuLat0r+Sts/Token==');
  });

  it('RamRoleArn: the role over the profile\'s own keys, with session name and duration', () => {
    const role = entry('reader').profile!.role!;
    assert.equal(role.roleArn, 'acs:ram::1234567890123456:role/media-reader');
    assert.equal(role.roleSessionName, 'media-jobs-test');
    assert.equal(role.durationSeconds, 900);
    assert.deepEqual(role.source, { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 'EmuLat0rAliyunSecret+/=000000' });
  });

  it('ChainableRamRoleArn: the role over source_profile\'s role', () => {
    const role = entry('customer-role').profile!.role!;
    assert.equal(role.roleArn, 'acs:ram::6543210987654321:role/customer-media');
    assert.ok('roleArn' in role.source && role.source.roleArn === 'acs:ram::1234567890123456:role/media-reader');
    assert.deepEqual(profileSecrets(entry('customer-role').profile!), ['EmuLat0rAliyunSecret+/=000000']);
  });

  it('EcsRamRole, OIDC, CloudSSO, External: "not supported yet", naming the mode and what is', () => {
    for (const [name, mode] of [['ecs', 'EcsRamRole'], ['oidc', 'OIDC'], ['sso', 'CloudSSO'], ['external', 'External']] as const) {
      const e = entry(name);
      assert.equal(e.profile, null);
      assert.match(e.problem!, new RegExp(`mode "${mode}", which is not supported yet \\(supported: AK, StsToken, RamRoleArn, ChainableRamRoleArn\\)`));
    }
  });

  it('a source_profile cycle and half a key pair are problems, with no secret in them', () => {
    assert.match(entry('loop-a').problem!, /source_profile cycle \(loop-a → loop-b → loop-a\)/);
    assert.match(entry('half').problem!, /lacks access_key_id or access_key_secret/);
  });

  it('a file that is not JSON is an error that quotes none of it', () => {
    const r = parseAliyunCliProfiles('{"profiles":[{"access_key_secret":"s3cr3t-value-000"');
    assert.ok('error' in r);
    assert.ok(!r.error.includes('s3cr3t'));
  });

  it('descriptions never hold a secret', () => {
    for (const e of config().entries) {
      if (!e.profile) continue;
      const line = describeProfile(e.profile);
      for (const s of profileSecrets(e.profile)) assert.ok(!line.includes(s), `${e.name}: ${line}`);
      assert.ok(!line.includes('LTAI5tEmuLat0rTestKey001'), 'key ids are masked');
    }
  });
});

describe('the chain\'s order: --profile → environment keys → ALIBABA_CLOUD_PROFILE → current', () => {
  const chain = (over: Partial<ChainInput>) => resolveChain({ env: {}, aliyunConfig: FILE, ...over });

  it('the file\'s current profile when nothing else is given', () => {
    const r = chain({}).aliyun;
    assert.ok(r?.ok);
    assert.equal(r.profile.name, 'dev');
    assert.equal(r.step, 'current');
    assert.equal(r.where, PATH);
  });

  it('ALIBABA_CLOUD_PROFILE wins over current', () => {
    const r = chain({ env: { ALIBABA_CLOUD_PROFILE: 'customer' } }).aliyun;
    assert.ok(r?.ok);
    assert.equal(r.profile.name, 'customer');
    assert.equal(r.step, 'ALIBABA_CLOUD_PROFILE');
  });

  it('environment keys win over ALIBABA_CLOUD_PROFILE and current', () => {
    const r = chain({ env: { ...ENV_ALIYUN, ALIBABA_CLOUD_PROFILE: 'customer' } }).aliyun;
    assert.ok(r?.ok);
    assert.equal(r.step, 'environment');
    assert.equal(r.profile.keys?.accessKeyId, 'LTAIenvironmentKey0001');
  });

  it('an explicit --profile wins over environment keys, for Alibaba Cloud; a Huawei command then has no credentials', () => {
    const c = chain({ profile: 'customer', env: { ...ENV_ALIYUN, ...ENV_HUAWEI } });
    assert.ok(c.aliyun?.ok);
    assert.equal(c.aliyun.profile.name, 'customer');
    assert.equal(c.aliyun.step, 'flag');
    assert.deepEqual(c.huawei, { ok: false, reason: 'profile "customer" has no Huawei Cloud credentials', missing: true });
  });

  it('Huawei Cloud: the environment keys (with their project id)', () => {
    const c = chain({ env: ENV_HUAWEI });
    assert.ok(c.huawei?.ok);
    assert.equal(c.huawei.profile.projectId, '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
  });

  it('an unknown profile is an error naming it and the profiles that exist', () => {
    const c = chain({ profile: 'prod' });
    assert.ok(c.aliyun && !c.aliyun.ok);
    assert.match(c.aliyun.reason, /^no profile named "prod" \(profiles: "dev", "customer", "ci", "reader", "customer-role", "legacy", "ecs",/);
    const viaEnv = chain({ env: { ALIBABA_CLOUD_PROFILE: 'prod' } }).aliyun;
    assert.ok(viaEnv && !viaEnv.ok);
    assert.match(viaEnv.reason, /no profile named "prod" \(ALIBABA_CLOUD_PROFILE\) \(profiles: "dev"/);
  });

  it('a chosen profile of an unsupported mode is an error naming the mode', () => {
    const c = chain({ profile: 'sso' }).aliyun;
    assert.ok(c && !c.ok);
    assert.match(c.reason, /mode "CloudSSO", which is not supported yet/);
  });

  it('the extension\'s profiles are found by name before the aliyun CLI\'s', () => {
    const mine: AliyunProfile = { cloud: 'aliyun', name: 'dev', origin: 'extension', mode: 'AK', keys: { accessKeyId: 'LTAIextensionKey00001', accessKeySecret: 'extension-secret-0000' } };
    const r = chain({ profile: 'dev', extra: [mine] }).aliyun;
    assert.ok(r?.ok);
    assert.equal(r.where, 'extension');
  });

  it('no file and no environment: nothing, not an error', () => {
    const c = resolveChain({ env: {}, aliyunConfig: null });
    assert.equal(c.aliyun, null);
    assert.equal(c.huawei, null);
  });

  it('visibleProfiles lists every profile with its origin and marks the one in use', () => {
    const { profiles } = visibleProfiles({ env: ENV_HUAWEI, aliyunConfig: FILE });
    const used = profiles.filter((p) => p.selected).map((p) => `${p.cloud}:${p.name}`);
    assert.deepEqual(used, ['huawei:environment', 'aliyun:dev']);
    assert.equal(profiles.filter((p) => p.where === PATH).length, 13);
  });
});
