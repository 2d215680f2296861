/**
 * Lenient readers shared by the five kinds' wire schemas.
 *
 * The clouds send numbers as strings, JSON inside strings (sometimes encoded twice), empty strings for
 * "none", and two time formats. Everything here turns such a value into the model's type or into null;
 * nothing here throws on bad data. Only the fields that identify a job are strict (`idString`), so a
 * schema failure always means "this body does not say which job it is about" and becomes a SchemaError.
 */
import { z } from 'zod';
import { ConfigError, SchemaError } from '../errors.js';
import { KIND_CLOUD } from '../../kinds/index.js';
import { type JobRef } from '../../model/jobRef.js';
import { type Job, type JobKind } from '../../model/job.js';
import { parseJsonBounded } from '../../util/boundDepth.js';
import * as l10n from '../../util/l10n.js';

/** Largest JSON-in-a-string we decode. A 100,000-clip Timeline is ~16 MB; beyond 20 MB is not a real job. */
export const MAX_JSON_CHARS = 20 * 1024 * 1024;

/** Raw values shown to people are cut here: a status is a short word, anything longer is junk. */
const MAX_RAW_TEXT = 256;

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// ---------------------------------------------------------------------------------------------------------
// Plain readers (also used by the hand-written Timeline reader, where per-clip zod parsing is too slow)

/** A finite number, or a numeric string (`"64.533"`, `" 2 "`, `"-0.04"`), as a number; anything else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  // Numeric strings are short; the length check keeps a multi-megabyte junk string from being scanned.
  if (typeof v !== 'string' || v.length > 64) return null;
  const t = v.trim();
  if (!NUMERIC.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A non-blank string as is, a finite number as its decimal text; blank strings and anything else null. */
export function toStr(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** `true`, `"true"`, `1`, `"1"` → true. The Timeline's MainTrack is a bool but may arrive as text. */
export function toBool(v: unknown): boolean {
  if (v === true || v === 1) return true;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t === 'true' || t === '1';
  }
  return false;
}

/** Frames per second: a number, a numeric string, or ffprobe's `"30000/1001"`. */
export function toFps(v: unknown): number | null {
  if (typeof v === 'string' && v.length < 64 && v.includes('/')) {
    const [a, b, ...rest] = v.split('/');
    const num = toNumber(a);
    const den = toNumber(b);
    if (rest.length > 0 || num === null || den === null || den === 0) return null;
    const fps = num / den;
    return Number.isFinite(fps) ? fps : null;
  }
  return toNumber(v);
}

/** A progress percentage in 0–100, or null (an out-of-range value is junk, not something to clamp). */
export function toProgress(v: unknown): number | null {
  const n = toNumber(v);
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

/** Plain JSON object (not an array, not null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A raw value as text for `rawStatus`: strings as they are, numbers and booleans as text, a missing value as
 * `''`, anything else as (cut) JSON. Never throws, even on cyclic or absurdly deep values.
 */
export function rawText(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return cut(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return cut(JSON.stringify(v) ?? '');
  } catch {
    return Array.isArray(v) ? '[array]' : '[object]';
  }
}

function cut(s: string): string {
  return s.length > MAX_RAW_TEXT ? `${s.slice(0, MAX_RAW_TEXT)}…` : s;
}

// ---------------------------------------------------------------------------------------------------------
// Times

const ALIYUN_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const HUAWEI_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * Alibaba Cloud time (`2024-01-01T00:00:00Z`; also without `Z`, with milliseconds, with a space instead of
 * `T`, or with an offset) → `YYYY-MM-DDTHH:MM:SSZ`. A time without zone is UTC: that is what the APIs
 * document, they only forget the `Z`. Anything else (including impossible dates) → null.
 */
export function aliyunTimeToIso(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > 40) return null;
  const m = ALIYUN_TIME.exec(v.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * (zone[0] === '-' ? -1 : 1);
  }
  return utcIso(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? '0'), offsetMinutes);
}

/**
 * Huawei Cloud time `yyyyMMddHHmmss` (UTC; as a string or, after a careless re-encode, a number) → ISO UTC.
 * An ISO-looking value is accepted too, so a gateway that reformats times does not blank them.
 */
export function huaweiTimeToIso(v: unknown): string | null {
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : v;
  if (typeof s !== 'string') return null;
  const m = HUAWEI_TIME.exec(s.trim());
  if (!m) return aliyunTimeToIso(s);
  const [, y, mo, d, h, mi, sec] = m;
  return utcIso(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), 0);
}

function utcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  const check = new Date(local);
  // Date.UTC rolls 31 February into March; a date that does not survive the round trip is not a date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const t = new Date(local - offsetMinutes * 60_000);
  // Out-of-range years would print as `+010000-…`; no job is that old or that new.
  if (t.getUTCFullYear() < 1000 || t.getUTCFullYear() > 9999) return null;
  return `${t.toISOString().slice(0, 19)}Z`;
}

/** The later of two ISO UTC times (same format, so they compare as strings); null when both are null. */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

// ---------------------------------------------------------------------------------------------------------
// JSON inside strings

export type JsonText = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses JSON text with a size cap; when the result is itself JSON text (a string encoded twice, as in the
 * VOD docs' AudioStreamList), parses that too. Nesting is bounded (`parseJsonBounded`: parts deeper than 64
 * levels become a marker string), so a decoded value can always be saved and shown. Never throws. A failure
 * names what and where (`unexpected character '}' at position 7 (line 1, column 8)`).
 */
export function parseJsonText(text: string, maxChars: number = MAX_JSON_CHARS): JsonText {
  if (text.length > maxChars) {
    return { ok: false, reason: l10n.t('too large to decode: {0} characters (limit {1})', text.length, maxChars) };
  }
  let current = text;
  // Three levels is more than any real response; the bound keeps a pathological value from looping.
  for (let level = 0; level < 3; level++) {
    let value: unknown;
    try {
      value = parseJsonBounded(current);
    } catch (e) {
      const where = locateJsonError(current);
      const why = where ?? (e instanceof Error ? cut(e.message) : l10n.t('invalid JSON'));
      return { ok: false, reason: level === 0 ? why : l10n.t('inside doubly-encoded JSON: {0}', why) };
    }
    if (typeof value === 'string' && looksLikeJson(value)) {
      current = value;
      continue;
    }
    return { ok: true, value };
  }
  return { ok: false, reason: l10n.t('JSON encoded inside a string more than three times') };
}

/**
 * JSON text as some SDK doc examples give it: led by its own key and followed by a comma, as if cut out of the
 * enclosing object (`"EditingTasksInfo": {…},`, `"AudioStreamList": "[…]"`). Returns the function that drops the key
 * and the comma (built once per set of keys); any other text passes unchanged.
 */
export function ownKeyStripper(keys: readonly string[]): (text: string) => string {
  const lead = new RegExp(`^\\s*"?(?:${keys.join('|')})"?\\s*:\\s*`);
  return (text) => {
    const m = lead.exec(text);
    return m ? text.slice(m[0].length).replace(/,\s*$/, '') : text;
  };
}

function looksLikeJson(s: string): boolean {
  const c = s.trimStart()[0];
  return c === '{' || c === '[' || c === '"';
}

/**
 * Finds where JSON text stops being JSON: V8's messages do not always carry a position
 * (`Unexpected token 'a', "abc" is not valid JSON`) and they echo the input. Iterative (explicit stack), so
 * deeply nested junk cannot overflow the call stack. Returns null if it finds no error.
 */
export function locateJsonError(text: string): string | null {
  const n = text.length;
  const stack: number[] = []; // 0 = array, 1 = object
  let i = 0;
  let mode: 'value' | 'after' | 'key' = 'value';
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (what: string): string => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < i && k < n; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    return l10n.t('{0} at position {1} (line {2}, column {3})', what, i, line, i - lineStart + 1);
  };
  // What stands at i, for "unexpected …" and "…, found …".
  const here = (): string => (i >= n ? l10n.t('end of input') : l10n.t('character {0}', JSON.stringify(text[i])));
  const found = (): string => l10n.t('unexpected {0}', here());
  const scanString = (): string | null => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail(l10n.t('unescaped control character in a string'));
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) break;
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            return fail(l10n.t('bad \\u escape in a string'));
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          i++;
          return fail(l10n.t('bad escape \\{0} in a string', e));
        }
      } else {
        i++;
      }
    }
    return fail(l10n.t('unterminated string'));
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  while (true) {
    ws();
    if (mode === 'value') {
      const c = text[i];
      if (c === '{') {
        stack.push(1);
        i++;
        ws();
        if (text[i] === '}') {
          stack.pop();
          i++;
          mode = 'after';
        } else {
          mode = 'key';
        }
      } else if (c === '[') {
        stack.push(0);
        i++;
        ws();
        if (text[i] === ']') {
          stack.pop();
          i++;
          mode = 'after';
        }
      } else if (c === '"') {
        const err = scanString();
        if (err) return err;
        mode = 'after';
      } else if (c === 't' || c === 'f' || c === 'n') {
        const word = c === 't' ? 'true' : c === 'f' ? 'false' : 'null';
        if (text.startsWith(word, i)) {
          i += word.length;
          mode = 'after';
        } else {
          return fail(found());
        }
      } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m || m[0] === '-') return fail(l10n.t('bad number'));
        i += m[0].length;
        mode = 'after';
      } else {
        return fail(found());
      }
    } else if (mode === 'key') {
      if (text[i] !== '"') return fail(l10n.t('expected a property name in double quotes, found {0}', here()));
      const err = scanString();
      if (err) return err;
      ws();
      if (text[i] !== ':') return fail(l10n.t('expected \':\' after a property name, found {0}', here()));
      i++;
      mode = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? fail(l10n.t('unexpected text after the end of the JSON value')) : null;
      const c = text[i];
      if (c === ',') {
        i++;
        ws();
        if (top === 1) {
          mode = 'key';
        } else {
          if (text[i] === ']') return fail(l10n.t('trailing comma before \']\''));
          mode = 'value';
        }
      } else if ((top === 0 && c === ']') || (top === 1 && c === '}')) {
        stack.pop();
        i++;
      } else {
        return fail(l10n.t('expected \',\' or \'{0}\', found {1}', top === 0 ? ']' : '}', here()));
      }
    }
  }
}

/** A value that may be JSON text, or already decoded: what `jsonInString` gives back. Never thrown. */
export type Decoded<T> =
  | { state: 'absent' }
  | { state: 'ok'; value: T }
  /** `rawText` is the string as received (null when the value was not a string). */
  | { state: 'invalid'; reason: string; rawText: string | null; value: unknown };

/** Decodes a value that may be an object/array already, JSON text, or JSON text encoded twice. */
export function decodeEmbedded<T>(v: unknown, schema: z.ZodType<T>, maxChars: number = MAX_JSON_CHARS): Decoded<T> {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return { state: 'absent' };
  let value: unknown = v;
  if (typeof v === 'string') {
    const parsed = parseJsonText(v, maxChars);
    if (!parsed.ok) return { state: 'invalid', reason: parsed.reason, rawText: v, value: v };
    value = parsed.value;
  }
  const r = schema.safeParse(value);
  if (r.success) return { state: 'ok', value: r.data };
  const issue = r.error.issues[0];
  const at = issue && issue.path.length > 0 ? l10n.t(' at {0}', formatPath(issue.path)) : '';
  return {
    state: 'invalid',
    reason: l10n.t('unexpected shape{0}: {1}', at, issueMessage(issue)),
    rawText: typeof v === 'string' ? v : null,
    value,
  };
}

/** Decoded value for the model: the value when it decoded, the raw string when it did not, else null. */
export function decodedOrRaw(d: Decoded<unknown>): unknown {
  if (d.state === 'ok') return d.value;
  if (d.state === 'invalid') return d.rawText ?? d.value;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// zod building blocks. Every one of them accepts a missing key and never fails (except idString).

/**
 * Runs a plain reader as a schema field; a missing key reaches the reader as undefined. The `.optional()`
 * matters: in zod 4.6 a bare `z.unknown()` object field rejects a missing key. The cast only hides the pipe's
 * input type, so the kinds' schemas infer plain output types.
 */
export function lenient<T>(read: (v: unknown) => T): z.ZodType<T> {
  return z.unknown().optional().transform((v) => read(v)) as unknown as z.ZodType<T>;
}

/** Number or numeric string → number; anything else (including a missing key) → null via catch. */
export const numLike = z.union([z.number(), z.string()]).nullable().catch(null).transform(toNumber);

/** Optional string: numbers are accepted and turned into text; blank → null; anything else → null. */
export const optString = z.union([z.string(), z.number()]).nullable().catch(null).transform(toStr);

/** Frames per second (number, numeric string or `a/b`). */
export const fpsLike = lenient(toFps);

/** Progress 0–100, else null. */
export const progressLike = lenient(toProgress);

/** Alibaba Cloud time → ISO UTC or null. */
export const aliyunTime = lenient(aliyunTimeToIso);

/** Huawei Cloud `yyyyMMddHHmmss` → ISO UTC or null. */
export const huaweiTime = lenient(huaweiTimeToIso);

/** Any value, kept as is (a status, a Timeline read later by its own reader). */
export const anyValue = z.unknown().optional();

/**
 * The messages our own schemas give their checks. Schemas are built at module load, before the catalog is set, so
 * they carry the English text and `issueMessage` translates it when it is shown (l10n.label; the values are a label
 * table of test/unit/l10n.test.ts). zod's own messages are English and pass through unchanged.
 */
export const SCHEMA_MESSAGES = {
  nonEmptyId: 'expected a non-empty id',
  id: 'expected an id (a non-empty string)',
} as const;

/** A zod issue's message in the display language (ours translated, zod's as zod words them). */
export function issueMessage(issue: { message: string } | undefined): string {
  return issue ? l10n.label(issue.message) : l10n.t('invalid');
}

/**
 * What identifies a job: a non-blank string or an integer. The one strict building block: its failure
 * means the body does not say which job it is about.
 */
export const idString = z.union([
  z.string().trim().min(1, { error: SCHEMA_MESSAGES.nonEmptyId }),
  z.number().int().transform(String),
], { error: SCHEMA_MESSAGES.id });

/**
 * JSON that may arrive as an object/array already, as JSON text, or as JSON text encoded twice. Gives a
 * `Decoded` result (absent / ok / invalid with the reason), never a failure.
 */
export function jsonInString<T>(schema: z.ZodType<T>, maxChars: number = MAX_JSON_CHARS): z.ZodType<Decoded<T>> {
  return lenient((v) => decodeEmbedded(v, schema, maxChars));
}

/**
 * A nested object that may also arrive as JSON text (StorageInfo, OutputFile, ObsObjInfo): parsed with
 * `schema` (whose fields must all be lenient), or undefined when absent or unusable.
 */
export function embeddedObject<T>(schema: z.ZodType<T>): z.ZodType<T | undefined> {
  return lenient((v) => {
    const d = decodeEmbedded(v, schema);
    return d.state === 'ok' ? d.value : undefined;
  });
}

/**
 * A list that may arrive as an array, as JSON text of one, or wrapped the way Alibaba's XML-to-JSON layer
 * wraps lists (`{"TranscodeJobInfo":[…]}`). Items are returned unchecked, to be validated one by one so
 * one bad item does not lose the others.
 */
export function listOf(wrapperKeys: readonly string[]): z.ZodType<unknown[]> {
  return lenient((v) => unwrapList(v, wrapperKeys));
}

export function unwrapList(v: unknown, wrapperKeys: readonly string[]): unknown[] {
  let value = v;
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    const parsed = parseJsonText(value);
    if (!parsed.ok) return [];
    value = parsed.value;
  }
  if (Array.isArray(value)) return value;
  if (isRecord(value)) {
    for (const k of wrapperKeys) {
      const inner = value[k];
      if (Array.isArray(inner)) return inner;
      if (isRecord(inner)) return [inner];
    }
  }
  return [];
}

/** Parses a list's items one by one, keeping those that fit. */
export function parseItems<T>(items: readonly unknown[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const item of items) {
    const r = schema.safeParse(item);
    if (r.success) out.push(r.data);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Body → schema, with SchemaError naming the field

/**
 * Parses a response body with its kind's schema. Since only identifying fields can fail, a failure is
 * reported as a SchemaError naming that field (`MediaProducingJob.JobId`) and what was there instead.
 */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, api: string, requestId: string | null): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue ? issue.path : [];
  const field = path.length > 0 ? formatPath(path) : '(body)';
  const got = describeValue(valueAt(body, path));
  const reqId = requestId ?? (isRecord(body) ? toStr(body.RequestId) : null);
  const expected = issue?.code === 'invalid_type' ? l10n.t('expected {0}', issue.expected) : issueMessage(issue);
  throw new SchemaError(api, field, l10n.t('{0}: {1}, got {2}', field, expected, got), reqId);
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s;
}

function valueAt(v: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** A short description of a value for messages; never the value itself when it is long. */
export function describeValue(v: unknown): string {
  if (v === undefined) return l10n.t('nothing');
  if (v === null) return 'null';
  if (Array.isArray(v)) return l10n.t('an array of {0}', v.length);
  if (typeof v === 'string') return v.length > 40 ? l10n.t('a string of {0} characters', v.length) : l10n.t('the string {0}', JSON.stringify(v));
  if (typeof v === 'object') return l10n.t('an object');
  // `number 3`, `boolean true`: the JSON type's name stays as JSON spells it.
  return `${typeof v} ${String(v)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Small mapping helpers

// The last path segment of a URL, decoded (shared with the OTIO export and the job comparison).
export { fileNameFromUrl } from '../../util/urls.js';

/** A Job with every optional field empty, for a kind's mapping to fill in. */
export function blankJob(kind: JobKind, region: string, id: string): Job {
  return {
    kind, cloud: KIND_CLOUD[kind], region, id, name: null, status: 'unknown', rawStatus: '', progress: null,
    createdAt: null, startedAt: null, completedAt: null, updatedAt: null, durationSeconds: null, error: null,
    outputs: [], timeline: null, clipsParam: null, templateId: null, userData: null, subJobMaterials: null,
    streams: [], params: {}, requestId: null, raw: null,
  };
}

/**
 * The first of the references handed to a kind's `buildCall`, after checking their number: at least one, at most
 * `batchSize`. Ids and identity parameters were checked by the client before any call was built.
 */
export function checkRefs(api: string, refs: readonly JobRef[], batchSize: number): JobRef {
  const first = refs[0];
  if (first === undefined) throw new ConfigError(l10n.t('{0}: no job to ask for', api));
  if (refs.length > batchSize) throw new ConfigError(l10n.t('{0}: {1} jobs in one call (at most {2})', api, refs.length, batchSize));
  return first;
}
