/**
 * The server's per-document index: incremental changes keep the text and the matches right (kinds included), an
 * edit re-scans only a bounded window around the lines it touched, and large documents are scanned only where asked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOOKAHEAD_LINES, MAX_BLOCK_LINES, scanText } from '../../../src/detect/detectJobIds.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { add, type ContentChange, DocumentIndex, missing, remove, shiftLines } from '../../../src/server/documentIndex.js';
import { seededRandom } from '../../support/seededRandom.js';

const CORPUS = ['pipeline.log', 'jobs.yaml', 'check_jobs.py', 'GetEditingJobInfo.json', 'zsh_history']
  .map((f) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'detect', f), 'utf8'))
  .join('\n');
const NONE = new Map<string, JobRef>();
const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';

/** Applies an LSP change to a plain string (the reference the index is compared with). */
function applyToString(text: string, c: ContentChange): string {
  if (!c.range) return c.text;
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => {
    if (p.line >= lines.length) return text.length;
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
    const len = lines[p.line]!.replace(/\r$/, '').length;
    return o + Math.min(p.character, len);
  };
  const s = offset(c.range.start);
  const e = offset(c.range.end);
  return text.slice(0, Math.min(s, e)) + c.text + text.slice(Math.max(s, e));
}

const where = (ms: ReturnType<DocumentIndex['all']>): string[] => ms.map((m) => `${m.line}:${m.range.start}-${m.range.end} ${m.id}`);
const full = (ms: ReturnType<DocumentIndex['all']>): string[] => ms.map((m) => `${m.line}:${m.id} ${m.kinds.join(',')} ${JSON.stringify(m.params)}`);

test('a whole-document scan equals the detector on the text', () => {
  const d = new DocumentIndex('file:///a.log', CORPUS, 1, NONE);
  assert.deepEqual(d.all(), scanText(CORPUS));
  assert.equal(d.linesScanned, d.lineCount);
});

test('random incremental edits keep the text and every id position right', () => {
  const rnd = seededRandom(42);
  const snippets = ['', '\n', 'x', ` JobId=${ICE} `, '\n  "JobId": "', '"\n', 'TranscodeTaskId=b1b65ab107e14c0e8f3dbb900f6c1f01\n', '\r\n', 'job_id: 12873\n'];
  for (let round = 0; round < 30; round++) {
    let text = CORPUS;
    const d = new DocumentIndex('file:///b.log', text, 1, NONE);
    d.all();
    for (let step = 0; step < 25; step++) {
      const lines = text.split('\n');
      const pos = (): { line: number; character: number } => {
        const line = Math.floor(rnd() * (lines.length + 1));
        return { line, character: Math.floor(rnd() * ((lines[line]?.length ?? 0) + 3)) };
      };
      let [a, b] = [pos(), pos()];
      if (a.line > b.line || (a.line === b.line && a.character > b.character)) [a, b] = [b, a];
      if (rnd() < 0.5) b = { line: a.line, character: a.character + Math.floor(rnd() * 5) };
      const c: ContentChange = { range: { start: a, end: b }, text: snippets[Math.floor(rnd() * snippets.length)]! };
      text = applyToString(text, c);
      d.applyChanges([c], step + 2);
      if (rnd() < 0.3 || step === 24) {
        assert.equal(d.getText(), text, `round ${round} step ${step}: text`);
        // Positions, kinds and parameters must match a fresh scan exactly: an edit forgets every line whose
        // matches could have read the edited ones as context.
        assert.deepEqual(where(d.all()), where(scanText(text)), `round ${round} step ${step}: positions`);
        assert.deepEqual(full(d.all()), full(scanText(text)), `round ${round} step ${step}: kinds and parameters`);
      }
    }
  }
});

test('an edit re-scans only a bounded window: the changed lines, LOOKAHEAD_LINES above, MAX_BLOCK_LINES below', () => {
  // Long enough that the window below an edit ends inside the document.
  const d = new DocumentIndex('file:///c.log', Array(6).fill(CORPUS).join('\n'), 1, NONE);
  d.all();
  const before = d.linesScanned;
  // Replace a word in one line (line 10).
  d.applyChanges([{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 4 } }, text: 'INFO' }], 2);
  d.all();
  // Forgotten: from LOOKAHEAD_LINES above the edit to MAX_BLOCK_LINES below its last new line.
  const window = (line: number, newLines: number) => line + newLines + MAX_BLOCK_LINES - (line - LOOKAHEAD_LINES) + 1;
  assert.ok(d.lineCount > 10 + MAX_BLOCK_LINES + 10, 'the test document is long enough');
  assert.equal(d.linesScanned - before, window(10, 0));
  assert.ok(d.linesScanned - before < d.lineCount / 2, 'far less than the document');
  // Insert two new lines inside line 20: lines 20..22 changed.
  const mid = d.linesScanned;
  d.applyChanges([{ range: { start: { line: 20, character: 5 }, end: { line: 20, character: 5 } }, text: `\nJobId=${ICE}\nx` }], 3);
  const found = d.all();
  assert.equal(d.linesScanned - mid, window(20, 2));
  assert.ok(found.some((m) => m.line === 21 && m.id === ICE), 'the inserted id is found on its new line');
  assert.deepEqual(where(found), where(scanText(d.getText())));
  // Two changes in one notification: each range refers to the text after the previous change.
  d.applyChanges([
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'first\n' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `JobId=${ICE} ` },
  ], 4);
  assert.deepEqual(where(d.all()), where(scanText(d.getText())));
  assert.equal(d.version, 4);
});

test('a large document is scanned only where asked: the hovered line, requested ranges', () => {
  const line = `${'2025-06-18T09:12:03.114Z INFO noise d41d8cd98f00b204e9800998ecf8427e '.repeat(2)}\n`;
  const big = line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)) + `INFO submitted JobId=${ICE} region=cn-shanghai\n` + line.repeat(1000);
  const d = new DocumentIndex('file:///big.log', big, 1, NONE);
  assert.ok(d.length >= 20 * 1024 * 1024);
  const target = d.lineCount - 1002;
  const at = d.at({ line: target, character: d.lineText(target).indexOf(ICE) + 3 });
  assert.equal(at?.id, ICE);
  assert.equal(d.linesScanned, 1, 'only the hovered line is reported (the ones above are read as context)');
  assert.equal(d.inLines(target - 50, target + 50).length, 1);
  assert.equal(d.linesScanned, 101);
  assert.deepEqual(d.scannedLines(), [[target - 50, target + 50]]);
  // An edit far above shifts what is known below without re-scanning it.
  d.applyChanges([{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'new line\n' }], 2);
  assert.deepEqual(d.scannedLines(), [[target - 49, target + 51]]);
  assert.equal(d.at({ line: target + 1, character: d.lineText(target + 1).indexOf(ICE) })?.line, target + 1);
  assert.equal(d.linesScanned, 101);
});

test('positions past the end of a line or the document are clamped, as LSP says', () => {
  const d = new DocumentIndex('file:///d.log', 'abc\r\ndef\n', 1, NONE);
  d.applyChanges([{ range: { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }, text: '!' }], 2);
  assert.equal(d.getText(), 'abc!\r\ndef\n');
  d.applyChanges([{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: 'end' }], 3);
  assert.equal(d.getText(), 'abc!\r\ndef\nend');
  d.applyChanges([{ text: 'all new' }], 4);
  assert.equal(d.getText(), 'all new');
  assert.equal(d.lineCount, 1);
});

test('tracked ids: a change of the set re-scans on the next request', () => {
  const text = `INFO upload of ${ICE}.mp4 done\n`;
  const d = new DocumentIndex('file:///e.log', text, 1, NONE);
  assert.deepEqual(d.all(), []);
  d.setTracked(new Map([[ICE, { kind: 'ice', id: ICE, region: 'cn-hangzhou', params: {} }]]));
  assert.deepEqual(d.all().map((m) => [m.id, m.kinds, m.region, m.source]), [[ICE, ['ice'], 'cn-hangzhou', 'tracked']]);
});

test('interval sets: missing, add, remove, shift', () => {
  assert.deepEqual(missing([], 0, 9), [[0, 9]]);
  assert.deepEqual(missing([[2, 3], [6, 7]], 0, 9), [[0, 1], [4, 5], [8, 9]]);
  assert.deepEqual(missing([[0, 9]], 3, 4), []);
  assert.deepEqual(add([[0, 1], [5, 6]], 2, 4), [[0, 6]]);
  assert.deepEqual(add([[0, 1], [8, 9]], 4, 5), [[0, 1], [4, 5], [8, 9]]);
  assert.deepEqual(remove([[0, 9]], 3, 4), [[0, 2], [5, 9]]);
  assert.deepEqual(shiftLines([[0, 9], [20, 30]], 3, 5, 2), [[0, 2], [8, 11], [22, 32]]);
});
