// RamRoleArn and ChainableRamRoleArn against the emulator's STS: AssumeRole signed with the source keys, the
// temporary keys used for the media APIs, kept until shortly before Expiration, refreshed, and asked for again when
// the cloud calls them expired. Plus the answer's parser and the role checks, on the AssumeRole doc's shapes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudClient } from '../../../../src/clouds/client.js';
import { type AliyunRoleCredentials } from '../../../../src/clouds/credentials.js';
import { ApiError, ConfigError, SchemaError } from '../../../../src/clouds/errors.js';
import { checkRole, parseAssumeRole, REFRESH_MARGIN_MS, stsOrigin } from '../../../../src/clouds/aliyun/sts.js';
import { type Clock } from '../../../../src/clouds/clock.js';
import { startEmulator, type Emulator } from '../../../emulator/emulator.js';
import { EMULATOR_CREDENTIALS } from '../../../emulator/credentials.js';
import { SAMPLE_IDS } from '../../../emulator/sampleJobs.js';

const START = Date.parse('2026-12-04T20:00:00Z');
const ROLE_ARN = EMULATOR_CREDENTIALS.roles[0]!.arn;
const CHAINED_ARN = EMULATOR_CREDENTIALS.roles[1]!.arn;
const ice = { kind: 'ice' as const, id: SAMPLE_IDS.ice.succeeded, region: 'cn-shanghai', params: {} };

describe('RamRoleArn: AssumeRole against the emulator', () => {
  let t = START;
  // The emulator's clock may run ahead of ours (skew), as a real server's may.
  let skew = 0;
  let emu: Emulator;
  const clock: Clock = { now: () => t, sleep: () => Promise.resolve() };
  before(async () => {
    emu = await startEmulator({ now: () => t + skew });
  });
  after(() => emu.close());

  const role = (over: Partial<AliyunRoleCredentials> = {}): AliyunRoleCredentials => ({
    source: EMULATOR_CREDENTIALS.aliyun, roleArn: ROLE_ARN, roleSessionName: 'media-jobs-test', durationSeconds: 900,
    stsEndpoint: emu.url, ...over,
  });
  const client = (r: AliyunRoleCredentials, signature: 'v1' | 'v3' = 'v3') =>
    new CloudClient({ credentials: { aliyunRole: r }, endpoints: { ice: emu.url }, clock, signature, retry: { maxAttempts: 1, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 1 } });

  for (const signature of ['v1', 'v3'] as const) {
    it(`${signature}: AssumeRole is signed with the source key, the media API with the temporary STS key`, async () => {
      t = START;
      skew = 0;
      const from = emu.requests.length;
      const c = client(role(), signature);
      try {
        const [o] = await c.fetch([ice]);
        assert.equal(o!.error, null, String(o!.error));
        assert.equal(o!.jobs[0]!.status, 'succeeded');
        const log = emu.requests.slice(from);
        assert.deepEqual(log.map((r) => r.api), ['sts:AssumeRole', 'ice:GetMediaProducingJob']);
        assert.equal(log[0]!.accessKeyId, EMULATOR_CREDENTIALS.aliyun.accessKeyId);
        assert.match(log[1]!.accessKeyId ?? '', /^STS\./);
        assert.equal(log[1]!.status, 200);
      } finally {
        await c.close();
      }
    });
  }

  it('keeps the temporary keys until REFRESH_MARGIN_MS before Expiration, then asks STS again', async () => {
    t = START;
    skew = 0;
    const from = emu.requests.length;
    const c = client(role({ durationSeconds: 900 }));
    try {
      await c.fetch([ice]);
      t += 60_000;
      await c.fetch([ice]);
      assert.equal(c.roleRefreshes, 1, 'one AssumeRole for two fetches a minute apart');
      // 900 s keys: at 900 - 180 + 1 s they are due.
      t = START + 900_000 - REFRESH_MARGIN_MS + 1000;
      await c.fetch([ice]);
      assert.equal(c.roleRefreshes, 2);
      const keys = emu.requests.slice(from).filter((r) => r.api === 'ice:GetMediaProducingJob').map((r) => r.accessKeyId);
      assert.equal(keys[0], keys[1]);
      assert.notEqual(keys[1], keys[2], 'the refreshed keys sign the third fetch');
      assert.ok(emu.requests.slice(from).every((r) => r.status === 200));
    } finally {
      await c.close();
    }
  });

  it('the emulator rejects expired temporary keys with InvalidSecurityToken.Expired; the client asks again once and succeeds', async () => {
    t = START;
    skew = 0;
    const c = client(role({ durationSeconds: 900 }));
    try {
      await c.fetch([ice]);
      // The server's clock is now past the keys' Expiration while ours still thinks they have 5 minutes left.
      skew = 600_000;
      t = START + 300_000;
      const from = emu.requests.length;
      const [o] = await c.fetch([ice]);
      assert.equal(o!.error, null, String(o!.error));
      const log = emu.requests.slice(from);
      assert.deepEqual(log.map((r) => [r.api, r.errorCode]), [
        ['ice:GetMediaProducingJob', 'InvalidSecurityToken.Expired'],
        ['sts:AssumeRole', null],
        ['ice:GetMediaProducingJob', null],
      ]);
      assert.equal(c.roleRefreshes, 2);
    } finally {
      await c.close();
    }
  });

  it('ChainableRamRoleArn: the second role is assumed with the first role\'s temporary keys', async () => {
    t = START;
    skew = 0;
    const from = emu.requests.length;
    const c = client({ ...role(), roleArn: CHAINED_ARN, roleSessionName: 'chained', source: role() });
    try {
      const [o] = await c.fetch([ice]);
      assert.equal(o!.error, null, String(o!.error));
      const log = emu.requests.slice(from);
      assert.deepEqual(log.map((r) => r.api), ['sts:AssumeRole', 'sts:AssumeRole', 'ice:GetMediaProducingJob']);
      assert.equal(log[0]!.accessKeyId, EMULATOR_CREDENTIALS.aliyun.accessKeyId);
      assert.match(log[1]!.accessKeyId ?? '', /^STS\./);
      assert.notEqual(log[1]!.accessKeyId, log[2]!.accessKeyId);
    } finally {
      await c.close();
    }
  });

  it('STS refusals reach the job as the cloud\'s errors: an untrusted caller, an unknown role, a duration over the maximum', async () => {
    t = START;
    skew = 0;
    const cases: Array<[AliyunRoleCredentials, string]> = [
      [role({ source: EMULATOR_CREDENTIALS.aliyun2 }), 'NoPermission'],
      [role({ roleArn: 'acs:ram::1234567890123456:role/nobody' }), 'EntityNotExist.Role'],
      [role({ durationSeconds: 7200 }), 'InvalidParameter.DurationSeconds'],
      [role({ source: { accessKeyId: EMULATOR_CREDENTIALS.aliyun.accessKeyId, accessKeySecret: 'wrong-secret-0000000000' } }), 'SignatureDoesNotMatch'],
    ];
    for (const [r, code] of cases) {
      const c = client(r);
      try {
        const [o] = await c.fetch([ice]);
        assert.ok(o!.error instanceof ApiError, `${code}: ${String(o!.error)}`);
        assert.equal(o!.error.code, code);
        assert.equal(o!.error.api, 'sts:AssumeRole');
        assert.ok(!o!.error.message.includes('wrong-secret'), 'no secret in the message');
      } finally {
        await c.close();
      }
    }
  });
});

describe('AssumeRole pieces', () => {
  // The response example of the AssumeRole reference page (values shortened as the page masks them).
  const DOC_ANSWER = {
    RequestId: '6894B13B-6D71-4EF5-88FA-F32781734A7F',
    AssumedRoleUser: { AssumedRoleId: '34458433936495****:alice', Arn: 'acs:ram::123456789012****:role/aliyunserviceroleforecs/alice' },
    Credentials: {
      SecurityToken: '********',
      AccessKeyId: 'STS.L4aBSCSJVMuKg5U1****',
      AccessKeySecret: 'wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK****',
      Expiration: '2015-04-09T11:52:19Z',
    },
  };

  it('parses the documented answer; Expiration becomes a time', () => {
    const k = parseAssumeRole(DOC_ANSWER);
    assert.equal(k.credentials.accessKeyId, 'STS.L4aBSCSJVMuKg5U1****');
    assert.equal(k.credentials.securityToken, '********');
    assert.equal(k.expiresAt, Date.UTC(2015, 3, 9, 11, 52, 19));
  });

  it('an answer without a usable field is a SchemaError naming the field, never quoting a value', () => {
    const noToken = { ...DOC_ANSWER, Credentials: { ...DOC_ANSWER.Credentials, SecurityToken: '' } };
    assert.throws(() => parseAssumeRole(noToken), (e: unknown) => e instanceof SchemaError && /Credentials\.SecurityToken/.test(e.message) && !e.message.includes('wyLT'));
    const badTime = { ...DOC_ANSWER, Credentials: { ...DOC_ANSWER.Credentials, Expiration: 'soon' } };
    assert.throws(() => parseAssumeRole(badTime), /Credentials\.Expiration/);
  });

  it('the STS endpoint: central, regional (sts_region), or the profile\'s sts_endpoint (host or loopback URL)', () => {
    assert.equal(stsOrigin({}), 'https://sts.aliyuncs.com');
    assert.equal(stsOrigin({ stsRegion: 'cn-hangzhou' }), 'https://sts.cn-hangzhou.aliyuncs.com');
    assert.equal(stsOrigin({ stsEndpoint: 'sts-vpc.cn-shanghai.aliyuncs.com' }), 'https://sts-vpc.cn-shanghai.aliyuncs.com');
    assert.equal(stsOrigin({ stsEndpoint: 'http://127.0.0.1:9000' }), 'http://127.0.0.1:9000');
    assert.throws(() => stsOrigin({ stsEndpoint: 'http://sts.example.com' }), ConfigError);
  });

  it('checks the role before any request', () => {
    const ok: AliyunRoleCredentials = { source: { accessKeyId: 'a', accessKeySecret: 'b' }, roleArn: ROLE_ARN, roleSessionName: 'ok-name', durationSeconds: 900 };
    assert.equal(checkRole(ok), null);
    assert.match(checkRole({ ...ok, roleArn: 'arn:aws:iam::1:role/x' })!.message, /acs:ram::/);
    assert.match(checkRole({ ...ok, roleSessionName: 'a' })!.message, /2 to 64/);
    assert.match(checkRole({ ...ok, durationSeconds: 60 })!.message, /minimum of 900/);
  });
});
