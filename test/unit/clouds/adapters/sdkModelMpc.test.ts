/**
 * Huawei Cloud MPC ListEditingJobs against the SDK's own models (huaweicloud/huaweicloud-sdk-python-v3,
 * huaweicloud-sdk-mpc/huaweicloudsdkmpc/v1/model/: list_editing_jobs_response.py, query_editing_job.py,
 * obs_obj_info.py, editing_output_file_info.py, editing_video_info.py, editing_audio_info.py). The models carry no
 * example values, so test/fixtures/mpc-editing/sdk-model.json fills every field with values of the documented types
 * and units (times yyyyMMddHHmmss UTC, size in KB, size_byte in bytes, bitrate kbit/s, bitrate_bps bit/s).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCovered, type FieldTable } from './sdkFields.js';
import { ctx, fixture, parseFixture, ref } from './support.js';

const J = 'job_array[]';
const MODEL_FIELDS = [
  'job_array',
  ...['job_id', 'status', 'error_code', 'exec_description', 'description', 'progress', 'create_time', 'start_time', 'end_time', 'user_data', 'output', 'editing_output'].map((f) => `${J}.${f}`),
  ...['bucket', 'location', 'object', 'file_name'].map((f) => `${J}.output.${f}`),
  ...['duration', 'format', 'size', 'size_byte', 'video_info', 'audio_info'].map((f) => `${J}.editing_output.${f}`),
  ...['width', 'height', 'bitrate', 'bitrate_bps', 'frame_rate', 'codec'].map((f) => `${J}.editing_output.video_info.${f}`),
  ...['codec', 'sample', 'channels', 'bitrate', 'bitrate_bps'].map((f) => `${J}.editing_output.audio_info[].${f}`),
];

/** Every field of the fixture and where the Job holds it. (`X-Request-Id` is a header: the job's requestId.) */
export const MPC_FIELDS: FieldTable = {
  [`${J}.job_id`]: 'id',
  [`${J}.status`]: 'status, rawStatus',
  [`${J}.error_code`]: 'error.code (failed jobs)',
  [`${J}.exec_description`]: 'error.message (failed jobs)',
  [`${J}.description`]: 'error.message when exec_description is empty (failed jobs); name when there is no file name',
  [`${J}.progress`]: 'progress',
  [`${J}.create_time`]: 'createdAt',
  [`${J}.start_time`]: 'startedAt',
  [`${J}.end_time`]: 'completedAt',
  [`${J}.user_data`]: 'userData (decoded when JSON)',
  [`${J}.output.bucket`]: 'outputs[].url, outputs[].storageLocation',
  [`${J}.output.location`]: 'outputs[].storageLocation',
  [`${J}.output.object`]: 'outputs[].url (the folder)',
  [`${J}.output.file_name`]: 'outputs[].fileName, outputs[].url, name',
  [`${J}.editing_output.duration`]: 'durationSeconds, outputs[].durationSeconds',
  [`${J}.editing_output.format`]: 'outputs[].format',
  [`${J}.editing_output.size`]: 'outputs[].sizeBytes when size_byte is absent (KB × 1024)',
  [`${J}.editing_output.size_byte`]: 'outputs[].sizeBytes',
  [`${J}.editing_output.video_info.width`]: 'outputs[].width, streams[video].width',
  [`${J}.editing_output.video_info.height`]: 'outputs[].height, streams[video].height',
  [`${J}.editing_output.video_info.bitrate`]: 'outputs[].bitrateKbps, streams[video].bitrateKbps',
  [`${J}.editing_output.video_info.bitrate_bps`]: 'outputs[].bitrateKbps when bitrate is absent; extras: video_info',
  [`${J}.editing_output.video_info.frame_rate`]: 'outputs[].fps, streams[video].fps',
  [`${J}.editing_output.video_info.codec`]: 'streams[video].codec',
  [`${J}.editing_output.audio_info[].codec`]: 'streams[audio].codec',
  [`${J}.editing_output.audio_info[].sample`]: 'streams[audio].sampleRate',
  [`${J}.editing_output.audio_info[].channels`]: 'streams[audio].channels',
  [`${J}.editing_output.audio_info[].bitrate`]: 'streams[audio].bitrateKbps',
  [`${J}.editing_output.audio_info[].bitrate_bps`]: 'streams[audio].bitrateKbps when bitrate is absent; extras: audio_info',
};

describe('mpc-editing: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('mpc-editing/sdk-model', fixture('mpc-editing', 'sdk-model'), MODEL_FIELDS, MPC_FIELDS);
  });

  it('each field lands where the table says', () => {
    const refs = ['2c3d6a4e8f0b4a1c9d7e5f3a1b2c4d6e', '7f6e5d4c3b2a41908f7e6d5c4b3a2910'].map((id) => ref('mpc-editing', id, { projectId: 'p1' }, 'cn-north-4'));
    const { jobs, missing } = parseFixture('mpc-editing', 'sdk-model', ctx(refs, 'req-7', 'cn-north-4'));
    assert.deepEqual(missing, []);
    const [ok, failed] = jobs;
    assert.ok(ok && failed);
    assert.deepEqual(
      [ok.id, ok.status, ok.rawStatus, ok.progress, ok.createdAt, ok.startedAt, ok.completedAt, ok.userData, ok.error, ok.name, ok.durationSeconds, ok.requestId, ok.params],
      ['2c3d6a4e8f0b4a1c9d7e5f3a1b2c4d6e', 'succeeded', 'SUCCEEDED', 100, '2024-06-11T02:14:07Z', '2024-06-11T02:14:10Z', '2024-06-11T02:17:33Z', { order: 'A-1029' }, null, 'talk.mp4', 95, 'req-7', { projectId: 'p1' }]);
    const o = ok.outputs[0];
    assert.deepEqual(
      [o?.url, o?.storageLocation, o?.fileName, o?.durationSeconds, o?.format, o?.sizeBytes, o?.width, o?.height, o?.bitrateKbps, o?.fps],
      ['obs://acme-mpc-out/edits/2024/06/talk.mp4', 'acme-mpc-out (cn-north-4)', 'talk.mp4', 95, 'MP4', 24076288, 1920, 1080, 1980, 25]);
    assert.deepEqual(ok.streams.map((s) => [s.type, s.codec, s.width, s.height, s.fps, s.bitrateKbps, s.sampleRate, s.channels]), [
      ['video', 'H.264', 1920, 1080, 25, 1980, null, null],
      ['audio', 'AAC', null, null, null, 128, 44100, 2],
    ]);
    assert.deepEqual(ok.extras?.map((x) => x.title), ['video_info', 'audio_info']);
    assert.deepEqual([failed.status, failed.error?.code, failed.error?.message, failed.userData, failed.name], ['failed', 'MPC.10053', 'The input file is not found.', 'ticket=MJI-7', 'broken source']);
    assert.deepEqual([failed.outputs[0]?.url, failed.outputs[0]?.fileName], ['obs://acme-mpc-out/edits/2024/06/', null]);
  });
});
