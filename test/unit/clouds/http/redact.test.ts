// Redaction of the credential-bearing strings the clouds echo back and our own requests carry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_SECRET_LENGTH, maskKeyId, redactHeaders, redactSecrets, redactValues, tooShortToRedact } from '../../../../src/clouds/http/redact.js';

const AK = 'LTAI5tQ2xYzAbCdEfGhIjK9m';
const STS_AK = 'STS.NUhvxS7Jz4tbQ5HoxZb3Ke8aD';
const TOKEN = 'CAIS+gF1q6Ft5B2yfSjIr5bWLc/iuOpxx4uvwy==';

describe('redactSecrets', () => {
  it('drops the "server string to sign is" tail of SignatureDoesNotMatch entirely', () => {
    const msg = `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3D${AK}%26Action%3DGetTranscodeTask%26SecurityToken%3D${encodeURIComponent(TOKEN)}`;
    assert.equal(redactSecrets(msg), 'Specified signature is not matched with our calculation. server string to sign is: [redacted]');
  });

  it('masks Signature, SecurityToken and AccessKeyId in a V1 query string, keeping the rest', () => {
    const url = `https://vod.cn-shanghai.aliyuncs.com/?AccessKeyId=${AK}&Action=GetTranscodeTask&Signature=kRA2cnpJVacIhDMzXnoNZG9tDCI%3D&SignatureMethod=HMAC-SHA1&SignatureNonce=abc&SecurityToken=${encodeURIComponent(TOKEN)}&TranscodeTaskId=t1`;
    const out = redactSecrets(url);
    assert.equal(
      out,
      'https://vod.cn-shanghai.aliyuncs.com/?AccessKeyId=LTAI****jK9m&Action=GetTranscodeTask&Signature=****&SignatureMethod=HMAC-SHA1&SignatureNonce=abc&SecurityToken=****&TranscodeTaskId=t1',
    );
  });

  it('masks Authorization header values (ACS3, Huawei SDK-HMAC-SHA256) and bare Credential= / Access= ids', () => {
    assert.equal(
      redactSecrets(`Authorization: ACS3-HMAC-SHA256 Credential=${AK},SignedHeaders=host;x-acs-date,Signature=06563a9e\nnext: line`),
      'Authorization: ****\nnext: line',
    );
    assert.equal(
      redactSecrets('SDK-HMAC-SHA256 Access=HPUAXXAMPLEKEYID1234, SignedHeaders=host;x-sdk-date, Signature=3e5a0f'),
      'SDK-HMAC-SHA256 Access=HPUA****1234, SignedHeaders=host;x-sdk-date, Signature=****',
    );
  });

  it('masks security-token headers in echoed canonical requests and JSON', () => {
    const canonical = 'canonicalRequest: GET|/v2/p/editing/jobs/|job_id=a|host:mpc.cn-north-4.myhuaweicloud.com|x-security-token:gQpjbi1ub3J0aC00|x-sdk-date:20240101T000000Z|';
    assert.equal(
      redactSecrets(canonical),
      'canonicalRequest: GET|/v2/p/editing/jobs/|job_id=a|host:mpc.cn-north-4.myhuaweicloud.com|x-security-token:****|x-sdk-date:20240101T000000Z|',
    );
    assert.equal(redactSecrets(`x-acs-security-token: ${TOKEN}`), 'x-acs-security-token: ****');
    assert.equal(redactSecrets(`{"AccessKeyId":"${AK}","SecurityToken":"${TOKEN}","x":1}`), '{"AccessKeyId":"LTAI****jK9m","SecurityToken":"****","x":1}');
  });

  it('removes given secrets, also percent-encoded, and long-term ids in free text', () => {
    const secret = 'S3cr3t/Key+Value=';
    const out = redactSecrets(`secret ${secret} encoded ${encodeURIComponent(secret)} key ${AK} done`, [secret]);
    assert.equal(out, 'secret **** encoded **** key LTAI****jK9m done');
  });

  it('leaves ordinary text alone', () => {
    const plain = 'Signature: invalid. SignatureMethod=HMAC-SHA1 Access denied for job 1234567890abcdef';
    assert.equal(redactSecrets(plain), plain);
    assert.equal(redactSecrets('short secrets are ignored: abc', ['abc']), 'short secrets are ignored: abc');
  });
});

describe('redacting given secret values', () => {
  const SECRET = 'Xk7pQ2vLm9RtZ4wYb8NcF3hJd6sGa1';

  it('masks a secret only as a whole token, never inside another word', () => {
    assert.equal(redactValues(`key ${SECRET} and x${SECRET}y, ${SECRET}9`, [SECRET]), `key **** and x${SECRET}y, ${SECRET}9`);
    assert.equal(redactValues(`AccessKeySecret=${SECRET}&next`, [SECRET]), 'AccessKeySecret=****&next');
    assert.equal(redactValues(`{"secret":"${SECRET}"}`, [SECRET]), '{"secret":"****"}');
  });

  it('masks it where it is echoed: V1 query (percent-encoded once and twice), headers, JSON with escapes', () => {
    const s = 'S3cr3t/Key+Value="quoted"';
    const enc = encodeURIComponent(s);
    assert.equal(redactValues(`AccessKeySecret%3D${encodeURIComponent(enc)}%26Action`, [s]), 'AccessKeySecret%3D****%26Action');
    assert.equal(redactValues(`?a=1&SecretKey=${enc}&b=2`, [s]), '?a=1&SecretKey=****&b=2');
    assert.equal(redactValues(`x-acs-security-token: ${s}\n`, [s]), 'x-acs-security-token: ****\n');
    assert.equal(redactValues(JSON.stringify({ echoed: s }), [s]), '{"echoed":"****"}');
  });

  it('refuses secrets too short to be real: ordinary text is never mangled', () => {
    const line = 'media-jobs: ice abc: ice:GetMediaProducingJob failed: region cn-shanghai; request id x-1';
    for (const short of ['e', 'x', 'region', 'abc', '1234567']) {
      assert.equal(redactSecrets(line, [short]), line, short);
      assert.equal(redactValues(line, [short]), line, short);
    }
    assert.equal(MIN_SECRET_LENGTH, 8);
    assert.deepEqual(tooShortToRedact(['e', 'region', SECRET, '', '12345678']), ['e', 'region']);
    // A short secret beside a long one: the long one is still masked.
    assert.equal(redactSecrets(`e ${SECRET} e`, ['e', SECRET]), 'e **** e');
  });

  it('a secret that contains another is masked whole', () => {
    const inner = 'Abcdefgh12345678';
    const outer = `${inner}Zyxwvut`;
    assert.equal(redactValues(`${outer} ${inner}`, [inner, outer]), '**** ****');
  });
});

describe('maskKeyId / redactHeaders', () => {
  it('keeps 4 + 4 characters of long ids, the STS prefix, and nothing of short ones', () => {
    assert.equal(maskKeyId(AK), 'LTAI****jK9m');
    assert.equal(maskKeyId(STS_AK), 'STS.****e8aD');
    assert.equal(maskKeyId('short'), '****');
  });

  it('masks credential headers whatever their case and redacts the rest', () => {
    const out = redactHeaders({
      Authorization: `ACS3-HMAC-SHA256 Credential=${AK},Signature=abc`,
      'X-Acs-Security-Token': TOKEN,
      'x-security-token': 'tok',
      'X-Auth-Token': 'iam-token',
      'x-acs-accesskey-id': AK,
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-note': `key ${AK}`,
    });
    assert.deepEqual(out, {
      Authorization: '****',
      'X-Acs-Security-Token': '****',
      'x-security-token': '****',
      'X-Auth-Token': '****',
      'x-acs-accesskey-id': 'LTAI****jK9m',
      'x-acs-date': '2024-01-01T00:00:00Z',
      'x-note': 'key LTAI****jK9m',
    });
  });
});
