/**
 * Intelligent Media Services (ICE/IMS) editing jobs: `GetMediaProducingJob` (2020-11-09).
 * Wire format: https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-getmediaproducingjob;
 * the Timeline inside it is read by `timeline.ts`.
 */
import { z } from 'zod';
import { type AliyunCall } from '../apiCall.js';
import { emptyOutput, type Job, type JobOutput } from '../../model/job.js';
import { type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { iceStatus } from './status.js';
import { parseTimeline } from './timeline.js';
import { aliyunTime, anyValue, blankJob, checkRefs, decodedOrRaw, fileNameFromUrl, idString, jsonInString, numLike, optString, parseBody, progressLike } from './wire.js';

const API = 'ice:GetMediaProducingJob';

const MediaProducingJobWire = z.looseObject({
  JobId: idString,
  ProjectId: optString,
  TemplateId: optString,
  MediaId: optString,
  VodMediaId: optString,
  MediaURL: optString,
  // JSON text (or an object); read by the hand-written Timeline reader, which is much faster on big ones.
  Timeline: anyValue,
  ClipsParam: jsonInString(z.unknown()),
  Status: anyValue,
  Code: optString,
  Message: optString,
  Duration: numLike,
  Progress: progressLike,
  CreateTime: aliyunTime,
  ModifiedTime: aliyunTime,
  CompleteTime: aliyunTime,
  UserData: jsonInString(z.unknown()),
  SubJobMaterials: jsonInString(z.unknown()),
});

const BodyWire = z.looseObject({
  RequestId: optString,
  MediaProducingJob: MediaProducingJobWire,
});

function parse(body: unknown, ctx: ParseContext): ParseResult {
  const wire = parseBody(BodyWire, body, API, ctx.requestId);
  const j = wire.MediaProducingJob;
  const { status, rawStatus } = iceStatus(j.Status);

  const outputs: JobOutput[] = [];
  if (j.MediaURL !== null || j.MediaId !== null) {
    outputs.push({
      ...emptyOutput(), url: j.MediaURL, mediaId: j.MediaId, fileName: fileNameFromUrl(j.MediaURL),
      durationSeconds: j.Duration,
    });
  }
  // When the output also went to VOD, the VOD media is a second, separately addressable output.
  if (j.VodMediaId !== null) {
    outputs.push({ ...emptyOutput(), label: 'VOD', mediaId: j.VodMediaId, durationSeconds: j.Duration });
  }

  const job: Job = {
    ...blankJob('ice', ctx.region, j.JobId),
    // The output file name is what people recognise; template or project id when there is no output URL.
    name: fileNameFromUrl(j.MediaURL)
      ?? (j.TemplateId !== null ? `template ${j.TemplateId}` : null)
      ?? (j.ProjectId !== null ? `project ${j.ProjectId}` : null),
    status,
    rawStatus,
    progress: j.Progress,
    createdAt: j.CreateTime,
    completedAt: j.CompleteTime,
    updatedAt: j.ModifiedTime,
    durationSeconds: j.Duration,
    error: status === 'failed' && (j.Code !== null || j.Message !== null) ? { code: j.Code ?? '', message: j.Message ?? '' } : null,
    outputs,
    timeline: parseTimeline(j.Timeline),
    clipsParam: decodedOrRaw(j.ClipsParam),
    templateId: j.TemplateId,
    userData: decodedOrRaw(j.UserData),
    subJobMaterials: decodedOrRaw(j.SubJobMaterials),
    requestId: wire.RequestId ?? ctx.requestId,
    raw: body,
  };
  return { jobs: [job], missing: [] };
}

export const iceKind: KindDefinition = {
  kind: 'ice',
  cloud: 'aliyun',
  api: API,
  // Not published for this API (UNCONFIRMED); 10/s is the figure of its sibling APIs.
  rateLimit: { capacity: 10, perMs: 1000 },
  batchSize: 1,
  requiredParams: [],
  retention: 'one year',
  buildCall(refs, _region): AliyunCall {
    const ref = checkRefs(API, refs, 1, []);
    // GET as the TypeScript SDK does; the API takes POST as well.
    return {
      cloud: 'aliyun', product: 'ice', action: 'GetMediaProducingJob', version: '2020-11-09', method: 'GET',
      params: { JobId: ref.id },
    };
  },
  parse,
};
