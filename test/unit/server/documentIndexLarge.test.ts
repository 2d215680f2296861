/**
 * The server's document index on large documents, without timing anything: long lines give what a scan of the
 * whole text gives (also after edits); a hover on a long line reads a bounded piece of it and stores nothing;
 * findJobIds answers at most MAX_MATCHES and scans no further than it needs; an edit copies a bounded amount of
 * text and of stored matches, however large the document; queued edits then a hover give the right answer; the
 * slice-by-slice scan yields and can be cancelled.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CONTEXT_LINES, LONG_LINE_CHARS, LOOKAHEAD_LINES, PIECE_MARGIN, resetScanWork, scanText, scanWork } from '../../../src/detect/detectJobIds.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { type ContentChange, DocumentIndex, LONG_LINE_SCAN_CHARS, MAX_MATCHES } from '../../../src/server/documentIndex.js';
import { CHUNK_CHARS } from '../../../src/server/textStore.js';
import { seededRandom } from '../../support/seededRandom.js';

const CORPUS = ['pipeline.log', 'jobs.yaml', 'GetEditingJobInfo.json', 'ListEditingJobs.json', 'zsh_history']
  .map((f) => readFileSync(join(__dirname, '..', '..', 'fixtures', 'detect', f), 'utf8'))
  .join('\n');
const NONE = new Map<string, JobRef>();
const TRACKED_ID = 'f00dfeed0123456789abcdef01234567';
const TRACKED = new Map<string, JobRef>([[TRACKED_ID, { kind: 'ice', id: TRACKED_ID, region: 'cn-hangzhou', params: {} }]]);
const rnd = seededRandom(77);
const hex = (n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
  return s;
};

/** A minified ListMediaProducingJobs answer: one line of JSON, ~145 characters a job. */
function listAnswer(jobs: number): string {
  const list = Array.from({ length: jobs }, (_, i) => `{"JobId":"${hex(32)}","ProjectId":"${hex(32)}","Status":"Success","CreateTime":"2025-06-18T09:${String(i % 60).padStart(2, '0')}:03Z"}`);
  return `{"RequestId":"5F20C770-6214-47BA-AF7F-A45FBA52FFF4","MediaProducingJobList":[${list.join(',')}]}`;
}

/** A long line of JSON objects with every kind of id and its context, `chars` long. */
function longJsonLine(chars: number): string {
  const forms = [
    () => `{"JobId":"${hex(32)}","Status":"Success","Timeline":"{}"}`,
    () => `{"TranscodeTaskId":"${hex(32)}","Region":"cn-shanghai"}`,
    () => `{"Job":{"JobId":"e7d1c4b2-9a8f-4e3d-b2c1-${hex(12)}","ClusterId":"edge-cluster-sh-01"}} GetEdgeTranscodeJob`,
    () => `{"CasterId":"53200b81-b761-4c10-842a-${hex(12)}","ShowId":"42200b81-0c1d-4e5f-8a9b-${hex(12)}"}`,
    () => `"url":"https://mpc.cn-north-4.myhuaweicloud.com/v2/${hex(32)}/editing/jobs?job_id=${hex(32)}"`,
    () => `"md5":"${hex(32)}"`,
    () => ` ${TRACKED_ID} `,
  ];
  let s = '';
  while (s.length < chars) s += `${forms[Math.floor(rnd() * forms.length)]!()},`;
  return s;
}

const full = (ms: ReturnType<DocumentIndex['all']>): string[] => ms.map((m) => JSON.stringify(m));

test('documents with long lines: the index gives what a scan of the whole text gives (pieces, cut context lines), also after edits', () => {
  const lines = CORPUS.split('\n');
  // Long lines among the corpus lines: as context above and below ids, and with ids of their own.
  for (let i = 0; i < 12; i++) lines.splice(Math.floor(rnd() * lines.length), 0, longJsonLine(LONG_LINE_CHARS + Math.floor(rnd() * 30_000)));
  lines.splice(40, 0, longJsonLine(3 * 256 * 1024)); // read in several pieces
  let text = lines.join('\n');
  for (const t of [text, text.replace(/\n/g, '\r\n')]) {
    const d = new DocumentIndex('file:///long.log', t, 1, TRACKED);
    assert.deepEqual(full(d.all()), full(scanText(t, { tracked: TRACKED })));
  }
  // Random edits, some inside long lines, some making or breaking them.
  const d = new DocumentIndex('file:///long.log', text, 1, TRACKED);
  d.all();
  const snippets = ['', '\n', 'x', ' JobId=7c1e0a9b5d3f4e21a8c6f0b2d4e6a801 ', 'GetEdgeTranscodeJob ', '"Timeline":"{}",', 'y'.repeat(LONG_LINE_CHARS)];
  for (let step = 0; step < 40; step++) {
    const ls = text.split('\n');
    const line = Math.floor(rnd() * ls.length);
    const character = Math.floor(rnd() * (ls[line]!.length + 1));
    const c: ContentChange = { range: { start: { line, character }, end: { line, character: character + Math.floor(rnd() * 30) } }, text: snippets[Math.floor(rnd() * snippets.length)]! };
    const lineText = ls[line]!;
    ls[line] = lineText.slice(0, character) + c.text + lineText.slice(Math.min(lineText.length, character + (c.range!.end.character - character)));
    text = ls.join('\n');
    d.applyChanges([c], step + 2);
    if (step % 8 === 7) assert.deepEqual(full(d.all()), full(scanText(text, { tracked: TRACKED })), `step ${step}`);
  }
});

test('a hover on a long line reads a bounded piece of it, stores nothing, and finds what the whole scan finds', () => {
  const reads: number[] = [];
  for (const jobs of [20_000, 40_000]) {
    const line = listAnswer(jobs);
    const text = `GET https://ice.cn-shanghai.aliyuncs.com/?Action=ListMediaProducingJobs\n${line}\n`;
    const d = new DocumentIndex('file:///list.json', text, 1, NONE);
    const whole = scanText(text).filter((m) => m.line === 1);
    assert.equal(whole.length, jobs);
    const before = d.charsScanned;
    resetScanWork();
    for (let i = 0; i < 50; i++) {
      const m = whole[Math.floor(rnd() * whole.length)]!;
      const at = d.at({ line: 1, character: m.range.start + Math.floor(rnd() * (m.id.length + 1)) });
      assert.deepEqual(at, m);
    }
    const per = (d.charsScanned - before) / 50;
    reads.push(per);
    assert.ok(per <= 2 * PIECE_MARGIN + 300, `${per} characters read per hover`);
    assert.ok(scanWork.steps / 50 < 2000, `${scanWork.steps / 50} detector steps per hover`);
    assert.equal(d.storedMatches(), 0, 'nothing stored for a hover on a long line');
  }
  assert.equal(reads[0], reads[1], 'a hover reads as much on a line twice as long');
});

test('a hover on a short line among long ones reads each long line of its window only up to LONG_LINE_CHARS + 1', () => {
  const reads: number[] = [];
  for (const width of [20_000, 40_000]) {
    const long = Array.from({ length: CONTEXT_LINES + 50 }, () => longJsonLine(width));
    const text = [...long, `GetEdgeTranscodeJob JobId=${hex(32)}`, ...long.slice(0, 10)].join('\n');
    const d = new DocumentIndex('file:///jsonl.log', text, 1, NONE);
    const line = CONTEXT_LINES + 50;
    assert.deepEqual(d.at({ line, character: 30 })?.kinds, ['live-edge']);
    reads.push(d.charsScanned);
    assert.ok(d.charsScanned <= (CONTEXT_LINES + LOOKAHEAD_LINES + 1) * (LONG_LINE_CHARS + 2), `${d.charsScanned} characters read`);
  }
  assert.equal(reads[0], reads[1], 'the same whatever the length of the long lines');
});

test('findJobIds answers at most MAX_MATCHES, scanning no further than it needs; a long line only its first LONG_LINE_SCAN_CHARS', () => {
  // 20,000 ids on 20,000 lines, and the same on one line.
  const lines = Array.from({ length: 20_000 }, () => `INFO submitted JobId=${hex(32)} region=cn-shanghai`);
  const d = new DocumentIndex('file:///many.log', lines.join('\n'), 1, NONE);
  const found = d.find();
  assert.equal(found.length, MAX_MATCHES);
  assert.deepEqual(full(found), full(scanText(lines.join('\n')).slice(0, MAX_MATCHES)), 'the first ones, in document order');
  assert.ok(d.charsScanned < d.length / 2, `${d.charsScanned} of ${d.length} characters scanned`);
  assert.equal(d.find(undefined, 10).length, 10);

  const one = new DocumentIndex('file:///one.json', listAnswer(20_000), 1, NONE);
  const some = one.find();
  assert.ok(some.length > 0 && some.length <= MAX_MATCHES);
  assert.ok(some.every((m) => m.range.start < LONG_LINE_SCAN_CHARS));
  // The prefix read in pieces (PIECE_MARGIN either side of each), and the line's head as the block's window.
  assert.ok(one.charsScanned <= LONG_LINE_SCAN_CHARS + 10 * PIECE_MARGIN + LONG_LINE_CHARS, `${one.charsScanned} characters scanned`);
  // Asked again: from what is stored.
  const again = one.charsScanned;
  assert.deepEqual(one.find(), some);
  assert.equal(one.charsScanned, again);
});

test('an edit copies a bounded amount of text and of stored matches, however large the document', () => {
  const perKeystroke: Array<{ chars: number; matches: number }> = [];
  for (const mb of [4, 8]) {
    const lines: string[] = [];
    for (let size = 0; size < mb * 1024 * 1024;) {
      const l = lines.length % 8 === 0 ? `INFO submitted JobId=${hex(32)} region=cn-shanghai` : `INFO part ${lines.length} md5=${hex(32)}`;
      lines.push(l);
      size += l.length + 1;
    }
    let text = lines.join('\n');
    const d = new DocumentIndex('file:///big.log', text, 1, NONE);
    d.all(); // everything stored: the worst case for an edit
    const rewritten0 = d.text.charsRewritten;
    const copied0 = d.editWork.matchesCopied;
    for (let i = 0; i < 100; i++) {
      const line = Math.floor(rnd() * d.lineCount);
      const c: ContentChange = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 10 === 0 ? 'x\n' : 'x' };
      d.applyChanges([c], i + 2);
      const ls = text.split('\n', line + 1);
      const at = ls.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
      text = text.slice(0, at) + c.text + text.slice(at);
    }
    perKeystroke.push({ chars: (d.text.charsRewritten - rewritten0) / 100, matches: (d.editWork.matchesCopied - copied0) / 100 });
    assert.equal(d.getText(), text);
    assert.deepEqual(full(d.all()), full(scanText(text)));
  }
  for (const p of perKeystroke) {
    assert.ok(p.chars <= 2 * CHUNK_CHARS, `${p.chars} characters rewritten per keystroke`);
    assert.ok(p.matches < 1200, `${p.matches} stored matches copied per keystroke`);
  }
  assert.ok(perKeystroke[1]!.matches < 1.5 * perKeystroke[0]!.matches + 50, 'no more per keystroke in a document twice as large');
});

test('2,000 queued keystrokes, then a hover: the right text and the right answer', () => {
  const lines = Array.from({ length: 50_000 }, (_, i) => (i % 8 === 0 ? `INFO submitted JobId=${hex(32)}` : `INFO part ${i} md5=${hex(32)}`));
  const d = new DocumentIndex('file:///typed.log', lines.join('\n'), 1, NONE);
  d.all();
  const rewritten0 = d.text.charsRewritten;
  const line = 20_000;
  for (let i = 0; i < 2000; i++) d.applyChanges([{ range: { start: { line, character: i }, end: { line, character: i } }, text: i === 1999 ? ' JobId=7c1e0a9b5d3f4e21a8c6f0b2d4e6a801 ' : 'y' }], i + 2);
  assert.ok((d.text.charsRewritten - rewritten0) / 2000 <= 2 * CHUNK_CHARS);
  const typed = `${'y'.repeat(1999)} JobId=7c1e0a9b5d3f4e21a8c6f0b2d4e6a801 ${lines[line]}`;
  assert.equal(d.lineText(line), typed);
  assert.equal(d.at({ line, character: 2010 })?.id, '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801');
  lines[line] = typed;
  assert.deepEqual(full(d.all()), full(scanText(lines.join('\n'))));
});

test('the slice-by-slice scan (findAsync) lets other work in between slices, and stops when cancelled', async () => {
  const text = Array.from({ length: 200_000 }, (_, i) => (i % 50 === 0 ? `INFO JobId=${hex(32)}` : `INFO part ${i} md5=${hex(32)}`)).join('\n');
  const d = new DocumentIndex('file:///async.log', text, 1, NONE);
  let turns = 0;
  const tick = (): void => {
    turns++;
    if (turns < 1000) setImmediate(tick);
  };
  setImmediate(tick);
  const found = await d.findAsync(undefined, MAX_MATCHES, () => false, 256 * 1024);
  assert.ok(found && found.length === 4000);
  assert.ok(turns > 5, `${turns} turns of the event loop during the scan`);
  turns = 1000;
  const fresh = new DocumentIndex('file:///async2.log', text, 1, NONE);
  let ask = 0;
  assert.equal(await fresh.findAsync(undefined, MAX_MATCHES, () => ++ask >= 2, 256 * 1024), null);
  assert.ok(fresh.charsScanned < text.length / 2);
});

test('stored matches do not keep copies of the text alive (ids own their strings), however the text was edited', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const lines: string[] = [];
  for (let size = 0; size < 8 * 1024 * 1024;) {
    const l = lines.length % 30 === 0 ? `INFO submitted JobId=${hex(32)} ClusterId=edge-cluster-${hex(4)} region=cn-shanghai` : `INFO part ${lines.length} md5=${hex(32)}`;
    lines.push(l);
    size += l.length + 1;
  }
  const text = lines.join('\n');
  const d = new DocumentIndex('file:///kept.log', text, 1, NONE);
  d.all();
  // An edit every 500 lines: every chunk is rewritten, so what is scanned next is put together from copies.
  for (let line = 0, v = 2; line < d.lineCount; line += 500) {
    d.applyChanges([{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }], v++);
  }
  gc();
  const before = process.memoryUsage().heapUsed;
  d.setTracked(new Map()); // everything scanned again
  const n = d.all().length;
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  // The matches themselves, a few hundred bytes each; the windows their ids were cut from (8 MB) would come on top.
  assert.ok(grown < 4 * 1024 * 1024, `${(grown / 1048576).toFixed(1)} MB for ${n} matches of an 8 MB text`);
  assert.equal(d.storedMatches(), n);
});
