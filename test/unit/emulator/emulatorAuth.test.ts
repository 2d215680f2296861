import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NonceStore, verifyAliyun } from '../../emulator/aliyunAuth.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { verifyHuawei } from '../../emulator/huaweiAuth.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { officialHuaweiAuthorization } from '../../emulator/sdkCores.js';
import { aliyunTime } from '../../emulator/state.js';
import { aliyunV1, aliyunV3, huaweiListEditingJobs, json, sdkDate, send, type RawResponse } from './sdkRequests.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');
const MIN = 60_000;

describe('the emulator\'s verifiers reproduce the reference test vectors', () => {
  const testKeys = new Map([['testid', { secret: 'testsecret', securityToken: null }]]);

  it('V1 [official] ECS DescribeRegions → OLeaidS1JvxuMvnyHOwuJ+uX5qY= accepted; one changed character rejected', () => {
    const query = new URLSearchParams({
      Timestamp: '2016-02-23T12:46:24Z', Format: 'XML', AccessKeyId: 'testid', Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', Version: '2014-05-26', SignatureVersion: '1.0', Signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    });
    const now = Date.parse('2016-02-23T12:46:24Z');
    const input = { method: 'GET', query, form: new URLSearchParams(), headers: {}, rawBody: Buffer.alloc(0) };
    assert.deepEqual(verifyAliyun(input, testKeys, new NonceStore(), now), { ok: true, version: 'v1', accessKeyId: 'testid' });
    query.set('Signature', 'OLeaidS1JvxuMvnyHOwuJ+uX5qZ=');
    const r = verifyAliyun(input, testKeys, new NonceStore(), now);
    assert.equal(r.ok ? 'ok' : r.code, 'SignatureDoesNotMatch');
    assert.ok(!r.ok && r.message.endsWith('server string to sign is:GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26'));
  });

  it('V3 [official] ECS RunInstances → 06563a9e… accepted', () => {
    const headers = {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      authorization:
        'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0',
    };
    const query = new URLSearchParams({ ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' });
    const keys = new Map([['YourAccessKeyId', { secret: 'YourAccessKeySecret', securityToken: null }]]);
    const r = verifyAliyun({ method: 'POST', query, form: new URLSearchParams(), headers, rawBody: Buffer.alloc(0) }, keys, new NonceStore(), Date.parse('2023-10-26T10:22:32Z'));
    assert.deepEqual(r, { ok: true, version: 'v3', accessKeyId: 'YourAccessKeyId' });
  });

  it('Huawei [official] VPC list vector through the core → 7be66680…; [derived] MPC vector accepted by the verifier', () => {
    const official = officialHuaweiAuthorization(
      {
        method: 'GET',
        endpoint: 'http://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
        query: { limit: ['2'], marker: ['13551d6b-755d-4757-b956-536f674975c0'] },
        headers: { 'content-type': 'application/json', host: 'service.region.example.com', 'X-Sdk-Date': '20191115T033655Z' },
      },
      'QTWAOYTTINDUT2QVKYUC',
      'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc',
    );
    assert.match(official.authorization, /Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe$/);

    const pid = '0123456789abcdef0123456789abcdef';
    const keys = new Map([['TESTAK0000000000000', { sk: 'TESTSK0000000000000000000000000000000000', securityToken: null, projectId: pid }]]);
    const r = verifyHuawei(
      {
        method: 'GET',
        path: `/v2/${pid}/editing/jobs`,
        pathProjectId: pid,
        query: new URLSearchParams('job_id=job-b&job_id=job-a'),
        headers: {
          host: 'mpc.cn-north-4.myhuaweicloud.com',
          'x-project-id': pid,
          'x-sdk-date': '20240101T000000Z',
          authorization: 'SDK-HMAC-SHA256 Access=TESTAK0000000000000, SignedHeaders=host;x-project-id;x-sdk-date, Signature=3ce5489938f65684a38d74924b6f90717533a8ac200a661cbee4f9ad85981815',
        },
      },
      keys,
      Date.parse('2024-01-01T00:00:00Z'),
    );
    assert.deepEqual(r, { ok: true, ak: 'TESTAK0000000000000', projectId: pid });
  });
});

describe('emulator rejects bad signatures with the clouds\' codes and statuses', () => {
  let emu: Emulator;
  let t = T0;
  before(async () => {
    emu = await startEmulator({ now: () => t, enforceRateLimits: false });
  });
  after(() => emu.close());

  const base = { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.init } };
  const alibabaError = (r: RawResponse, status: number, code: string): Record<string, unknown> => {
    assert.equal(r.status, status, r.body);
    const b = json(r);
    assert.equal(b['Code'], code, r.body);
    assert.deepEqual(Object.keys(b).sort(), ['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    return b;
  };
  const huaweiError = (r: RawResponse, status: number, code: string): Record<string, unknown> => {
    assert.equal(r.status, status, r.body);
    const b = json(r);
    assert.equal(b['error_code'], code, r.body);
    assert.equal(b['request_id'], r.headers['x-request-id']);
    return b;
  };

  for (const [name, sign] of [['V1', aliyunV1], ['V3', aliyunV3]] as const) {
    it(`${name}: wrong secret → 400 SignatureDoesNotMatch with the server string to sign`, async () => {
      const r = await sign(emu.url, { ...base, cred: { ...emu.credentials.aliyun, accessKeySecret: 'not-the-secret' }, now: t });
      const b = alibabaError(r, 400, 'SignatureDoesNotMatch');
      assert.match(String(b['Message']), /^Specified signature is not matched with our calculation\. server string to sign is:/);
    });

    it(`${name}: parameter changed after signing → 400 SignatureDoesNotMatch`, async () => {
      const r =
        name === 'V1'
          ? await aliyunV1(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, afterSign: (p) => (p['JobId'] = SAMPLE_IDS.ice.failed) })
          : await aliyunV3(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, afterSign: (q) => (q.query['JobId'] = SAMPLE_IDS.ice.failed) });
      alibabaError(r, 400, 'SignatureDoesNotMatch');
    });

    it(`${name}: reused nonce → 400 SignatureNonceUsed; usable again once 15 minutes have passed`, async () => {
      const nonce = `nonce-${name}-${Math.random()}`;
      const first = await sign(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, nonce });
      assert.equal(first.status, 200, first.body);
      const again = await sign(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, nonce });
      alibabaError(again, 400, 'SignatureNonceUsed');
      const saved = t;
      t += 16 * MIN;
      try {
        const later = await sign(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, nonce });
        assert.equal(later.status, 200, later.body);
      } finally {
        t = saved;
      }
    });

    it(`${name}: timestamp 16 min off → 400 InvalidTimeStamp.Expired; 14 min off passes`, async () => {
      for (const off of [16 * MIN, -16 * MIN]) {
        const r = await sign(emu.url, { ...base, cred: emu.credentials.aliyun, now: t + off });
        alibabaError(r, 400, 'InvalidTimeStamp.Expired');
      }
      const ok = await sign(emu.url, { ...base, cred: emu.credentials.aliyun, now: t - 14 * MIN });
      assert.equal(ok.status, 200, ok.body);
    });

    it(`${name}: unknown AccessKey → 404 InvalidAccessKeyId.NotFound`, async () => {
      const r = await sign(emu.url, { ...base, cred: { accessKeyId: 'LTAI5tNoSuchKey', accessKeySecret: 'x' }, now: t });
      const b = alibabaError(r, 404, 'InvalidAccessKeyId.NotFound');
      assert.equal(b['Message'], 'Specified access key is not found.');
    });

    it(`${name}: STS key without its token → 400 MissingSecurityToken; with a wrong one → InvalidSecurityToken.MismatchWithAccessKey`, async () => {
      const sts = emu.credentials.aliyunSts;
      const without = await sign(emu.url, { ...base, cred: { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret }, now: t });
      alibabaError(without, 400, 'MissingSecurityToken');
      const wrong = await sign(emu.url, { ...base, cred: { ...sts, securityToken: 'some-other-token' }, now: t });
      alibabaError(wrong, 400, 'InvalidSecurityToken.MismatchWithAccessKey');
    });
  }

  it('V1: the echoed string to sign carries AccessKeyId and SecurityToken (what the product must redact)', async () => {
    const sts = emu.credentials.aliyunSts;
    const r = await aliyunV1(emu.url, { ...base, cred: { ...sts, accessKeySecret: 'wrong' }, now: t });
    const msg = String(alibabaError(r, 400, 'SignatureDoesNotMatch')['Message']);
    assert.ok(msg.includes(encodeURIComponent(encodeURIComponent(sts.securityToken))), msg);
    assert.ok(msg.includes(sts.accessKeyId));
  });

  it('V1: a missing signing parameter → 400 MissingParameter; V3: malformed Authorization → 400 IncompleteSignature', async () => {
    const r = await aliyunV1(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, omit: ['SignatureNonce'] });
    const b = alibabaError(r, 400, 'MissingParameter');
    assert.match(String(b['Message']), /"SignatureNonce"/);
    const v3 = await aliyunV3(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, afterSign: (q) => (q.headers['authorization'] = 'ACS3-HMAC-SHA256 Credential=x') });
    alibabaError(v3, 400, 'IncompleteSignature');
  });

  it('V3: an x-acs-* header added after signing (so unsigned) → 400 IncompleteSignature', async () => {
    const r = await aliyunV3(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, afterSign: (q) => (q.headers['x-acs-extra'] = '1') });
    alibabaError(r, 400, 'IncompleteSignature');
  });

  it('V3: body changed after signing (x-acs-content-sha256 no longer matches) → 400 SignatureDoesNotMatch', async () => {
    const r = await aliyunV3(emu.url, {
      ...base, method: 'POST', cred: emu.credentials.aliyun, now: t,
      afterSign: (q) => (q.headers['x-acs-content-sha256'] = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    });
    alibabaError(r, 400, 'SignatureDoesNotMatch');
  });

  const mpc = { jobIds: [SAMPLE_IDS.mpc.waiting] };

  it('Huawei: wrong SK → 401 APIGW.0301 verify aksk signature fail, echoing the canonical request', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: { ...emu.credentials.huawei, sk: 'wrong-sk' }, now: t });
    const b = huaweiError(r, 401, 'APIGW.0301');
    assert.match(String(b['error_msg']), /^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:GET\|\/v2\/[0-9a-f]+\/editing\/jobs\/\|job_id=/);
  });

  it('Huawei: job_id or a signed header changed after signing → 401 APIGW.0301', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huawei, now: t, afterSign: (q) => q.jobIds.push(SAMPLE_IDS.mpc.succeeded) });
    huaweiError(r, 401, 'APIGW.0301');
    const slash = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huawei, now: t, afterSign: (q) => (q.path = `${q.path}/`) });
    assert.equal(slash.status, 200, 'a trailing slash changes nothing: the canonical URI always ends with one');
    const h = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huawei, now: t, afterSign: (q) => (q.headers['x-project-id'] = '1'.repeat(32)) });
    huaweiError(h, 401, 'APIGW.0301');
  });

  it('Huawei: stale X-Sdk-Date (16 min) → 401 APIGW.0301 signature expired', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huawei, now: t, sdkDate: sdkDate(t - 16 * MIN) });
    const b = huaweiError(r, 401, 'APIGW.0301');
    assert.match(String(b['error_msg']), /signature expired$/);
  });

  it('Huawei: unknown AK → 401 APIGW.0301', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: { ...emu.credentials.huawei, ak: 'NOSUCHAK000000000000' }, now: t });
    huaweiError(r, 401, 'APIGW.0301');
  });

  it('Huawei: temporary AK without X-Security-Token → 401 APIGW.0301', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huaweiTemp, now: t, afterSign: (q) => delete q.headers['X-Security-Token'] });
    const b = huaweiError(r, 401, 'APIGW.0301');
    assert.match(String(b['error_msg']), /x-security-token/);
  });

  it('Huawei: a project that is not the account\'s → 403 APIGW.0310', async () => {
    const r = await huaweiListEditingJobs(emu.url, { ...mpc, cred: emu.credentials.huawei, now: t, pathProjectId: 'f'.repeat(32) });
    huaweiError(r, 403, 'APIGW.0310');
  });

  it('Huawei: no Authorization → 401 APIGW.0301', async () => {
    const r = await send(emu.url, { path: `/v2/${emu.credentials.huawei.projectId}/editing/jobs?job_id=x` });
    huaweiError(r, 401, 'APIGW.0301');
  });

  it('a timestamp in Alibaba V1 that is not well formatted → 400 InvalidTimeStamp.Format', async () => {
    const r = await aliyunV1(emu.url, { ...base, cred: emu.credentials.aliyun, now: t, timestamp: aliyunTime(t).replace('T', ' ') });
    alibabaError(r, 400, 'InvalidTimeStamp.Format');
  });
});
