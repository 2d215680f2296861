/**
 * The tracked jobs: what the user tracks, the last snapshot of each, and the last poll's error, kept in a
 * key-value store (VS Code's globalState) behind a small interface so it is tested in plain Node.
 *
 * Saved state is versioned (`{ version: 1, jobs }`) and validated with zod on load. Whatever cannot be read (not
 * the expected shape, an unknown version, entries of the wrong types) is copied under a backup key first and
 * reported; the readable entries are kept. Nothing is ever dropped silently.
 *
 * Writes are coalesced: changes mark the state dirty and one write happens `debounceMs` after the first of them
 * (not pushed back by later ones, so a busy poll loop still saves regularly); `flush()` writes at once (on
 * deactivate). Writes never overlap.
 *
 * The store sees only references and normalized jobs, never credentials; error messages are redacted again
 * before they are kept, in case a server echoed a signed string.
 */
// zod/mini, not zod: this file loads at activation, and the full zod adds ~750 kB to the extension bundle.
import * as z from 'zod/mini';
import { type FetchOutcome } from '../clouds/client.js';
import { type MediaJobsError } from '../clouds/errors.js';
import { redactSecrets } from '../clouds/http/redact.js';
import {
  CLOUDS, isTerminal, JOB_KINDS, JOB_STATUSES, type Job, type JobParams, type JobStatus, STREAM_TYPES, type Timeline,
  TRACK_TYPES,
} from '../model/job.js';
import { type JobRef, jobKey } from '../model/jobRef.js';
import {
  effectiveStatus, isCasterRef, refOfJob, type TrackedError, trackedErrorFrom, type TrackedJob,
} from '../model/trackedJob.js';
import { Emitter, type Event } from '../util/event.js';

/** What the store needs from `vscode.Memento` (globalState satisfies it). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** A saved state that could not be fully read: where the original was kept, and what to tell the user. */
export interface StoreProblem {
  message: string;
  backupKey: string;
}

export interface JobStoreOptions {
  /** Where the state lives (default `mediaJobs.trackedJobs`). */
  key?: string;
  /** Where an unreadable state is copied (default `<key>.backup`; a timestamp is appended if that is taken). */
  backupKey?: string;
  /** Milliseconds since the epoch, for `addedAt` and backup names. */
  clock?: () => number;
  /** Budget of one saved snapshot in JSON characters (default 200,000). */
  maxSnapshotChars?: number;
  /** Delay between the first unsaved change and the write (default 1,000 ms). */
  debounceMs?: number;
  /** Timer used for the delayed write (default setTimeout, unref'd); injectable so tests need no real time. */
  schedule?: (fn: () => void, ms: number) => { dispose(): void };
  /** Where a failed delayed write is reported (flush() rejects instead). Default: console.error. */
  onPersistError?: (e: unknown) => void;
}

/** A tracked job that became terminal with this poll; `previous` is null when the job was seen for the first time. */
export interface JobTransition {
  job: TrackedJob;
  previous: JobStatus | null;
}

export const DEFAULT_STATE_KEY = 'mediaJobs.trackedJobs';

// ---- Saved form -------------------------------------------------------------------------------------------

export const STATE_VERSION = 1;

/** Default budget for one saved snapshot, in JSON characters. */
export const DEFAULT_MAX_SNAPSHOT_CHARS = 200_000;

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

const refSchema = z.object({
  kind: z.enum(JOB_KINDS),
  id: str.check(z.minLength(1)),
  region: str.check(z.minLength(1)),
  params: paramsSchema,
});

const jobErrorSchema = z.object({ code: str, message: str });

const outputSchema = z.object({
  label: nstr, url: nstr, mediaId: nstr, storageLocation: nstr, fileName: nstr, definition: nstr,
  sizeBytes: nnum, format: nstr, width: nnum, height: nnum, bitrateKbps: nnum, durationSeconds: nnum, fps: nnum,
  status: z.nullable(status), rawStatus: nstr, progress: nnum, error: z.nullable(jobErrorSchema),
});

const record = z.record(z.string(), z.unknown());

const clipSchema = z.object({
  clipType: nstr, mediaId: nstr, mediaUrl: nstr, in: nnum, out: nnum, timelineIn: nnum, timelineOut: nnum,
  derivedPlacement: z.boolean(), duration: nnum, speed: nnum, text: nstr,
  effects: z.array(z.object({ type: str, subType: nstr, durationSeconds: nnum, raw: record })),
  raw: record,
});

const trackSchema = z.object({ type: z.enum(TRACK_TYPES), index: z.number(), main: z.boolean(), clips: z.array(clipSchema) });

const timelineSchema = z.union([
  z.object({ tracks: z.array(trackSchema), durationSeconds: nnum, parseError: z.null() }),
  z.object({ tracks: z.array(trackSchema), durationSeconds: z.null(), parseError: str, rawText: str }),
]);

const streamSchema = z.object({
  type: z.enum(STREAM_TYPES), output: nstr, index: nnum, codec: nstr, codecLongName: nstr, profile: nstr,
  width: nnum, height: nnum, fps: nnum, bitrateKbps: nnum, channels: nnum, channelLayout: nstr, sampleRate: nnum,
  durationSeconds: nnum, language: nstr,
});

const jobSchema = z.object({
  kind: z.enum(JOB_KINDS), cloud: z.enum(CLOUDS), region: str, id: str, name: nstr, status, rawStatus: str,
  progress: nnum, createdAt: nstr, startedAt: nstr, completedAt: nstr, updatedAt: nstr, durationSeconds: nnum,
  error: z.nullable(jobErrorSchema), outputs: z.array(outputSchema), timeline: z.nullable(timelineSchema),
  clipsParam: z.unknown(), templateId: nstr, userData: z.unknown(), subJobMaterials: z.unknown(),
  streams: z.array(streamSchema), params: paramsSchema, requestId: nstr,
  // Never saved; accepted (and dropped) so a hand-edited state with it still loads.
  raw: z.optional(z.unknown()),
});

const trackedErrorSchema = z.object({
  kind: z.enum(['api', 'network', 'bad-response', 'schema', 'config', 'credentials']),
  code: nstr, message: str, hint: nstr, at: str,
});

/** One saved tracked job. `key` is informational: it is recomputed from `ref` on load. */
export const persistedJobSchema = z.object({
  key: z.optional(str),
  ref: refSchema,
  snapshot: z.nullable(jobSchema),
  lastError: z.nullable(trackedErrorSchema),
  addedAt: str,
  lastCheckedAt: nstr,
  watched: z.boolean(),
  snapshotTrimmed: z.optional(z.boolean()),
});

export type PersistedJob = z.infer<typeof persistedJobSchema>;

/** The outer shape; entries are validated one by one so one bad entry does not cost the others. */
export const persistedStateSchema = z.object({ version: z.literal(STATE_VERSION), jobs: z.array(z.unknown()) });

/** Restores a validated entry as a live TrackedJob (`raw` becomes null: it was never saved). */
export function trackedFromPersisted(p: PersistedJob, key: string): TrackedJob {
  const snapshot = p.snapshot ? ({ ...p.snapshot, raw: null } as Job) : null;
  const t: TrackedJob = {
    key, ref: p.ref, snapshot, lastError: p.lastError, addedAt: p.addedAt, lastCheckedAt: p.lastCheckedAt, watched: p.watched,
  };
  if (p.snapshotTrimmed) t.snapshotTrimmed = true;
  return t;
}

/**
 * The saved form of a snapshot: without `raw`, and within `maxChars` where possible, dropping first timeline
 * clips (and an unparsable timeline's raw text), then clip parameters, user data, sub-job materials and stream
 * lists. Returns whether anything besides `raw` was dropped.
 */
export function trimSnapshot(job: Job, maxChars: number): { snapshot: Omit<Job, 'raw'>; trimmed: boolean } {
  const { raw: _raw, ...rest } = job;
  let snapshot: Omit<Job, 'raw'> = rest;
  if (JSON.stringify(snapshot).length <= maxChars) return { snapshot, trimmed: false };
  if (snapshot.timeline) snapshot = { ...snapshot, timeline: withoutClips(snapshot.timeline) };
  if (JSON.stringify(snapshot).length <= maxChars) return { snapshot, trimmed: true };
  snapshot = { ...snapshot, clipsParam: null, userData: null, subJobMaterials: null, streams: [] };
  // Outputs and the fields above are what the tree and hovers need; they are kept even if still over budget.
  return { snapshot, trimmed: true };
}

function withoutClips(t: Timeline): Timeline {
  const tracks = t.tracks.map((track) => ({ ...track, clips: [] }));
  if (t.parseError === null) return { ...t, tracks };
  return { ...t, tracks, rawText: t.rawText.length > 1000 ? `${t.rawText.slice(0, 1000)}…` : t.rawText };
}

// ---- The store ------------------------------------------------------------------------------------------------

type SavedSnapshot = { snapshot: Omit<Job, 'raw'>; trimmed: boolean };

export class JobStore {
  private jobs = new Map<string, TrackedJob>();
  private readonly changes = new Emitter<{ keys: string[] }>();
  /** Fires after any change, with the keys added, removed or updated. */
  readonly onDidChange: Event<{ keys: string[] }> = this.changes.event;

  private readonly key: string;
  private readonly backupKey: string;
  private readonly now: () => number;
  private readonly maxSnapshotChars: number;
  private readonly debounceMs: number;
  private readonly schedule: NonNullable<JobStoreOptions['schedule']>;
  private readonly onPersistError: (e: unknown) => void;

  private dirty = false;
  private timer: { dispose(): void } | undefined;
  private writeChain: Promise<void> = Promise.resolve();
  /** Set when an unreadable state could not be backed up: then we must never overwrite it. */
  private writesBlocked = false;
  /** Saved forms of snapshots already trimmed, so an unchanged snapshot is not re-serialized on every write. */
  private saved = new WeakMap<Job, SavedSnapshot>();

  constructor(private readonly kv: KeyValueStore, opts: JobStoreOptions = {}) {
    this.key = opts.key ?? DEFAULT_STATE_KEY;
    this.backupKey = opts.backupKey ?? `${this.key}.backup`;
    this.now = opts.clock ?? Date.now;
    this.maxSnapshotChars = opts.maxSnapshotChars ?? DEFAULT_MAX_SNAPSHOT_CHARS;
    this.debounceMs = opts.debounceMs ?? 1000;
    this.schedule = opts.schedule ?? defaultSchedule;
    this.onPersistError = opts.onPersistError ?? ((e) => console.error('media jobs: saving tracked jobs failed', e));
  }

  /**
   * Reads the saved state. A corrupt or unknown-version state is copied to the backup key (never dropped) and
   * returned as a problem to report; the store keeps what it could read (nothing, for a wrong shape or version)
   * and saves that cleaned state, so the same problem is not reported on every start.
   */
  async load(): Promise<StoreProblem | null> {
    const original = this.kv.get<unknown>(this.key);
    const restored = new Map<string, TrackedJob>();
    let problem: string | null = null;
    if (original !== undefined) {
      const outer = persistedStateSchema.safeParse(original);
      if (!outer.success) {
        const version = isObject(original) ? original.version : undefined;
        problem = typeof version === 'number' && version !== STATE_VERSION
          ? `The saved tracked jobs have format version ${version}, which this version of the extension cannot read`
          : 'The saved tracked jobs are not in the expected format';
      } else {
        let bad = 0;
        for (const entry of outer.data.jobs) {
          const r = persistedJobSchema.safeParse(entry);
          if (!r.success) {
            bad++;
            continue;
          }
          const ref = normalizeRef(r.data.ref);
          const key = jobKey(ref);
          // The key is recomputed from the reference (the truth); a duplicate keeps its first entry.
          if (!restored.has(key)) restored.set(key, trackedFromPersisted({ ...r.data, ref }, key));
        }
        if (bad > 0) problem = `${bad} of ${outer.data.jobs.length} saved tracked jobs could not be read and were left out`;
      }
    }
    const previousKeys = [...this.jobs.keys()];
    this.jobs = restored;
    const keys = [...new Set([...previousKeys, ...restored.keys()])];
    if (keys.length > 0) this.changes.fire({ keys });
    if (problem === null) return null;

    let backupKey: string;
    try {
      backupKey = await this.backup(original);
    } catch {
      // Without a backup the original must stay where it is: no writes this session.
      this.writesBlocked = true;
      return {
        message: `${problem}. It could not be backed up, so it was left untouched and changes will not be saved in this session.`,
        backupKey: this.key,
      };
    }
    this.dirty = true;
    try {
      await this.flush();
    } catch (e) {
      this.onPersistError(e);
    }
    return { message: `${problem}. The original was kept under the state key "${backupKey}".`, backupKey };
  }

  /** Copies `value` to the backup key, or to a timestamped one if the backup key already holds something else. */
  private async backup(value: unknown): Promise<string> {
    let key = this.backupKey;
    const existing = this.kv.get<unknown>(key);
    if (existing !== undefined && !sameJson(existing, value)) {
      const stamp = new Date(this.now()).toISOString();
      key = `${this.backupKey}.${stamp}`;
      for (let i = 2; this.kv.get<unknown>(key) !== undefined && !sameJson(this.kv.get<unknown>(key), value); i++) {
        key = `${this.backupKey}.${stamp}.${i}`;
      }
    }
    await this.kv.update(key, value);
    return key;
  }

  /** Every tracked job, in the order they were added. */
  all(): TrackedJob[] {
    return [...this.jobs.values()];
  }

  get(key: string): TrackedJob | undefined {
    return this.jobs.get(key);
  }

  /** Tracked jobs with this id, and (for a CasterId) the tasks of that caster. */
  findById(id: string): TrackedJob[] {
    return this.all().filter((t) => t.ref.id === id || t.ref.params.casterId === id || t.snapshot?.id === id);
  }

  /**
   * Starts tracking references (regions must be resolved). Keys already tracked are kept as they are.
   * Returns the added-or-existing entries, one per reference.
   */
  add(refs: readonly JobRef[]): TrackedJob[] {
    const unresolved = refs.find((r) => !r.region);
    if (unresolved) throw new Error(`${unresolved.kind} ${unresolved.id}: resolve the region before tracking the job`);
    const out: TrackedJob[] = [];
    const added: string[] = [];
    const addedAt = new Date(this.now()).toISOString();
    for (const raw of refs) {
      const ref = normalizeRef(raw);
      const key = jobKey(ref);
      let t = this.jobs.get(key);
      if (!t) {
        t = { key, ref, snapshot: null, lastError: null, addedAt, lastCheckedAt: null, watched: false };
        this.jobs.set(key, t);
        added.push(key);
      }
      out.push(t);
    }
    this.changed(added);
    return out;
  }

  remove(keys: readonly string[]): void {
    this.changed(keys.filter((k) => this.jobs.delete(k)));
  }

  /** Stops tracking every terminal job; returns their keys. */
  clearFinished(): string[] {
    const keys = this.all().filter((t) => isTerminal(effectiveStatus(t))).map((t) => t.key);
    this.remove(keys);
    return keys;
  }

  setWatched(key: string, watched: boolean): void {
    const t = this.jobs.get(key);
    if (!t || t.watched === watched) return;
    this.jobs.set(key, { ...t, watched });
    this.changed([key]);
  }

  /** Applies a poll result. Returns the transitions to terminal (for notifications): previous status null when first seen. */
  applyOutcome(key: string, outcome: FetchOutcome, at: Date): JobTransition[] {
    return this.applyOutcomes([{ key, outcome }], at);
  }

  /** Applies a whole poll's results with one change event. */
  applyOutcomes(results: ReadonlyArray<{ key: string; outcome: FetchOutcome }>, at: Date): JobTransition[] {
    const transitions: JobTransition[] = [];
    const changed = new Set<string>();
    for (const { key, outcome } of results) {
      const entry = this.jobs.get(key);
      if (!entry) continue; // removed while the fetch was in flight
      if (isCasterRef(entry.ref) && outcome.jobs.length > 0) {
        this.expandCaster(entry, outcome.jobs, at, transitions, changed);
      } else if (outcome.jobs.length > 0) {
        const job = outcome.jobs.find((j) => j.id === entry.ref.id) ?? outcome.jobs[0]!;
        this.applyJob(entry, job, at, transitions, changed);
      } else if (outcome.error) {
        this.applyError(entry, outcome.error, at, changed);
      }
    }
    this.changed([...changed]);
    return transitions;
  }

  private applyJob(entry: TrackedJob, job: Job, at: Date, transitions: JobTransition[], changed: Set<string>): void {
    const previous = entry.snapshot?.status ?? null;
    const becameTerminal = isTerminal(job.status) && job.status !== previous;
    const next: TrackedJob = {
      key: entry.key, ref: entry.ref, snapshot: job, lastError: null, addedAt: entry.addedAt,
      lastCheckedAt: at.toISOString(),
      // "Watch until done": done is done.
      watched: entry.watched && !isTerminal(job.status),
    };
    this.jobs.set(entry.key, next);
    changed.add(entry.key);
    if (becameTerminal) transitions.push({ job: next, previous });
  }

  /** Records an error once: the same cause again changes nothing (no event, no write, the first time kept). */
  private applyError(entry: TrackedJob, error: MediaJobsError, at: Date, changed: Set<string>): void {
    const e = trackedErrorFrom(error, at);
    const clean: TrackedError = { ...e, message: redactSecrets(e.message), hint: e.hint === null ? null : redactSecrets(e.hint) };
    const last = entry.lastError;
    if (last && last.kind === clean.kind && last.code === clean.code && last.message === clean.message) return;
    this.jobs.set(entry.key, { ...entry, lastError: clean });
    changed.add(entry.key);
  }

  /**
   * A whole-caster entry (live editing, no casterId) becomes one entry per task found, each with the reference
   * that fetches that task again; the caster entry goes. Tasks already tracked are updated in place.
   */
  private expandCaster(caster: TrackedJob, jobs: readonly Job[], at: Date, transitions: JobTransition[], changed: Set<string>): void {
    const fresh = new Map<string, TrackedJob>();
    for (const job of jobs) {
      const own = refOfJob(job);
      const ref = normalizeRef({
        ...own, region: own.region || caster.ref.region,
        // A task always names its caster; if a mapping ever failed to, this keeps it from becoming another caster entry.
        params: { ...own.params, casterId: own.params.casterId ?? caster.ref.id },
      });
      const key = jobKey(ref);
      if (key === caster.key) continue;
      const existing = this.jobs.get(key) ?? fresh.get(key);
      const base: TrackedJob = existing ?? {
        key, ref, snapshot: null, lastError: null, addedAt: caster.addedAt, lastCheckedAt: null, watched: caster.watched,
      };
      if (!this.jobs.has(key)) {
        fresh.set(key, base);
        this.jobs.set(key, base); // placed properly below
      }
      this.applyJob(this.jobs.get(key)!, job, at, transitions, changed);
    }
    // New tasks take the caster's place in the order; tasks tracked before stay where they were.
    const reordered = new Map<string, TrackedJob>();
    for (const [k, t] of this.jobs) {
      if (fresh.has(k)) continue;
      if (k === caster.key) {
        for (const fk of fresh.keys()) reordered.set(fk, this.jobs.get(fk)!);
        continue;
      }
      reordered.set(k, t);
    }
    this.jobs = reordered;
    changed.add(caster.key);
  }

  /** Writes any unsaved change now (and waits for a write in progress). */
  async flush(): Promise<void> {
    this.timer?.dispose();
    this.timer = undefined;
    await this.write();
  }

  /** Stops the delayed write timer and the change event. Call flush() first to keep unsaved changes. */
  dispose(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.changes.dispose();
  }

  /** The state as it would be saved now (for tests and diagnostics). */
  serialize(): { version: typeof STATE_VERSION; jobs: PersistedJob[] } {
    return { version: STATE_VERSION, jobs: this.all().map((t) => this.persisted(t)) };
  }

  private persisted(t: TrackedJob): PersistedJob {
    let snapshot: PersistedJob['snapshot'] = null;
    let trimmed = t.snapshotTrimmed === true;
    if (t.snapshot) {
      let s = this.saved.get(t.snapshot);
      if (!s) {
        s = trimSnapshot(t.snapshot, this.maxSnapshotChars);
        this.saved.set(t.snapshot, s);
      }
      snapshot = s.snapshot as PersistedJob['snapshot'];
      trimmed ||= s.trimmed;
    }
    const p: PersistedJob = {
      key: t.key, ref: t.ref, snapshot, lastError: t.lastError, addedAt: t.addedAt, lastCheckedAt: t.lastCheckedAt, watched: t.watched,
    };
    if (trimmed) p.snapshotTrimmed = true;
    return p;
  }

  private changed(keys: readonly string[]): void {
    if (keys.length === 0) return;
    this.dirty = true;
    if (!this.timer && !this.writesBlocked) {
      this.timer = this.schedule(() => {
        this.timer = undefined;
        this.write().catch((e: unknown) => this.onPersistError(e));
      }, this.debounceMs);
    }
    this.changes.fire({ keys: [...keys] });
  }

  /** Queues a write behind any in progress, so writes never overlap and the last state always lands last. */
  private write(): Promise<void> {
    const run = this.writeChain.then(() => this.writeNow());
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private async writeNow(): Promise<void> {
    if (!this.dirty || this.writesBlocked) return;
    this.dirty = false;
    try {
      await this.kv.update(this.key, this.serialize());
    } catch (e) {
      this.dirty = true;
      throw e;
    }
  }
}

function defaultSchedule(fn: () => void, ms: number): { dispose(): void } {
  const t = setTimeout(fn, ms);
  // A pending save must not keep a CLI or test process alive; the extension flushes on deactivate.
  t.unref?.();
  return { dispose: () => clearTimeout(t) };
}

/** A reference with only the parameters that are set (so equal references have equal keys and saved forms). */
function normalizeRef(ref: JobRef): JobRef {
  const params: JobParams = {};
  for (const name of ['clusterId', 'casterId', 'showId', 'projectId'] as const) {
    const v = ref.params[name];
    if (typeof v === 'string' && v !== '') params[name] = v;
  }
  return { kind: ref.kind, id: ref.id, region: ref.region, params };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
