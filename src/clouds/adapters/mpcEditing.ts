/**
 * Huawei Cloud MPC editing (clipping) jobs: `GET /v2/{project_id}/editing/jobs?job_id=…` (ListEditingJobs).
 * Wire format: https://support.huaweicloud.com/api-mpc/ListEditingJobs.html. Up to 10 ids a call; times are `yyyyMMddHHmmss` UTC; the request
 * id comes from the X-Request-Id header (ctx.requestId), not the body.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { type HuaweiCall } from '../apiCall.js';
import { emptyOutput, emptyStream, type Job, type JobOutput, type MediaStream } from '../../model/job.js';
import { type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { mpcStatus } from './status.js';
import { anyValue, blankJob, checkRefs, decodedOrRaw, embeddedObject, fileNameFromUrl, fpsLike, huaweiTime, idString, isRecord, jsonInString, lenient, numLike, optString, parseBody, parseItems, progressLike, unwrapList } from './wire.js';

const API = 'mpc:ListEditingJobs';
const BATCH = 10;

const ObsObjWire = z.looseObject({
  bucket: optString,
  location: optString,
  object: optString,
  file_name: optString,
});

const VideoInfoWire = z.looseObject({
  width: numLike,
  height: numLike,
  bitrate: numLike,
  bitrate_bps: numLike,
  frame_rate: fpsLike,
  codec: optString,
});

const AudioInfoWire = z.looseObject({
  codec: optString,
  sample: numLike,
  channels: numLike,
  bitrate: numLike,
  bitrate_bps: numLike,
});

/** A list documented as an array; a lone object is taken as a list of one. */
const loneOrList = lenient((v) => (isRecord(v) ? [v] : unwrapList(v, [])));

const EditingOutputWire = z.looseObject({
  duration: numLike,
  format: optString,
  /** KB. */
  size: numLike,
  size_byte: numLike,
  video_info: embeddedObject(VideoInfoWire),
  audio_info: loneOrList,
});

const EditingJobWire = z.looseObject({
  job_id: idString,
  status: anyValue,
  error_code: optString,
  exec_description: optString,
  description: optString,
  progress: progressLike,
  create_time: huaweiTime,
  start_time: huaweiTime,
  end_time: huaweiTime,
  user_data: jsonInString(z.unknown()),
  output: embeddedObject(ObsObjWire),
  editing_output: embeddedObject(EditingOutputWire),
  // In the current doc page, absent from the SDK models; element schema unknown (UNCONFIRMED): kept in raw.
  metadata: anyValue,
});
type EditingJob = z.output<typeof EditingJobWire>;

const BodyWire = z.looseObject({
  job_array: z.array(z.unknown()),
});

/** kbit/s from the kbit/s field, else from the bit/s one. */
function kbps(kbit: number | null, bps: number | null): number | null {
  return kbit ?? (bps !== null ? bps / 1000 : null);
}

function toOutput(j: EditingJob): JobOutput | null {
  const o = j.output;
  const e = j.editing_output;
  if (o === undefined && e === undefined) return null;
  const fileName = o?.file_name ?? fileNameFromUrl(o?.object ?? null);
  // `object` is the path (a folder when file_name is given); obs://bucket/path is how obsutil names objects.
  const path = o?.object != null
    ? (o.file_name != null ? `${o.object.replace(/\/+$/, '')}/${o.file_name}` : o.object).replace(/^\/+/, '')
    : null;
  const v = e?.video_info;
  return {
    ...emptyOutput(),
    label: fileName,
    url: o?.bucket != null && path !== null ? `obs://${o.bucket}/${path}` : null,
    storageLocation: o?.bucket ?? null,
    fileName,
    sizeBytes: e?.size_byte ?? (e?.size != null ? e.size * 1024 : null),
    format: e?.format ?? null,
    width: v?.width ?? null,
    height: v?.height ?? null,
    bitrateKbps: v !== undefined ? kbps(v.bitrate, v.bitrate_bps) : null,
    durationSeconds: e?.duration ?? null,
    fps: v?.frame_rate ?? null,
  };
}

function toStreams(j: EditingJob, output: string | null): MediaStream[] {
  const e = j.editing_output;
  if (e === undefined) return [];
  const streams: MediaStream[] = [];
  const v = e.video_info;
  if (v !== undefined) {
    streams.push({
      ...emptyStream('video'), output, codec: v.codec, width: v.width, height: v.height, fps: v.frame_rate,
      bitrateKbps: kbps(v.bitrate, v.bitrate_bps),
    });
  }
  for (const a of parseItems(e.audio_info, AudioInfoWire)) {
    streams.push({
      ...emptyStream('audio'), output, codec: a.codec, sampleRate: a.sample, channels: a.channels,
      bitrateKbps: kbps(a.bitrate, a.bitrate_bps),
    });
  }
  return streams;
}

function parse(body: unknown, ctx: ParseContext): ParseResult {
  const wire = parseBody(BodyWire, body, API, ctx.requestId);
  const jobs: Job[] = [];
  // Items one by one: an element without job_id cannot be placed, but must not hide the others.
  for (const element of wire.job_array) {
    const r = EditingJobWire.safeParse(element);
    if (!r.success) continue;
    const j = r.data;
    const { status, rawStatus } = mpcStatus(j.status);
    const output = toOutput(j);
    const projectId = ctx.refs.find((ref) => ref.id === j.job_id)?.params.projectId ?? ctx.refs[0]?.params.projectId;
    jobs.push({
      ...blankJob('mpc-editing', ctx.region, j.job_id),
      name: output?.fileName ?? j.description,
      status,
      rawStatus,
      progress: j.progress,
      createdAt: j.create_time,
      startedAt: j.start_time,
      completedAt: j.end_time,
      durationSeconds: j.editing_output?.duration ?? null,
      error: status === 'failed' && (j.error_code !== null || j.exec_description !== null)
        ? { code: j.error_code ?? '', message: j.exec_description ?? '' }
        : null,
      outputs: output !== null ? [output] : [],
      userData: decodedOrRaw(j.user_data),
      streams: toStreams(j, output?.label ?? null),
      params: projectId !== undefined ? { projectId } : {},
      requestId: ctx.requestId,
      raw: element,
    });
  }
  const found = new Set(jobs.map((j) => j.id));
  const missing = [...new Set(ctx.refs.map((r) => r.id))].filter((id) => !found.has(id));
  return { jobs, missing };
}

export const mpcEditingKind: KindDefinition = {
  kind: 'mpc-editing',
  cloud: 'huawei',
  api: API,
  // The documented MPC tenant limit (stated for transcoding; UNCONFIRMED for this API).
  rateLimit: { capacity: 100, perMs: 60_000 },
  batchSize: BATCH,
  requiredParams: ['projectId'],
  retention: 'not documented',
  buildCall(refs, _region): HuaweiCall {
    const first = checkRefs(API, refs, BATCH, ['projectId']);
    const projectId = first.params.projectId ?? '';
    if (refs.some((r) => r.params.projectId !== projectId)) {
      throw new ConfigError(`${API}: one call can only ask about jobs of one project`);
    }
    const ids = [...new Set(refs.map((r) => r.id))];
    return {
      cloud: 'huawei',
      service: 'mpc',
      method: 'GET',
      path: `/v2/${projectId}/editing/jobs`,
      query: ids.map((id): [string, string] => ['job_id', id]),
      projectId,
    };
  },
  parse,
};
