// One line of advice per failure. Each case names what the user must see in the hint.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hintForError, jobErrorHint, withHint } from '../../../../src/clouds/errorHints.js';
import { KINDS } from '../../../../src/clouds/adapters/registry.js';
import { ApiError, BadResponseError, ConfigError, describeError, type MediaJobsError, NetworkError } from '../../../../src/clouds/errors.js';
import { TruncatedResponseError } from '../../../../src/clouds/http/transport.js';

const ICE = 'ice:GetMediaProducingJob';
const MPC = 'mpc:ListEditingJobs';
const ctx = { api: ICE, retention: '1 year', region: 'cn-shanghai' };
/** MPC errors as the client hints them: with the MPC adapter's own codes. */
const mpcCtx = { ...ctx, api: MPC, apiHint: KINDS['mpc-editing'].apiErrorHint };
const ali = (code: string, status = 400, message = 'm'): ApiError => new ApiError('aliyun', ICE, code, message, status, 'REQ');
const hw = (code: string, status = 400, message = 'm'): ApiError => new ApiError('huawei', MPC, code, message, status, 'REQ');

function hint(e: MediaJobsError, c: Parameters<typeof hintForError>[1] = ctx): string {
  const h = hintForError(e, c);
  assert.ok(h !== null, `expected a hint for ${describeError(e)}`);
  return h;
}

describe('hintForError', () => {
  it('not found: names the retention window', () => {
    for (const code of ['JobNotFound', 'NoSuchResource', 'InvalidJobId.NotFound', 'TaskNotExist', 'InvalidTranscodeTaskId.NotExist']) {
      assert.match(hint(ali(code, 404)), /not found, or older than this API's retention window \(1 year\)/, code);
    }
    assert.match(hint(hw('MPC.12345', 400, 'The job does not exist'), mpcCtx), /retention window/);
  });

  it('unknown AccessKey id: wrong, deleted, other account, or the other site', () => {
    const h = hint(ali('InvalidAccessKeyId.NotFound', 404));
    assert.match(h, /AccessKey id is not known/);
    assert.match(h, /China mainland vs international/);
    assert.doesNotMatch(h, /retention/, 'not mistaken for a missing job');
  });

  it('signature and clock problems', () => {
    assert.match(hint(ali('SignatureDoesNotMatch')), /AccessKey secret.*system clock/);
    assert.match(hint(ali('IncompleteSignature')), /AccessKey secret/);
    assert.match(hint(ali('InvalidTimeStamp.Expired')), /clock is off by more than 15 minutes/);
    assert.match(hint(ali('SignatureNonceUsed')), /nonce/);
    assert.match(hint(hw('APIGW.0301', 401, 'Incorrect IAM authentication information: calc ak sk signature fail:signature expired')), /clock is off by more than 15 minutes/);
    assert.match(hint(ali('InvalidSecurityToken.Expired')), /STS security token expired or is malformed/);
    assert.match(hint(ali('InvalidSecurityToken.Malformed')), /STS/);
  });

  it('permissions: names the RAM permission, which is the api string', () => {
    for (const code of ['Forbidden.RAM', 'Forbidden', 'NoPermission']) {
      assert.match(hint(ali(code, 403)), /permission ice:GetMediaProducingJob/, code);
    }
    assert.match(hint(ali('Forbidden.RAM', 403), { api: 'vod:GetTranscodeTask' }), /vod:GetTranscodeTask/);
  });

  it('throttling: says so, with the attempts made when known', () => {
    assert.match(hint(ali('Throttling.User'), { ...ctx, attempts: 4 }), /throttled by the cloud, retried 3 times: slow down \(raise the poll interval/);
    assert.doesNotMatch(hint(ali('Throttling')), /retried/);
    assert.match(hint(hw('APIGW.0308', 429)), /100 requests per minute per tenant/);
  });

  it('Huawei gateway codes', () => {
    assert.match(hint(hw('APIGW.0301', 401, 'verify aksk signature fail')), /AK\/SK.*project id.*clock/);
    assert.match(hint(hw('APIGW.0101', 404), { api: MPC, region: 'cn-north-4' }), /API not found: check the region \(region cn-north-4\) and endpoint/);
    assert.match(hint(hw('APIGW.0307', 401)), /token/);
    assert.match(hint(hw('APIGW.0310', 403)), /project is unavailable/);
    assert.match(hint(hw('APIGW.0801', 403), { api: MPC, region: 'ap-southeast-3' }), /region \(region ap-southeast-3\) is denied/);
    assert.match(hint(hw('APIGW.0802', 403)), /denied/);
    assert.match(hint(hw('APIGW.0609', 500)), /internal error/);
  });

  it('MPC service codes are named', () => {
    assert.match(hint(hw('MPC.10052'), mpcCtx), /^MPC\.10052: MPC could not fetch the input/);
    const inputMissing = hint(hw('MPC.10053', 400, 'input not found'), mpcCtx);
    assert.match(inputMissing, /^MPC\.10053: the input file was not found in OBS/);
    assert.doesNotMatch(inputMissing, /retention/, 'a missing input file is not a missing job');
    assert.match(hint(hw('MPC.10999'), mpcCtx), /MPC service error MPC\.10999/);
  });

  it('network failures point at the endpoint and the proxy', () => {
    assert.match(hint(new NetworkError(ICE, 'TIMEOUT', 'x')), /endpoint reachable.*HTTPS_PROXY/);
    assert.match(hint(new NetworkError(ICE, 'ECONNREFUSED', 'x')), /endpoint \(or region\) right.*proxy/);
    assert.match(hint(new NetworkError(ICE, 'ENOTFOUND', 'x')), /does not resolve/);
    assert.match(hint(new NetworkError(ICE, 'SELF_SIGNED_CERT_IN_CHAIN', 'x')), /NODE_EXTRA_CA_CERTS/);
    assert.match(hint(new NetworkError(ICE, 'PROXY_AUTH_REQUIRED', 'x')), /user:password/);
    assert.equal(hintForError(new NetworkError(ICE, 'ABORTED', 'x'), ctx), null);
  });

  it('TLS to a plain-HTTP port: names the server and the fix, not a TLS-inspecting proxy', () => {
    for (const code of ['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']) {
      const h = hint(new NetworkError(ICE, code, `the TLS certificate of 127.0.0.1:8443 was not accepted (${code})`));
      assert.equal(h, 'the server at 127.0.0.1:8443 answered in plain HTTP, not TLS: use http:// for a loopback endpoint or check the port');
    }
    assert.match(hint(new NetworkError(ICE, 'ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number (ice-vpc.cn-shanghai.aliyuncs.com via proxy p.corp:3128)')),
      /^the server at ice-vpc\.cn-shanghai\.aliyuncs\.com answered in plain HTTP/);
    assert.match(hint(new NetworkError(ICE, 'ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number')), /^the server at the endpoint answered in plain HTTP/);
    assert.match(hint(new NetworkError(ICE, 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'x')), /TLS-inspecting proxy/, 'other TLS failures keep their hint');
  });

  it('bad responses: an HTML page means a proxy or gateway answered', () => {
    const html = new BadResponseError(ICE, 502, 'text/html', 'an HTML page instead of JSON (HTTP 502): …', null, 'html');
    assert.match(hint(html), /proxy, captive portal or gateway answered instead of the cloud API/);
    assert.match(hint(new TruncatedResponseError(ICE, 200, null, 'truncated body: received 1 of 2 bytes', null)), /cut off/);
    assert.match(hint(new BadResponseError(ICE, 200, 'application/json', 'the answer had an empty body; …', null, 'empty')), /answered with nothing/);
  });

  it('has nothing to add for unknown codes and other kinds', () => {
    assert.equal(hintForError(ali('SomethingNew', 400), ctx), null);
    assert.equal(hintForError(new ConfigError('bad'), ctx), null);
  });
});

describe('withHint', () => {
  it('sets the hint on the same error and returns it; describeError shows it', () => {
    const e = ali('Forbidden.RAM', 403);
    const out = withHint(e, ctx);
    assert.equal(out, e);
    assert.match(e.hint ?? '', /ice:GetMediaProducingJob/);
    assert.match(describeError(e), /hint: the RAM user or role lacks permission ice:GetMediaProducingJob/);
  });

  it('keeps an existing hint when it has nothing better', () => {
    const e = new ConfigError('bad region', 'regions look like cn-shanghai');
    assert.equal(withHint(e, ctx).hint, 'regions look like cn-shanghai');
  });
});

describe('jobErrorHint (a job\'s own error, with its adapter\'s hints)', () => {
  const jobHint = (kind: keyof typeof KINDS, code: string, message = ''): string | null => jobErrorHint({ code, message }, KINDS[kind].jobHints);
  it('names what to do where the code says enough', () => {
    assert.match(jobHint('mpc-editing', 'MPC.10053') ?? '', /not found in OBS/);
    assert.match(jobHint('mpc-editing', 'MPC.10999') ?? '', /MPC error-code list/);
    assert.match(jobHint('ice', 'InputMediaDownloadFailed') ?? '', /could not be fetched/);
    assert.match(jobHint('ice', 'InvalidParameter.Timeline') ?? '', /Timeline/);
    assert.match(jobHint('vod', 'InvalidParameter') ?? '', /check the template and parameters/);
    assert.equal(jobHint('vod', 'SomethingElse', 'x'), null);
  });
  it('one wording per MPC code: the API error\'s hint and the job\'s say the same', () => {
    for (const code of ['MPC.10050', 'MPC.10052', 'MPC.10053', 'MPC.10089', 'MPC.10125', 'MPC.10217', 'MPC.10223', 'MPC.10224']) {
      assert.equal(hint(hw(code), mpcCtx), `${code}: ${jobHint('mpc-editing', code)}`);
    }
  });
});
