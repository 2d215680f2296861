/**
 * The normalized job: one shape for all five job kinds of both clouds.
 *
 * Everything outside `clouds/adapters/` sees only this model; the wire formats (zod schemas) stay there.
 * Times are ISO 8601 UTC strings (`2024-01-01T00:00:00Z`) or null; durations and timeline positions are
 * seconds as numbers; sizes are bytes. A field the API does not give is null, never a guess.
 */

export const JOB_KINDS = ['ice', 'vod', 'live-editing', 'live-edge', 'mpc-editing'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const CLOUDS = ['aliyun', 'huawei'] as const;
export type CloudId = (typeof CLOUDS)[number];

/** One status vocabulary for every kind; the cloud's own value is kept beside it in `rawStatus`. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'partial', 'cancelled', 'stopped', 'unknown'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Terminal statuses are never polled again. `stopped` (edge transcode) is not terminal: it may start. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['succeeded', 'failed', 'partial', 'cancelled']);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export function isJobKind(value: unknown): value is JobKind {
  return typeof value === 'string' && (JOB_KINDS as readonly string[]).includes(value);
}

export interface JobError {
  code: string;
  message: string;
  /** What to do about it, when the code says enough (set by the kind's adapter; absent in jobs saved before). */
  hint?: string;
}

/** One output of a job: a file, a VOD media asset, a stream, or one transcode job of a VOD task. */
export interface JobOutput {
  /** What the output is called where the API names it (e.g. a VOD transcode job id, an edge stream name). */
  label: string | null;
  url: string | null;
  mediaId: string | null;
  /** Bucket / OSS location / OBS region, as the API gives it. */
  storageLocation: string | null;
  fileName: string | null;
  /** A definition label such as `HD` or `4K` (VOD); a label, not the real resolution. */
  definition: string | null;
  sizeBytes: number | null;
  format: string | null;
  width: number | null;
  height: number | null;
  bitrateKbps: number | null;
  durationSeconds: number | null;
  fps: number | null;
  /** The output's own status where it has one (VOD transcode jobs). */
  status: JobStatus | null;
  rawStatus: string | null;
  progress: number | null;
  error: JobError | null;
  /** The template that made this output, where each output has its own (VOD transcode jobs). */
  templateId?: string | null;
  /** When this output's own job was created and completed (VOD transcode jobs). */
  createdAt?: string | null;
  completedAt?: string | null;
}

/** What a job reads: a source file or an input stream (VOD InputFileUrl, edge StreamInput). */
export interface JobInput {
  url: string | null;
  /** What the input is where the job has several (the outputs that read it), or null. */
  label: string | null;
}

export const TRACK_TYPES = ['video', 'audio', 'subtitle', 'effect', 'image'] as const;
export type TrackType = (typeof TRACK_TYPES)[number];

export interface TimelineEffect {
  type: string;
  subType: string | null;
  durationSeconds: number | null;
  raw: Record<string, unknown>;
}

export interface TimelineClip {
  /** Clip `Type` as the Timeline says it (`Video`, `Image`, `Text`, `Subtitle`, `Filter`, …) or null. */
  clipType: string | null;
  mediaId: string | null;
  mediaUrl: string | null;
  /** Source in/out points (seconds). */
  in: number | null;
  out: number | null;
  /** Position on the output timeline (seconds): as given, or derived by laying clips end to end. */
  timelineIn: number | null;
  timelineOut: number | null;
  /** True when timelineIn/timelineOut were computed here rather than given in the Timeline. */
  derivedPlacement: boolean;
  duration: number | null;
  speed: number | null;
  /** Text content for subtitle/text clips; file URL for subtitle files. */
  text: string | null;
  effects: TimelineEffect[];
  /** The clip exactly as it was in the Timeline. */
  raw: Record<string, unknown>;
}

export interface TimelineTrack {
  type: TrackType;
  /** Index within its group (VideoTracks[0] is the bottom layer). */
  index: number;
  main: boolean;
  clips: TimelineClip[];
  /**
   * The Timeline list the track came from when it is not the one of its type: `video` for an effect track given in
   * VideoTracks with Type "Effect" (its `index` then counts VideoTracks). Absent otherwise and in jobs saved before.
   */
  origin?: TrackType;
}

/** A parsed Timeline, or the reason it could not be parsed (the job still shows). */
export type Timeline =
  | {
    tracks: TimelineTrack[];
    /** The output's length: the job's own Duration when known, else what the Timeline determines (see below). */
    durationSeconds: number | null;
    /**
     * True when clips of unknown length leave the end open: the output is at least `durationSeconds` long.
     * Absent (or false) when the length is the real one, and in jobs saved before.
     */
    durationIsLowerBound?: boolean;
    parseError: null;
  }
  | { tracks: TimelineTrack[]; durationSeconds: null; parseError: string; rawText: string };

export const STREAM_TYPES = ['video', 'audio', 'subtitle'] as const;
export type StreamType = (typeof STREAM_TYPES)[number];

export interface MediaStream {
  type: StreamType;
  /** Which output the stream belongs to (its label or index), so streams of several outputs can be grouped. */
  output: string | null;
  index: number | null;
  codec: string | null;
  codecLongName: string | null;
  profile: string | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  bitrateKbps: number | null;
  channels: number | null;
  channelLayout: string | null;
  sampleRate: number | null;
  durationSeconds: number | null;
  language: string | null;
  // ffprobe's own fields, where the API gives them (VOD stream lists); absent in jobs saved before.
  /** `pix_fmt`: `yuv420p`. */
  pixFmt?: string | null;
  /** `level`: `31` (H.264 level 3.1). */
  level?: number | null;
  /** Display and sample aspect ratio: `16:9`, `1:1`. */
  dar?: string | null;
  sar?: string | null;
  /** `has_b_frames`: how many B-frames the decoder holds back (0: none). */
  hasBFrames?: number | null;
  /** `sample_fmt`: `fltp`. */
  sampleFmt?: string | null;
  /** `time_base`: `1/12800`. */
  timeBase?: string | null;
  /** `start_time` in seconds (may be negative: audio priming). */
  startTime?: number | null;
}

/** Extra identity a kind needs beside the id. */
export interface JobParams {
  clusterId?: string;
  casterId?: string;
  showId?: string;
  projectId?: string;
}

export interface Job {
  kind: JobKind;
  cloud: CloudId;
  region: string;
  id: string;
  /** A useful human name: template, file name, show id, stream name, … */
  name: string | null;
  status: JobStatus;
  rawStatus: string;
  progress: number | null;
  createdAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  updatedAt: string | null;
  /** When a long-lived job last stopped (edge LastStopAt); absent for kinds that do not stop. */
  stoppedAt?: string | null;
  durationSeconds: number | null;
  error: JobError | null;
  /** What the job reads (source files, input streams); absent where the API does not say. */
  inputs?: JobInput[];
  outputs: JobOutput[];
  timeline: Timeline | null;
  /** ICE ClipsParam, decoded; or the raw string when it was not valid JSON. */
  clipsParam: unknown;
  templateId: string | null;
  /**
   * The online editing project the job was produced from (ICE ProjectId); absent for kinds without projects and
   * in jobs saved before. Not identity: `params` holds what a reference needs, and an ICE job needs only its id.
   */
  editingProjectId?: string | null;
  /** UserData, decoded where it is JSON. */
  userData: unknown;
  /** ICE SubJobMaterials, decoded where it is JSON. */
  subJobMaterials: unknown;
  streams: MediaStream[];
  params: JobParams;
  requestId: string | null;
  /** The API's response body for this job, as received (after the outer JSON.parse). */
  raw: unknown;
  /** Cloud fields the normalized job has no place for but people look for (set by the kind's adapter). */
  extras?: JobExtra[];
  /** Listed ICE jobs: a batch job (a parent in a list) or a sub-job listed under its batch; absent otherwise. */
  batch?: JobBatch;
}

/**
 * A listed job's place in a batch (ICE quick video production, ListBatchMediaProducingJobs): the batch job itself
 * (its JobType, Script or Smart_Mix, and how many sub-jobs it has, null when not counted), or a sub-job listed
 * under its batch (ListMediaProducingJobs with MasterJobId).
 */
export type JobBatch =
  | { role: 'batch'; jobType: string | null; subJobCount: number | null }
  | { role: 'sub'; parentId: string };

/** One cloud-specific field (or group of fields) shown beside the normalized ones. */
export interface JobExtra {
  title: string;
  value: unknown;
}

export function emptyOutput(): JobOutput {
  return {
    label: null, url: null, mediaId: null, storageLocation: null, fileName: null, definition: null,
    sizeBytes: null, format: null, width: null, height: null, bitrateKbps: null, durationSeconds: null,
    fps: null, status: null, rawStatus: null, progress: null, error: null,
  };
}

export function emptyStream(type: StreamType): MediaStream {
  return {
    type, output: null, index: null, codec: null, codecLongName: null, profile: null, width: null, height: null,
    fps: null, bitrateKbps: null, channels: null, channelLayout: null, sampleRate: null, durationSeconds: null,
    language: null,
  };
}
