import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vodKind } from '../../../../src/clouds/adapters/vod.js';
import { type JobOutput, type MediaStream } from '../../../../src/model/job.js';
import { ctx, expectSchemaError, fixture, fixtureRecord, onlyJob, ref } from './support.js';

const API = 'vod:GetTranscodeTask';

function out(outputs: JobOutput[], i: number): JobOutput {
  const o = outputs[i];
  assert.ok(o !== undefined, `no output ${i}`);
  return o;
}

function pick(s: MediaStream): unknown[] {
  return [s.type, s.output, s.index, s.codec, s.width, s.height, s.fps, s.bitrateKbps, s.channels, s.channelLayout, s.sampleRate, s.durationSeconds, s.language];
}

describe('vod: GetTranscodeTask mapping', () => {
  it('success: one job, one output per transcode job with its file facts', () => {
    const f = fixtureRecord('vod', 'success');
    const t = f.TranscodeTask;
    const job = onlyJob('vod', 'success');
    assert.equal(job.id, t.TranscodeTaskId);
    assert.equal(job.name, t.VideoId);
    assert.equal(job.templateId, t.TranscodeTemplateGroupId);
    assert.deepEqual([job.status, job.rawStatus, job.progress, job.error], ['succeeded', 'CompleteAllSucc', null, null]);
    assert.equal(job.createdAt, '2024-06-11T04:09:58Z');
    assert.equal(job.completedAt, '2024-06-11T04:12:31Z');
    assert.equal(job.requestId, f.RequestId);
    assert.equal(job.outputs.length, 3);
    const ld = out(job.outputs, 0);
    const item = t.TranscodeJobInfoList[0];
    assert.deepEqual(
      [ld.label, ld.definition, ld.status, ld.rawStatus, ld.progress, ld.url, ld.format, ld.sizeBytes, ld.width, ld.height, ld.bitrateKbps, ld.durationSeconds, ld.fps],
      [item.TranscodeJobId, 'LD', 'succeeded', 'TranscodeSuccess', 100, item.OutputFile.OutputFileUrl, 'm3u8', 11433812, 640, 360, 496.1, 184.32, 25],
    );
    assert.match(ld.fileName ?? '', /-ld-00001\.m3u8$/);
    // ErrorCode "200" with an empty message is the docs' way of saying "no error".
    assert.equal(ld.error, null);
    assert.deepEqual(job.outputs.map((o) => o.definition), ['LD', 'SD', 'HD']);
  });

  it('success: streams from the JSON-string lists (one doubly encoded), every number a number', () => {
    const t = fixtureRecord('vod', 'success').TranscodeTask;
    const job = onlyJob('vod', 'success');
    assert.equal(job.streams.length, 6);
    const ldId = t.TranscodeJobInfoList[0].TranscodeJobId;
    const hdId = t.TranscodeJobInfoList[2].TranscodeJobId;
    assert.deepEqual(pick(job.streams[0] as MediaStream), ['video', ldId, 0, 'h264', 640, 360, 25, 400.1, null, null, null, 184.32, 'und']);
    assert.equal(job.streams[0]?.profile, 'High');
    assert.equal(job.streams[0]?.codecLongName, 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10');
    assert.deepEqual(pick(job.streams[1] as MediaStream), ['audio', ldId, 1, 'aac', null, null, null, 96.012, 2, 'stereo', 44100, 184.372245, 'und']);
    // The HD item's AudioStreamList is JSON text encoded twice.
    const hdAudio = job.streams.filter((s) => s.output === hdId && s.type === 'audio');
    assert.equal(hdAudio.length, 1);
    assert.equal(hdAudio[0]?.sampleRate, 44100);
  });

  it('failed: each output carries its error; the job error summarizes them', () => {
    const job = onlyJob('vod', 'failed');
    assert.deepEqual([job.status, job.rawStatus], ['failed', 'CompleteAllFail']);
    assert.deepEqual(job.error, {
      code: 'InvalidInput.NoVideoStream', message: '2 of 2 transcode jobs failed; first: The input file has no decodable video stream.',
      hint: 'the job was rejected as invalid: check the template and parameters named in the message',
    });
    for (const o of job.outputs) {
      assert.deepEqual([o.status, o.rawStatus, o.url], ['failed', 'TranscodeFail', null]);
      assert.deepEqual(o.error, { code: 'InvalidInput.NoVideoStream', message: 'The input file has no decodable video stream.' });
    }
    assert.deepEqual(job.streams, []);
  });

  it('partial: status partial; the error names the failing output only', () => {
    const job = onlyJob('vod', 'partial');
    assert.deepEqual([job.status, job.rawStatus], ['partial', 'CompletePartialSucc']);
    assert.deepEqual(job.error, {
      code: 'Transcode.ResolutionExceeded', message: '1 of 2 transcode jobs failed; first: The output resolution exceeds the resolution of the input.',
      hint: 'a parameter is above what the service allows (e.g. the output size): check the output settings named in the message',
    });
    assert.equal(out(job.outputs, 0).error, null);
    assert.equal(out(job.outputs, 1).definition, '4K');
  });

  it('running (Processing and Partial): progress is the average of the outputs', () => {
    const processing = onlyJob('vod', 'processing');
    assert.deepEqual([processing.status, processing.rawStatus, processing.progress], ['running', 'Processing', 60]);
    assert.deepEqual(processing.outputs.map((o) => [o.status, o.progress]), [['succeeded', 100], ['running', 20]]);
    assert.equal(processing.completedAt, null);
    const partial = onlyJob('vod', 'status-partial');
    assert.deepEqual([partial.status, partial.rawStatus, partial.progress], ['running', 'Partial', 85]);
  });

  it('unknown statuses of the task and of its jobs are kept raw', () => {
    const job = onlyJob('vod', 'status-unknown');
    assert.deepEqual([job.status, job.rawStatus, job.progress, job.error], ['unknown', 'Stopped', null, null]);
    assert.deepEqual([out(job.outputs, 0).status, out(job.outputs, 0).rawStatus], ['unknown', 'Cancelled']);
  });

  it('numbers as strings, ffprobe fractions, doubly encoded lists and the docs’ key-prefixed list', () => {
    const job = onlyJob('vod', 'numbers-as-strings');
    const o = out(job.outputs, 0);
    assert.equal(o.sizeBytes, 36790112);
    assert.equal(o.progress, 100);
    assert.ok(Math.abs((o.fps ?? 0) - 29.97) < 0.001);
    assert.deepEqual(job.streams.map((s) => [s.type, s.bitrateKbps]), [['video', 1500.2], ['audio', 96.012]]);
    assert.equal(job.streams[0]?.fps, 29.97);
  });

  it('a list wrapped as {"TranscodeJobInfo":[…]} and an OutputFile given as JSON text', () => {
    const job = onlyJob('vod', 'list-wrapped');
    assert.equal(job.outputs.length, 1);
    assert.deepEqual([out(job.outputs, 0).width, out(job.outputs, 0).height, out(job.outputs, 0).format], [854, 480, 'mp4']);
    assert.equal(job.streams.length, 2);
  });

  it('broken stream lists and junk items are skipped, the rest still maps', () => {
    const job = onlyJob('vod', 'bad-stream-lists');
    assert.equal(job.outputs.length, 1);
    assert.deepEqual(job.streams.map((s) => [s.type, s.codec, s.index, s.language]), [['subtitle', 'mov_text', 2, 'eng']]);
  });

  it('missing optional fields are null; extra fields are kept in raw', () => {
    const job = onlyJob('vod', 'minimal');
    assert.deepEqual([job.status, job.name, job.createdAt, job.templateId, job.progress], ['running', null, null, null, null]);
    assert.deepEqual(job.outputs, []);
    const extra = onlyJob('vod', 'extra-fields');
    assert.equal(extra.status, 'succeeded');
    assert.equal((extra.raw as { TranscodeTask: { AppId: string } }).TranscodeTask.AppId, 'app-1000000');
  });

  it('uses the top-level TranscodeJobInfoList when the task has none', () => {
    const body = { RequestId: 'R', TranscodeTask: { TranscodeTaskId: 't1', TaskStatus: 'Processing' },
      TranscodeJobInfoList: [{ TranscodeJobId: 'j1', TranscodeJobStatus: 'Transcoding', TranscodeProgress: 30 }] };
    const job = vodKind.parse(body, ctx()).jobs[0];
    assert.equal(job?.outputs[0]?.label, 'j1');
    assert.equal(job?.progress, 30);
  });

  it('a body without TranscodeTaskId is a SchemaError', () => {
    expectSchemaError(() => vodKind.parse(fixture('vod', 'missing-task-id'), ctx()), API, 'TranscodeTask.TranscodeTaskId');
    expectSchemaError(() => vodKind.parse({ RequestId: 'R', Code: 'InvalidVideo.NotFound' }, ctx()), API, 'TranscodeTask');
  });
});

describe('vod: definition and buildCall', () => {
  it('describes the API', () => {
    assert.deepEqual([vodKind.kind, vodKind.cloud, vodKind.api, vodKind.rateLimit, vodKind.batchSize, vodKind.retention],
      ['vod', 'aliyun', API, { capacity: 15, perMs: 1000 }, 1, 'one year']);
  });

  it('asks for one TranscodeTaskId with POST', () => {
    assert.deepEqual(vodKind.buildCall([ref('vod', 'task42')], 'cn-beijing'), {
      cloud: 'aliyun', product: 'vod', action: 'GetTranscodeTask', version: '2017-03-21', method: 'POST', params: { TranscodeTaskId: 'task42' },
    });
  });
});
