import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_WINDOW, MAX_WINDOW_MS, parseWindow, readWindow, WINDOW_PRESETS, windowBounds, windowLabel } from '../../../src/present/recentWindow.js';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.parse('2026-12-03T12:00:00Z');

test('the presets are 1 h, 24 h, 7 d and 30 d, and 24 h is the default', () => {
  assert.deepEqual(WINDOW_PRESETS.map((p) => windowLabel(p.window)), ['last 1 h', 'last 24 h', 'last 7 d', 'last 30 d']);
  assert.deepEqual(DEFAULT_WINDOW, { type: 'last', ms: D });
});

test('a length is the time before now', () => {
  assert.deepEqual(parseWindow('90m', NOW), { type: 'last', ms: 90 * 60_000 });
  assert.deepEqual(parseWindow(' 12h ', NOW), { type: 'last', ms: 12 * H });
  assert.deepEqual(parseWindow('3D', NOW), { type: 'last', ms: 3 * D });
  assert.deepEqual(parseWindow('2w', NOW), { type: 'last', ms: 14 * D });
  assert.deepEqual(windowBounds({ type: 'last', ms: 3 * D }, NOW), { from: NOW - 3 * D, to: NOW });
  assert.equal(windowLabel({ type: 'last', ms: 90 * 60_000 }), 'last 90 min');
});

test('a range of dates covers whole UTC days, ends no later than now', () => {
  const w = parseWindow('2026-11-01 .. 2026-11-15', NOW);
  assert.deepEqual(w, { type: 'range', from: Date.parse('2026-11-01T00:00:00Z'), to: Date.parse('2026-11-16T00:00:00Z') - 1 });
  assert.equal(windowLabel(w as Exclude<typeof w, string>), '2026-11-01 – 2026-11-15');
  const open = parseWindow('2026-12-01 .. 2026-12-31', NOW);
  assert.deepEqual(open, { type: 'range', from: Date.parse('2026-12-01T00:00:00Z'), to: NOW });
  const times = parseWindow('2026-11-01T08:00 .. 2026-11-01T20:00+08:00', NOW);
  assert.deepEqual(times, { type: 'range', from: Date.parse('2026-11-01T08:00:00Z'), to: Date.parse('2026-11-01T12:00:00Z') });
  assert.equal(windowLabel(times as Exclude<typeof times, string>), '2026-11-01 08:00 UTC – 2026-11-01 12:00 UTC');
});

test('what is not a window says why', () => {
  for (const [text, why] of [
    ['', /type a length/], ['soon', /type a length/], ['0h', /longer than zero/], ['400d', /366 days/],
    ['2026-11-15 .. 2026-11-01', /ends before it starts/], ['2027-01-01 .. 2027-01-02', /future/],
    ['2025-01-01 .. 2026-12-01', /366 days/], ['2026-13-01 .. 2026-13-02', /dates look like/], ['11/01 .. 11/15', /dates look like/],
  ] as const) {
    const r = parseWindow(text, NOW);
    assert.equal(typeof r, 'string', `"${text}" is refused`);
    assert.match(r as string, why, `"${text}": ${String(r)}`);
  }
});

test('a saved window is read back only when it is one', () => {
  assert.deepEqual(readWindow({ type: 'last', ms: H }), { type: 'last', ms: H });
  assert.deepEqual(readWindow({ type: 'range', from: 1, to: 2 }), { type: 'range', from: 1, to: 2 });
  for (const bad of [null, 'last', { type: 'last' }, { type: 'last', ms: -1 }, { type: 'last', ms: MAX_WINDOW_MS + 1 }, { type: 'range', from: 5, to: 1 }, { type: 'range', from: 'a', to: 2 }]) {
    assert.equal(readWindow(bad), null, JSON.stringify(bad));
  }
});
