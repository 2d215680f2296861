/**
 * The server's text store (chunks with their line breaks): after any sequence of edits it reads like the plain
 * string it stands for (text, line starts and ends, offsets to lines, slices), and an edit rewrites a bounded
 * number of characters however large the document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeLineStarts } from '../../../src/detect/detectJobIds.js';
import { CHUNK_CHARS, TextStore } from '../../../src/server/textStore.js';
import { seededRandom } from '../../support/seededRandom.js';

/** Checks every read of the store against the plain string. */
function agrees(store: TextStore, text: string, rnd: () => number, what: string): void {
  assert.equal(store.length, text.length, `${what}: length`);
  assert.equal(store.getText(), text, `${what}: text`);
  const starts = computeLineStarts(text);
  assert.equal(store.lineCount, starts.length, `${what}: line count`);
  for (let i = 0; i < 30; i++) {
    const l = Math.floor(rnd() * starts.length);
    assert.equal(store.lineStart(l), starts[l], `${what}: start of line ${l}`);
    let end = l + 1 < starts.length ? starts[l + 1]! - 1 : text.length;
    if (end > starts[l]! && text[end - 1] === '\r') end--;
    assert.equal(store.lineEnd(l), end, `${what}: end of line ${l}`);
    const to = Math.min(starts.length - 1, l + Math.floor(rnd() * 50));
    assert.deepEqual(store.lineStarts(l, to), starts.slice(l, to + 1), `${what}: starts of lines ${l}..${to}`);
    const o = Math.floor(rnd() * (text.length + 1));
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= o) line++;
    assert.equal(store.lineOf(o), line, `${what}: line of offset ${o}`);
    const a = Math.floor(rnd() * (text.length + 1));
    const b = a + Math.floor(rnd() * 3 * CHUNK_CHARS);
    assert.equal(store.slice(a, b), text.slice(a, b), `${what}: slice ${a}..${b}`);
    if (o < text.length) assert.equal(store.charCodeAt(o), text.charCodeAt(o));
  }
}

test('random edits (typing, pastes, deletions across chunks, line breaks, CRLF) read like the plain string', () => {
  const rnd = seededRandom(11);
  const line = (): string => `${'x'.repeat(Math.floor(rnd() * 120))}${rnd() < 0.1 ? '\r' : ''}\n`;
  let text = Array.from({ length: 6000 }, line).join('');
  const store = new TextStore(text);
  agrees(store, text, rnd, 'opened');
  const snippets = ['', 'a', '\n', '\r\n', 'JobId=7c1e0a9b5d3f4e21a8c6f0b2d4e6a801\n', 'y'.repeat(CHUNK_CHARS + 123), 'z\n'.repeat(5000)];
  for (let step = 0; step < 300; step++) {
    const s = Math.floor(rnd() * (text.length + 1));
    const r = rnd();
    const e = r < 0.6 ? s : r < 0.9 ? Math.min(text.length, s + Math.floor(rnd() * 50)) : Math.min(text.length, s + Math.floor(rnd() * 3 * CHUNK_CHARS));
    const insert = snippets[Math.floor(rnd() * snippets.length)]!;
    store.replace(s, e, insert);
    text = text.slice(0, s) + insert + text.slice(e);
    if (step % 10 === 0 || step === 299) agrees(store, text, rnd, `step ${step}`);
  }
  // Deleting everything, then typing again.
  store.replace(0, text.length, '');
  agrees(store, '', rnd, 'emptied');
  store.replace(0, 0, 'a\nb');
  agrees(store, 'a\nb', rnd, 'retyped');
});

test('a keystroke rewrites a bounded number of characters, not the document', () => {
  for (const mb of [1, 8]) {
    const text = 'INFO some log line with an id JobId=7c1e0a9b5d3f4e21a8c6f0b2d4e6a801\n'.repeat(Math.ceil((mb * 1024 * 1024) / 70));
    const store = new TextStore(text);
    const rnd = seededRandom(mb);
    // Typing one character at a time at random places.
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(rnd() * store.length);
      store.replace(at, at, 'x');
    }
    const per = store.charsRewritten / 200;
    assert.ok(per <= 2 * CHUNK_CHARS, `${mb} MB: ${per} characters rewritten per keystroke`);
    // Chunks stay about CHUNK_CHARS: their number follows the size, not the number of edits.
    assert.ok(store.chunkCount <= Math.ceil(store.length / (CHUNK_CHARS / 4)) + 1, `${mb} MB: ${store.chunkCount} chunks`);
  }
});

test('a 64 MB single line: edits and reads touch only their chunks', () => {
  const text = `{"List":[${'{"JobId":"7c1e0a9b5d3f4e21a8c6f0b2d4e6a801"},'.repeat(1_500_000)}]}`;
  const store = new TextStore(text);
  assert.equal(store.lineCount, 1);
  store.replace(30_000_000, 30_000_000, 'x');
  store.replace(10, 20, '');
  assert.ok(store.charsRewritten <= 4 * CHUNK_CHARS);
  assert.equal(store.slice(30_000_000 - 10, 30_000_000 + 5), `x${text.slice(30_000_000, 30_000_014)}`);
  assert.equal(store.lineEnd(0), text.length - 9);
});
