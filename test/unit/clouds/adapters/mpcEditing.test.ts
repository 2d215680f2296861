import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../../../../src/clouds/errors.js';
import { metadataPairs, mpcEditingKind } from '../../../../src/clouds/adapters/mpcEditing.js';
import { isTerminal, type Job } from '../../../../src/model/job.js';
import { type JobRef } from '../../../../src/model/jobRef.js';
import { assertWellFormedJob, ctx, expectSchemaError, fixture, fixtureRecord, onlyJob, parseFixture, ref } from './support.js';

const API = 'mpc:ListEditingJobs';
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

function mpcRef(id: string, projectId = PROJECT): JobRef {
  return ref('mpc-editing', id, { projectId }, 'cn-north-4');
}

function byId(jobs: Job[], id: string): Job {
  const j = jobs.find((x) => x.id === id);
  assert.ok(j !== undefined, `no job ${id}`);
  return j;
}

describe('mpc-editing: ListEditingJobs mapping', () => {
  const batch = fixtureRecord('mpc-editing', 'batch').job_array as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const ids = batch.map((j) => j.job_id as string);
  const r = parseFixture('mpc-editing', 'batch', ctx(ids.map((id) => mpcRef(id)), 'req-9f1c-1718071234-host', 'cn-north-4'));

  it('a batch: one job per element, every status value, nothing missing', () => {
    r.jobs.forEach(assertWellFormedJob);
    assert.deepEqual(r.jobs.map((j) => [j.status, j.rawStatus]), [
      ['succeeded', 'SUCCEEDED'], ['running', 'PROCESSING'], ['queued', 'WAITING'], ['failed', 'FAILED'],
    ]);
    assert.deepEqual(r.missing, []);
    for (const j of r.jobs) {
      assert.equal(j.kind, 'mpc-editing');
      assert.equal(j.cloud, 'huawei');
      assert.equal(j.region, 'cn-north-4');
      assert.equal(j.requestId, 'req-9f1c-1718071234-host'); // from the X-Request-Id header
      assert.deepEqual(j.params, { projectId: PROJECT });
    }
    assert.deepEqual(byId(r.jobs, ids[0] ?? '').raw, batch[0]);
  });

  it('extras: video_info, audio_info (and metadata) as received', () => {
    const job = byId(r.jobs, ids[0] ?? '');
    const raw = batch[0] as { editing_output: { video_info: unknown; audio_info: unknown } };
    assert.deepEqual(job.extras, [{ title: 'video_info', value: raw.editing_output.video_info }, { title: 'audio_info', value: raw.editing_output.audio_info }]);
    const withMeta = mpcEditingKind.parse({ job_array: [{ job_id: 'j1', metadata: [{ k: 'v' }] }] }, ctx()).jobs[0];
    assert.deepEqual(withMeta?.extras, [{ title: 'metadata', value: [{ k: 'v' }] }]);
  });

  it('succeeded: Huawei times as ISO UTC, output from ObsObjInfo and editing_output, streams', () => {
    const job = byId(r.jobs, ids[0] ?? '');
    assert.equal(job.createdAt, '2024-06-11T02:14:07Z');
    assert.equal(job.startedAt, '2024-06-11T02:14:10Z');
    assert.equal(job.completedAt, '2024-06-11T02:17:33Z');
    assert.equal(job.progress, 100);
    assert.equal(job.durationSeconds, 95);
    assert.equal(job.name, 'promo-succeeded.mp4');
    assert.deepEqual(job.userData, { order: 'A-1029' });
    assert.equal(job.error, null);
    const o = job.outputs[0];
    assert.ok(o !== undefined);
    assert.deepEqual(
      [o.label, o.url, o.storageLocation, o.fileName, o.sizeBytes, o.format, o.width, o.height, o.bitrateKbps, o.durationSeconds, o.fps],
      ['promo-succeeded.mp4', 'obs://acme-mpc-out/edits/2024/06/promo-succeeded.mp4', 'acme-mpc-out (cn-north-4)', 'promo-succeeded.mp4', 24076288, 'MP4', 1920, 1080, 1980, 95, 25],
    );
    assert.deepEqual(job.streams.map((s) => [s.type, s.output, s.codec, s.width, s.height, s.fps, s.bitrateKbps, s.sampleRate, s.channels]), [
      ['video', 'promo-succeeded.mp4', 'H.264', 1920, 1080, 25, 1980, null, null],
      ['audio', 'promo-succeeded.mp4', 'AAC', null, null, null, 128, 48000, 2],
    ]);
  });

  it('running, waiting and failed jobs', () => {
    assert.equal(byId(r.jobs, ids[1] ?? '').progress, 55);
    assert.equal(byId(r.jobs, ids[1] ?? '').completedAt, null);
    assert.equal(byId(r.jobs, ids[2] ?? '').startedAt, null);
    const failed = byId(r.jobs, ids[3] ?? '');
    assert.deepEqual(failed.error, {
      code: 'MPC.10053', message: 'The input file does not exist in OBS: acme-mpc-in/raw/take-07.mov',
      hint: 'the input file was not found in OBS; check the bucket and object path',
    });
    // Empty user_data is absent, not an empty string.
    assert.equal(failed.userData, null);
  });

  it('size in KB when size_byte is absent; bit/s when kbit/s is absent; several audio streams', () => {
    const job = onlyJob('mpc-editing', 'size-kb');
    assert.equal(job.outputs[0]?.sizeBytes, 7000 * 1024);
    assert.equal(job.outputs[0]?.bitrateKbps, 1800);
    assert.deepEqual(job.streams.map((s) => [s.type, s.codec, s.channels, s.bitrateKbps]), [
      ['video', 'H.265', null, 1800], ['audio', 'AAC', 2, 96], ['audio', 'AAC', 6, 384],
    ]);
  });

  it('numbers as strings, a time as a number, audio_info as a lone object', () => {
    const job = onlyJob('mpc-editing', 'numbers-as-strings');
    assert.equal(job.progress, 100);
    assert.equal(job.createdAt, '2024-06-11T02:14:07Z');
    assert.equal(job.durationSeconds, 61);
    assert.deepEqual([job.outputs[0]?.sizeBytes, job.outputs[0]?.width, job.outputs[0]?.bitrateKbps], [15360000, 1920, 2000]);
    assert.deepEqual(job.streams.map((s) => [s.type, s.sampleRate]), [['video', null], ['audio', 48000]]);
  });

  it('a CANCELED job is cancelled, which is terminal (the EditingJob model\'s value; not in QueryEditingJob\'s list)', () => {
    const job = onlyJob('mpc-editing', 'canceled');
    assert.deepEqual([job.status, job.rawStatus], ['cancelled', 'CANCELED']);
    assert.equal(isTerminal(job.status), true);
  });

  it('a FAILED job with its text only in description, and outputs without a file_name (folders, as ObsObjInfo says)', () => {
    // ObsObjInfo (huaweicloud-sdk-mpc v1): an output's object is the folder; the file is object/file_name when
    // file_name is given, else a name MPC chooses. EditingJob's description is the error description.
    const r = parseFixture('mpc-editing', 'folder-output-description');
    r.jobs.forEach(assertWellFormedJob);
    const [failed, done] = r.jobs as [Job, Job];
    assert.deepEqual([failed.status, failed.error?.code, failed.error?.message], ['failed', '', 'The input file is not found.']);
    assert.deepEqual([failed.outputs[0]?.url, failed.outputs[0]?.fileName, failed.outputs[0]?.label],
      ['obs://acme-mpc-out/edits/2024/06/', null, 'obs://acme-mpc-out/edits/2024/06/']);
    assert.deepEqual([done.outputs[0]?.url, done.outputs[0]?.fileName], ['obs://acme-mpc-out/edits/2024/06/', null], 'not a file named "06"');
    assert.equal(done.name, null, 'a folder is no name');
  });

  it('ids asked for but absent from job_array are missing', () => {
    const present = (fixtureRecord('mpc-editing', 'partial-batch').job_array as Array<{ job_id: string }>).map((j) => j.job_id);
    const asked = [...present, 'ffffffffffffffffffffffffffffffff'].map((id) => mpcRef(id));
    const res = parseFixture('mpc-editing', 'partial-batch', ctx(asked));
    assert.deepEqual(res.jobs.map((j) => j.id), present);
    assert.deepEqual(res.missing, ['ffffffffffffffffffffffffffffffff']);
    assert.deepEqual(parseFixture('mpc-editing', 'empty', ctx([mpcRef('a1'), mpcRef('a2')])), { jobs: [], missing: ['a1', 'a2'] });
  });

  it('missing optional fields, extra fields and metadata (kept in raw)', () => {
    const min = onlyJob('mpc-editing', 'minimal');
    assert.deepEqual([min.status, min.rawStatus, min.name, min.createdAt, min.progress], ['unknown', '', null, null, null]);
    assert.deepEqual([min.outputs, min.streams], [[], []]);
    const extra = onlyJob('mpc-editing', 'extra-fields');
    assert.equal(extra.status, 'succeeded');
    assert.deepEqual((extra.raw as { metadata: unknown }).metadata, [{ key: 'title', value: 'Promo' }, { key: 'artist', value: 'ACME' }]);
    assert.deepStrictEqual(extra.extras?.find((x) => x.title === 'metadata')?.value, { title: 'Promo', artist: 'ACME' });
  });

  it('metadata: name/value pairs become a table; other shapes, duplicates and hostile names stay as received', () => {
    const meta = (metadata: unknown): unknown => mpcEditingKind.parse({ job_array: [{ job_id: 'j1', metadata }] }, ctx()).jobs[0]?.extras?.find((x) => x.title === 'metadata')?.value;
    assert.deepStrictEqual(meta([{ name: 'title', value: 'Promo' }, { name: 'rating', value: 5 }]), { title: 'Promo', rating: 5 });
    assert.deepStrictEqual(metadataPairs([{ name: '__proto__', value: 'x' }]), JSON.parse('{"__proto__":"x"}'));
    assert.equal(Object.getPrototypeOf(metadataPairs([{ name: '__proto__', value: { polluted: true } }])), Object.prototype);
    assert.deepEqual(meta([{ name: 'a', value: 1 }, { name: 'a', value: 2 }]), [{ name: 'a', value: 1 }, { name: 'a', value: 2 }]);
    assert.deepEqual(meta([{ name: 'a' }]), [{ name: 'a' }]);
    assert.deepEqual(meta({ title: 'x' }), { title: 'x' });
    assert.equal(meta([]), undefined);
  });

  it('OBS location: the output is stored in bucket (region); a folder output keeps no file name', () => {
    const [failed, folder] = parseFixture('mpc-editing', 'folder-output-description').jobs;
    assert.equal(failed?.outputs[0]?.storageLocation, 'acme-mpc-out (cn-north-4)');
    assert.equal(folder?.outputs[0]?.url, 'obs://acme-mpc-out/edits/2024/06/');
    const onlyRegion = mpcEditingKind.parse({ job_array: [{ job_id: 'j1', output: { location: 'cn-east-3', object: 'o' } }] }, ctx()).jobs[0];
    assert.equal(onlyRegion?.outputs[0]?.storageLocation, 'OBS cn-east-3');
  });

  it('elements that are not jobs are skipped; bad times are null', () => {
    const res = parseFixture('mpc-editing', 'bad-elements');
    assert.equal(res.jobs.length, 1);
    assert.equal(res.jobs[0]?.createdAt, '2024-06-11T02:14:07Z'); // ISO accepted as well
    assert.equal(res.jobs[0]?.startedAt, null); // month 13
  });

  it('a body without job_array is a SchemaError; the request id comes from the header', () => {
    const e = expectSchemaError(() => mpcEditingKind.parse(fixture('mpc-editing', 'missing-job-array'), ctx([], 'hdr-req-1')), API, 'job_array');
    assert.equal(e.requestId, 'hdr-req-1');
    expectSchemaError(() => mpcEditingKind.parse({ job_array: {} }, ctx()), API, 'job_array');
  });
});

describe('mpc-editing: definition and buildCall', () => {
  it('describes the API: batches of 10, projectId required, 100 calls a minute', () => {
    assert.deepEqual([mpcEditingKind.kind, mpcEditingKind.cloud, mpcEditingKind.api, mpcEditingKind.rateLimit, mpcEditingKind.batchSize, mpcEditingKind.endpoint.product],
      ['mpc-editing', 'huawei', API, { capacity: 100, perMs: 60_000 }, 10, 'mpc']);
  });

  it('one call carries up to ten ids as repeated job_id', () => {
    const refs = Array.from({ length: 10 }, (_, i) => mpcRef(`job${i}`));
    const call = mpcEditingKind.buildCall(refs, 'cn-north-4');
    assert.deepEqual(call, {
      cloud: 'huawei', service: 'mpc', method: 'GET', path: `/v2/${PROJECT}/editing/jobs`,
      query: refs.map((x) => ['job_id', x.id]), projectId: PROJECT,
    });
  });

  it('the same id twice is asked once', () => {
    const call = mpcEditingKind.buildCall([mpcRef('a'), mpcRef('b'), mpcRef('a')], 'cn-north-4');
    assert.ok(call.cloud === 'huawei');
    assert.deepEqual(call.query, [['job_id', 'a'], ['job_id', 'b']]);
  });

  // Unusable ids and projects never reach buildCall: the client checks every reference first (refChecks.test.ts).
  it('refuses eleven ids and a missing or mixed project', () => {
    assert.throws(() => mpcEditingKind.buildCall(Array.from({ length: 11 }, (_, i) => mpcRef(`j${i}`)), 'cn-north-4'), ConfigError);
    assert.throws(() => mpcEditingKind.buildCall([ref('mpc-editing', 'j1')], 'cn-north-4'), /projectId/);
    assert.throws(() => mpcEditingKind.buildCall([mpcRef('j1'), mpcRef('j2', 'otherproject')], 'cn-north-4'), /one project/);
  });
});
