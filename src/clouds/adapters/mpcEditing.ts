/**
 * Huawei Cloud MPC editing (clipping) jobs: `GET /v2/{project_id}/editing/jobs?job_id=…` (ListEditingJobs).
 * Wire format: https://support.huaweicloud.com/api-mpc/ListEditingJobs.html. Up to 10 ids a call; times are `yyyyMMddHHmmss` UTC; the request
 * id comes from the X-Request-Id header (ctx.requestId), not the body.
 * Endpoints: `mpc.<region>.myhuaweicloud.com`, except cn-north-1 which is `mts.cn-north-1.myhuaweicloud.com`.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { type HuaweiCall } from '../apiCall.js';
import { emptyOutput, emptyStream, type Job, type JobExtra, type JobOutput, type JobStatus, type MediaStream } from '../../model/job.js';
import { type JobHints, withJobHint } from '../errorHints.js';
import { type Endpoint, fromKindInfo, type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { byName, type MappedStatus } from './status.js';
import { anyValue, blankJob, checkRefs, decodedOrRaw, embeddedObject, fpsLike, huaweiTime, idString, isRecord, jsonInString, lenient, numLike, optString, parseBody, parseItems, progressLike, unwrapList } from './wire.js';
import * as l10n from '../../util/l10n.js';


const REGIONS = ['cn-north-4', 'cn-east-2', 'cn-east-3', 'cn-south-1', 'ap-southeast-3'];
const ENDPOINT: Endpoint<'mpc'> = {
  product: 'mpc',
  origins: {
    ...Object.fromEntries(REGIONS.map((r) => [r, `https://mpc.${r}.myhuaweicloud.com`])),
    'cn-north-1': 'https://mts.cn-north-1.myhuaweicloud.com',
  },
};

// Huawei calls name a path, not an Action: only `api` (mpc:ListEditingJobs) is used.
const { apiVersion: VERSION, action: _action, ...CALL } = fromKindInfo('mpc-editing', ENDPOINT.product);
const API = CALL.api;

/**
 * ListEditingJobs' QueryEditingJob says WAITING, PROCESSING, SUCCEEDED, FAILED; the same service's EditingJob
 * model (huaweicloud-sdk-mpc v1 editing_job.py) and doc examples also use INIT, SUCCEED and CANCELED, and its
 * request enum PREPROCESSING.
 */
const STATUS = new Map<string, JobStatus>([
  ['INIT', 'queued'],
  ['WAITING', 'queued'],
  ['PREPROCESSING', 'running'],
  ['PROCESSING', 'running'],
  ['SUCCEEDED', 'succeeded'],
  ['SUCCEED', 'succeeded'],
  ['FAILED', 'failed'],
  ['CANCELED', 'cancelled'],
]);

/** The editing job's `status`. */
export function mpcStatus(raw: unknown): MappedStatus {
  return byName(STATUS, raw);
}

/**
 * Known MPC service codes, from the MPC error-code page: the advice for an API error and for a job's own error.
 * A switch of literals, not a table: the advice is looked up in the run's language when it is needed.
 */
function knownCode(code: string): string | undefined {
  switch (code) {
    case 'MPC.10050': return l10n.t('MPC system error; try again later');
    case 'MPC.10052': return l10n.t('MPC could not fetch the input file; check the OBS bucket, object and MPC\'s authorization (agency) on it');
    case 'MPC.10053': return l10n.t('the input file was not found in OBS; check the bucket and object path');
    case 'MPC.10089': return l10n.t('the template file is missing');
    case 'MPC.10125': return l10n.t('the input data is not valid');
    case 'MPC.10217': return l10n.t('the OBT (open beta) usage quota is exceeded');
    case 'MPC.10223':
    case 'MPC.10224': return l10n.t('MPC is not authorized to access OBS (agency state); authorize the agency in the MPC console');
    default: return undefined;
  }
}

const JOB_HINTS: JobHints = {
  byCode: ({ code }) => (code.startsWith('MPC.') ? knownCode(code) ?? l10n.t('see the MPC error-code list for this code') : null),
};

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
  // ObsObjInfo (huaweicloud-sdk-mpc v1 obs_obj_info.py): for an output, `object` is the folder the result goes
  // to, and the object is `object/file_name` when file_name is given, else `object/<a name MPC chooses>`. So
  // without a file_name the output is the folder (obs://bucket/folder/), and its file name is not known.
  const fileName = o?.file_name ?? null;
  const folder = o?.object != null ? o.object.replace(/^\/+/, '').replace(/\/+$/, '') : null;
  const path = folder !== null ? (fileName !== null ? `${folder}/${fileName}` : `${folder}/`) : null;
  const url = o?.bucket != null && path !== null ? `obs://${o.bucket}/${path}` : null;
  const v = e?.video_info;
  return {
    ...emptyOutput(),
    label: fileName ?? url,
    url,
    storageLocation: storageOf(o),
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

/**
 * `metadata` as name → value, when it is what the doc page's "Array" most likely holds: elements naming a field
 * (`name`, or `key`) and its `value`. Its element schema is in no SDK model (UNCONFIRMED), so anything else, or
 * a list where two elements share a name, stays as received rather than being bent into pairs.
 */
export function metadataPairs(metadata: unknown): Record<string, unknown> | null {
  if (!Array.isArray(metadata) || metadata.length === 0) return null;
  const pairs = new Map<string, unknown>();
  for (const el of metadata) {
    if (!isRecord(el)) return null;
    const name = typeof el.name === 'string' ? el.name : typeof el.key === 'string' ? el.key : null;
    if (name === null || name === '' || !Object.hasOwn(el, 'value') || pairs.has(name)) return null;
    pairs.set(name, el.value);
  }
  // fromEntries defines own properties, so a name such as `__proto__` stays a name.
  return Object.fromEntries(pairs);
}

/** The raw media details and the metadata, shown beside the normalized fields. */
function extrasOf(element: unknown): { extras?: JobExtra[] } {
  if (!isRecord(element)) return {};
  const e = isRecord(element.editing_output) ? element.editing_output : null;
  const extras: JobExtra[] = [];
  const pairs = metadataPairs(element.metadata);
  // Pairs read as a table of names and values; an empty list says nothing, so it is not shown.
  if (pairs !== null) extras.push({ title: 'metadata', value: pairs });
  else if (element.metadata !== undefined && !(Array.isArray(element.metadata) && element.metadata.length === 0)) {
    extras.push({ title: 'metadata', value: element.metadata });
  }
  if (e?.video_info !== undefined) extras.push({ title: 'video_info', value: e.video_info });
  if (e?.audio_info !== undefined) extras.push({ title: 'audio_info', value: e.audio_info });
  return extras.length > 0 ? { extras } : {};
}

/** Where the output is stored: the OBS bucket and, when given, its `location` (the OBS region, MPC's own). */
function storageOf(o: z.output<typeof ObsObjWire> | undefined): string | null {
  if (o === undefined) return null;
  if (o.bucket !== null && o.location !== null) return `${o.bucket} (${o.location})`;
  return o.bucket ?? (o.location !== null ? `OBS ${o.location}` : null);
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
      // A failed job may carry its text only in `description` (EditingJob: the error description).
      error: status === 'failed' && (j.error_code !== null || j.exec_description !== null || j.description !== null)
        ? withJobHint({ code: j.error_code ?? '', message: j.exec_description ?? j.description ?? '' }, JOB_HINTS)
        : null,
      outputs: output !== null ? [output] : [],
      userData: decodedOrRaw(j.user_data),
      streams: toStreams(j, output?.label ?? null),
      params: projectId !== undefined ? { projectId } : {},
      requestId: ctx.requestId,
      raw: element,
      ...extrasOf(element),
    });
  }
  const found = new Set(jobs.map((j) => j.id));
  const missing = [...new Set(ctx.refs.map((r) => r.id))].filter((id) => !found.has(id));
  return { jobs, missing };
}

export const mpcEditingKind: KindDefinition<'mpc', 'mpc-editing'> = {
  ...CALL,
  retention: 'not documented',
  endpoint: ENDPOINT,
  buildCall(refs, _region): HuaweiCall {
    const first = checkRefs(API, refs, CALL.batchSize);
    const projectId = first.params.projectId ?? '';
    if (projectId === '') throw new ConfigError(l10n.t('{0}: job {1} needs {2}', API, first.id, 'projectId'), l10n.t('add {0} to the job reference', 'projectId'));
    if (refs.some((r) => r.params.projectId !== projectId)) {
      throw new ConfigError(l10n.t('{0}: one call can only ask about jobs of one project', API));
    }
    const ids = [...new Set(refs.map((r) => r.id))];
    return {
      cloud: 'huawei',
      service: ENDPOINT.product,
      method: 'GET',
      path: `/${VERSION}/${projectId}/editing/jobs`,
      query: ids.map((id): [string, string] => ['job_id', id]),
      projectId,
    };
  },
  parse,
  apiErrorHint(e, notFound) {
    if (!e.code.startsWith('MPC.')) return null;
    // Known codes first: MPC.10053 "not found" is about the input file, not the job.
    const known = knownCode(e.code);
    if (known !== undefined) return `${e.code}: ${known}`;
    if (/job.*(not exist|not found)/.test(e.message.toLowerCase())) return notFound();
    return l10n.t('MPC service error {0}; see the MPC error-code list', e.code);
  },
  jobHints: JOB_HINTS,
};
