// Our signers against the official SDK cores on generated requests: Alibaba V1 and V3 against
// `@alicloud/openapi-util` (the signing core under every Darabonba Node SDK), Huawei against
// `@huaweicloud/huaweicloud-sdk-core` (credentials → AKSKSigner, the path every Huawei Node SDK call takes).
// Generated names and values mix ASCII, reserved characters, CJK, emoji and empty strings.
// The SDKs read the clock themselves, so the global Date is mocked to the instant we sign with.
// Seeded: set SIGN_SEED to replay a failure; every assertion message names the seed and the case.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { HttpRequestBuilder } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder.js';
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { signAliyunV1, signAliyunV3, type AliyunRequestToSign } from '../../../src/clouds/aliyun/sign.js';
import { signHuawei, type HuaweiRequestToSign } from '../../../src/clouds/huawei/sign.js';
import { seededRandom as mulberry32 } from '../../support/seededRandom.js';

const CASES = 300;
const SEED = Number(process.env.SIGN_SEED ?? 0x5eed2024) >>> 0;


/** One generator per case, so a failing case replays alone. */
function caseRandom(kind: number, index: number): Gen {
  return new Gen(mulberry32(SEED ^ Math.imul(index + 1, 0x9e3779b9) ^ Math.imul(kind, 0x85ebca6b)));
}

// Reserved and unreserved ASCII, CJK, an accent, a full-width letter (sorts after surrogates in
// UTF-16 but before them in UTF-8) and emoji (surrogate pairs), all picked as whole code points.
const CHARS = [
  ...'abcXYZ019-_.~ *~/+=&%!\'():;,?#@[]$',
  '视', '频', '任', '务', 'é', 'ｗ', '🎬', '😀',
];

class Gen {
  constructor(private readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('empty pick');
    return item;
  }
  text(min: number, max: number): string {
    let s = '';
    const len = min + this.int(max - min + 1);
    for (let i = 0; i < len; i++) s += this.pick(CHARS);
    return s;
  }
  /** A parameter name: sometimes a real one, mostly random. */
  name(): string {
    return this.chance(0.2) ? this.pick(['JobId', 'RegionId', 'CasterId', 'Tag.1.Key', 'job_id']) : this.text(1, 8);
  }
  value(): string {
    return this.chance(0.15) ? '' : this.text(1, 12);
  }
  /** A random instant in 2000–2099 with milliseconds, which the signers must drop. */
  date(): Date {
    return new Date(Date.UTC(2000, 0, 1) + this.int(100 * 365 * 86_400) * 1000 + this.int(1000));
  }
  hex(len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += '0123456789abcdef'[this.int(16)];
    return s;
  }
}

const V1_COMMON = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'Signature']);

function randomAliyunRequest(g: Gen): AliyunRequestToSign {
  const params: Record<string, string> = {};
  const count = g.int(6);
  for (let i = 0; i < count; i++) {
    const name = g.name();
    if (!V1_COMMON.has(name) && name !== '__proto__') params[name] = g.value();
  }
  return {
    method: g.pick(['GET', 'POST'] as const),
    host: g.pick(['ice.cn-shanghai.aliyuncs.com', 'live.aliyuncs.com', '127.0.0.1:8080']),
    action: g.pick(['GetMediaProducingJob', 'GetTranscodeTask', 'GetEditingJobInfo', 'GetEdgeTranscodeJob']),
    version: g.pick(['2020-11-09', '2017-03-21', '2016-11-01']),
    params,
  };
}

function randomAliyunKeys(g: Gen): { accessKeyId: string; accessKeySecret: string; securityToken?: string } {
  const sts = g.chance(0.3);
  return {
    accessKeyId: `${sts ? 'STS.' : 'LTAI'}${g.hex(16)}`,
    accessKeySecret: g.hex(30),
    ...(sts ? { securityToken: `CAIS${g.hex(40)}` } : {}),
  };
}

/** Splits a query string or form body the way a server does: on raw `&` and `=`, then percent-decoding. */
function decodePairs(wire: string): Array<[string, string]> {
  if (wire === '') return [];
  return wire.split('&').map((part): [string, string] => {
    const eq = part.indexOf('=');
    return eq < 0 ? [decodeURIComponent(part), ''] : [decodeURIComponent(part.slice(0, eq)), decodeURIComponent(part.slice(eq + 1))];
  });
}

function toRecord(pairs: Array<[string, string]>): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of pairs) out[k] = v;
  return out;
}

function queryOf(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  return q < 0 ? '' : pathAndQuery.slice(q + 1);
}

/** Mocks the global Date (the SDKs read the clock themselves); restored when the test ends. */
function mockClock(t: TestContext): void {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
}

/** Counts what the generated cases covered, so a generator change cannot quietly weaken the test. */
function coverage(): { count: (label: string, hit: boolean) => void; check: (label: string) => void } {
  const hits = new Map<string, number>();
  return {
    count: (label, hit) => {
      if (hit) hits.set(label, (hits.get(label) ?? 0) + 1);
    },
    check: (label) => assert.ok((hits.get(label) ?? 0) > 0, `no generated case covered: ${label} (seed ${SEED})`),
  };
}

test(`Alibaba V1 matches @alicloud/openapi-util getRPCSignature on ${CASES} generated requests`, (t) => {
  mockClock(t);
  const cov = coverage();
  for (let i = 0; i < CASES; i++) {
    const g = caseRandom(1, i);
    const req = randomAliyunRequest(g);
    const keys = randomAliyunKeys(g);
    const now = g.date();
    const nonce = g.hex(32);
    const where = `V1 case ${i} (SIGN_SEED=${SEED}): ${JSON.stringify({ req, keys, now, nonce })}`;

    const signed = signAliyunV1(req, keys, now, nonce);
    const wire = req.method === 'GET' ? queryOf(signed.pathAndQuery) : (signed.body ?? '');
    assert.doesNotMatch(wire, /[+ ]/, `raw '+' or space would decode differently on the server: ${where}`);
    const sent = toRecord(decodePairs(wire));
    const ourSignature = sent.Signature;
    delete sent.Signature;

    // The SDK side, built as the Darabonba RPC client builds it (doRPCRequest), from the same inputs.
    t.mock.timers.setTime(now.getTime());
    const sdkParams: Record<string, string> = {
      Action: req.action,
      Format: 'JSON',
      Version: req.version,
      Timestamp: OpenApiUtil.getTimestamp(),
      SignatureNonce: nonce,
      ...req.params,
      ...(keys.securityToken ? { SecurityToken: keys.securityToken } : {}),
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      AccessKeyId: keys.accessKeyId,
    };
    assert.deepEqual({ ...sent }, sdkParams, `parameters sent differ from the SDK's: ${where}`);
    assert.equal(ourSignature, OpenApiUtil.getRPCSignature(sdkParams, req.method, keys.accessKeySecret), where);

    cov.count('POST', req.method === 'POST');
    cov.count('STS', keys.securityToken !== undefined);
    cov.count('non-ASCII name', Object.keys(req.params).some((n) => /[^\x20-\x7e]/.test(n)));
    cov.count('emoji value', Object.values(req.params).some((v) => /\p{Extended_Pictographic}/u.test(v)));
    cov.count('empty value', Object.values(req.params).includes(''));
  }
  for (const label of ['POST', 'STS', 'non-ASCII name', 'emoji value', 'empty value']) cov.check(label);
});

test(`Alibaba V3 matches @alicloud/openapi-util getAuthorization on ${CASES} generated requests`, (t) => {
  mockClock(t);
  const algorithm = 'ACS3-HMAC-SHA256';
  const cov = coverage();
  for (let i = 0; i < CASES; i++) {
    const g = caseRandom(3, i);
    const req = randomAliyunRequest(g);
    const keys = randomAliyunKeys(g);
    const now = g.date();
    const nonce = g.hex(32);
    const where = `V3 case ${i} (SIGN_SEED=${SEED}): ${JSON.stringify({ req, keys, now, nonce })}`;

    const signed = signAliyunV3(req, keys, now, nonce);
    const wireQuery = queryOf(signed.pathAndQuery);
    assert.doesNotMatch(wireQuery, /[+ ]/, where);
    assert.deepEqual({ ...toRecord(decodePairs(wireQuery)) }, req.params, `query sent differs from the parameters: ${where}`);

    // The SDK side, built as the Darabonba client's doRequest builds it, minus `x-acs-accesskey-id`
    // (which we deliberately do not send) and user-agent (not signed).
    t.mock.timers.setTime(now.getTime());
    const payload = OpenApiUtil.hexEncode(OpenApiUtil.hash(Buffer.from(''), algorithm));
    const sdkRequest = new $tea.Request();
    sdkRequest.method = req.method;
    sdkRequest.pathname = '/';
    sdkRequest.query = OpenApiUtil.query(req.params);
    sdkRequest.headers = {
      host: req.host,
      'x-acs-version': req.version,
      'x-acs-action': req.action,
      'user-agent': 'AlibabaCloud (cross-check)',
      'x-acs-date': OpenApiUtil.getTimestamp(),
      'x-acs-signature-nonce': nonce,
      accept: 'application/json',
      'x-acs-content-sha256': payload,
      ...(keys.securityToken ? { 'x-acs-security-token': keys.securityToken } : {}),
    };
    const expected = OpenApiUtil.getAuthorization(sdkRequest, algorithm, payload, keys.accessKeyId, keys.accessKeySecret);
    assert.equal(signed.headers.authorization, expected, where);
    for (const name of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
      assert.equal(signed.headers[name], sdkRequest.headers[name], `header ${name}: ${where}`);
    }

    cov.count('POST', req.method === 'POST');
    cov.count('STS', keys.securityToken !== undefined);
    cov.count('non-ASCII name', Object.keys(req.params).some((n) => /[^\x20-\x7e]/.test(n)));
    cov.count('empty value', Object.values(req.params).includes(''));
  }
  for (const label of ['POST', 'STS', 'non-ASCII name', 'empty value']) cov.check(label);
});

function randomHuaweiRequest(g: Gen): { req: HuaweiRequestToSign; projectId?: string; data?: unknown } {
  const projectId = g.chance(0.8) ? g.hex(32) : undefined;
  const query: Array<[string, string]> = [];
  const count = g.int(6);
  for (let i = 0; i < count; i++) {
    // Repeat an earlier name now and then (job_id=a&job_id=b).
    const prior = query[g.int(Math.max(query.length, 1))];
    const name = prior && g.chance(0.3) ? prior[0] : g.name();
    if (name !== '__proto__') query.push([name, g.value()]);
  }
  const method = g.pick(['GET', 'POST']);
  const headers: Record<string, string> = {};
  let data: unknown;
  let body = '';
  if (method === 'POST' && g.chance(0.7)) {
    data = { name: g.text(0, 10), tags: [g.text(1, 5), g.text(0, 5)], n: g.int(1000) };
    body = JSON.stringify(data);
  }
  if (body !== '' || g.chance(0.4)) headers['content-type'] = 'application/json';
  // An extra header with a printable value (inner spaces allowed; HTTP strips outer whitespace).
  if (g.chance(0.4)) headers[`x-mji-${'abcdefgh'.slice(0, 1 + g.int(8))}`] = `a${g.pick([' b', 'b c', '=;', '(x)'])}z`;
  const segment = g.chance(0.3) ? `/${'AZaz09-_.~'.slice(g.int(5))}` : '';
  return {
    req: {
      method,
      host: g.pick(['mpc.cn-north-4.myhuaweicloud.com', '127.0.0.1:8443']),
      path: `/v2/${projectId ?? 'fixedproject'}/editing/jobs${segment}`,
      query,
      headers,
      body,
    },
    ...(projectId ? { projectId } : {}),
    ...(data !== undefined ? { data } : {}),
  };
}

test(`Huawei matches @huaweicloud/huaweicloud-sdk-core (BasicCredentials → AKSKSigner) on ${CASES} generated requests`, async (t) => {
  mockClock(t);
  const cov = coverage();
  for (let i = 0; i < CASES; i++) {
    const g = caseRandom(9, i);
    const { req, projectId, data } = randomHuaweiRequest(g);
    const sts = g.chance(0.3);
    const keys = { ak: g.hex(20).toUpperCase(), sk: g.hex(40), ...(sts ? { securityToken: `tok${g.hex(30)}` } : {}) };
    const now = g.date();
    const where = `Huawei case ${i} (SIGN_SEED=${SEED}): ${JSON.stringify({ req, projectId, keys, now })}`;

    const signed = signHuawei(req, keys, now, projectId);
    assert.deepEqual(decodePairs(queryOf(signed.pathAndQuery)), req.query, `wire query must keep the given pairs and order: ${where}`);

    // The SDK side: the request as HcClient hands it to the credentials, with the path template the
    // SDK fills from the project id, the query as the object the SDK takes (repeated names → arrays)
    // and the body as data (the SDK hashes JSON.stringify(data)). The SDK reads the clock itself.
    const queryParams: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
    for (const [name, value] of req.query) {
      const prior = queryParams[name];
      queryParams[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
    }
    const url = projectId ? req.path.replace(projectId, '{project_id}') : req.path;
    const sdkRequest = new HttpRequestBuilder()
      .withEndpoint(`https://${req.host}`)
      .withUrl(url)
      .withMethod(req.method)
      .withHeaders({ ...req.headers })
      .withQueryParams(queryParams)
      .withData(data)
      .build();
    const credentials = new BasicCredentials({ ak: keys.ak, sk: keys.sk, securityToken: keys.securityToken, projectId });
    t.mock.timers.setTime(now.getTime());
    // The client is only consulted for IAM look-ups, which a given project id and static keys never need.
    const sdkSigned = await credentials.processAuthRequest(undefined as unknown as HcClient, sdkRequest);
    const sdkHeaders = sdkSigned.headers as Record<string, string>;

    assert.equal(sdkSigned.endpoint, `https://${req.host}${req.path}`, `SDK built a different URL: ${where}`);
    assert.equal(signed.headers['x-sdk-date'], sdkHeaders['X-Sdk-Date'], `date: ${where}`);
    assert.equal(signed.headers.authorization, sdkHeaders.Authorization, where);

    cov.count('repeated name', new Set(req.query.map(([n]) => n)).size < req.query.length);
    cov.count('body', req.body !== '');
    cov.count('STS', sts);
    cov.count('no project', projectId === undefined);
    cov.count('non-ASCII name', req.query.some(([n]) => /[^\x20-\x7e]/.test(n)));
    cov.count('empty value', req.query.some(([, v]) => v === ''));
  }
  for (const label of ['repeated name', 'body', 'STS', 'no project', 'non-ASCII name', 'empty value']) cov.check(label);
});
