/**
 * The saved forms of tracked jobs (src/tracking/jobStore.ts keeps them): the list's entries (version 2), the
 * version 1 state they are migrated from, and one job's snapshot file, each with its schema, and the conversions
 * between them and the jobs in memory: a snapshot's summary (what the list keeps) and body (what its file is
 * written for), the light form of a snapshot nothing shows, and the budget a saved snapshot is trimmed to.
 * Pure: no I/O, no state.
 */
// zod/mini, not zod: this file loads at activation, and the full zod adds ~750 kB to the extension bundle.
import * as z from 'zod/mini';
import { createHash } from 'node:crypto';
import { CLOUDS, JOB_KINDS, JOB_STATUSES, type Job, STREAM_TYPES, type Timeline, TRACK_TYPES } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { type TrackedJob } from '../model/trackedJob.js';
import { boundDepth, deeperThan, MAX_JSON_DEPTH } from '../util/boundDepth.js';

export const STATE_VERSION = 2;
/** The format before per-job files: `{ version: 1, jobs: [{ref, snapshot, …}], removed? }`, migrated on load. */
export const LEGACY_STATE_VERSION = 1;
export const SNAPSHOT_FILE_VERSION = 1;

/** Default budget for one saved snapshot file, in JSON characters. */
export const DEFAULT_MAX_SNAPSHOT_CHARS = 32_000_000;

/**
 * Nesting kept in a saved snapshot: the job's own levels plus one bounded parse below them. Everything our parser
 * produced is far shallower; this only cuts what came from elsewhere, so JSON.stringify can never overflow.
 */
export const SNAPSHOT_MAX_DEPTH = 2 * MAX_JSON_DEPTH;

const str = z.string();
const nstr = z.nullable(z.string());
const nnum = z.nullable(z.number());
const status = z.enum(JOB_STATUSES);

const paramsSchema = z.object({
  clusterId: z.optional(str),
  casterId: z.optional(str),
  showId: z.optional(str),
  projectId: z.optional(str),
});

// Loose: fields a reference gains later (a profile name) pass through a save untouched.
const refSchema = z.looseObject({
  kind: z.enum(JOB_KINDS),
  id: str.check(z.minLength(1)),
  region: str.check(z.minLength(1)),
  params: paramsSchema,
  // Optional: states saved before profiles existed have none (they read as the "default" profile).
  profile: z.optional(str.check(z.minLength(1))),
});

const jobErrorSchema = z.object({ code: str, message: str, hint: z.optional(str) });

const outputSchema = z.object({
  label: nstr, url: nstr, mediaId: nstr, storageLocation: nstr, fileName: nstr, definition: nstr,
  sizeBytes: nnum, format: nstr, width: nnum, height: nnum, bitrateKbps: nnum, durationSeconds: nnum, fps: nnum,
  status: z.nullable(status), rawStatus: nstr, progress: nnum, error: z.nullable(jobErrorSchema),
  templateId: z.optional(nstr), createdAt: z.optional(nstr), completedAt: z.optional(nstr),
});

const inputSchema = z.object({ url: nstr, label: nstr });

const record = z.record(z.string(), z.unknown());

const clipSchema = z.object({
  clipType: nstr, mediaId: nstr, mediaUrl: nstr, in: nnum, out: nnum, timelineIn: nnum, timelineOut: nnum,
  derivedPlacement: z.boolean(), duration: nnum, speed: nnum, text: nstr,
  effects: z.array(z.object({ type: str, subType: nstr, durationSeconds: nnum, raw: record })),
  raw: record,
});

const trackSchema = z.object({ type: z.enum(TRACK_TYPES), index: z.number(), main: z.boolean(), clips: z.array(clipSchema), origin: z.optional(z.enum(TRACK_TYPES)) });

const timelineSchema = z.union([
  z.object({ tracks: z.array(trackSchema), durationSeconds: nnum, durationIsLowerBound: z.optional(z.boolean()), parseError: z.null() }),
  z.object({ tracks: z.array(trackSchema), durationSeconds: z.null(), parseError: str, rawText: str }),
]);

const streamSchema = z.object({
  type: z.enum(STREAM_TYPES), output: nstr, index: nnum, codec: nstr, codecLongName: nstr, profile: nstr,
  width: nnum, height: nnum, fps: nnum, bitrateKbps: nnum, channels: nnum, channelLayout: nstr, sampleRate: nnum,
  durationSeconds: nnum, language: nstr,
  pixFmt: z.optional(nstr), level: z.optional(nnum), dar: z.optional(nstr), sar: z.optional(nstr),
  hasBFrames: z.optional(nnum), sampleFmt: z.optional(nstr), timeBase: z.optional(nstr), startTime: z.optional(nnum),
});

const jobSchema = z.object({
  kind: z.enum(JOB_KINDS), cloud: z.enum(CLOUDS), region: str, id: str, name: nstr, status, rawStatus: str,
  progress: nnum, createdAt: nstr, startedAt: nstr, completedAt: nstr, updatedAt: nstr, stoppedAt: z.optional(nstr),
  durationSeconds: nnum, error: z.nullable(jobErrorSchema), inputs: z.optional(z.array(inputSchema)), outputs: z.array(outputSchema), timeline: z.nullable(timelineSchema),
  clipsParam: z.unknown(), templateId: nstr, editingProjectId: z.optional(nstr), userData: z.unknown(), subJobMaterials: z.unknown(),
  streams: z.array(streamSchema), params: paramsSchema, requestId: nstr,
  extras: z.optional(z.array(z.object({ title: str, value: z.unknown() }))),
  batch: z.optional(z.union([
    z.object({ role: z.literal('batch'), jobType: nstr, subJobCount: nnum }),
    z.object({ role: z.literal('sub'), parentId: str }),
  ])),
  // Never saved; accepted (and dropped) so a hand-edited state with it still loads.
  raw: z.optional(z.unknown()),
});

/**
 * The saved job is the `Job` type, field for field: these two conversions compile only while the schema and
 * src/model/job.ts agree in both directions (a field added to Job and not here, or typed otherwise, fails the
 * build), so no cast is needed where a saved snapshot comes back.
 */
type SavedJob = z.infer<typeof jobSchema>;
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
/** Also the optional fields: a key of Job missing from the schema (or the other way round) fails here. */
const SAVED_JOB_HAS_EVERY_FIELD: SameKeys<SavedJob, Job> = true;
const jobFitsSchema = (j: Job): SavedJob => j;
void [SAVED_JOB_HAS_EVERY_FIELD, jobFitsSchema];
export const jobFromSaved = (j: SavedJob): Job => ({ ...j, raw: null });

const trackedErrorSchema = z.object({
  kind: z.enum(['api', 'network', 'bad-response', 'schema', 'config', 'credentials']),
  code: nstr, message: str, hint: nstr, at: str,
});

/** What the list keeps of a snapshot: what the tree, the status bar and the notifications read at startup. */
const summarySchema = z.object({
  cloud: z.enum(CLOUDS), region: str, id: str, name: nstr, status, rawStatus: str, progress: nnum,
  createdAt: nstr, startedAt: nstr, completedAt: nstr, updatedAt: nstr, stoppedAt: z.optional(nstr),
  error: z.nullable(jobErrorSchema), params: paramsSchema,
});

export type SnapshotSummary = z.infer<typeof summarySchema>;

/** What a saved tracked job has in either version. `key` is informational: it is recomputed from `ref` on load. */
const savedJobFields = {
  key: z.optional(str),
  ref: refSchema,
  lastError: z.nullable(trackedErrorSchema),
  addedAt: str,
  lastCheckedAt: nstr,
  watched: z.boolean(),
  snapshotTrimmed: z.optional(z.boolean()),
};

/** One job of the list (version 2): its summary, the snapshot being in its own file. */
export const listEntrySchema = z.object({ ...savedJobFields, summary: z.nullable(summarySchema) });

/** `ref` as the model types it: the schema keeps fields it does not know (loose). */
export type ListEntry = Omit<z.infer<typeof listEntrySchema>, 'ref'> & { ref: JobRef };

/** One saved tracked job of the previous format (version 1), snapshot inline. */
export const persistedJobSchema = z.object({ ...savedJobFields, snapshot: z.nullable(jobSchema) });

export type PersistedJob = Omit<z.infer<typeof persistedJobSchema>, 'ref'> & { ref: JobRef };

/** A job some window stopped tracking, and when: it beats a stored entry of that key added before then. */
export const tombstoneSchema = z.object({ key: str.check(z.minLength(1)), at: str });

export type Tombstone = z.infer<typeof tombstoneSchema>;

/**
 * The outer shape, either version; entries are validated one by one so one bad entry does not cost the others.
 * `removed` is optional: absent in states written before windows merged their writes (and when nothing was removed).
 */
export const persistedStateSchema = z.object({
  version: z.union([z.literal(STATE_VERSION), z.literal(LEGACY_STATE_VERSION)]),
  jobs: z.array(z.unknown()),
  removed: z.optional(z.array(z.unknown())),
});

/** The list as written. */
export interface PersistedState {
  version: typeof STATE_VERSION;
  jobs: ListEntry[];
  removed?: Tombstone[];
}

/**
 * One job's file. `hash` is of the snapshot's body JSON (savedSnapshot), so an answer whose body is unchanged is
 * not written again; `checkedAt` is the poll that wrote it. Files of earlier builds hashed the
 * whole snapshot: such a file reads the same and is written over once, at the next answer.
 */
export const snapshotFileSchema = z.object({
  version: z.literal(SNAPSHOT_FILE_VERSION),
  key: str,
  checkedAt: nstr,
  hash: str,
  trimmed: z.optional(z.boolean()),
  snapshot: jobSchema,
});

export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

/** The summary the list keeps of a snapshot. */
export function summaryOf(j: Job | Omit<Job, 'raw'>): SnapshotSummary {
  const s: SnapshotSummary = {
    cloud: j.cloud, region: j.region, id: j.id, name: j.name, status: j.status, rawStatus: j.rawStatus, progress: j.progress,
    createdAt: j.createdAt, startedAt: j.startedAt, completedAt: j.completedAt, updatedAt: j.updatedAt,
    error: j.error, params: j.params,
  };
  if (j.stoppedAt !== undefined) s.stoppedAt = j.stoppedAt;
  return s;
}

/** A snapshot rebuilt from the list's summary alone (until its file is read): no outputs, streams or timeline yet. */
export function jobOfSummary(kind: Job['kind'], s: SnapshotSummary): Job {
  const job: Job = {
    kind, cloud: s.cloud, region: s.region, id: s.id, name: s.name, status: s.status, rawStatus: s.rawStatus, progress: s.progress,
    createdAt: s.createdAt, startedAt: s.startedAt, completedAt: s.completedAt, updatedAt: s.updatedAt,
    durationSeconds: null, error: s.error, outputs: [], timeline: null, clipsParam: null, templateId: null, userData: null,
    subJobMaterials: null, streams: [], params: s.params, requestId: null, raw: null,
  };
  if (s.stoppedAt !== undefined) job.stoppedAt = s.stoppedAt;
  return job;
}

/**
 * The in-memory form of a snapshot nothing shows: no raw response, no timeline clips (they stay in the job's
 * file). Returns the job itself when there is nothing to drop.
 */
export function lightJob(job: Job): { job: Job; light: boolean } {
  const tl = job.timeline;
  const hasClips = tl !== null && tl.tracks.some((t) => t.clips.length > 0);
  const longRaw = tl !== null && tl.parseError !== null && tl.rawText.length > 1000;
  if (job.raw === null && !hasClips && !longRaw) return { job, light: false };
  const out: Job = { ...job, raw: null };
  if (tl !== null && (hasClips || longRaw)) out.timeline = withoutClips(tl);
  return { job: out, light: hasClips || longRaw };
}

/** Restores a validated v1 entry as a live TrackedJob (`raw` becomes null: it was never saved). */
export function trackedFromPersisted(p: PersistedJob, key: string): TrackedJob {
  const snapshot = p.snapshot ? jobFromSaved(p.snapshot) : null;
  const t: TrackedJob = {
    key, ref: p.ref as JobRef, snapshot, lastError: p.lastError, addedAt: p.addedAt, lastCheckedAt: p.lastCheckedAt, watched: p.watched,
  };
  if (p.snapshotTrimmed) t.snapshotTrimmed = true;
  return t;
}

/** Restores a list entry: the snapshot is its summary until the job's file is read. */
export function trackedFromEntry(e: ListEntry, key: string): TrackedJob {
  const ref = e.ref as JobRef;
  const t: TrackedJob = {
    key, ref, snapshot: e.summary ? jobOfSummary(ref.kind, e.summary) : null, lastError: e.lastError, addedAt: e.addedAt,
    lastCheckedAt: e.lastCheckedAt, watched: e.watched,
  };
  if (e.summary) t.snapshotLight = true;
  if (e.snapshotTrimmed) t.snapshotTrimmed = true;
  return t;
}

/**
 * The fields of a snapshot the list keeps (summarySchema), which a job's file need not be written for: the rest
 * is the snapshot's body. Typed so that a field added to the summary and not here fails the build.
 */
const HEAD_FIELDS = [
  'cloud', 'region', 'id', 'name', 'status', 'rawStatus', 'progress', 'createdAt', 'startedAt', 'completedAt', 'updatedAt',
  'stoppedAt', 'error', 'params',
] as const satisfies ReadonlyArray<keyof SnapshotSummary>;
const HEAD_HAS_EVERY_FIELD: Exclude<keyof SnapshotSummary, (typeof HEAD_FIELDS)[number]> extends never ? true : false = true;
void HEAD_HAS_EVERY_FIELD;

/** A snapshot's body: everything but its head (HEAD_FIELDS), the raw response and the request id. */
type SnapshotBody = Omit<Job, (typeof HEAD_FIELDS)[number] | 'raw' | 'requestId'>;

function bodyOf(job: Job): SnapshotBody {
  const out: Record<string, unknown> = { ...job };
  for (const k of HEAD_FIELDS) delete out[k];
  delete out.raw;
  // The request id changes on every call: left out of what decides whether the answer changed.
  delete out.requestId;
  return out as SnapshotBody;
}

/** `body`'s snapshot with `head`'s summary fields (a field the head has not, such as stoppedAt, is not kept). */
export function withHead(body: Job, head: Job | SnapshotSummary): Job {
  const out: Job = { ...body, ...summaryOf(head as Job), raw: body.raw };
  if (head.stoppedAt === undefined) delete out.stoppedAt;
  return out;
}

/**
 * The saved form of a snapshot: without `raw` and the request id, and within `maxChars` where possible, dropping
 * first timeline clips (and an unparsable timeline's raw text), then clip parameters, user data, sub-job materials
 * and stream lists. Returns the file's snapshot JSON (head and body, so a build that reads whole snapshots reads
 * it), the hash of the body alone (a change of the head, which the list keeps, does not rewrite the file), and
 * whether anything besides `raw` was dropped.
 */
export function savedSnapshot(job: Job, maxChars: number): { text: string; bodyHash: string; trimmed: boolean } {
  const headText = JSON.stringify(summaryOf(job));
  const budget = maxChars - headText.length;
  const parts = (body: SnapshotBody, trimmed: boolean) => {
    const bodyText = JSON.stringify({ ...body, requestId: null });
    return { bodyText, trimmed };
  };
  let body = bodyOf(job);
  // Parts nested absurdly deep (they did not come through our bounded parser) would make JSON.stringify throw.
  if (deeperThan(body, SNAPSHOT_MAX_DEPTH)) body = boundDepth(body, SNAPSHOT_MAX_DEPTH) as SnapshotBody;
  let saved = parts(body, false);
  if (saved.bodyText.length > budget && body.timeline) {
    body = { ...body, timeline: withoutClips(body.timeline) };
    saved = parts(body, true);
  }
  if (saved.bodyText.length > budget) {
    // Outputs and the head are what the tree and hovers need; they are kept even if still over budget.
    saved = parts({ ...body, clipsParam: null, userData: null, subJobMaterials: null, streams: [] }, true);
  }
  return {
    text: `${headText.slice(0, -1)},${saved.bodyText.slice(1)}`,
    bodyHash: createHash('sha1').update(saved.bodyText).digest('hex'),
    trimmed: saved.trimmed,
  };
}

function withoutClips(t: Timeline): Timeline {
  const tracks = t.tracks.map((track) => ({ ...track, clips: [] }));
  if (t.parseError === null) return { ...t, tracks };
  return { ...t, tracks, rawText: t.rawText.length > 1000 ? `${t.rawText.slice(0, 1000)}…` : t.rawText };
}


/** The list's entry of a tracked job. */
export function entryOf(t: TrackedJob): ListEntry {
  const e: ListEntry = {
    key: t.key, ref: t.ref, summary: t.snapshot ? summaryOf(t.snapshot) : null, lastError: t.lastError, addedAt: t.addedAt,
    lastCheckedAt: t.lastCheckedAt, watched: t.watched,
  };
  if (t.snapshotTrimmed) e.snapshotTrimmed = true;
  return e;
}
