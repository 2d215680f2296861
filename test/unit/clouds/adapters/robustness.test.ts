/**
 * Property-style robustness: whatever a server (or a proxy, or a bug) sends, a kind's parse either returns
 * well-formed jobs or throws a SchemaError — never a TypeError, a RangeError or a half-built Job.
 * Inputs: valid fixtures with random parts replaced, deleted, re-encoded as JSON text or blown up, plus pure
 * junk built from the field names the schemas look at. Seeded, so a failure can be replayed
 * (FUZZ_SEED=<n> node --import tsx --test test/unit/clouds/adapters/robustness.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaError } from '../../../../src/clouds/errors.js';
import { KINDS } from '../../../../src/clouds/adapters/registry.js';
import { type ParseContext } from '../../../../src/clouds/adapters/kindDefinition.js';
import { JOB_KINDS, type JobKind } from '../../../../src/model/job.js';
import { type JobRef } from '../../../../src/model/jobRef.js';
import { buildTimeline } from '../../../fixtures/generate.js';
import { assertWellFormedJob, fixture, fixtureNames } from './support.js';
import { seededRandom as prng } from '../../../support/seededRandom.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const MUTATIONS_PER_FIXTURE = 40;
const JUNK_BODIES_PER_KIND = 150;


/** Field names the five schemas read, so junk objects hit real code paths rather than being ignored. */
const KEYS = [
  'RequestId', 'MediaProducingJob', 'JobId', 'Status', 'Timeline', 'ClipsParam', 'UserData', 'SubJobMaterials', 'MediaURL',
  'Duration', 'Progress', 'CreateTime', 'CompleteTime', 'VideoTracks', 'AudioTracks', 'SubtitleTracks', 'EffectTracks',
  'ImageTracks', 'VideoTrackClips', 'AudioTrackClips', 'SubtitleTrackClips', 'EffectTrackItems', 'MainTrack', 'In', 'Out',
  'TimelineIn', 'TimelineOut', 'Speed', 'Effects', 'ClipId', 'ReferenceClipId', 'Type', 'TranscodeTask', 'TranscodeTaskId',
  'TaskStatus', 'TranscodeJobInfoList', 'TranscodeJobInfo', 'OutputFile', 'VideoStreamList', 'AudioStreamList', 'Filesize',
  'TranscodeJobStatus', 'TranscodeProgress', 'CasterId', 'EditingTasksInfo', 'EditingTaskInfo', 'ShowId', 'StorageInfo',
  'Job', 'LastStartAt', 'LastStopAt', 'StreamOutput', 'job_array', 'job_id', 'status', 'output', 'editing_output',
  'video_info', 'audio_info', 'size', 'size_byte', 'create_time', '__proto__', 'constructor', 'toString',
];

const STRINGS = [
  '', ' ', '0', '1', '-1', '3', '1e999', 'NaN', 'Success', 'Failed', 'SUCCEEDED', 'CompleteAllSucc', 'Transcoding',
  '2024-06-11T02:14:07Z', '2024-02-30 25:61:61', '20240611021407', '99999999999999', '{', '[', '{"a":', '[1,2,]',
  '"[]"', '"\\"[{}]\\""', '{"VideoTracks":[{"VideoTrackClips":[{"Out":"x"}]}]}', 'null', 'true', '[[[[[]]]]]',
  '\u0000\u001f', '\ud800', '🎬'.repeat(10), '__proto__', 'constructor', 'https://b.example/a%ZZ.mp4?x=1',
];

type Rnd = () => number;

function pickOf<T>(rnd: Rnd, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

function junk(rnd: Rnd, depth: number): unknown {
  const r = rnd();
  if (depth <= 0 || r < 0.45) {
    const s = rnd();
    if (s < 0.1) return null;
    if (s < 0.15) return undefined;
    if (s < 0.22) return rnd() < 0.5;
    if (s < 0.4) return pickOf(rnd, [0, -1, 1, 2, 3, 1.5, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 20240611021407, 100, 101]);
    if (s < 0.97) return pickOf(rnd, STRINGS);
    // Occasionally a big string: 1–3 MB of text that is almost JSON.
    return `[${'{"Index":"1"},'.repeat(Math.floor(70_000 + rnd() * 150_000))}`;
  }
  if (r < 0.7) {
    const n = Math.floor(rnd() * 5);
    return Array.from({ length: n }, () => junk(rnd, depth - 1));
  }
  const o: Record<string, unknown> = {};
  const n = Math.floor(rnd() * 6);
  for (let i = 0; i < n; i++) {
    const key = pickOf(rnd, KEYS);
    // defineProperty, so "__proto__" becomes an own key as JSON.parse makes it.
    Object.defineProperty(o, key, { value: junk(rnd, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return o;
}

/** All paths to the nodes of a JSON value. */
function paths(v: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (out.length > 2000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/**
 * Decodes every string that holds JSON (Timeline, stream lists, EditingTasksInfo, …) into its value, so that
 * mutations reach inside them; the kinds accept the decoded form in the same places.
 */
function expandJsonStrings(v: unknown): unknown {
  if (typeof v === 'string') {
    const c = v.trimStart()[0];
    if (c !== '{' && c !== '[' && c !== '"') return v;
    try {
      return expandJsonStrings(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (Array.isArray(v)) return v.map(expandJsonStrings);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandJsonStrings(x)]));
  }
  return v;
}

function mutate(rnd: Rnd, body: unknown): unknown {
  const copy: unknown = rnd() < 0.6 ? expandJsonStrings(body) : structuredClone(body);
  const rounds = 1 + Math.floor(rnd() * 3);
  let root: unknown = copy;
  for (let k = 0; k < rounds; k++) {
    const all = paths(root);
    const path = pickOf(rnd, all);
    if (path.length === 0) {
      root = rnd() < 0.5 ? junk(rnd, 3) : JSON.stringify(root);
      continue;
    }
    let parent: unknown = root;
    for (const p of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[p];
    if (typeof parent !== 'object' || parent === null) continue;
    const last = path[path.length - 1] as string | number;
    const holder = parent as Record<string | number, unknown>;
    const op = rnd();
    if (op < 0.25) delete holder[last];
    else if (op < 0.55) holder[last] = junk(rnd, 3);
    else if (op < 0.75) holder[last] = JSON.stringify(holder[last] ?? null); // JSON inside a string
    else if (op < 0.85) holder[last] = typeof holder[last] === 'number' ? String(holder[last]) : holder[last];
    else if (op < 0.95) holder[last] = [holder[last], junk(rnd, 2)];
    else holder[last] = 'x'.repeat(1 << 20);
  }
  return root;
}

function randomContext(rnd: Rnd, kind: JobKind): ParseContext {
  const refs: JobRef[] = [];
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    const params: JobRef['params'] = {};
    if (rnd() < 0.5) params.casterId = `caster-${i}`;
    if (rnd() < 0.3) params.showId = `show-${i}`;
    if (rnd() < 0.5) params.clusterId = `cluster-${i}`;
    if (rnd() < 0.7) params.projectId = 'p1';
    refs.push({ kind, id: `id-${i}`, region: 'cn-shanghai', params });
  }
  return { refs, region: rnd() < 0.8 ? 'cn-shanghai' : '', requestId: rnd() < 0.5 ? 'hdr-req' : null };
}

/** Parses and checks the contract: jobs well-formed, or a SchemaError naming this API. */
function check(kind: JobKind, body: unknown, context: ParseContext, label: string): 'jobs' | 'schema' {
  let result;
  try {
    result = KINDS[kind].parse(body, context);
  } catch (e) {
    if (e instanceof SchemaError) {
      assert.equal(e.api, KINDS[kind].api, label);
      assert.ok(e.field.length > 0, label);
      return 'schema';
    }
    assert.fail(`${label}: threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
  }
  assert.ok(Array.isArray(result.jobs) && Array.isArray(result.missing), label);
  for (const job of result.jobs) {
    try {
      assertWellFormedJob(job);
    } catch (e) {
      assert.fail(`${label}: malformed job: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const m of result.missing) assert.equal(typeof m, 'string', label);
  return 'jobs';
}

describe(`robustness: random junk into every kind's parse (seed ${SEED})`, () => {
  for (const kind of JOB_KINDS) {
    it(`${kind}: mutated fixtures and junk bodies give jobs or a SchemaError, nothing else`, () => {
      const rnd = prng(SEED ^ kind.length * 7919);
      const outcomes = { jobs: 0, schema: 0 };
      for (const name of fixtureNames(kind)) {
        const body = fixture(kind, name);
        for (let i = 0; i < MUTATIONS_PER_FIXTURE; i++) {
          outcomes[check(kind, mutate(rnd, body), randomContext(rnd, kind), `${kind}/${name} mutation ${i}`)]++;
        }
      }
      for (let i = 0; i < JUNK_BODIES_PER_KIND; i++) {
        outcomes[check(kind, junk(rnd, 5), randomContext(rnd, kind), `${kind} junk ${i}`)]++;
      }
      // Both outcomes must actually happen, or the generator is not reaching the code it means to test.
      assert.ok(outcomes.jobs > 50, `only ${outcomes.jobs} inputs mapped`);
      assert.ok(outcomes.schema > 20, `only ${outcomes.schema} inputs refused`);
    });
  }

  it('deeply nested values, cyclic-free but 50,000 levels deep, do not overflow the stack', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    let deepObj: unknown = {};
    for (let i = 0; i < 50_000; i++) deepObj = { EditingTaskInfo: deepObj };
    const bodies: Array<[JobKind, unknown]> = [
      ['ice', { MediaProducingJob: { JobId: 'j', Status: deep, Timeline: { VideoTracks: deep }, ClipsParam: deep, UserData: deep } }],
      ['vod', { TranscodeTask: { TranscodeTaskId: 't', TaskStatus: deep, TranscodeJobInfoList: deep } }],
      ['live-editing', { CasterId: 'c', EditingTasksInfo: deepObj }],
      ['live-editing', { CasterId: 'c', EditingTasksInfo: deep }],
      ['live-edge', { Job: { JobId: 'e', Status: deepObj, Name: deep } }],
      ['mpc-editing', { job_array: [{ job_id: 'm', status: deep, editing_output: { audio_info: deep } }] }],
    ];
    for (const [kind, body] of bodies) check(kind, body, { refs: [], region: 'r', requestId: null }, `${kind} deep`);
  });

  it('JSON with "__proto__" keys neither crashes nor pollutes Object.prototype', () => {
    const body = JSON.parse('{"__proto__":{"polluted":1},"MediaProducingJob":{"JobId":"j","__proto__":{"Status":"Success"},'
      + '"Timeline":"{\\"__proto__\\":{\\"VideoTracks\\":1},\\"VideoTracks\\":[{\\"__proto__\\":{}}]}"}}');
    check('ice', body, { refs: [], region: 'r', requestId: null }, 'proto');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(KINDS.ice.parse(body, { refs: [], region: 'r', requestId: null }).jobs[0]?.status, 'unknown');
  });

  it('a Timeline over the 20 MB cap is refused as a parse error (before JSON.parse), and the job still maps', () => {
    const huge = JSON.stringify(buildTimeline(40)).padEnd(21 * 1024 * 1024, ' ');
    const job = KINDS.ice.parse({ MediaProducingJob: { JobId: 'j', Status: 'Success', Timeline: huge } }, { refs: [], region: 'r', requestId: null }).jobs[0];
    assert.ok(job?.timeline?.parseError?.includes('too large'));
    assert.equal(job?.status, 'succeeded');
  });
});
