// Alibaba Cloud signing against the examples of the V1 and V3 signature pages
// (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism,
// https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature), byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentEncode } from '../../../../src/clouds/aliyun/percentEncode.js';
import { acsTimestamp, canonicalQueryV1, canonicalRequestV3, hashedPayloadV3, hmacSha1Base64, signAliyunV1, signAliyunV3, signatureV1, signatureV3, stringToSignV1, stringToSignV3 } from '../../../../src/clouds/aliyun/sign.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const TEST_KEYS = { accessKeyId: 'testid', accessKeySecret: 'testsecret' };
const NONCE = '0123456789abcdef0123456789abcdef';
const JAN_1 = new Date('2024-01-01T00:00:00Z');

/** The signature parameter of a signed V1 request, decoded from wherever it travels. */
function v1Signature(wire: string): string | null {
  return new URLSearchParams(wire).get('Signature');
}

// ------------------------------------------------------------------------------------- §8.1 encoding

test('percentEncode follows RFC 3986 on UTF-8 bytes', () => {
  assert.equal(percentEncode('AZaz09-_.~'), 'AZaz09-_.~');
  assert.equal(percentEncode(' '), '%20');
  assert.equal(percentEncode('*'), '%2A');
  assert.equal(percentEncode('/'), '%2F');
  assert.equal(percentEncode("!'()"), '%21%27%28%29');
  assert.equal(percentEncode('+=&%:'), '%2B%3D%26%25%3A');
  assert.equal(percentEncode('视频'), '%E8%A7%86%E9%A2%91');
  assert.equal(percentEncode('🎬'), '%F0%9F%8E%AC');
  assert.equal(percentEncode(''), '');
  assert.throws(() => percentEncode('\ud800'), URIError);
});

test('acsTimestamp is UTC without milliseconds', () => {
  assert.equal(acsTimestamp(new Date('2023-10-26T10:22:32.789Z')), '2023-10-26T10:22:32Z');
  assert.equal(acsTimestamp(new Date(Date.UTC(2016, 1, 23, 12, 46, 24))), '2016-02-23T12:46:24Z');
});

// ------------------------------------------------------------------------------------------- §8.2 V1

const DESCRIBE_REGIONS = {
  Timestamp: '2016-02-23T12:46:24Z',
  Format: 'XML',
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  Version: '2014-05-26',
  SignatureVersion: '1.0',
};

test('V1 [official] ECS DescribeRegions: string to sign and OLeaid… (key spelled Timestamp)', () => {
  const sts = stringToSignV1('GET', DESCRIBE_REGIONS);
  assert.equal(
    sts,
    'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
  );
  assert.equal(signatureV1(sts, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
});

test('V1 DescribeRegions: CT9X0… is what the misspelt key TimeStamp gives (the doc page inconsistency)', () => {
  const { Timestamp, ...rest } = DESCRIBE_REGIONS;
  const sts = stringToSignV1('GET', { ...rest, TimeStamp: Timestamp });
  assert.equal(signatureV1(sts, 'testsecret'), 'CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  assert.notEqual(signatureV1(stringToSignV1('GET', DESCRIBE_REGIONS), 'testsecret'), 'CT9X0VtwR86fNWSnsc6v8YGOjuE=');
});

test('V1 [official] ECS DescribeDedicatedHosts: canonical query, GET 9NaGi…, POST ZvQ9x… [derived]', () => {
  const req = {
    method: 'GET' as const,
    host: 'ecs.cn-beijing.aliyuncs.com',
    action: 'DescribeDedicatedHosts',
    version: '2014-05-26',
    params: { RegionId: 'cn-beijing' },
  };
  const now = new Date('2023-03-13T08:34:30Z');
  const nonce = 'edb2b34af0af9a6d14deaf7c1a5315eb';
  assert.equal(
    canonicalQueryV1({
      Action: 'DescribeDedicatedHosts', Version: '2014-05-26', Format: 'JSON', AccessKeyId: 'testid',
      SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: nonce,
      Timestamp: '2023-03-13T08:34:30Z', RegionId: 'cn-beijing',
    }),
    'AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26',
  );

  const get = signAliyunV1(req, TEST_KEYS, now, nonce);
  assert.equal(
    get.pathAndQuery,
    '/?AccessKeyId=testid&Action=DescribeDedicatedHosts&Format=JSON&RegionId=cn-beijing&SignatureMethod=HMAC-SHA1&SignatureNonce=edb2b34af0af9a6d14deaf7c1a5315eb&SignatureVersion=1.0&Timestamp=2023-03-13T08%3A34%3A30Z&Version=2014-05-26&Signature=9NaGiOspFP5UPcwX8Iwt2YJXXuk%3D',
  );
  assert.equal(get.body, null);
  assert.deepEqual(get.headers, { host: 'ecs.cn-beijing.aliyuncs.com', accept: 'application/json' });

  const post = signAliyunV1({ ...req, method: 'POST' }, TEST_KEYS, now, nonce);
  assert.equal(post.method, 'POST');
  assert.equal(post.pathAndQuery, '/');
  assert.equal(post.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(v1Signature(post.body ?? ''), 'ZvQ9xGiFnquSJRvj+WE6kdSpTwU=');
  // The POST body is the GET query with its own signature.
  assert.equal(post.body?.replace(/&Signature=.*$/, ''), get.pathAndQuery.slice(2).replace(/&Signature=.*$/, ''));
});

test('V1 [official SDK test] OAU getRPCSignature({test:"ok"}, "", "accessKeySecret") → jHx/…', () => {
  const sts = stringToSignV1('', { test: 'ok' });
  assert.equal(sts, '&%2F&test%3Dok');
  assert.equal(signatureV1(sts, 'accessKeySecret'), 'jHx/oHoHNrbVfhncHEvPdHXZwHU=');
});

test('HMAC-SHA1-Base64 primitive [official SDK test, ROA helper] → OmuTAr…', () => {
  assert.equal(hmacSha1Base64('secret', 'stringtosign'), 'OmuTAr79tpI6CRoAdmzKRq5lHs0=');
});

test('V1 [derived] VOD GetTranscodeTask GET → G2Qtct…', () => {
  const signed = signAliyunV1(
    {
      method: 'GET', host: 'vod.cn-shanghai.aliyuncs.com', action: 'GetTranscodeTask', version: '2017-03-21',
      params: { TranscodeTaskId: 'b1b65ab107e14c0e8f3dbb900f6c1fe0' },
    },
    TEST_KEYS, JAN_1, NONCE,
  );
  assert.equal(
    signed.pathAndQuery,
    '/?AccessKeyId=testid&Action=GetTranscodeTask&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&TranscodeTaskId=b1b65ab107e14c0e8f3dbb900f6c1fe0&Version=2017-03-21&Signature=G2QtctuzW1TVjxEclyZP5GjycEQ%3D',
  );
});

test('V1 [derived] Live GetEditingJobInfo GET with STS → qI/e/… (SecurityToken is signed)', () => {
  const signed = signAliyunV1(
    {
      method: 'GET', host: 'live.aliyuncs.com', action: 'GetEditingJobInfo', version: '2016-11-01',
      params: { CasterId: '53200b81-b761-4c10-842a-a0726d970000', RegionId: 'cn-shanghai' },
    },
    { accessKeyId: 'STS.testid', accessKeySecret: 'testsecret', securityToken: 'testststoken' },
    JAN_1, NONCE,
  );
  const query = new URLSearchParams(signed.pathAndQuery.slice(2));
  assert.equal(query.get('SecurityToken'), 'testststoken');
  assert.equal(query.get('AccessKeyId'), 'STS.testid');
  assert.equal(query.get('Signature'), 'qI/e/fPOCRwTVe0RCWhBjxrM16g=');
  assert.match(signed.pathAndQuery, /&Signature=qI%2Fe%2FfPOCRwTVe0RCWhBjxrM16g%3D$/);
});

test('V1 [derived] Live GetEdgeTranscodeJob POST → jLDYfd… in a form body', () => {
  const signed = signAliyunV1(
    {
      method: 'POST', host: 'live.aliyuncs.com', action: 'GetEdgeTranscodeJob', version: '2016-11-01',
      params: { ClusterId: 'cluster-0001', JobId: 'job-0001' },
    },
    TEST_KEYS, JAN_1, NONCE,
  );
  assert.equal(signed.pathAndQuery, '/');
  assert.equal(
    signed.body,
    'AccessKeyId=testid&Action=GetEdgeTranscodeJob&ClusterId=cluster-0001&Format=JSON&JobId=job-0001&SignatureMethod=HMAC-SHA1&SignatureNonce=0123456789abcdef0123456789abcdef&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2016-11-01&Signature=jLDYfdq9fwnzriP1sdaomZyV948%3D',
  );
  assert.deepEqual(signed.headers, {
    host: 'live.aliyuncs.com', accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded',
  });
});

test('V1 refuses an API parameter that collides with a common parameter', () => {
  const base = { method: 'GET' as const, host: 'h', action: 'A', version: 'v' };
  for (const name of ['Signature', 'Timestamp', 'SecurityToken', 'AccessKeyId']) {
    assert.throws(() => signAliyunV1({ ...base, params: { [name]: 'x' } }, TEST_KEYS, JAN_1, NONCE), new RegExp(name));
  }
});

test('V1 wire encoding: space is %20, never +; the signature is form-encoded', () => {
  const signed = signAliyunV1(
    { method: 'GET', host: 'h', action: 'A', version: 'v', params: { Name: 'a b+c*~' } },
    TEST_KEYS, JAN_1, NONCE,
  );
  assert.match(signed.pathAndQuery, /&Name=a%20b%2Bc%2A~&/);
  assert.doesNotMatch(signed.pathAndQuery, /\+/);
});

// ------------------------------------------------------------------------------------------- §8.3 V3

const RUN_INSTANCES = {
  method: 'POST' as const,
  host: 'ecs.cn-shanghai.aliyuncs.com',
  action: 'RunInstances',
  version: '2014-05-26',
  params: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
};
const YOUR_KEYS = { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' };
const V3_SIGNED_HEADERS = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';

test('V3 [official] ECS RunInstances: canonical request, hash 7ea064…, signature 06563a…', () => {
  const canonical = canonicalRequestV3({
    method: 'POST',
    canonicalUri: '/',
    query: RUN_INSTANCES.params,
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-version': '2014-05-26',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
    hashedPayload: EMPTY_SHA256,
  });
  assert.equal(
    canonical.canonicalRequest,
    [
      'POST',
      '/',
      'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
      'host:ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action:RunInstances',
      `x-acs-content-sha256:${EMPTY_SHA256}`,
      'x-acs-date:2023-10-26T10:22:32Z',
      'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
      'x-acs-version:2014-05-26',
      '',
      V3_SIGNED_HEADERS,
      EMPTY_SHA256,
    ].join('\n'),
  );
  assert.equal(canonical.signedHeaders, V3_SIGNED_HEADERS);
  const sts = stringToSignV3(canonical.canonicalRequest);
  assert.equal(sts, 'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
  assert.equal(signatureV3(sts, 'YourAccessKeySecret'), '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');

  // The full signer produces the same request.
  const signed = signAliyunV3(RUN_INSTANCES, YOUR_KEYS, new Date('2023-10-26T10:22:32Z'), '3156853299f313e23d1673dc12e1703d');
  assert.equal(signed.method, 'POST');
  assert.equal(signed.pathAndQuery, '/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai');
  assert.equal(signed.body, null);
  assert.equal(
    signed.headers.authorization,
    `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${V3_SIGNED_HEADERS},Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0`,
  );
});

test('V3 [official, second] 09:01:01Z / d410180a… → e52135…; the doc listing pairing it with 06563a… is inconsistent', () => {
  const signed = signAliyunV3(RUN_INSTANCES, YOUR_KEYS, new Date('2023-10-26T09:01:01Z'), 'd410180a5abf7fe235dd9b74aca91fc0');
  assert.equal(signed.headers['x-acs-date'], '2023-10-26T09:01:01Z');
  const signature = signed.headers.authorization?.split('Signature=')[1];
  assert.equal(signature, 'e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804');
  assert.notEqual(signature, '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
});

test('V3 [official SDK test] OAU hash("test") and the empty-body hash', () => {
  assert.equal(hashedPayloadV3('test'), '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  assert.equal(hashedPayloadV3(''), EMPTY_SHA256);
});

test('V3 [official SDK test] OAU getAuthorization 0f2d54…/608b88…: reproduce with method "undefined", empty path', () => {
  // The core's own test leaves method and pathname unset, so JS writes "undefined" and "" into the
  // canonical request. Not a real request, but the first vector pins the duplicate-header rule.
  const payload = '55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23';
  const first = canonicalRequestV3({
    method: 'undefined', canonicalUri: '', query: { test: 'ok', empty: '' },
    headers: { 'x-acs-TEST': 'https', 'x-acs-test': 'http' }, hashedPayload: payload,
  });
  assert.equal(first.signedHeaders, 'x-acs-test');
  assert.match(first.canonicalRequest, /^undefined\n\nempty=&test=ok\nx-acs-test:http,https\n\n/);
  assert.equal(signatureV3(stringToSignV3(first.canonicalRequest), 'secret'), '0f2d549523cf082c83bb8135b5863614f7fe16ca7c2c7fc537e74d67374eeeac');

  const second = canonicalRequestV3({ method: 'undefined', canonicalUri: '', query: {}, headers: {}, hashedPayload: payload });
  assert.equal(second.signedHeaders, '');
  assert.equal(signatureV3(stringToSignV3(second.canonicalRequest), 'secret'), '608b887e491f3e88e85276b188a4d24e29230a559464685ccbf2dcc458e1fde8');
});

test('V3 [derived] ICE GetMediaProducingJob GET: hash 876408…, full Authorization', () => {
  const req = {
    method: 'GET' as const, host: 'ice.cn-shanghai.aliyuncs.com', action: 'GetMediaProducingJob', version: '2020-11-09',
    params: { JobId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
  };
  const signed = signAliyunV3(req, TEST_KEYS, JAN_1, NONCE);
  const { authorization, accept, ...signedHeaders } = signed.headers;
  const canonical = canonicalRequestV3({ method: 'GET', canonicalUri: '/', query: req.params, headers: signedHeaders, hashedPayload: EMPTY_SHA256 });
  assert.equal(stringToSignV3(canonical.canonicalRequest), 'ACS3-HMAC-SHA256\n8764088951087991f20e4584e67524a37ffae4508be7d0ad265ecf8a627dc6c0');
  assert.equal(
    authorization,
    'ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=57bade5f440bb5652866f8484b1d677a0b1299ddf2f6783f2cabcd5fa521715b',
  );
  assert.equal(accept, 'application/json');
  assert.equal(signed.pathAndQuery, '/?JobId=a1b2c3d4e5f60718293a4b5c6d7e8f90');
  assert.deepEqual(signedHeaders, {
    host: 'ice.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'GetMediaProducingJob',
    'x-acs-version': '2020-11-09',
    'x-acs-date': '2024-01-01T00:00:00Z',
    'x-acs-signature-nonce': NONCE,
    'x-acs-content-sha256': EMPTY_SHA256,
  });
});

test('V3 [derived] same with STS: x-acs-security-token signed, hash d1f321…, signature 38bd02…; no x-acs-accesskey-id', () => {
  const signed = signAliyunV3(
    {
      method: 'GET', host: 'ice.cn-shanghai.aliyuncs.com', action: 'GetMediaProducingJob', version: '2020-11-09',
      params: { JobId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' },
    },
    { accessKeyId: 'STS.testid', accessKeySecret: 'testsecret', securityToken: 'testststoken' },
    JAN_1, NONCE,
  );
  const { authorization, accept: _accept, ...signedHeaders } = signed.headers;
  assert.equal(signedHeaders['x-acs-security-token'], 'testststoken');
  assert.equal(signedHeaders['x-acs-accesskey-id'], undefined);
  const canonical = canonicalRequestV3({
    method: 'GET', canonicalUri: '/', query: { JobId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }, headers: signedHeaders, hashedPayload: EMPTY_SHA256,
  });
  assert.equal(stringToSignV3(canonical.canonicalRequest), 'ACS3-HMAC-SHA256\nd1f321a6c484aac7cf9ca341b4dbf445aaf537524804ac4a639165e88547c2f8');
  assert.equal(
    authorization,
    'ACS3-HMAC-SHA256 Credential=STS.testid,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=38bd0291035ce4582c804811360cb6aad061990aacf6a41948fdbcbc0f40ebf0',
  );
});

test('V3 POST keeps parameters in the query with an empty body; no parameters → path "/"', () => {
  const signed = signAliyunV3({ method: 'POST', host: 'h', action: 'A', version: 'v', params: {} }, TEST_KEYS, JAN_1, NONCE);
  assert.equal(signed.pathAndQuery, '/');
  assert.equal(signed.body, null);
  assert.equal(signed.headers['x-acs-content-sha256'], EMPTY_SHA256);
  assert.equal(signed.headers['content-type'], undefined);
});

test('V3 canonical query: empty value is "name=", values RFC 3986-encoded', () => {
  const c = canonicalRequestV3({
    method: 'GET', canonicalUri: '/', query: { b: 'x y*~/', a: '' }, headers: {}, hashedPayload: EMPTY_SHA256,
  });
  assert.equal(c.canonicalRequest.split('\n')[2], 'a=&b=x%20y%2A~%2F');
});

// ------------------------------------------- where @alicloud/openapi-util and the reference prose differ
// Only names outside the unreserved set tell the readings apart; real API parameter names never are.
// We follow the core (see signatureCrossCheck.test.ts, which compares against it on generated input).

test('sorting is by raw name in UTF-16 code-unit order (the core), not by encoded name', () => {
  // '=' (0x3D) sorts after '0' raw, but its encoding '%3D' sorts before '0'.
  assert.equal(canonicalQueryV1({ a0: '1', 'a=': '2' }), 'a0=1&a%3D=2');
  // An emoji (surrogate 0xD83C) sorts before a full-width letter (0xFF57) in UTF-16, after it in UTF-8.
  assert.equal(canonicalQueryV1({ 'ｗ': '1', '🎬': '2' }), '%F0%9F%8E%AC=2&%EF%BD%97=1');
});

test('V3 canonical query leaves names as they are and encodes values (the core), the wire encodes both', () => {
  const c = canonicalRequestV3({ method: 'GET', canonicalUri: '/', query: { 'a b': 'c d' }, headers: {}, hashedPayload: EMPTY_SHA256 });
  assert.equal(c.canonicalRequest.split('\n')[2], 'a b=c%20d');
  const signed = signAliyunV3({ method: 'GET', host: 'h', action: 'A', version: 'v', params: { 'a b': 'c d' } }, TEST_KEYS, JAN_1, NONCE);
  assert.equal(signed.pathAndQuery, '/?a%20b=c%20d');
});
