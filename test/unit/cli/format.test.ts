// The CLI's sanitisers: one character set (src/util/unsafeChars.ts) for job data, errors and JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quoted, safe, sanitizeOutput, terminalSafeJson } from '../../../src/cli/format.js';
import { cliWriter } from '../../../src/cli/main.js';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Every character of the shared unsafe set, plus CR, LF and TAB. */
const ALL_UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
].map((c) => String.fromCharCode(c)).join('');

test('safe() uses the shared set: the bidi marks and the Arabic letter mark go too, and the value is one line', () => {
  assert.equal(safe(`a${ALL_UNSAFE}b`), 'a b');
  assert.equal(safe('x\u200ey\u061cz\u2067w'), 'xyzw');
  assert.equal(safe(null), '');
  assert.equal(safe(42), '42');
});

test('sanitizeOutput keeps line feeds, drops every unsafe character and carriage returns', () => {
  const out = sanitizeOutput(`line 1\x1b]0;title\x07\r\nline 2\u009b2J\u202e\n`);
  assert.equal(out, 'line 1]0;title\nline 22J\n');
  assert.doesNotMatch(sanitizeOutput(ALL_UNSAFE).replace(/\n/g, ''), FORBIDDEN);
});

test('terminalSafeJson escapes C1, DEL and bidi controls as \\uXXXX: valid, round-trips, no raw byte', () => {
  const value = [{ name: `n${ALL_UNSAFE}e`, nested: { [`k\u202e`]: ['\u009b31m', '\u009d0;x\u009c'] }, n: 1, ok: true, none: null }];
  const json = terminalSafeJson(value);
  assert.doesNotMatch(json.replace(/\n/g, ''), FORBIDDEN);
  assert.match(json, /\\u009b31m/);
  assert.match(json, /\\u202e/);
  assert.match(json, /\\u007f/);
  assert.deepEqual(JSON.parse(json), value);
  assert.equal(terminalSafeJson({ a: 'plain' }), JSON.stringify({ a: 'plain' }, null, 2), 'ordinary data is unchanged');
});

test('quoted shows unsafe characters as escapes and cuts long words', () => {
  assert.equal(quoted('a\u0007b\u202e'), '"a\\u0007b\\u202e"');
  assert.equal(quoted('x'.repeat(50)), `"${'x'.repeat(40)}…"`);
});

test('the CLI writer sanitises and scrubs whatever is written, on both streams', () => {
  const secret = 'EmuLat0rAliyunSecret+/=000000';
  let out = '';
  let err = '';
  const w = cliWriter({ stdout: (s) => (out += s), stderr: (s) => (err += s) }, [secret, 'e']);
  w.out(`job \x1b[2J ${secret}\u009b media-jobs\n`);
  w.err(`error \x1b]0;x\x07 ${encodeURIComponent(secret)} media-jobs\n`);
  assert.equal(out, 'job [2J **** media-jobs\n');
  assert.equal(err, 'error ]0;x **** media-jobs\n');
});
