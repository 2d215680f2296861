/**
 * The detector over a corpus of realistic text (test/fixtures/detect/): an application log, saved API responses of
 * all five APIs, YAML, Python, Go, Java and TypeScript code calling the SDKs, and shell history. Each file has a
 * `<file>.expected.json` beside it listing every match (1-based line, id, kinds most likely first, params as the
 * server sends them; `occurrence` when the id appears more than once on the line) and strings that must never
 * match (MD5 sums, git object ids, request ids, media ids, template ids, VOD video ids, …).
 *
 * The expected ranges are computed here from the line text (where the id is), not taken from the detector.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanText } from '../../../src/detect/detectJobIds.js';
import { type JobIdHitInDocument } from '../../../src/model/jobIdHit.js';
import { toHit } from '../../../src/server/server.js';

/** The fixtures' shape: a hit's range, id and kinds, its region among its params. */
type JobIdMatch = Pick<JobIdHitInDocument, 'range' | 'id' | 'kinds'> & { params: Record<string, string> };
function toJobIdMatch(m: Parameters<typeof toHit>[0]): JobIdMatch {
  const h = toHit(m);
  return { range: h.range, id: h.id, kinds: h.kinds, params: { ...h.params, ...(h.region ? { region: h.region } : {}) } as Record<string, string> };
}

const DIR = join(__dirname, '..', '..', 'fixtures', 'detect');

interface Expected {
  matches: Array<{ line: number; id: string; occurrence?: number; kinds: string[]; params: Record<string, string> }>;
  nonMatches: string[];
}

const files = readdirSync(DIR).filter((f) => !f.endsWith('.expected.json')).sort();

function expectedMatches(lines: string[], exp: Expected): JobIdMatch[] {
  return exp.matches.map((e) => {
    const text = lines[e.line - 1];
    assert.ok(text !== undefined, `line ${e.line} exists`);
    let start = -1;
    for (let n = 0; n < (e.occurrence ?? 1); n++) start = text.indexOf(e.id, start + 1);
    assert.ok(start >= 0, `line ${e.line} contains ${e.id} (occurrence ${e.occurrence ?? 1})`);
    return {
      range: { start: { line: e.line - 1, character: start }, end: { line: e.line - 1, character: start + e.id.length } },
      id: e.id,
      kinds: e.kinds as JobIdMatch['kinds'],
      params: e.params,
    };
  });
}

test('the corpus has every kind of text the issue lists', () => {
  for (const f of ['pipeline.log', 'GetMediaProducingJob.json', 'GetTranscodeTask.json', 'GetEditingJobInfo.json', 'GetEdgeTranscodeJob.json',
    'ListEditingJobs.json', 'jobs.yaml', 'check_jobs.py', 'main.go', 'JobStatus.java', 'poll.ts.txt', 'zsh_history']) {
    assert.ok(files.includes(f), f);
  }
  const kinds = new Set<string>();
  for (const f of files) {
    const exp = JSON.parse(readFileSync(join(DIR, `${f}.expected.json`), 'utf8')) as Expected;
    for (const m of exp.matches) m.kinds.forEach((k) => kinds.add(k));
  }
  assert.deepEqual([...kinds].sort(), ['ice', 'live-edge', 'live-editing', 'mpc-editing', 'vod']);
});

for (const f of files) {
  const text = readFileSync(join(DIR, f), 'utf8');
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const exp = JSON.parse(readFileSync(join(DIR, `${f}.expected.json`), 'utf8')) as Expected;

  test(`${f}: exactly the expected matches (range, id, kinds, params)`, () => {
    const actual = scanText(text).map(toJobIdMatch);
    assert.deepEqual(actual, expectedMatches(lines, exp));
  });

  test(`${f}: hashes, request, media, template and video ids never match`, () => {
    const actual = scanText(text);
    assert.ok(exp.nonMatches.length > 0 || f === 'GetMediaProducingJob.json', 'the file lists its decoys');
    for (const s of exp.nonMatches) {
      assert.ok(text.includes(s), `${f} contains the decoy ${s}`);
      assert.ok(!actual.some((m) => m.id === s), `${s} is not a match`);
      // …nor part of one: no match range overlaps an occurrence of it.
      lines.forEach((line, i) => {
        for (let at = line.indexOf(s); at >= 0; at = line.indexOf(s, at + 1)) {
          const overlap = actual.find((m) => m.line === i && m.range.start < at + s.length && at < m.range.end);
          assert.equal(overlap, undefined, `${s} at ${i + 1}:${at} overlaps ${overlap?.id}`);
        }
      });
    }
  });

  test(`${f}: scanning each line alone (with its context window) gives the same matches as the whole file`, () => {
    const whole = scanText(text).map((m) => JSON.stringify(m));
    const windows: string[] = [];
    for (let l = 0; l < lines.length; l++) for (const m of scanText(text, { from: l, to: l })) windows.push(JSON.stringify(m));
    assert.deepEqual(windows, whole);
  });

  test(`${f}: CRLF line endings give the same matches`, () => {
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(scanText(crlf).map(toJobIdMatch), scanText(text).map(toJobIdMatch));
  });
}
