/**
 * Intelligent Media Services (ICE/IMS) editing jobs: `GetMediaProducingJob` (2020-11-09).
 * Wire format: https://www.alibabacloud.com/help/en/ims/developer-reference/api-ice-2020-11-09-getmediaproducingjob;
 * the Timeline inside it is read by `timeline.ts`.
 * Endpoints: the documented regional host `ice.<region>.aliyuncs.com` (the generated SDKs send every region but
 * cn-shanghai to the bare `ice.aliyuncs.com`; whether that routes by RegionId is unconfirmed, so we follow the
 * docs and let users override).
 */
import { z } from 'zod';
import { type AliyunCall } from '../apiCall.js';
import { emptyOutput, type Job, type JobOutput, type JobStatus } from '../../model/job.js';
import { type JobHints, withJobHint } from '../errorHints.js';
import { type Endpoint, fromKindInfo, type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { byName, type MappedStatus } from './status.js';
import { parseTimeline } from './timeline.js';
import { aliyunTime, anyValue, blankJob, checkRefs, decodedOrRaw, fileNameFromUrl, idString, jsonInString, numLike, optString, parseBody, progressLike } from './wire.js';
import * as l10n from '../../util/l10n.js';


const REGIONS = ['cn-shanghai', 'cn-hangzhou', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'us-west-1'];
const ENDPOINT: Endpoint<'ice'> = {
  product: 'ice',
  origins: Object.fromEntries(REGIONS.map((r) => [r, `https://ice.${r}.aliyuncs.com`])),
};

const { apiVersion: VERSION, action: ACTION, ...CALL } = fromKindInfo('ice', ENDPOINT.product);
const API = CALL.api;

const STATUS = new Map<string, JobStatus>([
  ['Init', 'queued'],
  ['Queuing', 'queued'],
  ['Processing', 'running'],
  ['Success', 'succeeded'],
  ['Failed', 'failed'],
]);

/** GetMediaProducingJob `Status`. */
export function iceStatus(raw: unknown): MappedStatus {
  return byName(STATUS, raw);
}

// A getter: the text is looked up in the run's language when a hint is made, not when the module loads.
const JOB_HINTS: JobHints = {
  get invalid() {
    return l10n.t('the Timeline, the template parameters or the output settings named in the message');
  },
};

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
    error: status === 'failed' && (j.Code !== null || j.Message !== null) ? withJobHint({ code: j.Code ?? '', message: j.Message ?? '' }, JOB_HINTS) : null,
    outputs,
    timeline: parseTimeline(j.Timeline, undefined, j.Duration),
    clipsParam: decodedOrRaw(j.ClipsParam),
    templateId: j.TemplateId,
    editingProjectId: j.ProjectId,
    userData: decodedOrRaw(j.UserData),
    subJobMaterials: decodedOrRaw(j.SubJobMaterials),
    requestId: wire.RequestId ?? ctx.requestId,
    raw: body,
  };
  return { jobs: [job], missing: [] };
}

export const iceKind: KindDefinition<'ice', 'ice'> = {
  ...CALL,
  retention: 'one year',
  endpoint: ENDPOINT,
  buildCall(refs, _region): AliyunCall {
    const ref = checkRefs(API, refs, CALL.batchSize);
    // GET as the TypeScript SDK does; the API takes POST as well.
    return {
      cloud: 'aliyun', product: ENDPOINT.product, action: ACTION, version: VERSION, method: 'GET',
      params: { JobId: ref.id },
    };
  },
  parse,
  jobHints: JOB_HINTS,
};
