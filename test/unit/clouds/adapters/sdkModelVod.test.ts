/**
 * ApsaraVideo VOD GetTranscodeTask against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * vod-20170321/src/models/GetTranscodeTaskResponseBody.ts: the body {NonExistJobIds, RequestId,
 * TranscodeJobInfoList, TranscodeTask}, TranscodeTask {CompleteTime, CreationTime, TaskStatus, TranscodeJobInfoList,
 * TranscodeTaskId, TranscodeTemplateGroupId, Trigger, VideoId}, each transcode job and its OutputFile; the doc page
 * https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-gettranscodetask).
 *
 * test/fixtures/vod/sdk-example.json is the model's @example values: the stream lists are the examples' JSON text
 * (AudioStreamList even with its own key before the doubly encoded list, as the example has it), Encryption its
 * JSON text. The model gives no example for NonExistJobIds and WatermarkIdList: those hold ids of the documented
 * shape. The top-level TranscodeJobInfoList (a query by JobIds) repeats the task's job example with another id
 * (…188 → …189) and the other model's TranscodeProgress example (80), so both lists' fields can be told apart.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCovered, rawOnly, type FieldTable } from './sdkFields.js';
import { fixtureRecord, onlyJob } from './support.js';

const TASK_JOBS = 'TranscodeTask.TranscodeJobInfoList[]';
const QUERY_JOBS = 'TranscodeJobInfoList[]';
const JOB_FIELDS = ['CompleteTime', 'CreationTime', 'Definition', 'ErrorCode', 'ErrorMessage', 'InputFileUrl', 'OutputFile', 'Priority', 'TranscodeJobId', 'TranscodeJobStatus', 'TranscodeProgress', 'TranscodeTemplateId'];
const FILE_FIELDS = ['AudioStreamList', 'Bitrate', 'Duration', 'Encryption', 'Filesize', 'Format', 'Fps', 'Height', 'OutputFileUrl', 'SubtitleStreamList', 'VideoStreamList', 'WatermarkIdList', 'Width'];

const MODEL_FIELDS = [
  'NonExistJobIds', 'RequestId', 'TranscodeJobInfoList', 'TranscodeTask',
  ...['CompleteTime', 'CreationTime', 'TaskStatus', 'TranscodeJobInfoList', 'TranscodeTaskId', 'TranscodeTemplateGroupId', 'Trigger', 'VideoId'].map((f) => `TranscodeTask.${f}`),
  ...[TASK_JOBS, QUERY_JOBS].flatMap((j) => [...JOB_FIELDS.map((f) => `${j}.${f}`), ...FILE_FIELDS.map((f) => `${j}.OutputFile.${f}`)]),
];

/** One transcode job's fields (the same in both lists), the stream lists placed as decoded. */
function jobTable(j: string): FieldTable {
  const o = `${j}.OutputFile`;
  const v = `${o}.VideoStreamList[]`;
  const a = `${o}.AudioStreamList[]`;
  const codecTag = 'raw: the container\'s codec tag (0x31637661); CodecName names the codec';
  const codecTagString = 'raw: the codec tag as text (avc1, mp4a); CodecName names the codec';
  const codecTimeBase = 'raw: the codec\'s time base (ffprobe dropped codec_time_base in FFmpeg 5); the stream\'s Timebase is shown';
  return {
    [`${j}.CompleteTime`]: 'outputs[].completedAt',
    [`${j}.CreationTime`]: 'outputs[].createdAt',
    [`${j}.Definition`]: 'outputs[].definition; inputs[].label when the jobs read several inputs; extras: Transcode jobs',
    [`${j}.ErrorCode`]: 'outputs[].error.code (failed jobs, or a code that is not 200/0/success/ok); error.code of the task',
    [`${j}.ErrorMessage`]: 'outputs[].error.message (as ErrorCode); error.message of the task',
    [`${j}.InputFileUrl`]: 'inputs[].url (each distinct URL once)',
    [`${j}.Priority`]: 'extras: Transcode jobs',
    [`${j}.TranscodeJobId`]: 'outputs[].label, streams[].output; the key in extras: Transcode jobs',
    [`${j}.TranscodeJobStatus`]: 'outputs[].status, outputs[].rawStatus',
    [`${j}.TranscodeProgress`]: 'outputs[].progress; progress (their mean while the task runs)',
    [`${j}.TranscodeTemplateId`]: 'outputs[].templateId',
    [`${o}.Bitrate`]: 'outputs[].bitrateKbps',
    [`${o}.Duration`]: 'outputs[].durationSeconds',
    [`${o}.Encryption`]: 'extras: Transcode jobs (decoded)',
    [`${o}.Filesize`]: 'outputs[].sizeBytes',
    [`${o}.Format`]: 'outputs[].format',
    [`${o}.Fps`]: 'outputs[].fps',
    [`${o}.Height`]: 'outputs[].height',
    [`${o}.OutputFileUrl`]: 'outputs[].url, outputs[].fileName',
    [`${o}.SubtitleStreamList`]: 'streams[subtitle] (the example is empty)',
    [`${o}.WatermarkIdList[]`]: 'extras: Transcode jobs',
    [`${o}.Width`]: 'outputs[].width',
    [`${v}.AvgFPS`]: 'streams[video].fps when Fps is absent',
    [`${v}.Bitrate`]: 'streams[video].bitrateKbps',
    [`${v}.CodecLongName`]: 'streams[video].codecLongName',
    [`${v}.CodecName`]: 'streams[video].codec',
    [`${v}.CodecTag`]: codecTag,
    [`${v}.CodecTagString`]: codecTagString,
    [`${v}.CodecTimeBase`]: codecTimeBase,
    [`${v}.Dar`]: 'streams[video].dar',
    [`${v}.Duration`]: 'streams[video].durationSeconds',
    [`${v}.Fps`]: 'streams[video].fps',
    [`${v}.HasBFrames`]: 'streams[video].hasBFrames',
    [`${v}.Height`]: 'streams[video].height',
    [`${v}.Index`]: 'streams[video].index',
    [`${v}.Lang`]: 'streams[video].language',
    [`${v}.Level`]: 'streams[video].level',
    [`${v}.PixFmt`]: 'streams[video].pixFmt',
    [`${v}.Profile`]: 'streams[video].profile',
    [`${v}.Sar`]: 'streams[video].sar',
    [`${v}.StartTime`]: 'streams[video].startTime',
    [`${v}.Timebase`]: 'streams[video].timeBase',
    [`${v}.Width`]: 'streams[video].width',
    [`${a}.Bitrate`]: 'streams[audio].bitrateKbps',
    [`${a}.ChannelLayout`]: 'streams[audio].channelLayout',
    [`${a}.Channels`]: 'streams[audio].channels',
    [`${a}.CodecLongName`]: 'streams[audio].codecLongName',
    [`${a}.CodecName`]: 'streams[audio].codec',
    [`${a}.CodecTag`]: codecTag,
    [`${a}.CodecTagString`]: codecTagString,
    [`${a}.CodecTimeBase`]: codecTimeBase,
    [`${a}.Duration`]: 'streams[audio].durationSeconds',
    [`${a}.Index`]: 'streams[audio].index',
    [`${a}.Lang`]: 'streams[audio].language',
    [`${a}.SampleFmt`]: 'streams[audio].sampleFmt',
    [`${a}.Samplerate`]: 'streams[audio].sampleRate',
    [`${a}.StartTime`]: 'streams[audio].startTime',
    [`${a}.Timebase`]: 'streams[audio].timeBase',
  };
}

/** Every field of the fixture and where the Job holds it. */
export const VOD_FIELDS: FieldTable = {
  'NonExistJobIds[]': 'extras: NonExistJobIds (the API says these ids do not exist)',
  RequestId: 'requestId',
  'TranscodeTask.CompleteTime': 'completedAt',
  'TranscodeTask.CreationTime': 'createdAt',
  'TranscodeTask.TaskStatus': 'status, rawStatus',
  'TranscodeTask.TranscodeTaskId': 'id',
  'TranscodeTask.TranscodeTemplateGroupId': 'templateId',
  'TranscodeTask.Trigger': 'extras: Transcode task',
  'TranscodeTask.VideoId': 'name (the Video ID)',
  ...jobTable(TASK_JOBS),
  // A query by JobIds: these jobs follow the task's, each once.
  ...jobTable(QUERY_JOBS),
};

/** A stream list as the adapter reads it: JSON text, possibly after its own key, possibly encoded twice. */
function decodeList(text: unknown, key: string): unknown {
  let v: unknown = typeof text === 'string' ? text.trim().replace(new RegExp(`^"${key}"\\s*:\\s*`), '') : text;
  while (typeof v === 'string') v = JSON.parse(v) as unknown;
  return v;
}

/** The fixture with its stream lists decoded, so their fields are placed one by one. */
function decodedExample(): Record<string, unknown> {
  const f = structuredClone(fixtureRecord('vod', 'sdk-example'));
  for (const j of [...f.TranscodeTask.TranscodeJobInfoList, ...f.TranscodeJobInfoList]) {
    for (const key of ['VideoStreamList', 'AudioStreamList', 'SubtitleStreamList']) j.OutputFile[key] = decodeList(j.OutputFile[key], key);
  }
  return f;
}

describe('vod: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field', () => {
    assertCovered('vod/sdk-example', decodedExample(), MODEL_FIELDS, VOD_FIELDS);
    assert.deepEqual([...new Set(rawOnly(VOD_FIELDS).map((r) => r.replace(/^.*\.(\w+): /, '$1: ')))].sort(), [
      'CodecTag: the container\'s codec tag (0x31637661); CodecName names the codec',
      'CodecTagString: the codec tag as text (avc1, mp4a); CodecName names the codec',
      'CodecTimeBase: the codec\'s time base (ffprobe dropped codec_time_base in FFmpeg 5); the stream\'s Timebase is shown',
    ]);
  });

  it('each field lands where the table says', () => {
    const f = fixtureRecord('vod', 'sdk-example');
    const t = f.TranscodeTask;
    const job = onlyJob('vod', 'sdk-example');
    assert.deepEqual(
      [job.requestId, job.id, job.name, job.status, job.rawStatus, job.createdAt, job.completedAt, job.templateId, job.progress, job.error],
      [f.RequestId, t.TranscodeTaskId, t.VideoId, 'running', 'Processing', '2019-01-23T12:35:12Z', '2019-01-23T12:40:12Z', t.TranscodeTemplateGroupId, 90, null]);
    // Both jobs read the same source: one input, no label needed.
    assert.deepEqual(job.inputs, [{ url: t.TranscodeJobInfoList[0].InputFileUrl, label: null }]);
    assert.deepEqual(job.outputs.map((o) => [o.label, o.definition, o.status, o.rawStatus, o.progress, o.templateId, o.createdAt, o.completedAt, o.error]), [
      ['38f0e513c88*****85515f9d50be188', 'LD', 'running', 'Transcoding', 100, '174b0534fea3*****b51c8f0ad1374', '2019-02-26T08:27:16Z', '2019-02-26T08:30:16Z', null],
      ['38f0e513c88*****85515f9d50be189', 'LD', 'running', 'Transcoding', 80, '174b0534fea3*****b51c8f0ad1374', '2019-02-26T08:27:16Z', '2019-02-26T08:30:16Z', null],
    ]);
    const o = job.outputs[0];
    assert.deepEqual([o?.url, o?.fileName, o?.bitrateKbps, o?.durationSeconds, o?.sizeBytes, o?.format, o?.fps, o?.width, o?.height],
      [t.TranscodeJobInfoList[0].OutputFile.OutputFileUrl, 'c3be4f073*****7d5193ec8-{DestMd5}-od-S00000001-200000.mp4', 964, 12, 851076, 'm3u8', 25, 640, 360]);
    const [video, audio] = job.streams;
    assert.deepEqual(
      [video?.type, video?.output, video?.index, video?.codec, video?.codecLongName, video?.profile, video?.level, video?.pixFmt, video?.width, video?.height, video?.dar, video?.sar, video?.fps, video?.hasBFrames, video?.bitrateKbps, video?.durationSeconds, video?.startTime, video?.timeBase, video?.language],
      ['video', '38f0e513c88*****85515f9d50be188', 0, 'h264', 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10', 'High', 30, 'yuv420p', 640, 360, '9:16', '81:256', 30, 2, 933.814, 12.033333, 0, '1/15360', 'und']);
    assert.deepEqual(
      [audio?.type, audio?.index, audio?.codec, audio?.codecLongName, audio?.channels, audio?.channelLayout, audio?.sampleFmt, audio?.sampleRate, audio?.bitrateKbps, audio?.durationSeconds, audio?.startTime, audio?.timeBase, audio?.language],
      ['audio', 1, 'aac', 'AAC (Advanced Audio Coding)', 2, 'stereo', 'fltp', 44100, 64.533, 12.615533, -0.04644, '1/44100', 'und']);
    assert.equal(job.streams.length, 4, 'a video and an audio stream per job; the subtitle lists are empty');
    const extras = Object.fromEntries((job.extras ?? []).map((x) => [x.title, x.value]));
    assert.deepEqual(extras, {
      'Transcode task': { Trigger: 'Auto' },
      'Transcode jobs': Object.fromEntries(['38f0e513c88*****85515f9d50be188', '38f0e513c88*****85515f9d50be189'].map((id) => [id, {
        Definition: 'LD', Priority: '6', Encryption: { EncryptType: 'AliyunVoDEncryption' }, WatermarkIdList: ['9c1d0e5f2a3b4c5d6e7f8a9b0c1d2e3f'],
      }])),
      'NonExistJobIds (the API says these ids do not exist)': f.NonExistJobIds,
    });
  });
});
