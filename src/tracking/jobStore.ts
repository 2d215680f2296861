/**
 * The tracked jobs: what the user tracks, the last snapshot of each, and the last poll's error.
 *
 * Two places, because VS Code writes (and re-parses) an extension's whole globalState on every update:
 * - the tracked list, small, in a key-value store (globalState): per job its reference, times, watch flag, last
 *   error and a summary of its snapshot (status, progress, name, times, error: what the tree and the status bar
 *   show at startup). `{ version: 2, jobs, removed? }`, validated on load.
 * - one file per job with its full snapshot (without the raw response), in a folder (`SnapshotDir`, under
 *   `context.globalStorageUri`), written atomically (temp file + rename) when that job's body changes (what the
 *   summary does not hold: outputs, timeline, streams, parameters), so a poll of one job writes at most that job,
 *   and a running job whose progress alone moves writes no file. A job that is no longer tracked loses its file.
 * The list is written (coalesced, `debounceMs` after the first change) when what it holds changes: jobs added
 * or removed, a watch flag, a status, a name, an error. Progress and check times alone ride along with the next
 * write (and `flush()` on deactivate): a crash before then shows the progress of the last write until the next
 * poll. A file older than the list's last poll still holds the latest body (files are written before the list,
 * and a file is written whenever the body changes), so a job is read back as the list's head and the file's body;
 * a file newer than the list (a crash between the two writes) is taken whole.
 *
 * In memory a job keeps its snapshot without the timeline's clips and without the raw response
 * (`snapshotLight`), except while something shows it (`retain(key)`: the inspector, Open as JSON): then the
 * whole job, raw included, loaded from its file at once and replaced by the next poll.
 *
 * `load()` reads the list only; `restored` resolves once the files have been read back, in slices that yield
 * between them, each slice firing a change (the tree shows what is loaded). A state of the previous format
 * (`{ version: 1, jobs, removed? }`, snapshots inline) is migrated: each snapshot goes to its file first, and
 * only then is the list written over in the new format, so a crash in between loses nothing.
 *
 * Whatever cannot be read (not the expected shape, an unknown version, entries of the wrong types) is copied
 * under a backup key first and reported; the readable entries are kept. A job file that cannot be read is moved
 * aside (`<name>.corrupt-<time>`) and reported; the job keeps its summary and the next poll (or the inspector)
 * fetches it again. Nothing is ever dropped silently.
 *
 * Several windows share one globalState and one folder, each with its own copy in memory. So every list write
 * first reads what is stored now and merges it in (`sync()` does the same without writing): jobs another window
 * added are adopted (their files read), jobs another window stopped tracking are dropped (a removal is kept as a
 * tombstone `{key, at}` in `removed`, which beats an entry added before it), and for a job both know, the newer
 * poll wins (lastCheckedAt, or the time of the last error; its file is read again) and a watch flag changed on
 * one side only is taken from that side.
 *
 * One job's snapshot that cannot be serialized (it would throw) is saved as its reference and summary, without a
 * file, and reported; the other jobs are saved as usual. Nesting in snapshots is bounded before saving, and one
 * file holds at most `maxSnapshotChars` (clips, then large decoded blobs are dropped past it).
 *
 * The store sees only references and normalized jobs, never credentials; error messages are redacted again
 * before they are kept, in case a server echoed a signed string.
 */
import { STATE_KEYS } from '../constants.js';
import { type FetchOutcome } from '../clouds/client.js';
import { redactSecrets } from '../clouds/http/redact.js';
import { isTerminal, type Job, type JobParams, type JobStatus } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { jobKey, validateId } from '../kinds/refs.js';
import { effectiveStatus } from '../present/status.js';
import { isCasterRef, refOfJob } from '../kinds/refs.js';
import { type TrackedError, type TrackedJob } from '../model/trackedJob.js';
import { trackedErrorFrom } from './trackedError.js';
import { isSnapshotFileName, isTempFileName, MemorySnapshotDir, type SnapshotDir, snapshotFileName } from './snapshotDir.js';
import {
  DEFAULT_MAX_SNAPSHOT_CHARS, entryOf, jobFromSaved, jobOfSummary, LEGACY_STATE_VERSION, lightJob, listEntrySchema, type ListEntry,
  persistedJobSchema, type PersistedState, persistedStateSchema, savedSnapshot, SNAPSHOT_FILE_VERSION, type SnapshotFile, snapshotFileSchema, STATE_VERSION,
  summaryOf, type Tombstone, tombstoneSchema, trackedFromEntry, trackedFromPersisted, withHead,
} from './savedFormat.js';
import { Emitter, type Event } from '../util/event.js';
import * as l10n from '../util/l10n.js';

/** What the store needs from `vscode.Memento` (globalState satisfies it). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  /** Reads again what other windows may have written (a file-backed store, listFile.ts); globalState needs none. */
  refresh?(): Promise<void>;
}

/** A saved state that could not be fully read: where the original was kept, and what to tell the user. */
export interface StoreProblem {
  message: string;
  backupKey: string;
}

export interface JobStoreOptions {
  /** Where the list lives (default `mediaJobs.trackedJobs`). */
  key?: string;
  /** Where an unreadable state is copied (default `<key>.backup`; a timestamp is appended if that is taken). */
  backupKey?: string;
  /** The folder of the per-job snapshot files (default: in memory, for the CLI and tests). */
  files?: SnapshotDir;
  /** Milliseconds since the epoch, for `addedAt` and backup names. */
  clock?: () => number;
  /** Budget of one saved snapshot file in JSON characters (default 32,000,000). */
  maxSnapshotChars?: number;
  /** Delay between the first unsaved change of the list and its write (default 1,000 ms). */
  debounceMs?: number;
  /** Timer used for the delayed write (default setTimeout, unref'd); injectable so tests need no real time. */
  schedule?: (fn: () => void, ms: number) => { dispose(): void };
  /** Yields between restore slices (default: setImmediate), so a restore never holds the extension host. */
  yieldNow?: () => Promise<void>;
  /** Jobs whose files are read per restore slice (default 50). */
  restoreSlice?: number;
  /** Work of one slice (reading the list, parsing job files) before it yields, in ms (default 8). */
  sliceMs?: number;
  /**
   * Where a failed delayed write is reported (flush() rejects instead), a snapshot that could not be saved (its
   * job was saved without it) and an unreadable job file. Default: console.error.
   */
  onPersistError?: (e: unknown) => void;
  /**
   * Where things the user should know about but that are not errors go: a caster expansion that was capped or
   * left tasks with unusable ids out. Default: console.warn.
   */
  onNotice?: (message: string) => void;
}

/** A tracked job that became terminal with this poll; `previous` is null when the job was seen for the first time. */
export interface JobTransition {
  job: TrackedJob;
  previous: JobStatus | null;
}

/** Where the list lives in globalState (src/constants.ts). */
export const DEFAULT_STATE_KEY = STATE_KEYS.jobs;

// The saved forms (schemas, summaries, bodies, trimming) are in savedFormat.ts.

/** At most this many tasks of one caster are tracked from a whole-caster answer; the rest are reported. */
export const MAX_TASKS_PER_CASTER = 500;

/** How long a removal is remembered for windows that still show the job, and how many are kept at most. */
export const TOMBSTONE_MAX_AGE_MS = 30 * 24 * 3600 * 1000;
export const MAX_TOMBSTONES = 5_000;

/** Files nobody tracks (and temp files left by a crash) older than this are deleted after a restore. */
export const ORPHAN_FILE_AGE_MS = 3600_000;

/** Work of one restore slice before it yields, in ms (default of JobStoreOptions.sliceMs). */
const SLICE_MS = 8;

/** Snapshot files written or deleted at once. */
const FILE_CONCURRENCY = 4;

// ---- Merging with what other windows saved -------------------------------------------------------------------

/** A stored list as a merge reads it. `bad` counts entries it could not read. */
interface StoredView {
  jobs: Map<string, ListEntry>;
  removed: Map<string, string>;
  bad: number;
}

/**
 * Why an id found in a whole-caster answer cannot become a tracked job, or null when it can. Stricter than what a
 * person may type: such ids come from a server, become references polled for good, and are searched for in every
 * open document, so besides `validateId` they must look like an id: id characters only (no `|`, which separates
 * the parts of a key, no bidirectional controls), at least 8 long and with a digit (so not a word like `the`).
 */
export function expandedIdProblem(id: string, what = 'ShowId'): string | null {
  const bad = validateId(id, what);
  if (bad !== null) return bad;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return `${what} contains characters ids do not have`;
  if (id.length < 8) return `${what} is too short for an id (${id.length} characters)`;
  if (!/[0-9]/.test(id)) return `${what} has no digit, so it is a word rather than an id`;
  return null;
}

// ---- The store ------------------------------------------------------------------------------------------------

type FileOp = { text: string } | { remove: true };

export class JobStore {
  private jobs = new Map<string, TrackedJob>();
  private readonly changes = new Emitter<{ keys: string[] }>();
  /** Fires after any change, with the keys added, removed or updated (also by another window's saved changes). */
  readonly onDidChange: Event<{ keys: string[] }> = this.changes.event;

  private readonly key: string;
  private readonly backupKey: string;
  private readonly files: SnapshotDir;
  private readonly now: () => number;
  private readonly maxSnapshotChars: number;
  private readonly debounceMs: number;
  private readonly schedule: NonNullable<JobStoreOptions['schedule']>;
  private readonly yieldNow: () => Promise<void>;
  private readonly restoreSlice: number;
  private readonly sliceMs: number;
  private readonly onPersistError: (e: unknown) => void;
  private readonly onNotice: (message: string) => void;

  /** The list has a change that must be written (jobs, flags, statuses, errors). */
  private dirty = false;
  /** The list has a change that may wait for the next write (progress, check times). */
  private softDirty = false;
  private timer: { dispose(): void } | undefined;
  private writeChain: Promise<void> = Promise.resolve();
  /** Set when an unreadable state could not be backed up: then we must never overwrite it. */
  private writesBlocked = false;

  /** File writes and deletions not done yet, per key (only the last one counts), and those running. */
  private readonly fileOps = new Map<string, FileOp>();
  private readonly fileRunning = new Set<string>();
  private fileIdle: Array<() => void> = [];
  /** Per key, who waits for its file operations to end (a read of that file). */
  private readonly keyIdle = new Map<string, Array<() => void>>();
  private fileErrors: unknown[] = [];
  /** Hash of the body JSON in each job's file as last written or read: an answer with the same body is not written. */
  private readonly fileHash = new Map<string, string>();
  /** Keys shown somewhere (inspector, JSON document): their whole snapshot stays in memory. */
  private readonly retained = new Map<string, number>();
  /** Per retained job, the whole snapshot its latest changed answer replaced (earlierOf). */
  private readonly earlier = new Map<string, { snapshot: Job; checkedAt: string | null }>();
  /** Keys whose file should be read (after load, another window's newer poll, a retain). */
  private readonly toRead = new Set<string>();
  private reading: Promise<void> | null = null;
  private restoreDone: Promise<void> = Promise.resolve();

  /** Jobs this window stopped tracking (key → ISO time): saved as tombstones so other windows drop them too. */
  private tombstones = new Map<string, string>();
  /** Tombstones other windows saved, as last read (written back with ours). */
  private otherTombstones = new Map<string, string>();
  /** Each entry's watch flag as last read from or written to the store: tells which side changed it. */
  private syncedWatched = new Map<string, boolean>();
  /** The stored value as last read or written: `get` returning it again means no other window wrote since. */
  private lastSeen: unknown = undefined;
  /** Stored entries already read, by object (a state seen again is not validated again). */
  private heads = new WeakMap<object, { key: string; entry: ListEntry } | null>();
  /** findById's index: id, CasterId and snapshot id → jobs; null after any change (rebuilt on the next lookup). */
  private idIndex: Map<string, string[]> | null = null;

  constructor(private readonly kv: KeyValueStore, opts: JobStoreOptions = {}) {
    this.key = opts.key ?? DEFAULT_STATE_KEY;
    this.backupKey = opts.backupKey ?? `${this.key}.backup`;
    this.files = opts.files ?? new MemorySnapshotDir();
    this.now = opts.clock ?? Date.now;
    this.maxSnapshotChars = opts.maxSnapshotChars ?? DEFAULT_MAX_SNAPSHOT_CHARS;
    this.debounceMs = opts.debounceMs ?? 1000;
    this.schedule = opts.schedule ?? defaultSchedule;
    this.yieldNow = opts.yieldNow ?? (() => new Promise<void>((r) => setImmediate(r)));
    this.restoreSlice = Math.max(1, opts.restoreSlice ?? 50);
    this.sliceMs = opts.sliceMs ?? SLICE_MS;
    this.onPersistError = opts.onPersistError ?? ((e) => console.error('media jobs: saving tracked jobs failed', e));
    this.onNotice = opts.onNotice ?? ((m) => console.warn(`media jobs: ${m}`));
    // Every change fires this event (the first listener): the id index is stale from then on.
    this.changes.event(() => {
      this.idIndex = null;
    });
  }

  /**
   * Reads the saved list (not the job files: `restored` resolves when they are read, slice by slice). A corrupt or
   * unknown-version state is copied to the backup key (never dropped) and returned as a problem to report; the
   * store keeps what it could read (nothing, for a wrong shape or version) and saves that cleaned state, so the
   * same problem is not reported on every start. A version 1 state is migrated (files first, then the list).
   */
  async load(): Promise<StoreProblem | null> {
    await this.kv.refresh?.();
    const original = this.kv.get<unknown>(this.key);
    const restored = new Map<string, TrackedJob>();
    const removed = new Map<string, string>();
    const migrated = new Map<string, Job>();
    let problem: string | null = null;
    let legacy = false;
    if (original !== undefined) {
      const outer = persistedStateSchema.safeParse(original);
      if (!outer.success) {
        const version = isObject(original) ? original.version : undefined;
        problem = typeof version === 'number' && version !== STATE_VERSION
          ? l10n.t('The saved tracked jobs have format version {0}, which this version of the extension cannot read', version)
          : l10n.t('The saved tracked jobs are not in the expected format');
      } else {
        legacy = outer.data.version === LEGACY_STATE_VERSION;
        let bad = 0;
        let started = performance.now();
        for (const entry of outer.data.jobs) {
          // Read in slices too (5,000 entries are ~100 ms of checking); nothing is swapped in before the end.
          if (performance.now() - started > this.sliceMs) {
            await this.yieldNow();
            started = performance.now();
          }
          const t = legacy ? this.readLegacy(entry) : this.readEntry(entry);
          if (t === null) {
            bad++;
            continue;
          }
          // The key is recomputed from the reference (the truth); a duplicate keeps its first entry.
          if (restored.has(t.key)) continue;
          if (legacy && t.snapshot) {
            // Its file is written before the list is written over in the new format (flush below).
            migrated.set(t.key, t.snapshot);
            const light = lightJob(t.snapshot);
            t.snapshot = light.job;
            if (light.light) t.snapshotLight = true;
          }
          restored.set(t.key, t);
        }
        readTombstones(outer.data.removed, removed);
        if (bad > 0) problem = l10n.t('{0} of {1} saved tracked jobs could not be read and were left out', bad, outer.data.jobs.length);
      }
    }
    const previousKeys = [...this.jobs.keys()];
    // Jobs tracked while the list was being read (its slices yield) stay, after the saved ones.
    for (const [k, t] of this.jobs) if (!restored.has(k)) restored.set(k, t);
    this.jobs = restored;
    this.otherTombstones = removed;
    this.syncedWatched = new Map([...restored].map(([k, t]) => [k, t.watched]));
    // What was just read is in memory now (or backed up below): a write need not merge it again.
    this.lastSeen = original;
    const keys = [...new Set([...previousKeys, ...restored.keys()])];
    if (keys.length > 0) this.changes.fire({ keys });
    for (const [key, job] of migrated) this.queueSnapshot(key, job, restored.get(key)!);
    if (!legacy) for (const [key, t] of restored) if (t.snapshotLight) this.toRead.add(key);
    this.restoreDone = this.readFiles().then(() => this.pruneFiles());
    if (problem === null) {
      if (legacy) {
        this.dirty = true;
        try {
          await this.flush();
        } catch (e) {
          this.onPersistError(e);
        }
      }
      return null;
    }

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
    return { message: l10n.t('{0}. The original was kept under the state key "{1}".', problem, backupKey), backupKey };
  }

  /** Resolves when the job files read by `load()` (and any asked for since) are in memory; never rejects. */
  get restored(): Promise<void> {
    return this.restoreDone.then(() => this.reading ?? undefined);
  }

  private readEntry(entry: unknown): TrackedJob | null {
    const r = listEntrySchema.safeParse(entry);
    if (!r.success) return null;
    const ref = normalizeRef(r.data.ref as JobRef);
    const key = jobKey(ref);
    return trackedFromEntry({ ...r.data, ref }, key);
  }

  private readLegacy(entry: unknown): TrackedJob | null {
    const r = persistedJobSchema.safeParse(entry);
    if (!r.success) return null;
    const ref = normalizeRef(r.data.ref as JobRef);
    return trackedFromPersisted({ ...r.data, ref }, jobKey(ref));
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

  /**
   * Takes in what other windows saved since this one last read or wrote the state (every write does this first):
   * their new jobs appear here, jobs they stopped tracking go, newer polls replace older ones. Writes nothing.
   */
  async sync(): Promise<void> {
    await this.kv.refresh?.();
    const stored = this.kv.get<unknown>(this.key);
    const view = this.readStored(stored);
    if (view === null) return;
    this.mergeIn(view);
    // A state with parts this version cannot read is looked at again (and backed up) before it is written over.
    if (view.bad === 0) this.lastSeen = stored;
  }

  /** Every tracked job, in the order they were added. */
  all(): TrackedJob[] {
    return [...this.jobs.values()];
  }

  /** How many jobs are tracked. */
  get size(): number {
    return this.jobs.size;
  }

  get(key: string): TrackedJob | undefined {
    return this.jobs.get(key);
  }

  /**
   * Tracked jobs with this id, and (for a CasterId) the tasks of that caster, in the order they were added. Looked
   * up in an index (rebuilt once after a change), so the links of 10,000 ids in a log cost 10,000 lookups, not
   * 10,000 scans of every tracked job.
   */
  findById(id: string): TrackedJob[] {
    if (this.idIndex === null) {
      const index = new Map<string, string[]>();
      const put = (id: string | undefined, key: string): void => {
        if (id === undefined) return;
        const list = index.get(id);
        if (!list) index.set(id, [key]);
        else if (list[list.length - 1] !== key) list.push(key);
      };
      for (const t of this.jobs.values()) {
        put(t.ref.id, t.key);
        put(t.ref.params.casterId, t.key);
        put(t.snapshot?.id, t.key);
      }
      this.idIndex = index;
    }
    return (this.idIndex.get(id) ?? []).flatMap((k) => {
      const t = this.jobs.get(k);
      return t ? [t] : [];
    });
  }

  /**
   * Keeps the whole snapshot of `key` in memory (raw response and timeline clips) until the returned disposable
   * is disposed (by everyone who asked): for a view that shows the job. Reads the job's file at once if the
   * snapshot in memory is light; a poll's answer replaces it as usual.
   */
  retain(key: string): { dispose(): void } {
    this.retained.set(key, (this.retained.get(key) ?? 0) + 1);
    if (this.jobs.get(key)?.snapshotLight) {
      this.toRead.add(key);
      void this.readFiles();
    }
    let done = false;
    return {
      dispose: () => {
        if (done) return;
        done = true;
        const n = (this.retained.get(key) ?? 1) - 1;
        if (n > 0) {
          this.retained.set(key, n);
          return;
        }
        this.retained.delete(key);
        this.earlier.delete(key);
        const t = this.jobs.get(key);
        if (!t?.snapshot) return;
        // Nobody shows it any more: back to the light form (the file still has the rest).
        const light = lightJob(t.snapshot);
        if (light.job === t.snapshot) return;
        const next: TrackedJob = { ...t, snapshot: light.job };
        if (light.light) next.snapshotLight = true;
        this.jobs.set(key, next);
      },
    };
  }

  /**
   * The snapshot a shown (retained) job had before its latest changed answer, and when that one was fetched: in
   * memory only, kept while something shows the job.
   */
  earlierOf(key: string): { snapshot: Job; checkedAt: string | null } | undefined {
    return this.earlier.get(key);
  }

  /** Whether the whole snapshot of `key` is kept in memory (something retains it). */
  isRetained(key: string): boolean {
    return this.retained.has(key);
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
        this.tombstones.delete(key);
        added.push(key);
      }
      out.push(t);
    }
    this.changed(added);
    return out;
  }

  remove(keys: readonly string[]): void {
    const at = new Date(this.now()).toISOString();
    const removed = keys.filter((k) => this.jobs.delete(k));
    for (const k of removed) {
      this.tombstones.set(k, at);
      this.earlier.delete(k);
      this.dropFile(k);
    }
    this.changed(removed);
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
    const hard = { value: false };
    for (const { key, outcome } of results) {
      const entry = this.jobs.get(key);
      if (!entry) continue; // removed while the fetch was in flight
      if (isCasterRef(entry.ref) && outcome.jobs.length > 0) {
        this.expandCaster(entry, outcome.jobs, at, transitions, changed);
        hard.value = true;
      } else if (outcome.jobs.length > 0) {
        const job = outcome.jobs.find((j) => j.id === entry.ref.id) ?? outcome.jobs[0]!;
        this.applyJob(entry, job, at, transitions, changed, hard);
      } else if (outcome.error) {
        const e = trackedErrorFrom(outcome.error, at);
        if (this.applyError(entry, { ...e, message: redactSecrets(e.message), hint: e.hint === null ? null : redactSecrets(e.hint) }, changed)) hard.value = true;
      }
    }
    this.changed([...changed], hard.value);
    return transitions;
  }

  private applyJob(entry: TrackedJob, job: Job, at: Date, transitions: JobTransition[], changed: Set<string>, hard?: { value: boolean }): void {
    const previous = entry.snapshot?.status ?? null;
    const becameTerminal = isTerminal(job.status) && job.status !== previous;
    const watched = entry.watched && !isTerminal(job.status);
    const saved = this.queueSnapshot(entry.key, job, { lastCheckedAt: at.toISOString() });
    // A job someone is looking at keeps the answer it replaces, for Compare Jobs… "with its earlier snapshot"
    // (this window only, while it is shown: one whole snapshot per shown job at most).
    const answerChanged = saved.bodyChanged || differentAnswer(entry.snapshot, job);
    if (answerChanged && this.retained.has(entry.key) && entry.snapshot !== null && entry.snapshotLight !== true) {
      this.earlier.set(entry.key, { snapshot: entry.snapshot, checkedAt: entry.lastCheckedAt });
    }
    const shown = this.retained.has(entry.key) ? { job, light: false } : lightJob(job);
    const next: TrackedJob = {
      key: entry.key, ref: entry.ref, snapshot: shown.job, lastError: null, addedAt: entry.addedAt,
      lastCheckedAt: at.toISOString(),
      // "Watch until done": done is done.
      watched,
    };
    if (shown.light) next.snapshotLight = true;
    if (saved.trimmed) next.snapshotTrimmed = true;
    // What the list holds changed (not only progress or times): it is written soon, not only with the next write.
    if (hard && (entry.lastError !== null || watched !== entry.watched || entry.snapshot === null || saved.failed ||
      summaryDiffers(entry.snapshot, job) || (entry.snapshotTrimmed === true) !== saved.trimmed)) hard.value = true;
    this.jobs.set(entry.key, next);
    changed.add(entry.key);
    if (becameTerminal) transitions.push({ job: next, previous });
  }

  /** Records an error once: the same cause again changes nothing (no event, no write, the first time kept). */
  private applyError(entry: TrackedJob, clean: TrackedError, changed: Set<string>): boolean {
    if (sameError(entry.lastError, clean)) return false;
    this.jobs.set(entry.key, { ...entry, lastError: clean });
    changed.add(entry.key);
    return true;
  }

  /**
   * A whole-caster entry (live editing, no casterId) becomes one entry per task found, each with the reference
   * that fetches that task again (always under the CasterId that was asked for, whatever the answer says); the
   * caster entry goes. Tasks already tracked are updated in place. Tasks whose ShowId is not a usable id are
   * left out, and at most MAX_TASKS_PER_CASTER tasks of one caster are tracked; either is reported (onNotice).
   * When no task is usable the caster entry stays, with the reason as its error.
   */
  private expandCaster(caster: TrackedJob, jobs: readonly Job[], at: Date, transitions: JobTransition[], changed: Set<string>): void {
    const casterId = caster.ref.id;
    const region = caster.ref.region;
    let tracked = 0;
    for (const t of this.jobs.values()) {
      // Tasks of this caster already tracked: its kind, under its CasterId (isCasterRef: KindInfo.casterParam).
      if (t.ref.kind === caster.ref.kind && t.ref.params.casterId === casterId && t.ref.region === region) tracked++;
    }
    const fresh = new Map<string, TrackedJob>();
    let unusable = 0;
    let overCap = 0;
    let usable = 0;
    for (const found of jobs) {
      if (expandedIdProblem(found.id) !== null) {
        unusable++;
        continue;
      }
      const job: Job = found.params.casterId === casterId ? found : { ...found, params: { ...found.params, casterId } };
      const own = refOfJob(job);
      // A caster's tasks belong to the account the caster was tracked with.
      const ref = normalizeRef({ ...own, region: own.region || region, params: { ...own.params, casterId }, ...(caster.ref.profile ? { profile: caster.ref.profile } : {}) });
      const key = jobKey(ref);
      if (key === caster.key) continue;
      if (!this.jobs.has(key)) {
        if (tracked + fresh.size >= MAX_TASKS_PER_CASTER) {
          overCap++;
          continue;
        }
        const base: TrackedJob = {
          key, ref, snapshot: null, lastError: null, addedAt: caster.addedAt, lastCheckedAt: null, watched: caster.watched,
        };
        fresh.set(key, base);
        this.jobs.set(key, base); // placed properly below
        this.tombstones.delete(key);
      }
      usable++;
      this.applyJob(this.jobs.get(key)!, job, at, transitions, changed);
    }
    if (unusable > 0 || overCap > 0) this.onNotice(expansionNotice(casterId, jobs.length, usable, overCap, unusable));
    if (usable === 0) {
      // Nothing to replace the caster with: it stays, saying why (a later answer may list usable tasks).
      this.applyError(caster, {
        kind: 'schema', code: 'UnusableShowIds',
        message: `the answer listed ${jobs.length} editing task${jobs.length === 1 ? '' : 's'} of caster ${casterId}, none with a usable ShowId`,
        hint: 'track a task by its ShowId together with this CasterId', at: at.toISOString(),
      }, changed);
      return;
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
    this.tombstones.set(caster.key, at.toISOString());
    this.dropFile(caster.key);
    changed.add(caster.key);
  }

  /** Writes any unsaved change now: the job files first, then the list (and waits for a write in progress). */
  async flush(): Promise<void> {
    this.timer?.dispose();
    this.timer = undefined;
    if (this.softDirty) this.dirty = true;
    await this.write();
  }

  /** Stops the delayed write timer and the change event. Call flush() first to keep unsaved changes. */
  dispose(): void {
    this.timer?.dispose();
    this.timer = undefined;
    this.changes.dispose();
  }

  /** The list as it would be saved now (for tests and diagnostics). */
  serialize(): PersistedState {
    const state: PersistedState = { version: STATE_VERSION, jobs: this.all().map((t) => entryOf(t)) };
    const removed = this.tombstonesToSave();
    if (removed.length > 0) state.removed = removed;
    return state;
  }

  /**
   * Queues the file of a job's new snapshot, unless its body is what the file holds already (same hash): a change
   * of the head alone (progress, status, times: what the list keeps) is saved by the list, not the file. The JSON
   * is made once here; the job object itself is not kept for the write. Returns whether it was trimmed to fit,
   * whether it could not be saved at all (then the job is saved as its reference and summary, and reported), and
   * whether the body changed.
   */
  private queueSnapshot(key: string, job: Job, t: { lastCheckedAt: string | null }): { trimmed: boolean; failed: boolean; bodyChanged: boolean } {
    let saved: { text: string; bodyHash: string; trimmed: boolean };
    try {
      saved = savedSnapshot(job, this.maxSnapshotChars);
    } catch (e) {
      // This one snapshot cannot be saved (JSON.stringify throws on it): the job is saved without it, the
      // others as usual, and the next poll fetches it again after a restart.
      const why = e instanceof Error ? e.message : String(e);
      this.onPersistError(new Error(`the last snapshot of ${key} could not be saved (${why.slice(0, 200)}); the job was saved without it`));
      this.fileHash.delete(key);
      this.dropFile(key);
      return { trimmed: true, failed: true, bodyChanged: true };
    }
    const hash = saved.bodyHash;
    if (this.fileHash.get(key) === hash && !this.fileOps.has(key)) return { trimmed: saved.trimmed, failed: false, bodyChanged: false };
    const bodyChanged = this.fileHash.get(key) !== hash;
    this.fileHash.set(key, hash);
    const head = JSON.stringify({ version: SNAPSHOT_FILE_VERSION, key, checkedAt: t.lastCheckedAt, hash, ...(saved.trimmed ? { trimmed: true } : {}) });
    this.queueFile(key, { text: `${head.slice(0, -1)},"snapshot":${saved.text}}` });
    return { trimmed: saved.trimmed, failed: false, bodyChanged };
  }

  private dropFile(key: string): void {
    this.fileHash.delete(key);
    this.toRead.delete(key);
    this.queueFile(key, { remove: true });
  }

  private queueFile(key: string, op: FileOp): void {
    this.fileOps.delete(key); // re-inserted last: the order of the queue is the order of the changes
    this.fileOps.set(key, op);
    this.pumpFiles();
  }

  /** Runs queued file operations, at most FILE_CONCURRENCY at once, never two for the same key. */
  private pumpFiles(): void {
    for (const [key, op] of this.fileOps) {
      if (this.fileRunning.size >= FILE_CONCURRENCY) break;
      if (this.fileRunning.has(key)) continue;
      this.fileOps.delete(key);
      this.fileRunning.add(key);
      const name = snapshotFileName(key);
      const run = 'text' in op ? this.files.write(name, op.text) : this.files.remove(name);
      void run.catch((e: unknown) => {
        if ('text' in op) this.fileHash.delete(key); // written again by the next answer
        this.fileErrors.push(e);
      }).finally(() => {
        this.fileRunning.delete(key);
        const waiting = this.fileOps.has(key) ? undefined : this.keyIdle.get(key);
        if (waiting) {
          this.keyIdle.delete(key);
          for (const r of waiting) r();
        }
        this.pumpFiles();
      });
    }
    if (this.fileOps.size === 0 && this.fileRunning.size === 0) {
      const idle = this.fileIdle;
      this.fileIdle = [];
      for (const r of idle) r();
    }
  }

  /** Resolves when no operation on `key`'s file is queued or running. */
  private fileDone(key: string): Promise<void> {
    if (!this.fileOps.has(key) && !this.fileRunning.has(key)) return Promise.resolve();
    return new Promise<void>((r) => {
      const list = this.keyIdle.get(key);
      if (list) list.push(r);
      else this.keyIdle.set(key, [r]);
    });
  }

  /** Waits for every queued file operation; rejects with the first failure since the last wait. */
  private async filesWritten(): Promise<void> {
    if (this.fileOps.size > 0 || this.fileRunning.size > 0) await new Promise<void>((r) => this.fileIdle.push(r));
    const errors = this.fileErrors;
    this.fileErrors = [];
    if (errors.length > 0) throw errors[0];
  }

  /** Reads the files of `toRead`, a slice at a time, yielding between slices; one change event per slice. */
  private readFiles(): Promise<void> {
    if (this.reading) return this.reading;
    if (this.toRead.size === 0) return Promise.resolve();
    this.reading = (async () => {
      try {
        while (this.toRead.size > 0) {
          const slice: string[] = [];
          // Shown jobs first: a panel waits for them.
          for (const k of this.toRead) if (this.retained.has(k) && slice.length < this.restoreSlice) slice.push(k);
          for (const k of this.toRead) if (slice.length < this.restoreSlice && !slice.includes(k)) slice.push(k);
          for (const k of slice) this.toRead.delete(k);
          // Read together (I/O), parsed one by one: a slice of work ends after SLICE_MS (one 2,000-clip file is
          // ~20 ms to parse and check), so the extension host is never held for a whole slice of big files.
          // A job whose file is being written is read once the write is done (it may hold a newer body).
          const texts = await Promise.all(slice.map(async (key) => {
            await this.fileDone(key);
            return { key, text: await this.readText(key) };
          }));
          let changed: string[] = [];
          let started = performance.now();
          for (const { key, text } of texts) {
            if (text !== undefined && (await this.applyFileText(key, text))) changed.push(key);
            if (performance.now() - started > this.sliceMs) {
              if (changed.length > 0) this.changes.fire({ keys: changed });
              changed = [];
              await this.yieldNow();
              started = performance.now();
            }
          }
          if (changed.length > 0) this.changes.fire({ keys: changed });
          if (this.toRead.size > 0) await this.yieldNow();
        }
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  /** One job's file, or undefined (none, or unreadable: reported). */
  private async readText(key: string): Promise<string | undefined> {
    try {
      return await this.files.read(snapshotFileName(key));
    } catch (e) {
      this.onPersistError(new Error(`the saved snapshot of ${key} could not be read (${e instanceof Error ? e.message : String(e)})`));
      return undefined;
    }
  }

  /** Takes one job's file into memory, unless a newer answer is there already. True when the job changed. */
  private async applyFileText(key: string, text: string): Promise<boolean> {
    const name = snapshotFileName(key);
    let parsed: SnapshotFile | null = null;
    try {
      const r = snapshotFileSchema.safeParse(JSON.parse(text));
      if (r.success && r.data.key === key) parsed = r.data;
    } catch {
      // not JSON (cut short by something that did not write it atomically): moved aside below
    }
    if (parsed === null) {
      const aside = `${name}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      await this.files.moveAside(name, aside).catch(() => undefined);
      this.onPersistError(new Error(`the saved snapshot of ${key} was unreadable; it was kept as ${aside} and the job shows its summary until it is fetched again`));
      return false;
    }
    const t = this.jobs.get(key);
    if (!t) return false;
    // A write of this job's file began while it was read: what was read may be the body before it; read again.
    if (this.fileOps.has(key) || this.fileRunning.has(key)) {
      this.toRead.add(key);
      return false;
    }
    // What memory holds is whole already (a poll answered since).
    if (t.snapshot !== null && !t.snapshotLight) return false;
    const older = t.lastCheckedAt !== null && parsed.checkedAt !== null && parsed.checkedAt < t.lastCheckedAt;
    if (older && t.snapshot === null) return false;
    this.fileHash.set(key, parsed.hash);
    // A file older than the last poll still has the latest body (a changed body is written before the list), and
    // memory the newer head (from the list, or that poll): the two together are the latest answer.
    const full = older ? withHead(jobFromSaved(parsed.snapshot), t.snapshot!) : jobFromSaved(parsed.snapshot);
    const shown = this.retained.has(key) ? { job: full, light: false } : lightJob(full);
    const next: TrackedJob = { ...t, snapshot: shown.job, lastCheckedAt: laterIso(t.lastCheckedAt, parsed.checkedAt) };
    if (shown.light) next.snapshotLight = true;
    else delete next.snapshotLight;
    if (parsed.trimmed) next.snapshotTrimmed = true;
    this.jobs.set(key, next);
    return true;
  }

  /** Deletes files nobody tracks and temp files a crash left, once they are old enough not to be another window's new job. */
  private async pruneFiles(): Promise<void> {
    try {
      const names = new Set([...this.jobs.keys()].map(snapshotFileName));
      const cutoff = this.now() - ORPHAN_FILE_AGE_MS;
      for (const f of await this.files.list()) {
        const orphan = (isSnapshotFileName(f.name) && !names.has(f.name)) || isTempFileName(f.name);
        if (orphan && f.mtimeMs < cutoff) await this.files.remove(f.name);
      }
    } catch (e) {
      this.onPersistError(e);
    }
  }

  /** Ours and other windows' tombstones, newest per key, minus keys tracked again, expired ones and the oldest beyond the cap. */
  private tombstonesToSave(): Tombstone[] {
    const cutoff = new Date(this.now() - TOMBSTONE_MAX_AGE_MS).toISOString();
    for (const [k, at] of this.tombstones) if (at < cutoff) this.tombstones.delete(k);
    const all = new Map(this.otherTombstones);
    for (const [k, at] of this.tombstones) keepLater(all, k, at);
    const out: Tombstone[] = [];
    for (const [key, at] of all) if (at >= cutoff && !this.jobs.has(key)) out.push({ key, at });
    if (out.length <= MAX_TOMBSTONES) return out;
    return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_TOMBSTONES);
  }

  /** `hard`: what the list holds changed, so it is written soon; otherwise with the next write. */
  private changed(keys: readonly string[], hard = true): void {
    if (keys.length === 0) return;
    if (!hard) {
      this.softDirty = true;
    } else {
      this.dirty = true;
      if (!this.timer && !this.writesBlocked) {
        this.timer = this.schedule(() => {
          this.timer = undefined;
          this.write().catch((e: unknown) => this.onPersistError(e));
        }, this.debounceMs);
      }
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
    if (this.writesBlocked) return;
    // The files first: the list never names a snapshot that is not on disk yet (a migration's above all).
    await this.filesWritten();
    if (!this.dirty) return;
    this.dirty = false;
    this.softDirty = false;
    try {
      // Another window may have saved since we last looked: merge that in first, so its changes are not lost.
      await this.kv.refresh?.();
      const stored = this.kv.get<unknown>(this.key);
      const view = this.readStored(stored);
      if (view !== null) this.mergeIn(view);
      if (view !== null && view.bad > 0) {
        // Parts this version cannot read (a newer version's window, a hand edit): kept before they are written over.
        const backupKey = await this.backup(stored);
        this.onPersistError(new Error(
          `the saved tracked jobs held ${view.bad === Number.POSITIVE_INFINITY ? 'a state' : `${view.bad} entr${view.bad === 1 ? 'y' : 'ies'}`} this version cannot read; ` +
          `kept under the state key "${backupKey}" before this window's list was saved`,
        ));
      }
      const state = this.serialize();
      await this.kv.update(this.key, state);
      this.lastSeen = this.kv.get<unknown>(this.key);
      this.syncedWatched = new Map(state.jobs.map((j) => [jobKey(j.ref as JobRef), j.watched]));
      this.otherTombstones = new Map((state.removed ?? []).map((t) => [t.key, t.at]));
    } catch (e) {
      this.dirty = true;
      throw e;
    }
  }

  /** The stored list for a merge, or null when there is nothing new in it (absent, or what we last saw). */
  private readStored(stored: unknown): StoredView | null {
    if (stored === undefined || stored === this.lastSeen) return null;
    const outer = persistedStateSchema.safeParse(stored);
    if (!outer.success) return { jobs: new Map(), removed: new Map(), bad: Number.POSITIVE_INFINITY };
    const jobs = new Map<string, ListEntry>();
    let bad = 0;
    for (const entry of outer.data.jobs) {
      const r = this.readHead(entry);
      if (r === null) bad++;
      else if (!jobs.has(r.key)) jobs.set(r.key, r.entry);
    }
    const removed = new Map<string, string>();
    readTombstones(outer.data.removed, removed);
    return { jobs, removed, bad };
  }

  /** A stored entry: the list's form, or (written by a window of the previous version) one with its snapshot inline. */
  private readHead(entry: unknown): { key: string; entry: ListEntry } | null {
    const cacheable = typeof entry === 'object' && entry !== null;
    if (cacheable) {
      const cached = this.heads.get(entry);
      if (cached !== undefined) return cached;
    }
    let out: { key: string; entry: ListEntry } | null = null;
    const r = listEntrySchema.safeParse(entry);
    if (r.success) {
      const ref = normalizeRef(r.data.ref as JobRef);
      out = { key: jobKey(ref), entry: { ...r.data, ref } };
    } else {
      const old = persistedJobSchema.safeParse(entry);
      if (old.success) {
        const { snapshot, ...rest } = old.data;
        const ref = normalizeRef(rest.ref as JobRef);
        out = { key: jobKey(ref), entry: { ...rest, ref, summary: snapshot ? summaryOf(snapshot) : null } };
      }
    }
    if (cacheable) this.heads.set(entry, out);
    return out;
  }

  /** Merges a stored list into memory (see the file comment); fires one change event for what it changed. */
  private mergeIn(view: StoredView): void {
    const changedKeys: string[] = [];
    for (const [k, at] of view.removed) keepLater(this.otherTombstones, k, at);
    // Jobs another window stopped tracking after this one started to.
    for (const [key, t] of this.jobs) {
      if (view.jobs.has(key)) continue;
      const removedAt = view.removed.get(key);
      if (removedAt !== undefined && removedAt >= t.addedAt) {
        this.jobs.delete(key);
        this.fileHash.delete(key);
        changedKeys.push(key);
      }
    }
    // Jobs both know, and jobs only the other window knows (placed after the job they follow there).
    const adopted = new Map<string | null, TrackedJob[]>();
    let anchor: string | null = null;
    for (const [key, head] of view.jobs) {
      const ours = this.jobs.get(key);
      if (ours) {
        const merged = this.mergeEntry(ours, head);
        if (merged !== ours) {
          this.jobs.set(key, merged);
          changedKeys.push(key);
        }
        anchor = key;
        continue;
      }
      const removedAt = this.tombstones.get(key);
      if (removedAt !== undefined && removedAt >= head.addedAt) continue; // this window stopped tracking it
      const t = trackedFromEntry(head, key);
      if (t.snapshotLight) this.toRead.add(key);
      let list = adopted.get(anchor);
      if (!list) adopted.set(anchor, (list = []));
      list.push(t);
      changedKeys.push(key);
    }
    if (adopted.size > 0) {
      const order = new Map<string, TrackedJob>();
      for (const t of adopted.get(null) ?? []) order.set(t.key, t);
      for (const [k, t] of this.jobs) {
        order.set(k, t);
        for (const a of adopted.get(k) ?? []) order.set(a.key, a);
      }
      this.jobs = order;
    }
    // The stored flags are the base of the next three-way merge (until this window writes its own).
    for (const [key, head] of view.jobs) {
      if (this.jobs.has(key)) this.syncedWatched.set(key, head.watched);
      else this.syncedWatched.delete(key);
    }
    if (changedKeys.length > 0) this.changes.fire({ keys: changedKeys });
    if (this.toRead.size > 0) void this.readFiles();
  }

  /**
   * One job as this window and the stored list know it. The later poll (lastCheckedAt or its last error's time)
   * wins when it says something different (status, progress, times, error): its summary at once, its file read
   * next; an equal answer keeps this window's snapshot, which may still have its raw body. The watch flag is taken
   * from the side that changed it since the last sync.
   */
  private mergeEntry(ours: TrackedJob, theirs: ListEntry): TrackedJob {
    let next = ours;
    const theirTime = laterIso(theirs.lastCheckedAt, theirs.lastError?.at ?? null);
    const ourTime = laterIso(ours.lastCheckedAt, ours.lastError?.at ?? null);
    if (theirTime !== null && (ourTime === null || theirTime > ourTime)) {
      const errorDiffers = !sameError(ours.lastError, theirs.lastError);
      const snapshotDiffers = theirs.summary !== null && differentAnswer(ours.snapshot, theirs.summary);
      if (errorDiffers || snapshotDiffers) {
        next = { ...ours, lastError: theirs.lastError, lastCheckedAt: laterIso(ours.lastCheckedAt, theirs.lastCheckedAt) };
        if (snapshotDiffers && theirs.summary) {
          const base = ours.snapshot ?? jobOfSummary(ours.ref.kind, theirs.summary);
          next.snapshot = { ...withHead(base, theirs.summary), raw: null };
          next.snapshotLight = true;
          if (theirs.snapshotTrimmed) next.snapshotTrimmed = true;
          else delete next.snapshotTrimmed;
          // Their file holds the rest of that answer.
          this.fileHash.delete(ours.key);
          this.toRead.add(ours.key);
        }
      }
    }
    const base = this.syncedWatched.get(ours.key);
    if (base !== undefined && ours.watched === base && theirs.watched !== base) next = { ...next, watched: theirs.watched };
    return next;
  }
}

/** Whether the list's part of a snapshot changed (status, name, times the tree shows, error), progress aside. */
function summaryDiffers(a: Job | null, b: Job): boolean {
  if (a === null) return true;
  return a.status !== b.status || a.rawStatus !== b.rawStatus || a.name !== b.name || a.completedAt !== b.completedAt ||
    a.startedAt !== b.startedAt || a.createdAt !== b.createdAt || a.stoppedAt !== b.stoppedAt ||
    a.error?.code !== b.error?.code || a.error?.message !== b.error?.message;
}

/** The message for a capped or filtered caster expansion. */
function expansionNotice(casterId: string, listed: number, usable: number, overCap: number, unusable: number): string {
  const parts = [listed === 1
    ? l10n.t('Live editing caster {0}: the answer listed {1} editing task', casterId, listed)
    : l10n.t('Live editing caster {0}: the answer listed {1} editing tasks', casterId, listed)];
  if (overCap > 0) {
    parts.push(l10n.t('{0} of them were not tracked, because at most {1} tasks of one caster are (track a task you need by its ShowId with this CasterId)', overCap, MAX_TASKS_PER_CASTER));
  }
  if (unusable > 0) parts.push(l10n.t('{0} had a ShowId that is not a usable id and were left out', unusable));
  const tracked = usable === 1 ? l10n.t('{0} is tracked.', usable) : l10n.t('{0} are tracked.', usable);
  return l10n.t('{0}. {1}', parts.join(l10n.t('; ')), tracked);
}

function readTombstones(list: readonly unknown[] | undefined, into: Map<string, string>): void {
  for (const t of list ?? []) {
    const r = tombstoneSchema.safeParse(t);
    if (r.success) keepLater(into, r.data.key, r.data.at);
  }
}

function keepLater(map: Map<string, string>, key: string, at: string): void {
  const had = map.get(key);
  if (had === undefined || at > had) map.set(key, at);
}

/** The later of two ISO times (same format, so they compare as strings); null when both are null. */
function laterIso(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

function sameError(a: TrackedError | null, b: TrackedError | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.code === b.code && a.message === b.message;
}

/** Whether a stored snapshot says something else about the job than ours (what the tree, hovers and notifications show). */
function differentAnswer(ours: Job | null, theirs: unknown): boolean {
  if (ours === null) return true;
  if (!isObject(theirs)) return true;
  for (const k of ['status', 'rawStatus', 'progress', 'updatedAt', 'completedAt', 'startedAt', 'name'] as const) {
    if (theirs[k] !== ours[k]) return true;
  }
  const e = theirs.error;
  if (ours.error === null || !isObject(e)) return ours.error !== (e ?? null);
  return e.code !== ours.error.code || e.message !== ours.error.message;
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
  return { kind: ref.kind, id: ref.id, region: ref.region, params, ...(ref.profile ? { profile: ref.profile } : {}) };
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
