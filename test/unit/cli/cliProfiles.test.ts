// `media-jobs` with several accounts: --profile and the chain against the emulator (each account signs with its own
// key; the emulator logs which), RamRoleArn profiles through the emulator's STS, `media-jobs profiles`, the errors
// for unknown and unsupported profiles, and no secret in any output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/main.js';
import { type Job } from '../../../src/model/job.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { EMULATOR_CREDENTIALS } from '../../emulator/credentials.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';

const TEXT = readFileSync(join(__dirname, '../../fixtures/aliyun-cli/config.json'), 'utf8');
const PATH = '/home/u/.aliyun/config.json';
const ICE = SAMPLE_IDS.ice.succeeded;
const C = EMULATOR_CREDENTIALS;
const SECRETS = [
  C.aliyun.accessKeySecret, C.aliyun2.accessKeySecret, C.aliyunSts.accessKeySecret, C.aliyunSts.securityToken,
  C.huawei.sk, 'LegacyProfileSecret0000000000',
];

interface Run { code: number; stdout: string; stderr: string }

async function cli(argv: string[], env: Record<string, string> = {}, file: string | null = TEXT): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env,
    readAliyunConfig: () => Promise.resolve(file === null ? null : { path: PATH, text: file }),
  });
  for (const s of SECRETS) assert.ok(!stdout.includes(s) && !stderr.includes(s), `a secret reached the output: ${s.slice(0, 4)}…`);
  return { code, stdout, stderr };
}

describe('media-jobs with profiles, against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  const inspect = (extra: string[], env?: Record<string, string>) => cli(['inspect', 'ice', ICE, '--json', '--endpoint', emu.url, ...extra], env);

  it('two accounts side by side: each --profile signs with its own key', async () => {
    const from = emu.requests.length;
    const a = await inspect(['--profile', 'dev']);
    const b = await inspect(['--profile', 'customer']);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    assert.equal((JSON.parse(a.stdout) as Job[])[0]!.id, ICE);
    assert.deepEqual(emu.requests.slice(from).map((r) => [r.accessKeyId, r.status]), [
      [C.aliyun.accessKeyId, 200],
      [C.aliyun2.accessKeyId, 200],
    ]);
  });

  it('without --profile: the environment keys win over ALIBABA_CLOUD_PROFILE, which wins over current', async () => {
    const from = emu.requests.length;
    await inspect([], { ALIBABA_CLOUD_ACCESS_KEY_ID: C.aliyun2.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.aliyun2.accessKeySecret, ALIBABA_CLOUD_PROFILE: 'dev' });
    await inspect([], { ALIBABA_CLOUD_PROFILE: 'customer' });
    await inspect([]);
    // --profile wins over the environment keys.
    await inspect(['--profile', 'dev'], { ALIBABA_CLOUD_ACCESS_KEY_ID: C.aliyun2.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.aliyun2.accessKeySecret });
    assert.deepEqual(emu.requests.slice(from).map((r) => r.accessKeyId), [C.aliyun2.accessKeyId, C.aliyun2.accessKeyId, C.aliyun.accessKeyId, C.aliyun.accessKeyId]);
  });

  it('a RamRoleArn profile assumes its role at the emulator\'s STS (--sts-endpoint) and signs with the temporary key', async () => {
    const from = emu.requests.length;
    const r = await inspect(['--profile', 'reader', '--sts-endpoint', emu.url]);
    assert.equal(r.code, 0, r.stderr);
    const log = emu.requests.slice(from);
    assert.deepEqual(log.map((x) => x.api), ['sts:AssumeRole', 'ice:GetMediaProducingJob']);
    assert.equal(log[0]!.accessKeyId, C.aliyun.accessKeyId);
    assert.match(log[1]!.accessKeyId ?? '', /^STS\./);
  });

  it('a ChainableRamRoleArn profile assumes both roles in turn', async () => {
    const from = emu.requests.length;
    const r = await inspect(['--profile', 'customer-role', '--sts-endpoint', emu.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(emu.requests.slice(from).map((x) => x.api), ['sts:AssumeRole', 'sts:AssumeRole', 'ice:GetMediaProducingJob']);
  });

  it('an unknown profile: exit 3, naming it and the profiles that exist; nothing is sent', async () => {
    const from = emu.requests.length;
    const r = await inspect(['--profile', 'prod']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^media-jobs: no profile named "prod" \(profiles: "dev", "customer", "ci", "reader"/);
    assert.equal(emu.requests.length, from);
  });

  it('a profile of an unsupported mode: exit 3, naming the mode', async () => {
    const r = await inspect(['--profile', 'ecs']);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /mode "EcsRamRole", which is not supported yet/);
  });
});

describe('media-jobs profiles', () => {
  it('lists every profile, where it comes from and which is used, never a secret', async () => {
    const r = await cli(['profiles'], { HUAWEICLOUD_SDK_AK: C.huawei.ak, HUAWEICLOUD_SDK_SK: C.huawei.sk });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Alibaba Cloud:\n {2}\* dev {2}\(\/home\/u\/\.aliyun\/config\.json\) {2}AK, key LTAI…y001, region cn-shanghai\n/);
    assert.match(r.stdout, / {3}reader {2}\(\/home\/u\/\.aliyun\/config\.json\) {2}RamRoleArn, role acs:ram::1234567890123456:role\/media-reader, key LTAI…y001/);
    assert.match(r.stdout, / {3}sso {2}\(.*\) {2}unusable: profile "sso" uses mode "CloudSSO", which is not supported yet/);
    assert.match(r.stdout, /Huawei Cloud:\n {2}\* environment {2}\(HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK\) {2}AK\/SK, key HPUA…TAK1\n/);
    assert.ok(!r.stdout.includes(C.aliyun.accessKeyId), 'key ids are masked');
  });

  it('--json: one object per profile', async () => {
    const r = await cli(['profiles', '--json']);
    const rows = JSON.parse(r.stdout) as Array<{ name: string; used: boolean; mode: string | null; problem: string | null }>;
    assert.equal(rows.length, 13);
    assert.deepEqual(rows.filter((x) => x.used).map((x) => x.name), ['dev']);
    assert.equal(rows.find((x) => x.name === 'ci')!.mode, 'StsToken');
  });

  it('no profiles anywhere: says how to add one', async () => {
    const r = await cli(['profiles'], {}, null);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^No profiles: set ALIBABA_CLOUD_ACCESS_KEY_ID/);
  });

  it('a config file that is not JSON is reported without quoting it', async () => {
    const r = await cli(['profiles'], {}, '{"profiles":[{"access_key_secret":"EmuLat0rAliyunSecret+/=000000"');
    assert.match(r.stderr, /the aliyun CLI configuration is not valid JSON \(\/home\/u\/\.aliyun\/config\.json\)/);
  });

  it('profiles takes no other options', async () => {
    const r = await cli(['profiles', '--region', 'cn-shanghai']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--region does not apply to profiles/);
  });
});

describe('media-jobs profiles --profile', () => {
  it('marks the profile it names as used', async () => {
    const r = await cli(['profiles', '--profile', 'customer'], { ALIBABA_CLOUD_ACCESS_KEY_ID: C.aliyun2.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.aliyun2.accessKeySecret });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, / {2}\* customer {2}\(/);
    assert.doesNotMatch(r.stdout, /\* environment/);
    assert.match(r.stdout, /\* = used with this --profile/);
    assert.equal(r.stderr, '', 'a Huawei Cloud without "customer" is not reported');
  });

  it('an unknown one: exit 3 and the error naming the profiles that exist, once', async () => {
    const r = await cli(['profiles', '--profile', 'prod']);
    assert.equal(r.code, 3);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
    assert.match(r.stderr, /^media-jobs: no profile named "prod" \(profiles: "dev"/);
  });
});
