// Huawei SDK-HMAC-SHA256 against the signing guide's examples
// (https://support.huaweicloud.com/intl/en-us/devg-apisign/api-sign-0001.html) and our own vectors, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQueryHuawei, canonicalRequestHuawei, canonicalUriHuawei, sdkDate, signHuawei, stringToSignHuawei } from '../../../../src/clouds/huawei/sign.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MPC_HOST = 'mpc.cn-north-4.myhuaweicloud.com';
const PROJECT = '0123456789abcdef0123456789abcdef';
const MPC_PATH = `/v2/${PROJECT}/editing/jobs`;
const TEST_KEYS = { ak: 'TESTAK0000000000000', sk: 'TESTSK0000000000000000000000000000000000' };
const JAN_1 = new Date('2024-01-01T00:00:00Z');

/** Hex SHA-256 of the canonical request, read back from the string to sign. */
function hashed(canonicalRequest: string): string {
  return stringToSignHuawei('d', canonicalRequest).split('\n')[2] ?? '';
}

test('sdkDate is YYYYMMDDTHHMMSSZ in UTC', () => {
  assert.equal(sdkDate(new Date('2019-11-15T03:36:55.999Z')), '20191115T033655Z');
});

test('[official] VPC list: canonical request, hash b25362…, signature 7be666…, Authorization', () => {
  const req = {
    method: 'GET',
    host: 'service.region.example.com',
    path: '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs',
    query: [['limit', '2'], ['marker', '13551d6b-755d-4757-b956-536f674975c0']] as Array<[string, string]>,
    headers: { 'Content-Type': 'application/json' },
    body: '',
  };
  const signed = signHuawei(req, { ak: 'QTWAOYTTINDUT2QVKYUC', sk: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' }, new Date('2019-11-15T03:36:55Z'));
  const { authorization, ...sent } = signed.headers;
  assert.deepEqual(sent, {
    'content-type': 'application/json',
    host: 'service.region.example.com',
    'x-sdk-date': '20191115T033655Z',
  });
  const canonical = canonicalRequestHuawei({ ...req, headers: sent });
  assert.equal(
    canonical.canonicalRequest,
    [
      'GET',
      '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs/',
      'limit=2&marker=13551d6b-755d-4757-b956-536f674975c0',
      'content-type:application/json',
      'host:service.region.example.com',
      'x-sdk-date:20191115T033655Z',
      '',
      'content-type;host;x-sdk-date',
      EMPTY_SHA256,
    ].join('\n'),
  );
  assert.equal(hashed(canonical.canonicalRequest), 'b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a');
  assert.equal(
    stringToSignHuawei('20191115T033655Z', canonical.canonicalRequest),
    'SDK-HMAC-SHA256\n20191115T033655Z\nb25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a',
  );
  assert.equal(
    authorization,
    'SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, SignedHeaders=content-type;host;x-sdk-date, Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe',
  );
  assert.equal(signed.pathAndQuery, '/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0');
  assert.equal(signed.body, null);
});

test('[derived] MPC ListEditingJobs: repeated job_id sorted in the canonical query only', () => {
  const req = {
    method: 'GET', host: MPC_HOST, path: MPC_PATH,
    query: [['job_id', 'job-b'], ['job_id', 'job-a']] as Array<[string, string]>,
    headers: {}, body: '',
  };
  const signed = signHuawei(req, TEST_KEYS, JAN_1, PROJECT);
  const { authorization, ...sent } = signed.headers;
  assert.deepEqual(sent, { host: MPC_HOST, 'x-project-id': PROJECT, 'x-sdk-date': '20240101T000000Z' });
  const canonical = canonicalRequestHuawei({ ...req, headers: sent });
  const lines = canonical.canonicalRequest.split('\n');
  assert.equal(lines[1], `/v2/${PROJECT}/editing/jobs/`);
  assert.equal(lines[2], 'job_id=job-a&job_id=job-b');
  assert.equal(hashed(canonical.canonicalRequest), 'c1f9d81a2f4979c8bf8aa41c93cb32941f36a2e9580e1e3831e54140991ecd69');
  assert.equal(
    authorization,
    'SDK-HMAC-SHA256 Access=TESTAK0000000000000, SignedHeaders=host;x-project-id;x-sdk-date, Signature=3ce5489938f65684a38d74924b6f90717533a8ac200a661cbee4f9ad85981815',
  );
  // The wire keeps the caller's order and has no trailing slash.
  assert.equal(signed.pathAndQuery, `${MPC_PATH}?job_id=job-b&job_id=job-a`);
});

test('[derived] MPC with temporary AK/SK: content-type and x-security-token signed', () => {
  const req = {
    method: 'GET', host: MPC_HOST, path: MPC_PATH,
    query: [['job_id', 'job-a']] as Array<[string, string]>,
    headers: { 'Content-Type': 'application/json' }, body: '',
  };
  const signed = signHuawei(req, { ...TEST_KEYS, securityToken: 'testsecuritytoken' }, JAN_1, PROJECT);
  const { authorization, ...sent } = signed.headers;
  assert.equal(sent['x-security-token'], 'testsecuritytoken');
  const canonical = canonicalRequestHuawei({ ...req, headers: sent });
  assert.equal(canonical.signedHeaders, 'content-type;host;x-project-id;x-sdk-date;x-security-token');
  assert.equal(hashed(canonical.canonicalRequest), '3c6909312d3ee16e0c2aafffbad28fa00c8694158b4b4a7c5bfd0bd545edb6bb');
  assert.equal(
    authorization,
    'SDK-HMAC-SHA256 Access=TESTAK0000000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=424872748e9adbc70d671fc16f0b1af8fa086c4167c5b9d6cd6f8155dadcc231',
  );
});

test('canonical query: names then repeated values sorted, empty value is "name=", RFC 3986 encoding', () => {
  assert.equal(canonicalQueryHuawei([]), '');
  assert.equal(
    canonicalQueryHuawei([['z', ''], ['a b', '*'], ['m', '2'], ['m', '10'], ['m', '~/']]),
    'a%20b=%2A&m=10&m=2&m=~%2F&z=',
  );
});

test('canonical URI: trailing slash added once, segments encoded after decoding', () => {
  assert.equal(canonicalUriHuawei('/v1/p/vpcs'), '/v1/p/vpcs/');
  assert.equal(canonicalUriHuawei('/v1/p/vpcs/'), '/v1/p/vpcs/');
  assert.equal(canonicalUriHuawei('/'), '/');
  assert.equal(canonicalUriHuawei('/a%7Eb/c%20d'), '/a~b/c%20d/');
});

test('header values are trimmed and sent as signed; a caller authorization is not signed', () => {
  const signed = signHuawei(
    { method: 'GET', host: MPC_HOST, path: MPC_PATH, query: [], headers: { 'X-Extra': '  v  ', Authorization: 'x' }, body: '' },
    TEST_KEYS, JAN_1,
  );
  assert.equal(signed.headers['x-extra'], 'v');
  assert.equal(signed.pathAndQuery, MPC_PATH);
  assert.match(signed.headers.authorization ?? '', /SignedHeaders=host;x-extra;x-sdk-date,/);
});

test('a body is hashed and sent; x-sdk-content-sha256 overrides the hash as in the SDK', () => {
  const base = { method: 'POST', host: MPC_HOST, path: MPC_PATH, query: [] as Array<[string, string]>, body: '{"a":1}' };
  const withBody = canonicalRequestHuawei({ ...base, headers: { host: MPC_HOST } });
  assert.equal(withBody.canonicalRequest.split('\n').at(-1), '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  const unsigned = canonicalRequestHuawei({ ...base, headers: { host: MPC_HOST, 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' } });
  assert.equal(unsigned.canonicalRequest.split('\n').at(-1), 'UNSIGNED-PAYLOAD');
  assert.equal(signHuawei({ ...base, headers: {} }, TEST_KEYS, JAN_1).body, '{"a":1}');
});

test('query names and repeated values sort by UTF-16 code units, as the SDK sorts', () => {
  assert.equal(canonicalQueryHuawei([['q', 'ｗ'], ['q', '🎬'], ['a=', ''], ['a0', '']]), 'a0=&a%3D=&q=%F0%9F%8E%AC&q=%EF%BD%97');
});
