/**
 * ApsaraVideo Live edge transcode jobs: `GetEdgeTranscodeJob` (2016-11-01). Wire format:
 * https://www.alibabacloud.com/help/en/live/developer-reference/api-live-2016-11-01-getedgetranscodejob. These are long-lived stream jobs: "0" (not started) is `stopped`, "1" is `running`,
 * and neither is terminal.
 */
import { z } from 'zod';
import { type AliyunCall } from '../apiCall.js';
import { emptyOutput, type Job, type JobOutput, type JobStatus } from '../../model/job.js';
import { fromKindInfo, type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { LIVE_ENDPOINT } from './liveProduct.js';
import { byNumber, type MappedStatus } from './status.js';
import { aliyunTime, anyValue, blankJob, checkRefs, idString, laterOf, optString, parseBody } from './wire.js';

const { apiVersion: VERSION, action: ACTION, ...CALL } = fromKindInfo('live-edge', LIVE_ENDPOINT.product);
const API = CALL.api;

const STATUS = new Map<number, JobStatus>([
  [0, 'stopped'], // not started (or stopped): a long-lived stream job that can start again
  [1, 'running'],
]);

/** GetEdgeTranscodeJob `Status` ("0", "1"). */
export function liveEdgeStatus(raw: unknown): MappedStatus {
  return byNumber(STATUS, raw);
}

const BodyWire = z.looseObject({
  RequestId: optString,
  Job: z.looseObject({
    JobId: idString,
    Name: optString,
    Status: anyValue,
    Type: optString,
    CreateTime: aliyunTime,
    LastStartAt: aliyunTime,
    LastStopAt: aliyunTime,
    StreamInput: optString,
    StreamOutput: optString,
    TemplateId: optString,
    TemplateName: optString,
  }),
});

function parse(body: unknown, ctx: ParseContext): ParseResult {
  const wire = parseBody(BodyWire, body, API, ctx.requestId);
  const j = wire.Job;
  const { status, rawStatus } = liveEdgeStatus(j.Status);
  const outputs: JobOutput[] = [];
  if (j.StreamOutput !== null || j.TemplateId !== null || j.TemplateName !== null) {
    outputs.push({
      ...emptyOutput(),
      // The output is the stream the template produces: named for the template, `Type` as its definition.
      label: j.TemplateName ?? j.TemplateId,
      url: j.StreamOutput,
      definition: j.Type,
    });
  }
  // The body does not echo the cluster; it is the one the reference asked with.
  const clusterId = ctx.refs.find((r) => r.id === j.JobId)?.params.clusterId ?? ctx.refs[0]?.params.clusterId;
  const job: Job = {
    ...blankJob('live-edge', ctx.region, j.JobId),
    name: j.Name,
    status,
    rawStatus,
    createdAt: j.CreateTime,
    startedAt: j.LastStartAt,
    // The last stop (a job that ran and stopped, or is running again after a stop: then before startedAt).
    stoppedAt: j.LastStopAt,
    updatedAt: laterOf(j.LastStartAt, j.LastStopAt),
    outputs,
    templateId: j.TemplateId,
    params: clusterId !== undefined ? { clusterId } : {},
    requestId: wire.RequestId ?? ctx.requestId,
    raw: body,
  };
  // Every field of the model has its place: the input stream here; the output stream, template and Type in outputs.
  if (j.StreamInput !== null) job.inputs = [{ url: j.StreamInput, label: null }];
  return { jobs: [job], missing: [] };
}

export const liveEdgeKind: KindDefinition<'live', 'live-edge'> = {
  ...CALL,
  // Not published for Get; ListEdgeTranscodeJob shows the last 180 days.
  retention: 'not documented (the list API shows 180 days)',
  endpoint: LIVE_ENDPOINT,
  buildCall(refs, region): AliyunCall {
    const ref = checkRefs(API, refs, CALL.batchSize);
    const params: Record<string, string> = { ClusterId: ref.params.clusterId ?? '', JobId: ref.id };
    if (region !== '') params.RegionId = region;
    return { cloud: 'aliyun', product: LIVE_ENDPOINT.product, action: ACTION, version: VERSION, method: 'POST', params };
  },
  parse,
};
