import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MappedStatus } from '../../../../src/clouds/adapters/status.js';
import { iceStatus } from '../../../../src/clouds/adapters/ice.js';
import { liveEdgeStatus } from '../../../../src/clouds/adapters/liveEdge.js';
import { liveEditingStatus } from '../../../../src/clouds/adapters/liveEditing.js';
import { mpcStatus } from '../../../../src/clouds/adapters/mpcEditing.js';
import { vodJobStatus, vodTaskStatus } from '../../../../src/clouds/adapters/vod.js';
import { type JobStatus } from '../../../../src/model/job.js';

function check(map: (raw: unknown) => MappedStatus, cases: Array<[unknown, JobStatus, string]>): void {
  for (const [raw, status, rawStatus] of cases) {
    assert.deepEqual(map(raw), { status, rawStatus }, `${map.name}(${JSON.stringify(raw)})`);
  }
}

/** Values no kind knows: each must come out as unknown, with the raw value as text, and never throw. */
const JUNK: Array<[unknown, string]> = [
  [undefined, ''], [null, ''], ['', ''], ['Cancelled', 'Cancelled'], [42, '42'], [true, 'true'],
  [{ s: 1 }, '{"s":1}'], [['Success'], '["Success"]'], ['constructor', 'constructor'], ['__proto__', '__proto__'],
  ['toString', 'toString'],
];

describe('status mapping (ARCHITECTURE.md)', () => {
  it('ICE: Init, Queuing → queued; Processing → running; Success → succeeded; Failed → failed', () => {
    check(iceStatus, [
      ['Init', 'queued', 'Init'], ['Queuing', 'queued', 'Queuing'], ['Processing', 'running', 'Processing'],
      ['Success', 'succeeded', 'Success'], ['Failed', 'failed', 'Failed'], ['success', 'unknown', 'success'],
    ]);
  });

  it('VOD task: Processing, Partial → running; CompleteAllSucc → succeeded; CompleteAllFail → failed; CompletePartialSucc → partial', () => {
    check(vodTaskStatus, [
      ['Processing', 'running', 'Processing'], ['Partial', 'running', 'Partial'],
      ['CompleteAllSucc', 'succeeded', 'CompleteAllSucc'], ['CompleteAllFail', 'failed', 'CompleteAllFail'],
      ['CompletePartialSucc', 'partial', 'CompletePartialSucc'],
    ]);
  });

  it('VOD job item: Transcoding → running; TranscodeSuccess → succeeded; TranscodeFail → failed', () => {
    check(vodJobStatus, [
      ['Transcoding', 'running', 'Transcoding'], ['TranscodeSuccess', 'succeeded', 'TranscodeSuccess'],
      ['TranscodeFail', 'failed', 'TranscodeFail'],
    ]);
  });

  it('Live editing TaskStatus, as numbers or numeric strings: 0 → queued; 1, 2 → running; 3 → succeeded; -1 → failed', () => {
    check(liveEditingStatus, [
      [0, 'queued', '0'], ['0', 'queued', '0'], [1, 'running', '1'], ['1', 'running', '1'], [2, 'running', '2'],
      ['2', 'running', '2'], [3, 'succeeded', '3'], ['3', 'succeeded', '3'], [-1, 'failed', '-1'], ['-1', 'failed', '-1'],
      [4, 'unknown', '4'], [1.5, 'unknown', '1.5'], ['one', 'unknown', 'one'],
    ]);
  });

  it('MPC: WAITING → queued; PROCESSING → running; SUCCEEDED → succeeded; FAILED → failed', () => {
    check(mpcStatus, [
      ['WAITING', 'queued', 'WAITING'], ['PROCESSING', 'running', 'PROCESSING'], ['SUCCEEDED', 'succeeded', 'SUCCEEDED'],
      ['FAILED', 'failed', 'FAILED'], ['PAUSED', 'unknown', 'PAUSED'],
    ]);
  });

  it('MPC, the values of the same service\'s EditingJob model (huaweicloud-sdk-mpc v1 editing_job.py) and request enum', () => {
    check(mpcStatus, [
      ['INIT', 'queued', 'INIT'], ['PREPROCESSING', 'running', 'PREPROCESSING'], ['SUCCEED', 'succeeded', 'SUCCEED'],
      ['CANCELED', 'cancelled', 'CANCELED'],
    ]);
  });

  it('Live edge: "0" → stopped; "1" → running (numbers too)', () => {
    check(liveEdgeStatus, [['0', 'stopped', '0'], ['1', 'running', '1'], [0, 'stopped', '0'], [1, 'running', '1'], ['2', 'unknown', '2']]);
  });

  it('anything else is unknown with the raw value kept as text (a missing status is "")', () => {
    for (const map of [iceStatus, vodTaskStatus, vodJobStatus, mpcStatus, liveEdgeStatus, liveEditingStatus]) {
      for (const [raw, rawStatus] of JUNK) {
        const r = map(raw);
        assert.equal(r.status, 'unknown', `${map.name}(${String(raw)})`);
        assert.equal(r.rawStatus, rawStatus);
      }
    }
  });
});
