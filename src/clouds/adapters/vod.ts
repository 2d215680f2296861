/**
 * ApsaraVideo VOD transcode tasks: `GetTranscodeTask` (2017-03-21).
 * Wire format: https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-gettranscodetask.
 * One task → one Job; each of its transcode jobs (one per definition) → one JobOutput with its own status.
 * Endpoints (https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-endpoint): regional
 * hosts, and `cn-hangzhou` served by `vod.cn-shanghai.aliyuncs.com` as the SDK maps it.
 */
import { z } from 'zod';
import { type AliyunCall } from '../apiCall.js';
import { emptyOutput, emptyStream, type Job, type JobError, type JobExtra, type JobInput, type JobOutput, type JobStatus, type MediaStream, type StreamType } from '../../model/job.js';
import { withJobHint } from '../errorHints.js';
import { type Endpoint, fromKindInfo, type KindDefinition, type ParseContext, type ParseResult } from './kindDefinition.js';
import { byName, type MappedStatus } from './status.js';
import { aliyunTime, anyValue, blankJob, checkRefs, decodedOrRaw, embeddedObject, fileNameFromUrl, fpsLike, idString, jsonInString, lenient, listOf, numLike, optString, parseBody, parseItems, progressLike, ownKeyStripper, unwrapList } from './wire.js';
import * as l10n from '../../util/l10n.js';


const REGIONS = [
  'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1',
  'ap-southeast-5', 'eu-central-1', 'us-west-1', 'me-central-1',
];
const ENDPOINT: Endpoint<'vod'> = {
  product: 'vod',
  origins: {
    ...Object.fromEntries(REGIONS.map((r) => [r, `https://vod.${r}.aliyuncs.com`])),
    'cn-hangzhou': 'https://vod.cn-shanghai.aliyuncs.com',
  },
};

const { apiVersion: VERSION, action: ACTION, ...CALL } = fromKindInfo('vod', ENDPOINT.product);
const API = CALL.api;

const TASK_STATUS = new Map<string, JobStatus>([
  ['Processing', 'running'],
  // "Partial": some jobs done, others still running; the task is not finished.
  ['Partial', 'running'],
  ['CompleteAllSucc', 'succeeded'],
  ['CompleteAllFail', 'failed'],
  ['CompletePartialSucc', 'partial'],
]);

const JOB_STATUS = new Map<string, JobStatus>([
  ['Transcoding', 'running'],
  ['TranscodeSuccess', 'succeeded'],
  ['TranscodeFail', 'failed'],
]);

/** GetTranscodeTask `TaskStatus` (the task as a whole). */
export function vodTaskStatus(raw: unknown): MappedStatus {
  return byName(TASK_STATUS, raw);
}

/** `TranscodeJobStatus` (one output of the task). */
export function vodJobStatus(raw: unknown): MappedStatus {
  return byName(JOB_STATUS, raw);
}

/**
 * Stream objects: ffprobe fields with every value a string (`"Index":"1"`, `"Fps":"30.0"`, `"Level":"30"`,
 * `"StartTime":"-0.046440"`). CodecTag, CodecTagString and CodecTimeBase stay in the raw body.
 */
const StreamWire = z.looseObject({
  Index: numLike,
  CodecName: optString,
  CodecLongName: optString,
  Profile: optString,
  Width: numLike,
  Height: numLike,
  Fps: fpsLike,
  AvgFPS: fpsLike,
  Bitrate: numLike,
  Channels: numLike,
  ChannelLayout: optString,
  Samplerate: numLike,
  Duration: numLike,
  Lang: optString,
  PixFmt: optString,
  Level: numLike,
  Dar: optString,
  Sar: optString,
  HasBFrames: numLike,
  SampleFmt: optString,
  Timebase: optString,
  StartTime: numLike,
});

/**
 * A stream list is JSON text holding an array, sometimes encoded twice; the SDK's doc example even carries
 * its own key (`"AudioStreamList": "[…]"`), which is stripped so such a value still reads.
 */
const withoutStreamListKey = ownKeyStripper(['VideoStreamList', 'AudioStreamList', 'SubtitleStreamList']);
const streamList = lenient((v) => {
  const text = typeof v === 'string' ? withoutStreamListKey(v) : v;
  return unwrapList(text, ['VideoStream', 'AudioStream', 'SubtitleStream']);
});

const OutputFileWire = z.looseObject({
  OutputFileUrl: optString,
  Format: optString,
  Bitrate: numLike,
  Duration: numLike,
  Fps: fpsLike,
  Width: numLike,
  Height: numLike,
  Filesize: numLike,
  // JSON text (`{"EncryptType":"HLSEncryption"}`): the model has no place for it; the "Transcode jobs" extra shows it.
  Encryption: jsonInString(z.unknown()),
  // An array of ids (or wrapped by the XML-to-JSON layer: `{"WatermarkId":[…]}`).
  WatermarkIdList: lenient((v) => unwrapList(v, ['WatermarkId']).filter((x): x is string => typeof x === 'string' && x.trim() !== '')),
  VideoStreamList: streamList,
  AudioStreamList: streamList,
  SubtitleStreamList: streamList,
});

const JobInfoWire = z.looseObject({
  TranscodeJobId: optString,
  TranscodeTemplateId: optString,
  TranscodeJobStatus: anyValue,
  TranscodeProgress: progressLike,
  Definition: optString,
  Priority: optString,
  InputFileUrl: optString,
  ErrorCode: optString,
  ErrorMessage: optString,
  CreationTime: aliyunTime,
  CompleteTime: aliyunTime,
  OutputFile: embeddedObject(OutputFileWire),
});
type JobInfo = z.output<typeof JobInfoWire>;

/** Lists may come as an array, as JSON text, or wrapped by the XML-to-JSON layer (`{"TranscodeJobInfo":[…]}`). */
const jobInfoList = listOf(['TranscodeJobInfo', 'TranscodeJobInfoList']);

const BodyWire = z.looseObject({
  RequestId: optString,
  TranscodeTask: z.looseObject({
    TranscodeTaskId: idString,
    VideoId: optString,
    TranscodeTemplateGroupId: optString,
    TaskStatus: anyValue,
    Trigger: optString,
    CreationTime: aliyunTime,
    CompleteTime: aliyunTime,
    TranscodeJobInfoList: jobInfoList,
  }),
  // Present when the query is by JobIds: its jobs follow the task's (those the task lists already are not repeated).
  TranscodeJobInfoList: jobInfoList,
  // The JobIds the API says do not exist (a query by JobIds): reported in an extra, never dropped.
  NonExistJobIds: lenient((v) => unwrapList(v, ['JobId', 'NonExistJobId']).map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : null)).filter((x): x is string => x !== null && x.trim() !== '')),
});

/** Error codes the docs show on jobs that did not fail (`"200"`); not errors. */
const SUCCESS_CODES = new Set(['0', '200', 'success', 'ok']);

function toOutput(item: JobInfo): JobOutput {
  const { status, rawStatus } = vodJobStatus(item.TranscodeJobStatus);
  const f = item.OutputFile;
  const hasError = item.ErrorCode !== null || item.ErrorMessage !== null;
  const codeLooksFine = item.ErrorCode === null || SUCCESS_CODES.has(item.ErrorCode.toLowerCase());
  const error: JobError | null = hasError && (status === 'failed' || !codeLooksFine)
    ? { code: item.ErrorCode ?? '', message: item.ErrorMessage ?? '' }
    : null;
  return {
    ...emptyOutput(),
    label: item.TranscodeJobId,
    url: f?.OutputFileUrl ?? null,
    fileName: fileNameFromUrl(f?.OutputFileUrl ?? null),
    definition: item.Definition,
    sizeBytes: f?.Filesize ?? null,
    format: f?.Format ?? null,
    width: f?.Width ?? null,
    height: f?.Height ?? null,
    bitrateKbps: f?.Bitrate ?? null,
    durationSeconds: f?.Duration ?? null,
    fps: f?.Fps ?? null,
    status,
    rawStatus,
    progress: item.TranscodeProgress,
    error,
    templateId: item.TranscodeTemplateId,
    createdAt: item.CreationTime,
    completedAt: item.CompleteTime,
  };
}

/** What the transcode jobs read: each distinct InputFileUrl once, named by the outputs that read it when there are several. */
function toInputs(items: readonly JobInfo[]): JobInput[] {
  const byUrl = new Map<string, string[]>();
  for (const [i, item] of items.entries()) {
    if (item.InputFileUrl === null) continue;
    const who = item.Definition ?? item.TranscodeJobId ?? `job ${i + 1}`;
    const list = byUrl.get(item.InputFileUrl);
    if (list) list.push(who);
    else byUrl.set(item.InputFileUrl, [who]);
  }
  return [...byUrl].map(([url, who]) => ({ url, label: byUrl.size > 1 ? who.join(', ') : null }));
}

/**
 * The fields people look for that the model has no place for: the task's Trigger; per transcode job its
 * Priority, Encryption (decoded) and WatermarkIdList; and the JobIds the API says do not exist.
 */
function extrasOf(trigger: string | null, items: readonly JobInfo[], nonExist: readonly string[]): JobExtra[] {
  const extras: JobExtra[] = [];
  if (trigger !== null) extras.push({ title: l10n.t('Transcode task'), value: { Trigger: trigger } });
  const jobs: Record<string, Record<string, unknown>> = {};
  for (const [i, item] of items.entries()) {
    const facts: Record<string, unknown> = {};
    if (item.Definition !== null) facts.Definition = item.Definition;
    if (item.Priority !== null) facts.Priority = item.Priority;
    const enc = item.OutputFile ? decodedOrRaw(item.OutputFile.Encryption) : null;
    if (enc !== null) facts.Encryption = enc;
    if (item.OutputFile && item.OutputFile.WatermarkIdList.length > 0) facts.WatermarkIdList = item.OutputFile.WatermarkIdList;
    if (Object.keys(facts).length > (item.Definition !== null ? 1 : 0)) jobs[item.TranscodeJobId ?? `job ${i + 1}`] = facts;
  }
  if (Object.keys(jobs).length > 0) extras.push({ title: l10n.t('Transcode jobs'), value: jobs });
  if (nonExist.length > 0) extras.push({ title: l10n.t('{0} (the API says these ids do not exist)', 'NonExistJobIds'), value: [...nonExist] });
  return extras;
}

function toStreams(item: JobInfo): MediaStream[] {
  const f = item.OutputFile;
  if (f === undefined) return [];
  const output = item.TranscodeJobId ?? item.Definition;
  const lists: Array<[StreamType, unknown[]]> = [
    ['video', f.VideoStreamList], ['audio', f.AudioStreamList], ['subtitle', f.SubtitleStreamList],
  ];
  const streams: MediaStream[] = [];
  for (const [type, list] of lists) {
    for (const s of parseItems(list, StreamWire)) {
      streams.push({
        ...emptyStream(type),
        output,
        index: s.Index,
        codec: s.CodecName,
        codecLongName: s.CodecLongName,
        profile: s.Profile,
        width: s.Width,
        height: s.Height,
        fps: s.Fps ?? s.AvgFPS,
        bitrateKbps: s.Bitrate,
        channels: s.Channels,
        channelLayout: s.ChannelLayout,
        sampleRate: s.Samplerate,
        durationSeconds: s.Duration,
        language: s.Lang,
        pixFmt: s.PixFmt,
        level: s.Level,
        dar: s.Dar,
        sar: s.Sar,
        hasBFrames: s.HasBFrames,
        sampleFmt: s.SampleFmt,
        timeBase: s.Timebase,
        startTime: s.StartTime,
      });
    }
  }
  return streams;
}

/** One line about the failed transcode jobs: how many, and the first one's code and message. */
function summarizeFailures(outputs: readonly JobOutput[]): JobError {
  const failed = outputs.filter((o) => o.status === 'failed' || o.error !== null);
  const first = failed.find((o) => o.error !== null)?.error ?? null;
  const count = `${failed.length} of ${outputs.length} transcode jobs failed`;
  return { code: first?.code ?? '', message: first?.message ? `${count}; first: ${first.message}` : count };
}

function parse(body: unknown, ctx: ParseContext): ParseResult {
  const wire = parseBody(BodyWire, body, API, ctx.requestId);
  const t = wire.TranscodeTask;
  const taskItems = parseItems(t.TranscodeJobInfoList, JobInfoWire);
  const listed = new Set(taskItems.map((i) => i.TranscodeJobId).filter((id): id is string => id !== null));
  const items = [...taskItems, ...parseItems(wire.TranscodeJobInfoList, JobInfoWire).filter((i) => i.TranscodeJobId === null || !listed.has(i.TranscodeJobId))];
  const { status, rawStatus } = vodTaskStatus(t.TaskStatus);
  const outputs = items.map(toOutput);

  let progress: number | null = null;
  if (status === 'running') {
    const known = outputs.map((o) => o.progress).filter((p): p is number => p !== null);
    progress = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
  }

  const job: Job = {
    ...blankJob('vod', ctx.region, t.TranscodeTaskId),
    name: t.VideoId,
    status,
    rawStatus,
    progress,
    createdAt: t.CreationTime,
    completedAt: t.CompleteTime,
    error: status === 'failed' || status === 'partial' ? withJobHint(summarizeFailures(outputs)) : null,
    outputs,
    templateId: t.TranscodeTemplateGroupId,
    streams: items.flatMap(toStreams),
    requestId: wire.RequestId ?? ctx.requestId,
    raw: body,
  };
  const inputs = toInputs(items);
  if (inputs.length > 0) job.inputs = inputs;
  const extras = extrasOf(t.Trigger, items, wire.NonExistJobIds);
  if (extras.length > 0) job.extras = extras;
  return { jobs: [job], missing: [] };
}

export const vodKind: KindDefinition<'vod', 'vod'> = {
  ...CALL,
  retention: 'one year',
  endpoint: ENDPOINT,
  buildCall(refs, _region): AliyunCall {
    const ref = checkRefs(API, refs, CALL.batchSize);
    return {
      cloud: 'aliyun', product: ENDPOINT.product, action: ACTION, version: VERSION, method: 'POST',
      params: { TranscodeTaskId: ref.id },
    };
  },
  parse,
};
