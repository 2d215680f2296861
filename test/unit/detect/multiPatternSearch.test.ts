/** Wu–Manber multi-pattern search (tracked ids anywhere): the same hits as a naive search, on token boundaries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MultiPatternSearch } from '../../../src/detect/multiPatternSearch.js';
import { seededRandom } from '../../support/seededRandom.js';

function naive(text: string, patterns: string[], from = 0, to = text.length): Array<[string, number]> {
  const idChar = /[A-Za-z0-9_-]/;
  const hits: Array<[string, number]> = [];
  for (const p of new Set(patterns)) {
    for (let i = text.indexOf(p, from); i >= 0 && i + p.length <= to; i = text.indexOf(p, i + 1)) {
      if (i > from && idChar.test(text[i - 1]!)) continue;
      if (i + p.length < to && idChar.test(text[i + p.length]!)) continue;
      hits.push([p, i]);
    }
  }
  hits.sort((a, b) => a[1] - b[1] || b[0].length - a[0].length);
  const out: Array<[string, number]> = [];
  let end = -1;
  for (const h of hits) {
    if (h[1] < end) continue;
    out.push(h);
    end = h[1] + h[0].length;
  }
  return out;
}

test('finds every pattern on token boundaries, like a naive search, in random text', () => {
  const rnd = seededRandom(7);
  const alphabet = '0123456789abcdef-_ /."\n=:';
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  for (let round = 0; round < 40; round++) {
    const patterns = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => {
      const r = rnd();
      return r < 0.6 ? hex(32) : r < 0.8 ? `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` : r < 0.95 ? String(Math.floor(rnd() * 1e7) + 100) : hex(4);
    });
    let text = '';
    while (text.length < 20_000) {
      const r = rnd();
      if (r < 0.02) text += patterns[Math.floor(rnd() * patterns.length)]!;
      else if (r < 0.03) text += `x${patterns[Math.floor(rnd() * patterns.length)]!}`; // not on a boundary
      else text += alphabet[Math.floor(rnd() * alphabet.length)]!;
    }
    const s = new MultiPatternSearch(patterns);
    assert.deepEqual(s.findAll(text).map((h) => [h.pattern, h.start]), naive(text, patterns), `round ${round}`);
    const from = Math.floor(rnd() * 5000);
    const to = from + Math.floor(rnd() * 10_000);
    assert.deepEqual(s.findAll(text, from, to).map((h) => [h.pattern, h.start]), naive(text, patterns, from, to), `round ${round} window`);
  }
});

test('an empty set finds nothing; duplicates count once; the longer of two overlapping patterns wins', () => {
  assert.deepEqual(new MultiPatternSearch([]).findAll('abc'), []);
  const s = new MultiPatternSearch(['7c1e0a9b5d3f4e21', '7c1e0a9b5d3f4e21', '7c1e0a9b5d3f4e21-a8c6']);
  assert.equal(s.size, 2);
  assert.deepEqual(s.findAll('id 7c1e0a9b5d3f4e21-a8c6 and 7c1e0a9b5d3f4e21.'), [
    { pattern: '7c1e0a9b5d3f4e21-a8c6', start: 3 },
    { pattern: '7c1e0a9b5d3f4e21', start: 29 },
  ]);
});
