/**
 * The detector at scale, without timing anything: the work a scan does (scanWork: characters handed to its regex
 * passes, steps of its context walks) grows linearly with the text (doubling the input doubles it), stays bounded
 * per match however many ids share a line, and a hover on a long line reads a bounded piece of it. And the rules
 * that make this possible: a match reads its own line within SAME_LINE_REACH, a long line is a record of its own
 * (other lines see only its head), so a piece of a long line gives exactly what the whole line gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectJobIdAtInText, LONG_LINE_CHARS, LONG_LINE_HEAD, PIECE_MARGIN, resetScanWork, SAME_LINE_REACH, scanLinePiece, scanText, scanWork } from '../../../src/detect/detectJobIds.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { seededRandom } from '../../support/seededRandom.js';

const rnd = seededRandom(2025);
const hex = (n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
  return s;
};
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
const ICE = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';

/** A minified ListMediaProducingJobs answer: one line of JSON. */
function listAnswer(jobs: number): string {
  const list = Array.from({ length: jobs }, (_, i) => `{"JobId":"${hex(32)}","ProjectId":"${hex(32)}","Status":"Success","CreateTime":"2025-06-18T09:${String(i % 60).padStart(2, '0')}:03Z"}`);
  return `{"RequestId":"${uuid().toUpperCase()}","MediaProducingJobList":[${list.join(',')}]}`;
}

function work(text: string): { chars: number; steps: number; found: number } {
  resetScanWork();
  const found = scanText(text).length;
  return { chars: scanWork.chars, steps: scanWork.steps, found };
}

/** Doubling the input doubles the work (within 15 %), at three sizes. */
function assertLinear(make: (n: number) => string, n: number, what: string): void {
  const w = [n, 2 * n, 4 * n].map((k) => work(make(k)));
  for (let i = 1; i < w.length; i++) {
    for (const k of ['chars', 'steps'] as const) {
      const ratio = w[i]![k] / w[i - 1]![k];
      assert.ok(ratio > 1.7 && ratio < 2.3, `${what}: ${k} ×${ratio.toFixed(2)} when the input doubles (${w.map((x) => x[k]).join(' → ')})`);
    }
  }
}

test('one line of minified JSON: the work doubles when the answer doubles (it was quadratic)', () => {
  assertLinear(listAnswer, 2000, 'minified list');
  const w = work(listAnswer(4000));
  assert.equal(w.found, 4000, 'every JobId is found');
  assert.ok(w.steps / w.found < 40, `${(w.steps / w.found).toFixed(1)} context steps per match`);
});

test('a log without dashes: the work doubles when the log doubles (region search no longer runs past the line)', () => {
  const log = (lines: number): string => Array.from({ length: lines }, (_, i) => (i % 4 === 0 ? `I 091203 submitted JobId=${hex(32)}` : `I 091203 part ${i} md5=${hex(24)}`)).join('\n');
  assertLinear(log, 5000, 'log without dashes');
});

test('many parameters and job ids on one line, or on the lines around: bounded work per match', () => {
  // Every kind of same-line lookup (ClusterId, CasterId/ShowId, project URLs, regions, weak markers) on one line.
  const dense = (n: number): string => Array.from({ length: n }, () => pickDense()).join(' ');
  const pickDense = (): string => {
    const r = rnd();
    if (r < 0.25) return `ClusterId=edge-cluster-${hex(4)} JobId=${uuid()}`;
    if (r < 0.5) return `{"CasterId":"${uuid()}","ShowId":"${uuid()}"}`;
    if (r < 0.7) return `/v2/${hex(32)}/editing/jobs?job_id=${hex(32)}`;
    if (r < 0.85) return `"Timeline":"{}","JobId":"${hex(32)}" cn-shanghai`;
    return `project_id=${hex(16)} job_id=${hex(32)}`;
  };
  assertLinear(dense, 1000, 'dense line');
  // The same entries, indented, a few per line (parameters read from the lines around, blocks handed on).
  const indented = (n: number): string => ['job_array:', ...Array.from({ length: n }, () => `  - ${pickDense()}`)].join('\n');
  assertLinear(indented, 2000, 'indented lines');
  const w = work(indented(4000));
  assert.ok(w.steps / w.found < 60, `${(w.steps / w.found).toFixed(1)} context steps per match`);
});

// ---- Long lines --------------------------------------------------------------------------------------------------

const TRACKED_ID = hex(32);
const TRACKED = new Map<string, JobRef>([[TRACKED_ID, { kind: 'mpc-editing', id: TRACKED_ID, region: 'cn-north-4', params: {} }]]);

/** A random long line of every form the detector reads on one line, with filler between. */
function longLine(chars: number): string {
  const forms: Array<() => string> = [
    () => `{"JobId":"${hex(32)}","Status":"Success"}`,
    () => `"TranscodeTaskId":"${hex(32)}"`,
    () => 'GetEdgeTranscodeJob',
    () => 'GetMediaProducingJob',
    () => `ClusterId=edge-cluster-sh-01 JobId=${uuid()}`,
    () => `"CasterId":"${uuid()}","ShowId":"${uuid()}"`,
    () => `{"ShowId":"${uuid()}"}`,
    () => 'cn-shanghai',
    () => `https://mpc.cn-north-4.myhuaweicloud.com/v2/${hex(32)}/editing/jobs?job_id=${hex(32)}`,
    () => ` media-jobs inspect ice ${hex(32)} ${hex(32)} --region cn-beijing;`,
    () => ` media-jobs watch live-edge --cluster-id c-1 ${uuid()}`,
    () => '"Timeline":"{}"',
    () => `job_id=["${hex(32)}", "${hex(32)}"]`,
    () => `request.withJobId(Arrays.asList("${hex(32)}", "${hex(32)}"))`,
    () => ` ${TRACKED_ID} `,
    () => `x${TRACKED_ID}`,
    () => `md5=${hex(32)} ${uuid().toUpperCase()}`,
    () => ' '.repeat(Math.floor(rnd() * 50)),
    () => 'y'.repeat(Math.floor(rnd() * 3 * SAME_LINE_REACH)),
  ];
  let s = '';
  while (s.length < chars) s += forms[Math.floor(rnd() * forms.length)]!() + (rnd() < 0.5 ? ',' : ' ');
  return s;
}

const json = (ms: unknown[]): string[] => ms.map((m) => JSON.stringify(m));

test('a piece of a long line gives exactly what a scan of the whole line gives there', () => {
  for (let round = 0; round < 12; round++) {
    const line = longLine(LONG_LINE_CHARS + Math.floor(rnd() * 150_000));
    const whole = scanText(line, { tracked: TRACKED });
    assert.ok(whole.length > 20, 'the line holds ids');
    const width = 500 + Math.floor(rnd() * 40_000);
    const pieces = [];
    for (let a = 0; a < line.length; a += width) {
      const b = Math.min(line.length, a + width);
      const pa = Math.max(0, a - PIECE_MARGIN);
      pieces.push(...scanLinePiece(line.slice(pa, Math.min(line.length, b + PIECE_MARGIN)), { line: 0, col: pa, from: a, to: b, tracked: TRACKED }));
    }
    assert.deepEqual(json(pieces), json(whole), `round ${round} (pieces of ${width})`);
  }
});

test('a long line is a record of its own: its ids read no other line, other lines read only its head', () => {
  const filler = 'z'.repeat(LONG_LINE_CHARS);
  // An id on a long line does not take the kind from the call a line above (a short line does).
  assert.deepEqual(scanText(`GetEdgeTranscodeJob\nJobId=${ICE} ${filler}`).map((m) => m.kinds), [['ice', 'live-edge']]);
  assert.deepEqual(scanText(`GetEdgeTranscodeJob\nJobId=${ICE}`).map((m) => m.kinds), [['live-edge']]);
  // The line below a long line sees the marker in its head, not one past it.
  assert.deepEqual(scanText(`GetEdgeTranscodeJob ${filler}\nJobId=${ICE}`).map((m) => [m.line, m.kinds]), [[1, ['live-edge']]]);
  assert.deepEqual(scanText(`${'z'.repeat(LONG_LINE_HEAD)} GetEdgeTranscodeJob ${filler}\nJobId=${ICE}`).map((m) => [m.line, m.kinds]), [[1, ['ice', 'live-edge']]]);
  // A long line's own ids are what they are on that line alone, wherever it sits in a document.
  const line = longLine(LONG_LINE_CHARS + 20_000);
  const alone = scanText(line).map((m) => JSON.stringify({ ...m, line: 3 }));
  const inDoc = scanText(['aliyun live GetEdgeTranscodeJob --ClusterId edge-cluster-sh-01', '  "MediaProducingJob": {', 'cn-north-4', line, '  ClusterId: x-1', 'JobId=1234567'].join('\n'))
    .filter((m) => m.line === 3).map((m) => JSON.stringify(m));
  assert.deepEqual(inDoc, alone);
});

test('on its own line a match reads SAME_LINE_REACH characters either side', () => {
  const far = ' '.repeat(SAME_LINE_REACH + 100);
  const near = ' '.repeat(SAME_LINE_REACH - 100);
  assert.deepEqual(scanText(`"JobId":"${ICE}",${near}"Timeline":"{}"`)[0]?.kinds, ['ice']);
  assert.deepEqual(scanText(`"JobId":"${ICE}",${far}"Timeline":"{}"`)[0]?.kinds, ['ice', 'live-edge']);
  assert.equal(scanText(`JobId=${ICE} ${near} cn-beijing`)[0]?.region, 'cn-beijing');
  assert.equal(scanText(`JobId=${ICE} ${far} cn-beijing`)[0]?.region, undefined);
  const caster = uuid();
  const show = uuid();
  assert.deepEqual(scanText(`CasterId=${caster} ${far} ShowId=${show}`)[0]?.params, {});
  assert.deepEqual(scanText(`CasterId=${caster} ${near} ShowId=${show}`)[0]?.params, { showId: show });
});

test('a look-up on a long line reads a bounded piece of it, whatever its length', () => {
  const reads: number[] = [];
  for (const jobs of [20_000, 80_000]) {
    const line = listAnswer(jobs);
    const at = line.indexOf('"JobId":"', Math.floor(line.length / 2)) + 12;
    resetScanWork();
    const found = detectJobIdAtInText(`GetMediaProducingJob\n${line}\n`, 1, at);
    assert.equal(found?.id, line.slice(at - 3, at + 29), 'the id under the cursor');
    reads.push(scanWork.chars);
    // The piece (PIECE_MARGIN either side of the cursor) read by the key, marker and region passes.
    assert.ok(scanWork.chars < 3 * (2 * PIECE_MARGIN + 600), `${scanWork.chars} characters read`);
  }
  assert.equal(reads[0], reads[1], 'the same work on a line four times as long');
});
