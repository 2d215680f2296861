/**
 * Removes secrets from text before it reaches an error message, a log line or the screen.
 *
 * Why this exists: the clouds echo what they received. Alibaba's SignatureDoesNotMatch appends
 * "server string to sign is: …" (the whole canonical query, AccessKeyId and SecurityToken included);
 * Huawei's APIGW.0301 may echo the canonicalRequest (with an x-security-token header line); RPC-style
 * Alibaba requests carry AccessKeyId, Signature and SecurityToken in the query string, so any URL we
 * print could leak a replayable request. Everything here errs on the side of masking too much.
 */

const MASK = '****';

/** Shows enough of an AccessKey id to tell two keys apart (`LTAI****wxyz`), never the whole id. */
export function maskKeyId(id: string): string {
  if (id.startsWith('STS.') && id.length > 12) return `STS.${MASK}${id.slice(-4)}`;
  if (id.length >= 12) return `${id.slice(0, 4)}${MASK}${id.slice(-4)}`;
  return MASK;
}

// `=` or its percent-encoded form (Alibaba's string to sign is percent-encoded: `AccessKeyId%3DLTAI…`), or
// `":"` inside JSON. A bare `:` only counts for header names, so prose like "Signature: invalid" survives.
const QUERY_SEP = String.raw`("?\s*(?:=|%3D)\s*"?|"\s*:\s*")`;
const HEADER_SEP = String.raw`("?\s*(?:=|%3D|:)\s*"?)`;
// A value ends at a separator of whatever syntax it sits in: query (&), list (, ;), JSON ("), canonical
// request lines (| or newline), whitespace, and a percent-encoded `&` inside an encoded query.
const VALUE = String.raw`((?:(?!%26)[^&,;"'|\s<>])+)`;

/** Query/JSON names whose whole value is secret. */
const SECRET_PARAMS = ['Signature', 'SecurityToken', 'AccessKeySecret', 'access_key_secret', 'SecretAccessKey'];
/** Header names whose whole value is secret (also found as `name: value` lines in echoed canonical requests). */
const SECRET_HEADER_NAMES = ['x-acs-security-token', 'x-security-token', 'X-Auth-Token', 'x-subject-token'];
/** Names whose value is an AccessKey id: masked to first 4 + last 4 so the user can tell which key. */
const KEY_ID_PARAMS = ['AccessKeyId', 'Credential', 'Access'];

function namePattern(names: readonly string[]): string {
  return names.map((n) => n.replace(/-/g, '\\-')).join('|');
}

// The name must not be the tail of a longer word (`SignatureMethod=HMAC-SHA1` stays, `xSignature=` is not ours).
const NOT_AFTER_WORD = '(?<![A-Za-z0-9_-])';
const SECRET_PARAM_RE = new RegExp(`${NOT_AFTER_WORD}(${namePattern(SECRET_PARAMS)})${QUERY_SEP}${VALUE}`, 'gi');
const SECRET_HEADER_RE = new RegExp(`${NOT_AFTER_WORD}(${namePattern(SECRET_HEADER_NAMES)})${HEADER_SEP}${VALUE}`, 'gi');
const KEY_ID_RE = new RegExp(`${NOT_AFTER_WORD}(${namePattern(KEY_ID_PARAMS)})${QUERY_SEP}${VALUE}`, 'gi');
const KEY_ID_HEADER_RE = new RegExp(`${NOT_AFTER_WORD}(x\\-acs\\-accesskey\\-id)${HEADER_SEP}${VALUE}`, 'gi');
// Header lines `Authorization: <scheme> <anything up to the end of the line>`; the whole value goes.
const AUTH_HEADER_RE = /(?<![A-Za-z0-9_-])((?:proxy-)?authorization"?\s*[:=]\s*"?)([^"\r\n|]+)/gi;
// Alibaba appends the server's string to sign; it contains every signed parameter. Drop the tail entirely.
const STRING_TO_SIGN_RE = /(server\s+string\s*to\s*sign\s*is\s*:?).*$/is;
// A bare Alibaba long-term AccessKey id anywhere in free text (`LTAI` + 12..30 alphanumerics).
const BARE_LTAI_RE = /\bLTAI[A-Za-z0-9]{12,30}\b/g;

/**
 * Shorter than this, a "secret" is not a real one (AccessKey secrets are 30 characters, Huawei SKs 40, STS
 * tokens hundreds): masking it would mangle ordinary words (`e` in `m****dia-jobs`), so it is refused and the
 * caller should warn that it is not masked (without printing it).
 */
export const MIN_SECRET_LENGTH = 8;

/** The given secrets that are too short to be redacted (see MIN_SECRET_LENGTH); empty strings are ignored. */
export function tooShortToRedact(secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length > 0 && s.length < MIN_SECRET_LENGTH);
}

const ALNUM = /[A-Za-z0-9]/;
// A token boundary: no letter or digit next to the value, except the hex digits of a percent-escape before it
// (`AccessKeySecret%3D<secret>` inside an encoded string to sign).
const BEFORE = String.raw`(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))`;
const AFTER = String.raw`(?![A-Za-z0-9])`;

let cached: { key: string; re: RegExp | null } | null = null;

/** One regular expression matching any form of any secret, as a whole token; null when there is none to match. */
function secretsPattern(secrets: readonly string[]): RegExp | null {
  const key = secrets.join('\u0000');
  if (cached?.key === key) return cached.re;
  const variants = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) continue;
    // As sent, percent-encoded (a V1 query, a form body), encoded twice (Alibaba's string to sign),
    // and JSON-escaped (a body echoing it, our own --json output).
    for (const v of [s, encodeURIComponent(s), encodeURIComponent(encodeURIComponent(s)), JSON.stringify(s).slice(1, -1)]) variants.add(v);
  }
  // Longest first, so a secret that contains another is removed whole.
  const alternatives = [...variants].sort((a, b) => b.length - a.length).map((v) => {
    const body = v.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    return `${ALNUM.test(v[0]!) ? BEFORE : ''}${body}${ALNUM.test(v.at(-1)!) ? AFTER : ''}`;
  });
  const re = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
  cached = { key, re };
  return re;
}

/**
 * `text` with each given secret masked wherever it stands as a whole token (not inside a longer word), also
 * percent-encoded once or twice and JSON-escaped. Secrets shorter than MIN_SECRET_LENGTH are left alone.
 * Nothing else is touched: safe on job data, where a `Signature=` in a signed output URL is the user's own.
 */
export function redactValues(text: string, secrets: readonly string[]): string {
  const re = secretsPattern(secrets);
  return re === null ? text : text.replace(re, MASK);
}

/**
 * Returns `text` with the given secret strings removed (see redactValues) and with the usual
 * credential-bearing parameters and headers masked.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = redactValues(text, secrets);
  out = out.replace(STRING_TO_SIGN_RE, '$1 [redacted]');
  out = out.replace(AUTH_HEADER_RE, (_m, name: string) => `${name}${MASK}`);
  const maskAll = (_m: string, name: string, sep: string): string => `${name}${sep}${MASK}`;
  const maskId = (_m: string, name: string, sep: string, value: string): string => `${name}${sep}${maskKeyId(decodeSafe(value))}`;
  out = out.replace(SECRET_PARAM_RE, maskAll);
  out = out.replace(SECRET_HEADER_RE, maskAll);
  out = out.replace(KEY_ID_RE, maskId);
  out = out.replace(KEY_ID_HEADER_RE, maskId);
  out = out.replace(BARE_LTAI_RE, (id) => maskKeyId(id));
  return out;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Headers whose value is a credential in full. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-acs-security-token',
  'x-security-token',
  'x-auth-token',
  'x-subject-token',
  'cookie',
  'set-cookie',
]);

/** A copy of `headers` that is safe to log: credential headers masked, the rest run through `redactSecrets`. */
export function redactHeaders(headers: Readonly<Record<string, string>>, secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) out[name] = MASK;
    else if (lower === 'x-acs-accesskey-id') out[name] = maskKeyId(value);
    else out[name] = redactSecrets(value, secrets);
  }
  return out;
}
