// Deeply nested JSON (10 KB of `[[[[…`, 5,000 levels) parses fine but breaks every JSON.stringify after it
// ("Maximum call stack size exceeded"): the store's saves, `--json`, the inspector's raw view. Nesting is bounded
// where text is parsed, so the job is kept and only the too-deep part becomes a marker.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readResponse } from '../../../../src/clouds/http/readResponse.js';
import { iceKind } from '../../../../src/clouds/adapters/ice.js';
import { liveEditingKind } from '../../../../src/clouds/adapters/liveEditing.js';
import { parseTimeline } from '../../../../src/clouds/adapters/timeline.js';
import { parseJsonText } from '../../../../src/clouds/adapters/wire.js';
import { boundDepth, deeperThan, MAX_JSON_DEPTH, parseJsonBounded, stringifyBounded, tooDeepMarker } from '../../../../src/util/boundDepth.js';
import { ctx, fixtureRecord, ref } from './support.js';

const LEVELS = 5_000;
const MARKER = tooDeepMarker();
/** `{"a":{"a":…{"a":1}…}}`, `levels` objects deep. */
const deepObjectText = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const deepArrayText = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** How many containers deep a value is (iterative, so it can measure anything). */
function depthOf(v: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    max = Math.max(max, d);
    for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return max;
}

describe('boundDepth (src/util/boundDepth.ts)', () => {
  it('the premise: JSON.parse takes 5,000 levels, JSON.stringify does not', () => {
    const v: unknown = JSON.parse(deepArrayText(LEVELS));
    assert.throws(() => JSON.stringify(v), RangeError);
  });

  it('keeps 64 levels, replaces the 65th with the marker, and copies only the way down to it', () => {
    assert.equal(MARKER, '[nested deeper than 64 levels: omitted]');
    const exact = JSON.parse(deepObjectText(MAX_JSON_DEPTH));
    assert.equal(deeperThan(exact), false);
    assert.equal(boundDepth(exact), exact, 'nothing too deep: the same value');
    assert.equal(deeperThan(parseJsonBounded(deepObjectText(MAX_JSON_DEPTH + 1))), false);

    const sibling = { keep: [1, 2, { x: 'y' }] };
    const input = { sibling, deep: JSON.parse(deepObjectText(LEVELS)) };
    const out = boundDepth(input) as { sibling: unknown; deep: unknown };
    assert.equal(out.sibling, sibling, 'untouched parts are shared, not copied');
    assert.equal(depthOf(out), MAX_JSON_DEPTH);
    let cur: unknown = out.deep;
    for (let level = 3; level <= MAX_JSON_DEPTH; level++) cur = (cur as { a: unknown }).a; // down to level 64
    assert.equal((cur as { a: unknown }).a, MARKER);
    assert.ok(deeperThan(input.deep), 'the input is not modified');
  });

  it('parseJsonBounded: deep arrays and objects alike, errors as JSON.parse throws them, __proto__ kept as a key', () => {
    const arr = parseJsonBounded(deepArrayText(LEVELS));
    assert.doesNotThrow(() => JSON.stringify(arr));
    assert.equal(depthOf(arr), MAX_JSON_DEPTH);
    assert.ok(JSON.stringify(arr).includes(MARKER));
    assert.throws(() => parseJsonBounded('{"a":'), SyntaxError);
    const proto = parseJsonBounded(`{"__proto__":{"polluted":true},"d":${deepArrayText(100)}}`) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
    assert.deepEqual(Object.keys(proto), ['__proto__', 'd']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('stringifyBounded never throws: deep values are cut, a BigInt says why', () => {
    const text = stringifyBounded({ v: JSON.parse(deepArrayText(LEVELS)) }, 2);
    assert.ok(text.includes(MARKER));
    assert.match(stringifyBounded({ n: 1n }), /could not be shown as JSON/);
    assert.equal(stringifyBounded(undefined), 'null');
  });
});

describe('deep JSON from the clouds is bounded where it is parsed', () => {
  it('readResponse: a 5,000-level body keeps its answer; the deep part is a marker', () => {
    const body = `{"RequestId":"R-1","MediaProducingJob":{"JobId":"j1","Status":"Success","UserData":${deepArrayText(LEVELS)}}}`;
    const r = readResponse('aliyun', 'ice:GetMediaProducingJob', { status: 200, headers: { 'content-type': 'application/json' }, body });
    assert.equal(r.requestId, 'R-1');
    assert.doesNotThrow(() => JSON.stringify(r.body));
    assert.ok(JSON.stringify(r.body).includes(MARKER));
    assert.ok(depthOf(r.body) <= MAX_JSON_DEPTH);
  });

  it('parseJsonText (JSON held in strings), also when encoded twice', () => {
    const once = parseJsonText(deepObjectText(LEVELS));
    assert.ok(once.ok);
    assert.doesNotThrow(() => JSON.stringify(once.value));
    const twice = parseJsonText(JSON.stringify(deepArrayText(LEVELS)));
    assert.ok(twice.ok);
    assert.ok(depthOf(twice.value) <= MAX_JSON_DEPTH);
  });

  it('an ICE job with 5,000 levels in UserData, ClipsParam and a Timeline clip: the job is kept and serializes (the --json path)', () => {
    const deepClip = `{"MediaURL":"https://example.com/a.mp4","In":0,"Out":2,"Extra":${deepObjectText(LEVELS)}}`;
    const timeline = `{"VideoTracks":[{"MainTrack":true,"VideoTrackClips":[${deepClip}]}]}`;
    const text = JSON.stringify({
      RequestId: 'R-2',
      MediaProducingJob: {
        JobId: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', Status: 'Success', UserData: deepArrayText(LEVELS),
        ClipsParam: deepObjectText(LEVELS), Timeline: timeline,
      },
    });
    const { body, requestId } = readResponse('aliyun', 'ice:GetMediaProducingJob', { status: 200, headers: {}, body: text });
    const { jobs } = iceKind.parse(body, ctx([], requestId));
    assert.equal(jobs.length, 1);
    const job = jobs[0]!;
    assert.equal(job.status, 'succeeded');
    assert.equal(job.timeline?.parseError, null);
    assert.equal(job.timeline?.tracks[0]?.clips[0]?.mediaUrl, 'https://example.com/a.mp4');
    const json = JSON.stringify(jobs, null, 2); // what `media-jobs inspect --json` prints
    assert.ok(json.includes(MARKER));
    assert.ok(depthOf(job.userData) <= MAX_JSON_DEPTH && depthOf(job.clipsParam) <= MAX_JSON_DEPTH);
  });

  it('parseTimeline given an object (not text) bounds it too', () => {
    const root = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'm1', In: 0, Out: 1, Deep: JSON.parse(deepArrayText(LEVELS)) }] }] };
    const tl = parseTimeline(root);
    assert.ok(tl && tl.parseError === null);
    assert.doesNotThrow(() => JSON.stringify(tl));
  });

  it('live editing: deep junk inside EditingTasksInfo text does not reach the job', () => {
    const f = fixtureRecord('live-editing', 'object');
    const task = { ...f.EditingTasksInfo, Junk: JSON.parse(deepArrayText(100)) };
    const inner = JSON.stringify(task).replace('"Junk":[', `"Junk":${'['.repeat(LEVELS)}`).replace(/\]\}$/, `${']'.repeat(LEVELS)}}`);
    const r = liveEditingKind.parse({ ...f, EditingTasksInfo: inner }, ctx([ref('live-editing', f.CasterId)]));
    assert.equal(r.jobs.length, 1);
    assert.doesNotThrow(() => JSON.stringify(r.jobs));
  });
});
