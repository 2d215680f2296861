// readResponse on what real servers send: the clouds' error bodies, and what proxies and gateways send instead.
// Each case is served by a real loopback server and fetched through the real transport.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ApiError, BadResponseError, describeError } from '../../../../src/clouds/errors.js';
import { parseRetryAfter, readResponse } from '../../../../src/clouds/http/readResponse.js';
import { isRetryable, isThrottle } from '../../../../src/clouds/http/retry.js';
import { createUndiciTransport, type Transport, TruncatedResponseError } from '../../../../src/clouds/http/transport.js';
import { type CloudId } from '../../../../src/model/job.js';
import { startServer, type TestServer } from './support.js';

const AK = 'LTAI5tQ2xYzAbCdEfGhIjK9m';
const STRING_TO_SIGN = `GET&%2F&AccessKeyId%3D${AK}%26Action%3DGetMediaProducingJob%26SecurityToken%3DCAISabcdef123456`;

interface Canned {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Canned => ({
  status,
  headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

const ROUTES: Record<string, Canned> = {
  '/ice-ok': json(200, { RequestId: 'B-REQ', MediaProducingJob: { JobId: 'j1', Status: 'Failed', Code: 'ExceededMaximumValue', Message: 'too wide' } }, { 'x-acs-request-id': 'H-REQ' }),
  '/ok-header-id': json(200, { MediaProducingJob: { JobId: 'j1' } }, { 'x-acs-request-id': 'H-REQ' }),
  '/mpc-ok': json(200, { job_array: [{ job_id: 'm1', status: 'SUCCEEDED', error_code: '', exec_description: '' }] }, { 'x-request-id': 'HW-REQ' }),
  '/ok-code-200': json(200, { Code: '200', Message: 'OK', RequestId: 'R', Data: { x: 1 } }),
  '/ok-code-with-payload': json(200, { Code: 'JobFailed', Message: 'job failed', RequestId: 'R', Job: { JobId: 'e1', Status: '0' } }),
  '/throttled': json(400, { RequestId: 'T-REQ', HostId: 'ice.cn-shanghai.aliyuncs.com', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', Recommend: 'https://next.api.aliyun.com/troubleshoot?q=Throttling.User' }, { 'x-acs-retry-after': '2' }),
  '/signature': json(400, { RequestId: 'S-REQ', HostId: 'ice.cn-shanghai.aliyuncs.com', Code: 'SignatureDoesNotMatch', Message: `Specified signature is not matched with our calculation. server string to sign is:${STRING_TO_SIGN}` }),
  '/not-found': json(404, { RequestId: 'N-REQ', Code: 'InvalidJobId.NotFound', Message: 'The specified job is not found.' }),
  '/forbidden-200': json(200, { RequestId: 'F-REQ', Code: 'Forbidden.RAM', Message: 'User not authorized to operate on the specified resource.', AccessDeniedDetail: { PolicyType: 'AccountLevelIdentityBasedPolicy' } }),
  '/hostile-xml': {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: '<Error><RequestId>R&#27;]0;owned&#7;-1\u202e</RequestId><Code>Bad&#27;[2J.Code</Code><Message>line&#155;31m one\nline two \u2066x\u2069</Message></Error>',
  },
  '/hostile-json': json(400, { RequestId: 'R\u001b[2J', Code: 'X\u009d0;t\u0007', Message: 'm\u202eevil' }),
  '/xml-error': {
    status: 403,
    headers: { 'content-type': 'text/xml;charset=utf-8' },
    body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><RequestId>X-REQ</RequestId><HostId>vod.cn-shanghai.aliyuncs.com</HostId><Code>Forbidden.RAM</Code><Message>User not authorized &amp; denied.</Message></Error>',
  },
  '/huawei-throttle': json(429, { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute', request_id: 'HW-T' }, { 'retry-after': '30' }),
  '/huawei-auth': json(401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest: GET|/v2/p/editing/jobs/|job_id=a|host:mpc.cn-north-4.myhuaweicloud.com|x-sdk-date:20240101T000000Z|x-security-token:gQpjbi1ub3J0aC00SECRET|', request_id: 'HW-A' }),
  '/mpc-error': json(400, { error_code: 'MPC.10053', error_msg: 'input file not found' }, { 'x-request-id': 'HW-M' }),
  '/html-502': {
    status: 502,
    headers: { 'content-type': 'text/html' },
    body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>corporate-proxy</center>\r\n</body>\r\n</html>\r\n',
  },
  '/html-200': { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html><body>Please sign in to the Wi-Fi</body></html>' },
  '/html-429': { status: 429, headers: { 'content-type': 'text/html' }, body: '<html><body>slow down</body></html>' },
  '/empty-200': { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
  '/empty-503': { status: 503, body: '' },
  '/text-plain-json': { status: 200, headers: { 'content-type': 'text/plain' }, body: '{"RequestId":"P","Job":{"JobId":"e1"}}' },
  '/text-plain': { status: 200, headers: { 'content-type': 'text/plain' }, body: 'Service\x1b[31m temporarily unavailable' },
  '/malformed': { status: 200, headers: { 'content-type': 'application/json' }, body: '{"RequestId":"x",,}' },
  '/cut-json': { status: 200, headers: { 'content-type': 'application/json' }, body: '{"RequestId":"x","Job":{"JobId":"e1"' },
  '/json-500-unknown': json(500, { oops: true }),
};

async function fetchRead(transport: Transport, server: TestServer, path: string, cloud: CloudId = 'aliyun'): Promise<unknown> {
  const res = await transport.send({ origin: server.origin, method: 'GET', pathAndQuery: path, headers: {}, body: null }, { api: 'ice:GetMediaProducingJob', timeoutMs: 5_000 });
  return readResponse(cloud, 'ice:GetMediaProducingJob', res);
}

async function readError(transport: Transport, server: TestServer, path: string, cloud: CloudId = 'aliyun'): Promise<unknown> {
  try {
    await fetchRead(transport, server, path, cloud);
  } catch (e) {
    return e;
  }
  assert.fail(`${path} should have failed`);
}

describe('readResponse on real answers', () => {
  let server: TestServer;
  let transport: Transport;

  before(async () => {
    server = await startServer((req, res) => {
      const c = ROUTES[req.url ?? ''];
      if (!c) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(c.status, c.headers);
      res.end(c.body);
    });
    transport = createUndiciTransport({ env: {} });
  });
  after(async () => {
    await transport.close();
    await server.close();
  });

  it('returns the parsed body and prefers the body\'s RequestId over the header', async () => {
    const r = (await fetchRead(transport, server, '/ice-ok')) as { body: { MediaProducingJob: { JobId: string } }; requestId: string };
    assert.equal(r.body.MediaProducingJob.JobId, 'j1');
    assert.equal(r.requestId, 'B-REQ');
  });

  it('falls back to x-acs-request-id / x-request-id headers for the request id', async () => {
    assert.equal(((await fetchRead(transport, server, '/ok-header-id')) as { requestId: string }).requestId, 'H-REQ');
    assert.equal(((await fetchRead(transport, server, '/mpc-ok', 'huawei')) as { requestId: string }).requestId, 'HW-REQ');
  });

  it('does not treat a job answer as an error: nested Code, Code "200", or a top-level Code beside a payload', async () => {
    await fetchRead(transport, server, '/ice-ok');
    await fetchRead(transport, server, '/ok-code-200');
    const r = (await fetchRead(transport, server, '/ok-code-with-payload')) as { body: { Job: { JobId: string } } };
    assert.equal(r.body.Job.JobId, 'e1');
  });

  it('turns an Alibaba throttle body into an ApiError with its fields and x-acs-retry-after', async () => {
    const e = await readError(transport, server, '/throttled');
    assert.ok(e instanceof ApiError);
    assert.equal(e.cloud, 'aliyun');
    assert.equal(e.api, 'ice:GetMediaProducingJob');
    assert.equal(e.code, 'Throttling.User');
    assert.equal(e.message, 'Request was denied due to user flow control.');
    assert.equal(e.httpStatus, 400);
    assert.equal(e.requestId, 'T-REQ');
    assert.equal(e.retryAfterSeconds, 2);
    assert.ok(isThrottle(e));
    assert.ok(isRetryable(e));
  });

  it('redacts the string to sign that SignatureDoesNotMatch echoes (AccessKeyId, SecurityToken)', async () => {
    const e = await readError(transport, server, '/signature');
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.match(e.message, /^Specified signature is not matched with our calculation\. server string to sign is: \[redacted\]$/);
    assert.ok(!describeError(e).includes(AK));
    assert.ok(!describeError(e).includes('CAISabcdef123456'));
    assert.equal(isRetryable(e), false);
  });

  it('reads a 200 with a non-success Code and Message (and no payload) as an error', async () => {
    const e = await readError(transport, server, '/forbidden-200');
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'Forbidden.RAM');
    assert.equal(e.httpStatus, 200);
    assert.equal(e.requestId, 'F-REQ');
  });

  it('reads Alibaba XML error bodies', async () => {
    const e = await readError(transport, server, '/xml-error');
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'Forbidden.RAM');
    assert.equal(e.message, 'User not authorized & denied.');
    assert.equal(e.requestId, 'X-REQ');
    assert.equal(e.httpStatus, 403);
  });

  it('keeps no control, C1 or bidi character of a hostile error body in Code, Message or RequestId', async () => {
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    for (const path of ['/hostile-xml', '/hostile-json']) {
      const e = await readError(transport, server, path);
      assert.ok(e instanceof ApiError, path);
      for (const field of [e.code, e.message, e.requestId ?? '']) assert.doesNotMatch(field, unsafe, `${path}: ${JSON.stringify(field)}`);
    }
    const x = await readError(transport, server, '/hostile-xml');
    assert.ok(x instanceof ApiError);
    assert.equal(x.code, 'Bad[2J.Code');
    assert.equal(x.message, 'line31m one line two x');
  });

  it('reads Huawei error bodies, with Retry-After, and redacts an echoed security token', async () => {
    const t = await readError(transport, server, '/huawei-throttle', 'huawei');
    assert.ok(t instanceof ApiError);
    assert.equal(t.cloud, 'huawei');
    assert.equal(t.code, 'APIGW.0308');
    assert.equal(t.requestId, 'HW-T');
    assert.equal(t.retryAfterSeconds, 30);
    assert.ok(isThrottle(t));

    const a = await readError(transport, server, '/huawei-auth', 'huawei');
    assert.ok(a instanceof ApiError);
    assert.equal(a.code, 'APIGW.0301');
    assert.match(a.message, /x-security-token:\*\*\*\*\|/);
    assert.ok(!a.message.includes('SECRET'));
    assert.equal(isRetryable(a), false);

    const m = await readError(transport, server, '/mpc-error', 'huawei');
    assert.ok(m instanceof ApiError);
    assert.equal(m.code, 'MPC.10053');
    assert.equal(m.requestId, 'HW-M', 'request id from the X-Request-Id header when the body has none');
  });

  it('reports a proxy\'s HTML 502 as a retryable bad response that says what came', async () => {
    const e = await readError(transport, server, '/html-502');
    assert.ok(e instanceof BadResponseError);
    assert.equal(e.httpStatus, 502);
    assert.equal(e.contentType, 'text/html');
    assert.match(e.message, /HTML page instead of JSON/);
    assert.match(e.message, /text\/html, \d+ bytes: "<html> <head><title>502 Bad Gateway<\/title>/);
    assert.ok(!/[\r\n]/.test(e.message));
    assert.ok(isRetryable(e));
  });

  it('reports an HTML 200 (captive portal) as a bad response that is not retried', async () => {
    const e = await readError(transport, server, '/html-200');
    assert.ok(e instanceof BadResponseError);
    assert.equal(isRetryable(e), false);
  });

  it('keeps a 429 a throttle even when its body is HTML', async () => {
    const e = await readError(transport, server, '/html-429');
    assert.ok(e instanceof ApiError);
    assert.equal(e.code, 'TooManyRequests');
    assert.ok(isThrottle(e));
  });

  it('reports an empty 200 (not retried) and an empty 503 (retried)', async () => {
    const e = await readError(transport, server, '/empty-200');
    assert.ok(e instanceof BadResponseError);
    assert.match(e.message, /empty body; received application\/json, 0 bytes/);
    assert.equal(isRetryable(e), false);
    const f = await readError(transport, server, '/empty-503');
    assert.ok(f instanceof BadResponseError);
    assert.equal(f.httpStatus, 503);
    assert.ok(isRetryable(f));
  });

  it('accepts JSON under a wrong content type, but not text, and sanitizes what it shows', async () => {
    await fetchRead(transport, server, '/text-plain-json');
    const e = await readError(transport, server, '/text-plain');
    assert.ok(e instanceof BadResponseError);
    assert.match(e.message, /not JSON \(HTTP 200\); received text\/plain, 36 bytes: "Service \[31m temporarily unavailable"/);
    assert.ok(!e.message.includes('\x1b'));
  });

  it('tells malformed JSON from JSON cut short', async () => {
    const e = await readError(transport, server, '/malformed');
    assert.ok(e instanceof BadResponseError);
    assert.ok(!(e instanceof TruncatedResponseError));
    assert.match(e.message, /malformed JSON/);
    const t = await readError(transport, server, '/cut-json');
    assert.ok(t instanceof TruncatedResponseError);
    assert.ok(isRetryable(t));
  });

  it('reports a 5xx JSON body of unknown shape as a retryable bad response', async () => {
    const e = await readError(transport, server, '/json-500-unknown');
    assert.ok(e instanceof BadResponseError);
    assert.equal(e.httpStatus, 500);
    assert.ok(isRetryable(e));
  });
});

describe('readResponse without a server', () => {
  it('detects a body shorter than its Content-Length even if the transport let it through', () => {
    assert.throws(
      () => readResponse('aliyun', 'a:B', { status: 200, headers: { 'content-length': '50' }, body: '{"a":1}' }),
      (e: unknown) => e instanceof TruncatedResponseError && /received 7 of 50 bytes/.test(e.message),
    );
  });
});

describe('parseRetryAfter', () => {
  it('reads x-acs-retry-after and Retry-After seconds', () => {
    assert.equal(parseRetryAfter({ 'x-acs-retry-after': '3' }), 3);
    assert.equal(parseRetryAfter({ 'Retry-After': '120' }), 120);
    assert.equal(parseRetryAfter({ 'x-acs-retry-after': '0', 'retry-after': '5' }), 5, 'a non-positive Alibaba hint is ignored');
  });

  it('reads an HTTP date relative to the response\'s Date header, else to now', () => {
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT', date: 'Wed, 21 Oct 2015 07:28:00 GMT' }), 30);
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }, Date.parse('Wed, 21 Oct 2015 07:28:20 GMT')), 10);
    assert.equal(parseRetryAfter({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }, Date.parse('Wed, 21 Oct 2015 08:00:00 GMT')), 0, 'a date in the past means now');
  });

  it('ignores absent and unreadable values', () => {
    assert.equal(parseRetryAfter({}), null);
    assert.equal(parseRetryAfter({ 'retry-after': 'soon' }), null);
    assert.equal(parseRetryAfter({ 'x-acs-retry-after': 'abc' }), null);
  });
});
