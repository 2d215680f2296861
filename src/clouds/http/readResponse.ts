/**
 * Turns a raw HTTP answer into either a parsed JSON body or one typed error.
 *
 * What reaches us is not always the cloud: a corporate proxy's HTML page, a gateway's empty 502, a body cut
 * short. Each gets a BadResponseError that says what was received (content type, length, the first
 * characters, sanitized), so a user can tell "the proxy answered" from "the API changed".
 * Cloud error bodies (Alibaba JSON and XML, Huawei JSON) become ApiError with the cloud's own code, message
 * (redacted: they may echo the string to sign) and request id.
 */
import { type CloudId } from '../../model/job.js';
import { parseJsonBounded } from '../../util/boundDepth.js';
import { ApiError, BadResponseError, type BadResponseReason } from '../errors.js';
import * as l10n from '../../util/l10n.js';
import { redactSecrets } from './redact.js';
import { type HttpResponse, TruncatedResponseError } from './transport.js';

export interface ReadResult {
  body: unknown;
  requestId: string | null;
}

/** Codes some Alibaba products put in a successful answer (POP's rpc.js treats these as success). */
const SUCCESS_CODES = new Set(['200', 'ok', 'success']);

/** Top-level keys an Alibaba error body may carry. Anything else of substance means it is a real answer. */
const ALIBABA_ERROR_KEYS = new Set([
  'Code', 'Message', 'RequestId', 'HostId', 'Recommend', 'Success', 'HttpStatusCode', 'AccessDeniedDetail',
  'Description', 'code', 'message', 'requestId', 'success',
]);

/** Top-level keys a Huawei error body may carry. */
const HUAWEI_ERROR_KEYS = new Set(['error_code', 'error_msg', 'request_id', 'encoded_authorization_message']);

function hasPayload(o: Record<string, unknown>, errorKeys: ReadonlySet<string>): boolean {
  return Object.entries(o).some(([k, v]) => !errorKeys.has(k) && v !== null && v !== undefined && v !== '');
}

export function readResponse(cloud: CloudId, api: string, res: HttpResponse): ReadResult {
  const headers = lowerCaseKeys(res.headers);
  const contentType = headers['content-type'] ?? null;
  const headerRequestId = headers['x-acs-request-id'] ?? headers['x-request-id'] ?? null;
  const retryAfter = parseRetryAfter(headers);
  const status = res.status;
  const ok = status >= 200 && status < 300;
  const text = res.body;
  const trimmed = text.trim();

  const bad = (reason: BadResponseReason, what: string): BadResponseError =>
    new BadResponseError(api, status, contentType, l10n.t('{0}; received {1}', what, describeBody(text, contentType)), headerRequestId, reason);

  const declared = parseIntHeader(headers['content-length']);
  const received = Buffer.byteLength(text, 'utf8');
  if (declared !== null && received < declared) {
    return fail(new TruncatedResponseError(
      api, status, contentType, l10n.t('truncated body: received {0} of {1} bytes', received, declared), headerRequestId,
    ));
  }

  if (trimmed === '') {
    if (status === 429) return fail(throttledWithoutBody(cloud, api, status, headerRequestId, retryAfter));
    return fail(bad('empty', ok ? l10n.t('the answer had an empty body') : l10n.t('HTTP {0} with an empty body', status)));
  }

  const first = trimmed[0];
  if (first === '{' || first === '[') {
    let parsed: unknown;
    try {
      // Bounded nesting: 10 KB of `[[[[…` parses fine but would break every JSON.stringify of the job later.
      parsed = parseJsonBounded(trimmed);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // Still inside a string or an open object/array at the end: the body stops mid-value.
      if (endsMidValue(trimmed)) {
        return fail(new TruncatedResponseError(
          api, status, contentType, l10n.t('truncated JSON (the body ends mid-value); received {0}', describeBody(text, contentType)), headerRequestId,
        ));
      }
      return fail(bad('malformedJson', l10n.t('malformed JSON ({0})', msg)));
    }
    const apiError = errorFromJson(cloud, api, status, parsed, headerRequestId, retryAfter);
    if (apiError) return fail(apiError);
    if (!ok) {
      if (status === 429) return fail(throttledWithoutBody(cloud, api, status, headerRequestId, retryAfter));
      return fail(bad('unknownErrorShape', l10n.t('HTTP {0} with a JSON body that is not a known error shape', status)));
    }
    return { body: parsed, requestId: requestIdFromBody(parsed) ?? headerRequestId };
  }

  if (first === '<') {
    const xmlError = errorFromXml(cloud, api, status, trimmed, headerRequestId, retryAfter);
    if (xmlError) return fail(xmlError);
    if (/^<(!doctype\s+html|html)[\s>]/i.test(trimmed) || /text\/html/i.test(contentType ?? '')) {
      if (status === 429) return fail(throttledWithoutBody(cloud, api, status, headerRequestId, retryAfter));
      return fail(bad('html', l10n.t('an HTML page instead of JSON (HTTP {0}): a proxy or gateway answered, not the cloud API', status)));
    }
    return fail(bad('xml', l10n.t('XML that is not an error body, where JSON was expected (HTTP {0})', status)));
  }

  if (status === 429) return fail(throttledWithoutBody(cloud, api, status, headerRequestId, retryAfter));
  return fail(bad('notJson', l10n.t('not JSON (HTTP {0})', status)));
}

/** True when JSON text ends inside a string or with brackets still open (a cut-off body, not a typo). */
function endsMidValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true; // backslash
      else if (c === 0x22) inString = false; // quote
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) depth++; // { [
    else if (c === 0x7d || c === 0x5d) depth--; // } ]
  }
  return inString || depth > 0;
}

/** Throws; typed to return so call sites read as `return fail(…)`. */
function fail(e: Error): never {
  throw e;
}

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function parseIntHeader(v: string | undefined): number | null {
  return v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : null;
}

function str(v: unknown): string | null {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

function requestIdFromBody(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const o = body as Record<string, unknown>;
  return str(o.RequestId) ?? str(o.request_id) ?? str(o.requestId);
}

function errorFromJson(
  cloud: CloudId, api: string, status: number, parsed: unknown, headerRequestId: string | null, retryAfter: number | null,
): ApiError | null {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const ok = status >= 200 && status < 300;
  const requestId = requestIdFromBody(o) ?? headerRequestId;

  // Huawei: {error_code, error_msg, request_id}; IAM-style {error: {code, message}}.
  const hwCode = str(o.error_code);
  if (hwCode !== null && (!ok || (str(o.error_msg) !== null && !hasPayload(o, HUAWEI_ERROR_KEYS)))) {
    return new ApiError(cloud, api, hwCode, cleanMessage(str(o.error_msg) ?? hwCode), status, requestId, retryAfter);
  }
  if (!ok && o.error && typeof o.error === 'object') {
    const inner = o.error as Record<string, unknown>;
    const code = str(inner.code) ?? str(inner.error_code);
    if (code !== null) {
      return new ApiError(cloud, api, code, cleanMessage(str(inner.message) ?? str(inner.error_msg) ?? code), status, requestId, retryAfter);
    }
  }

  // Alibaba: {Code, Message, RequestId, HostId, Recommend}.
  const code = str(o.Code) ?? str(o.code);
  if (code === null) return null;
  const message = str(o.Message) ?? str(o.message);
  if (!ok) return new ApiError(cloud, api, code, cleanMessage(message ?? code), status, requestId, retryAfter);
  // A 200 carrying a Code is an error only when it looks like one: a non-success code with a message,
  // Success not true, and no payload beside the error fields (so a job answer that happens to carry a
  // top-level Code is never mistaken for a failure).
  if (SUCCESS_CODES.has(code.toLowerCase()) || message === null) return null;
  if (o.Success === true || o.success === true) return null;
  if (hasPayload(o, ALIBABA_ERROR_KEYS)) return null;
  return new ApiError(cloud, api, code, cleanMessage(message), status, requestId, retryAfter);
}

function xmlTag(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}>\\s*(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?\\s*</${tag}>`).exec(xml);
  return m && m[1] !== undefined && m[1] !== '' ? decodeXmlEntities(m[1]) : null;
}

function decodeXmlEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** Alibaba XML errors: `<?xml …?><Error><RequestId/><HostId/><Code/><Message/><Recommend/></Error>`. */
function errorFromXml(
  cloud: CloudId, api: string, status: number, xml: string, headerRequestId: string | null, retryAfter: number | null,
): ApiError | null {
  if (!/<Error[\s>]/.test(xml)) return null;
  const code = xmlTag(xml, 'Code');
  if (code === null) return null;
  const message = xmlTag(xml, 'Message') ?? code;
  const requestId = xmlTag(xml, 'RequestId') ?? headerRequestId;
  return new ApiError(cloud, api, code, cleanMessage(message), status, requestId, retryAfter);
}

function throttledWithoutBody(
  cloud: CloudId, api: string, status: number, requestId: string | null, retryAfter: number | null,
): ApiError {
  // A 429 means "slow down" whoever wrote the body; keeping it an ApiError lets retry and the rate limiter see it.
  return new ApiError(cloud, api, 'TooManyRequests', 'HTTP 429 Too Many Requests', status, requestId, retryAfter);
}

/** Server messages can echo signed strings (AccessKeyId, SecurityToken); one line, redacted, bounded. */
function cleanMessage(message: string): string {
  const oneLine = redactSecrets(message).replace(/\s+/g, ' ').trim();
  return oneLine.length > 500 ? `${oneLine.slice(0, 500)}…` : oneLine;
}

/** What was received, for a person: content type, length, and the first ~80 characters made printable. */
export function describeBody(text: string, contentType: string | null): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  const snippet = printable(redactSecrets(text.slice(0, 200))).replace(/\s+/g, ' ').trim();
  const shown = snippet.length > 80 ? `${snippet.slice(0, 80)}…` : snippet;
  const what = l10n.t('{0}, {1} bytes', contentType ?? l10n.t('no content type'), bytes);
  return shown ? `${what}: "${shown}"` : what;
}

/** Control characters (terminal escapes included) become spaces: the body is untrusted. */
function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? ' ' : ch;
  }
  return out;
}

/**
 * Seconds the server asked us to wait: `x-acs-retry-after` (Alibaba; taken as seconds, its unit is not
 * documented) or `Retry-After` (seconds or an HTTP date, measured from the response's own Date header
 * when present, so a skewed local clock does not distort it). Null when absent or unreadable.
 */
export function parseRetryAfter(headers: Readonly<Record<string, string>>, nowMs: number = Date.now()): number | null {
  const h = lowerCaseKeys({ ...headers });
  const acs = h['x-acs-retry-after'];
  if (acs !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(acs)) {
    const n = Number(acs);
    if (n > 0) return n;
  }
  const ra = h['retry-after'];
  if (ra === undefined) return null;
  if (/^\s*\d+\s*$/.test(ra)) return Number(ra);
  const when = Date.parse(ra);
  if (Number.isNaN(when)) return null;
  const serverNow = h.date !== undefined ? Date.parse(h.date) : Number.NaN;
  const base = Number.isNaN(serverNow) ? nowMs : serverNow;
  return Math.max(0, Math.ceil((when - base) / 1000));
}
