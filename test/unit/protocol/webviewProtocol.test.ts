/** The inspector's message protocol: every webview→host message is validated; links open only when safe. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOpenUrl, isHostMessage, MAX_ROWS_PER_REQUEST, parseWebviewMessage } from '../../../src/protocol/webview.js';

describe('parseWebviewMessage', () => {
  it('accepts every declared message and returns only the declared fields', () => {
    const ok = [
      { type: 'ready' },
      { type: 'requestWindow', reqId: 1, revision: 2, from: 0, to: 10.5, pxPerSecond: 80, tracks: [0, 1], maxItemsPerLane: 100 },
      { type: 'requestRows', reqId: 1, revision: 2, sort: 'timelineIn', dir: 'desc', offset: 200, count: 200 },
      { type: 'requestClip', reqId: 1, revision: 2, track: 0, index: 3, step: -1 },
      { type: 'requestClip', reqId: 1, revision: 2, track: 0, edge: 'last' },
      { type: 'requestClip', reqId: 1, revision: 2, track: 0, time: 12.5 },
      { type: 'requestRaw', reqId: 1, revision: 2 },
      { type: 'copy', text: 'abc', what: 'job id' },
      { type: 'copyRaw', decoded: true },
      { type: 'openExternal', url: 'https://x.example/a.mp4' },
      { type: 'refresh' },
      { type: 'rendered', revision: 1, status: 'succeeded', tab: 'timeline', ms: 12.5, elements: 400 },
      { type: 'log', level: 'error', message: 'x' },
    ];
    for (const m of ok) {
      const r = parseWebviewMessage({ ...m, extra: 'dropped', command: 'workbench.action.reloadWindow' });
      assert.ok(r.ok, `${m.type}: ${r.ok ? '' : r.reason}`);
      assert.deepEqual(r.value, m);
    }
  });

  it('refuses unknown types, wrong types, out-of-range numbers and oversized strings', () => {
    const bad: unknown[] = [
      null, 42, 'ready', [], {}, { type: 'runCommand', command: 'x' }, { type: 'toString' }, { type: '__proto__' },
      { type: 'requestRows', reqId: 1, revision: 1, sort: 'order', dir: 'asc', offset: 0, count: MAX_ROWS_PER_REQUEST + 1 },
      { type: 'requestRows', reqId: 1, revision: 1, sort: 'constructor', dir: 'asc', offset: 0, count: 1 },
      { type: 'requestRows', reqId: -1, revision: 1, sort: 'order', dir: 'asc', offset: 0, count: 1 },
      { type: 'requestWindow', reqId: 1, revision: 1, from: 0, to: Number.NaN, pxPerSecond: 1, tracks: [], maxItemsPerLane: 10 },
      { type: 'requestWindow', reqId: 1, revision: 1, from: 0, to: 1, pxPerSecond: 0, tracks: [], maxItemsPerLane: 10 },
      { type: 'requestWindow', reqId: 1, revision: 1, from: 0, to: 1, pxPerSecond: 1, tracks: [1.5], maxItemsPerLane: 10 },
      { type: 'requestClip', reqId: 1, revision: 1, track: 0 },
      { type: 'requestClip', reqId: 1, revision: 1, track: 0, index: 1, step: 2 },
      { type: 'copy', text: 'x'.repeat(5_000_001), what: 'x' },
      { type: 'copy', text: 1, what: 'x' },
      { type: 'openExternal', url: 'x'.repeat(9_000) },
      { type: 'rendered', revision: 1, status: 's', tab: 'nope', ms: 1, elements: 1 },
      { type: 'log', level: 'fatal', message: 'x' },
    ];
    for (const m of bad) assert.equal(parseWebviewMessage(m).ok, false, JSON.stringify(m)?.slice(0, 80));
  });
});

describe('checkOpenUrl', () => {
  const inJob = (u: string): boolean => ['https://a.example/x.mp4', 'http://b.example/y.mp4', 'https://u:p@c.example/z'].includes(u);
  it('opens https URLs of the job; plain http with a warning', () => {
    assert.deepEqual(checkOpenUrl('https://a.example/x.mp4', inJob), { ok: true, url: 'https://a.example/x.mp4', warn: false });
    assert.deepEqual(checkOpenUrl('http://b.example/y.mp4', inJob), { ok: true, url: 'http://b.example/y.mp4', warn: true });
  });
  it('refuses other schemes, credentials, URLs not in the job, and garbage', () => {
    for (const u of ['javascript:alert(1)', 'file:///etc/passwd', 'vscode://x', 'command:workbench.action.quit', 'data:text/html,x', 'https://u:p@c.example/z', 'https://evil.example/', 'not a url', '']) {
      assert.equal(checkOpenUrl(u, inJob).ok, false, u);
    }
  });
});

describe('isHostMessage', () => {
  it('tells host messages from anything else', () => {
    assert.ok(isHostMessage({ type: 'job', revision: 1, payload: {} }));
    assert.ok(isHostMessage({ type: 'rows', reqId: 1, rows: [], total: 0 }));
    assert.ok(!isHostMessage({ type: 'job' }));
    assert.ok(!isHostMessage({ type: 'eval', code: 'x' }));
    assert.ok(!isHostMessage('job'));
  });
});
