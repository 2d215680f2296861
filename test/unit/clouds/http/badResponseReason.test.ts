/**
 * Unreadable answers carry a reason (BadResponseError.reason), and the hint is chosen by it, never by the words of
 * the message: in zh-cn the message is Chinese and the hint is still the right one. English text is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadResponseError, type BadResponseReason, describeError, NetworkError } from '../../../../src/clouds/errors.js';
import { hintForError, withHint } from '../../../../src/clouds/errorHints.js';
import { readResponse } from '../../../../src/clouds/http/readResponse.js';
import { type HttpResponse } from '../../../../src/clouds/http/transport.js';
import { ZH_CN_BUNDLE, inChinese } from '../../../support/l10n.js';

const ICE = 'ice:GetMediaProducingJob';
const ctx = { api: ICE };

function caught(res: HttpResponse): BadResponseError {
  try {
    readResponse('aliyun', ICE, res);
  } catch (e) {
    if (e instanceof BadResponseError) return e;
    throw e;
  }
  assert.fail('the answer was read as a good one');
}

const CASES: Array<{ name: string; res: HttpResponse; reason: BadResponseReason; message: string; hint: RegExp; zhMessage: RegExp; zhHint: string }> = [
  {
    name: 'a body shorter than its Content-Length',
    res: { status: 200, headers: { 'content-type': 'application/json', 'content-length': '40' }, body: '{"RequestId":"R"' },
    reason: 'truncated', message: 'truncated body: received 16 of 40 bytes', hint: /cut off mid-way/,
    zhMessage: /^响应体被截断：收到 16\/40 字节$/, zhHint: '应答中途被截断（连接断开）；请重试',
  },
  {
    name: 'JSON that stops mid-value',
    res: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"RequestId":"R","Job":{' },
    reason: 'truncated', message: 'truncated JSON (the body ends mid-value); received application/json, 24 bytes: "{"RequestId":"R","Job":{"', hint: /cut off mid-way/,
    zhMessage: /^JSON 被截断（响应体在值的中途结束）；收到 application\/json，24 字节：|^JSON 被截断（响应体在值的中途结束）；收到 application\/json，24 字节: /, zhHint: '应答中途被截断（连接断开）；请重试',
  },
  {
    name: 'an empty 200',
    res: { status: 200, headers: { 'content-type': 'application/json' }, body: '' },
    reason: 'empty', message: 'the answer had an empty body; received application/json, 0 bytes', hint: /answered with nothing/,
    zhMessage: /^响应体为空；收到 application\/json，0 字节$/, zhHint: '',
  },
  {
    name: 'an empty 503',
    res: { status: 503, headers: {}, body: '' },
    reason: 'empty', message: 'HTTP 503 with an empty body; received no content type, 0 bytes', hint: /failed without a message/,
    zhMessage: /^HTTP 503，响应体为空；收到 无内容类型，0 字节$/, zhHint: '',
  },
  {
    name: 'a proxy\'s HTML page',
    res: { status: 502, headers: {}, body: '<html><body>502 Bad Gateway</body></html>' },
    reason: 'html', message: 'an HTML page instead of JSON (HTTP 502): a proxy or gateway answered, not the cloud API; received no content type, 41 bytes: "<html><body>502 Bad Gateway</body></html>"', hint: /captive portal/,
    zhMessage: /^收到 HTML 页面而不是 JSON（HTTP 502）/, zhHint: '',
  },
  {
    name: 'JSON that does not parse',
    res: { status: 200, headers: {}, body: '{"a":1,}' },
    reason: 'malformedJson', message: '', hint: /not what the cloud API sends/,
    zhMessage: /^JSON 格式错误（/, zhHint: '',
  },
  {
    name: 'plain text',
    res: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' },
    reason: 'notJson', message: 'not JSON (HTTP 200); received text/plain, 5 bytes: "hello"', hint: /not what the cloud API sends/,
    zhMessage: /^不是 JSON（HTTP 200）；收到 text\/plain，5 字节/, zhHint: '',
  },
  {
    name: 'XML that is no error body',
    res: { status: 200, headers: { 'content-type': 'text/xml' }, body: '<Job><Id>1</Id></Job>' },
    reason: 'xml', message: 'XML that is not an error body, where JSON was expected (HTTP 200); received text/xml, 21 bytes: "<Job><Id>1</Id></Job>"', hint: /not what the cloud API sends/,
    zhMessage: /^应为 JSON，却收到不是错误响应的 XML（HTTP 200）/, zhHint: '',
  },
  {
    name: 'an error status with an unknown JSON shape',
    res: { status: 500, headers: { 'content-type': 'application/json' }, body: '{"oops":true}' },
    reason: 'unknownErrorShape', message: 'HTTP 500 with a JSON body that is not a known error shape; received application/json, 13 bytes: "{"oops":true}"', hint: /in front of it failed/,
    zhMessage: /^HTTP 500，其 JSON 响应体不是已知的错误格式/, zhHint: '',
  },
];

for (const c of CASES) {
  test(`${c.name}: reason ${c.reason}, the English message as before, the hint by the reason in both languages`, () => {
    const en = caught(c.res);
    assert.equal(en.reason, c.reason);
    if (c.message) assert.equal(en.message, c.message);
    const enHint = hintForError(en, ctx) ?? '';
    assert.match(enHint, c.hint);
    const zh = inChinese(() => caught(c.res));
    assert.equal(zh.reason, c.reason);
    assert.match(zh.message, c.zhMessage);
    // The same advice, in Chinese: exactly the translation of the English hint.
    const zhHint = inChinese(() => hintForError(zh, ctx));
    assert.equal(zhHint, ZH_CN_BUNDLE[enHint], `the zh-cn hint for ${c.reason}`);
    if (c.zhHint) assert.equal(zhHint, c.zhHint);
  });
}

test('the hint follows the reason even when the message says something else (it never reads the words)', () => {
  const misleading = new BadResponseError(ICE, 200, 'application/json', 'truncated body, an HTML page, an empty body', null, 'tooLarge');
  assert.equal(hintForError(misleading, ctx), 'the answer is larger than this tool accepts');
  const plain = new BadResponseError(ICE, 200, 'application/json', 'the answer was cut off (truncated)', null, 'notJson');
  assert.match(hintForError(plain, ctx) ?? '', /not what the cloud API sends/);
  // An HTML content type means a proxy's page whatever the reason.
  assert.match(hintForError(new BadResponseError(ICE, 200, 'text/html; charset=utf-8', 'x', null, 'notJson'), ctx) ?? '', /captive portal/);
});

test('zh-cn: the error line is Chinese, the API name, status and content type stay', () => {
  const res: HttpResponse = { status: 503, headers: { 'x-acs-request-id': 'REQ-9' }, body: '' };
  const line = inChinese(() => describeError(withHint(caught(res), ctx)));
  assert.equal(line, 'ice:GetMediaProducingJob：无法读取的响应（HTTP 503）：HTTP 503，响应体为空；收到 无内容类型，0 字节; 请求 ID REQ-9; 提示：服务或网关失败且没有消息；请稍后重试');
  assert.equal(describeError(withHint(caught(res), ctx)), 'ice:GetMediaProducingJob: unreadable response (HTTP 503): HTTP 503 with an empty body; received no content type, 0 bytes; request id REQ-9; hint: the service or a gateway failed without a message; try again later');
});

test('a plain-HTTP answer to TLS: the hint names the host the error carries, in either language', () => {
  const e = new NetworkError(ICE, 'ERR_SSL_WRONG_VERSION_NUMBER', '127.0.0.1:8443 以明文 HTTP 而不是 TLS 响应（ERR_SSL_WRONG_VERSION_NUMBER）', { host: '127.0.0.1:8443' });
  assert.equal(hintForError(e, ctx), 'the server at 127.0.0.1:8443 answered in plain HTTP, not TLS: use http:// for a loopback endpoint or check the port');
  assert.match(inChinese(() => hintForError(e, ctx)) ?? '', /127\.0\.0\.1:8443/);
});
