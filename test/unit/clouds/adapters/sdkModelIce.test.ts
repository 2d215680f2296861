/**
 * IMS GetMediaProducingJob against the SDK's own model (aliyun/alibabacloud-typescript-sdk
 * ice-20201109/src/models/GetMediaProducingJobResponseBody.ts: the body {MediaProducingJob, RequestId}, the job
 * {ClipsParam, Code, CompleteTime, CreateTime, Duration, JobId, MediaId, MediaURL, Message, ModifiedTime, Progress,
 * ProjectId, Status, SubJobMaterials, TemplateId, Timeline, UserData, VodMediaId}; the doc page
 * https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-getmediaproducingjob).
 *
 * test/fixtures/ice/sdk-example.json is the model's @example values, with two exceptions: Progress has no example
 * (0, the job being Failed as Status's example says), and the Timeline is not the model's two-MediaId example but
 * the "voice-over aligned slideshow" of https://www.alibabacloud.com/help/en/ims/use-cases/text-to-video (image clips
 * tied to AI_TTS clips by ReferenceClipId, a Text caption on each image, a LoopMode music bed, a title without
 * TimelineOut), its texts shortened, so the timeline reader meets what people really submit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertCovered, rawOnly, type FieldTable } from './sdkFields.js';
import { fixtureRecord, onlyJob } from './support.js';

const J = 'MediaProducingJob';
const MODEL_FIELDS = [
  'MediaProducingJob', 'RequestId',
  ...['ClipsParam', 'Code', 'CompleteTime', 'CreateTime', 'Duration', 'JobId', 'MediaId', 'MediaURL', 'Message', 'ModifiedTime', 'Progress',
    'ProjectId', 'Status', 'SubJobMaterials', 'TemplateId', 'Timeline', 'UserData', 'VodMediaId'].map((f) => `${J}.${f}`),
];

/** Every field of the fixture and where the Job holds it. */
export const ICE_FIELDS: FieldTable = {
  RequestId: 'requestId',
  [`${J}.ClipsParam`]: 'clipsParam (decoded when JSON)',
  [`${J}.Code`]: 'error.code (failed jobs)',
  [`${J}.CompleteTime`]: 'completedAt',
  [`${J}.CreateTime`]: 'createdAt',
  [`${J}.Duration`]: 'durationSeconds, outputs[].durationSeconds, timeline.durationSeconds (the output\'s length)',
  [`${J}.JobId`]: 'id',
  [`${J}.MediaId`]: 'outputs[0].mediaId',
  [`${J}.MediaURL`]: 'outputs[0].url, outputs[0].fileName, name',
  [`${J}.Message`]: 'error.message (failed jobs)',
  [`${J}.ModifiedTime`]: 'updatedAt',
  [`${J}.Progress`]: 'progress',
  [`${J}.ProjectId`]: 'editingProjectId (Overview: Editing project, with the IMS console); name when there is neither output URL nor template',
  [`${J}.Status`]: 'status, rawStatus',
  [`${J}.SubJobMaterials`]: 'subJobMaterials (decoded when JSON)',
  [`${J}.TemplateId`]: 'templateId; name when there is no output URL',
  [`${J}.Timeline`]: 'timeline (tracks and clips; each clip object kept whole in its raw)',
  [`${J}.UserData`]: 'userData (decoded when JSON)',
  [`${J}.VodMediaId`]: 'outputs[1].mediaId (label VOD)',
};

describe('ice: every field of the SDK response model', () => {
  it('the fixture has every model field and the table places every fixture field; none is kept in raw only', () => {
    assertCovered('ice/sdk-example', fixtureRecord('ice', 'sdk-example'), MODEL_FIELDS, ICE_FIELDS);
    assert.deepEqual(rawOnly(ICE_FIELDS), []);
  });

  it('each field lands where the table says', () => {
    const f = fixtureRecord('ice', 'sdk-example');
    const w = f.MediaProducingJob;
    const job = onlyJob('ice', 'sdk-example');
    assert.deepEqual(
      [job.requestId, job.id, job.status, job.rawStatus, job.progress, job.createdAt, job.updatedAt, job.completedAt, job.durationSeconds, job.templateId, job.editingProjectId],
      [f.RequestId, w.JobId, 'failed', 'Failed', 0, '2020-12-23T13:33:40Z', '2020-12-23T13:33:49Z', '2020-12-23T13:33:52Z', 30.5, w.TemplateId, w.ProjectId]);
    assert.deepEqual([job.error?.code, job.error?.message], [w.Code, w.Message]);
    assert.equal(job.name, 'example2.mp4');
    assert.deepEqual(job.outputs.map((o) => [o.label, o.url, o.mediaId, o.fileName, o.durationSeconds]), [
      [null, w.MediaURL, w.MediaId, 'example2.mp4', 30.5],
      ['VOD', null, w.VodMediaId, null, 30.5],
    ]);
    assert.deepEqual(job.clipsParam, { VideoArray: ['****05512043f49f697f7425****', '****05512043f49f697f7425****', '****05512043f49f697f7425****'] });
    assert.deepEqual(job.subJobMaterials, { Title: 'Title', SpeechText: 'Broadcast text of a quick video production job' });
    assert.deepEqual(job.userData, { NotifyAddress: 'http://xx.xx.xxx', Key: 'Valuexxx' });
    assert.deepEqual(job.params, {}, 'ProjectId is not identity: GetMediaProducingJob takes the JobId alone');
    const tl = job.timeline;
    assert.ok(tl !== null && tl.parseError === null);
    assert.deepEqual(tl.tracks.map((t) => [t.type, t.index, t.main, t.clips.length]), [
      ['video', 0, false, 3], ['subtitle', 0, false, 1], ['audio', 0, true, 3], ['audio', 1, false, 1],
    ]);
    assert.deepEqual(tl.tracks[2]?.clips.map((c) => [c.clipType, c.text]), JSON.parse(w.Timeline).AudioTracks[0].AudioTrackClips.map((c: { Content: string }) => ['AI_TTS', c.Content]));
  });
});
