/**
 * The emulator's job store: jobs of the five kinds, each with a script of phases that plays out against the
 * injected clock, so a poller sees statuses change without anyone sleeping.
 *
 * A job's phases are offsets (ms) from the job's start. The phase in force at time `now` is the last one whose
 * offset has passed; `progress` may rise linearly towards `progressTo` until the next phase begins. `fields`
 * are wire fields (in the cloud's own spelling) that appear from that phase on, merged over earlier phases'
 * and over the job's static `fields`, which is how outputs, durations and completion data show up on success.
 *
 * Management ids are unique within a kind: ICE JobId, VOD TranscodeTaskId, Live editing ShowId, edge JobId,
 * MPC job_id. The API handlers look jobs up by the cloud's full identity (CasterId+ShowId, ClusterId+JobId,
 * project+job_id); the management API only needs the id.
 */

export const EMULATED_KINDS = ['ice', 'vod', 'live-editing', 'live-edge', 'mpc-editing'] as const;
export type EmulatedKind = (typeof EMULATED_KINDS)[number];

/** The cloud's own status value: ICE/VOD/MPC/edge strings, Live editing TaskStatus numbers (-1…3). */
export type RawStatus = string | number;

export interface PhaseError {
  code: string;
  message: string;
}

export interface Phase {
  /** Milliseconds after the job's start at which this phase begins. */
  at: number;
  status: RawStatus;
  /** Progress (0–100) when the phase begins; omitted = the API shows no progress in this phase. */
  progress?: number;
  /** Progress reached (linearly) when the next phase begins. */
  progressTo?: number;
  /** Failure code and message shown from this phase on (ICE Code/Message, VOD ErrorCode, MPC error_code …). */
  error?: PhaseError;
  /** Wire fields that appear from this phase on. */
  fields?: Record<string, unknown>;
}

interface JobInitBase {
  id: string;
  phases: Phase[];
  /** When the job started, relative to the moment it is added (negative = in the past). Default 0. */
  startOffsetMs?: number;
  /** Static wire fields, present in every phase. */
  fields?: Record<string, unknown>;
  /** One line for people (the emulator's CLI table). */
  description?: string;
}

export interface IceJobInit extends JobInitBase {
  kind: 'ice';
  /** Serve Progress as a string ("45"), as some responses do. */
  progressAsString?: boolean;
  /** A sub-job of this quick video production (batch) job (ListMediaProducingJobs MasterJobId). */
  masterJobId?: string;
}

/**
 * An ICE quick video production (batch) job, as ListBatchMediaProducingJobs lists it: Init → Processing →
 * Finished/Failed; `fields` are InputConfig, EditingConfig, OutputConfig, UserData, Extend. Its sub-jobs are ICE
 * jobs naming it in `masterJobId`. Kept apart from the five kinds (no get call of ours reads it).
 */
export interface IceBatchInit extends JobInitBase {
  jobType: 'Script' | 'Smart_Mix';
}

export type StoredIceBatch = IceBatchInit & { startAt: number };

/** One transcode job inside a VOD transcode task; it has its own script (Transcoding → TranscodeSuccess/Fail). */
export interface VodItemInit {
  id: string;
  phases: Phase[];
  fields?: Record<string, unknown>;
}

export interface VodTaskInit extends JobInitBase {
  kind: 'vod';
  items: VodItemInit[];
}

/**
 * How GetEditingJobInfo's EditingTasksInfo arrives for a caster (the reference leaves it open, so the emulator
 * serves all three): a JSON string holding an array, a JSON string holding one object, or an inline array.
 */
export type EditingTasksInfoShape = 'json-string-array' | 'json-string-object' | 'inline-array';

export interface LiveEditingTaskInit extends JobInitBase {
  kind: 'live-editing';
  casterId: string;
  /** Sets the caster's EditingTasksInfo shape (the caster-wide setting; last one set wins). */
  casterShape?: EditingTasksInfoShape;
}

export interface LiveEdgeJobInit extends JobInitBase {
  kind: 'live-edge';
  clusterId: string;
}

export interface MpcJobInit extends JobInitBase {
  kind: 'mpc-editing';
  /** Default: the emulator account's project. */
  projectId?: string;
}

export type JobInit = IceJobInit | VodTaskInit | LiveEditingTaskInit | LiveEdgeJobInit | MpcJobInit;

/** A stored job: its init plus the absolute start time (ms). */
export type StoredJob<K extends EmulatedKind = EmulatedKind> = Extract<JobInit, { kind: K }> & { startAt: number };

export interface SetStatusOptions {
  progress?: number;
  progressTo?: number;
  error?: PhaseError;
  fields?: Record<string, unknown>;
}

/** A script evaluated at one instant. */
export interface PhaseView {
  status: RawStatus;
  /** Current progress (interpolated), or null when the phase shows none. */
  progress: number | null;
  error: PhaseError | null;
  /** Static fields merged with every started phase's fields. */
  fields: Record<string, unknown>;
  /** Absolute ms at which the current phase began. */
  phaseStart: number;
  /** Every phase that has begun, oldest first, with its absolute start. */
  history: Array<{ status: RawStatus; start: number }>;
}

/** Evaluates a script at `now`. Before the first phase's offset the first phase is shown (a job exists once added). */
export function evaluatePhases(startAt: number, phases: readonly Phase[], staticFields: Record<string, unknown> | undefined, now: number): PhaseView {
  if (phases.length === 0) throw new Error('a job needs at least one phase');
  const elapsed = now - startAt;
  let index = 0;
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i];
    if (p !== undefined && p.at <= elapsed) index = i;
  }
  const fields: Record<string, unknown> = { ...(staticFields ?? {}) };
  const history: Array<{ status: RawStatus; start: number }> = [];
  for (let i = 0; i <= index; i++) {
    const p = phases[i];
    if (p === undefined) continue;
    Object.assign(fields, p.fields ?? {});
    history.push({ status: p.status, start: startAt + p.at });
  }
  const current = phases[index];
  if (current === undefined) throw new Error('unreachable: phase index out of range');
  const next = phases[index + 1];
  let progress: number | null = current.progress ?? null;
  if (progress !== null && current.progressTo !== undefined && next !== undefined && next.at > current.at) {
    const f = Math.min(1, Math.max(0, (elapsed - current.at) / (next.at - current.at)));
    progress = Math.round(progress + (current.progressTo - progress) * f);
  }
  return {
    status: current.status,
    progress,
    error: current.error ?? null,
    fields,
    phaseStart: startAt + current.at,
    history,
  };
}

export class EmulatorState {
  private readonly jobs = new Map<EmulatedKind, Map<string, StoredJob>>();
  private readonly casterShapes = new Map<string, EditingTasksInfoShape>();
  private readonly batches = new Map<string, StoredIceBatch>();
  /**
   * Whether ListMediaProducingJobs without MasterJobId also lists sub-jobs of batch jobs. The reference does not
   * say; the emulator serves both (default: it does, the case that could show a job twice).
   */
  iceListShowsSubJobs = true;

  constructor(
    readonly now: () => number,
    /** The project MPC jobs belong to unless they name another. */
    readonly defaultProjectId: string,
  ) {
    for (const k of EMULATED_KINDS) this.jobs.set(k, new Map());
  }

  /** Adds a job; throws if the kind already has one with that id (ids are the management handle). */
  add(init: JobInit): StoredJob {
    const byId = this.kindMap(init.kind);
    if (byId.has(init.id)) throw new Error(`emulator: ${init.kind} job ${init.id} already exists`);
    if (init.phases.length === 0) throw new Error(`emulator: ${init.kind} job ${init.id} needs at least one phase`);
    const stored = { ...init, phases: [...init.phases], startAt: this.now() + (init.startOffsetMs ?? 0) } as StoredJob;
    if (stored.kind === 'mpc-editing' && stored.projectId === undefined) stored.projectId = this.defaultProjectId;
    if (stored.kind === 'live-editing' && stored.casterShape !== undefined) this.casterShapes.set(stored.casterId, stored.casterShape);
    if (stored.kind === 'vod') stored.items = stored.items.map((it) => ({ ...it, phases: [...it.phases] }));
    byId.set(init.id, stored);
    return stored;
  }

  addAll(inits: readonly JobInit[]): void {
    for (const i of inits) this.add(i);
  }

  addIceBatch(init: IceBatchInit): StoredIceBatch {
    if (this.batches.has(init.id)) throw new Error(`emulator: ICE batch job ${init.id} already exists`);
    if (init.phases.length === 0) throw new Error(`emulator: ICE batch job ${init.id} needs at least one phase`);
    const stored = { ...init, phases: [...init.phases], startAt: this.now() + (init.startOffsetMs ?? 0) };
    this.batches.set(init.id, stored);
    return stored;
  }

  removeIceBatch(id: string): boolean {
    return this.batches.delete(id);
  }

  iceBatches(): StoredIceBatch[] {
    return [...this.batches.values()];
  }

  /**
   * From now on the job shows `status` (with the given progress, error, fields) and stays there: the phases
   * that already happened are kept as history, the future ones are dropped.
   */
  setStatus(kind: EmulatedKind, id: string, status: RawStatus, opts: SetStatusOptions = {}): void {
    const job = this.require(kind, id);
    job.phases = appendPhaseNow(job.phases, this.now() - job.startAt, status, opts);
  }

  /** Same as setStatus, for one transcode job inside a VOD task. */
  setVodItemStatus(taskId: string, jobId: string, status: RawStatus, opts: SetStatusOptions = {}): void {
    const task = this.require('vod', taskId) as StoredJob<'vod'>;
    const item = task.items.find((i) => i.id === jobId);
    if (!item) throw new Error(`emulator: VOD task ${taskId} has no transcode job ${jobId}`);
    item.phases = appendPhaseNow(item.phases, this.now() - task.startAt, status, opts);
  }

  /** Replaces the whole script; offsets count from the job's original start. */
  setPhases(kind: EmulatedKind, id: string, phases: Phase[]): void {
    if (phases.length === 0) throw new Error('a job needs at least one phase');
    this.require(kind, id).phases = [...phases];
  }

  remove(kind: EmulatedKind, id: string): boolean {
    return this.kindMap(kind).delete(id);
  }

  get<K extends EmulatedKind>(kind: K, id: string): StoredJob<K> | undefined {
    return this.kindMap(kind).get(id) as StoredJob<K> | undefined;
  }

  list<K extends EmulatedKind>(kind: K): Array<StoredJob<K>> {
    return [...this.kindMap(kind).values()] as Array<StoredJob<K>>;
  }

  all(): StoredJob[] {
    return EMULATED_KINDS.flatMap((k) => [...this.kindMap(k).values()]);
  }

  clear(): void {
    for (const m of this.jobs.values()) m.clear();
    this.casterShapes.clear();
    this.batches.clear();
  }

  /** Evaluates a stored job's script at the current (injected) time. */
  view(job: { startAt: number; phases: readonly Phase[]; fields?: Record<string, unknown> }): PhaseView {
    return evaluatePhases(job.startAt, job.phases, job.fields, this.now());
  }

  /** Declares a caster (so it exists with no tasks) and/or sets its EditingTasksInfo shape. */
  configureCaster(casterId: string, shape: EditingTasksInfoShape = 'json-string-array'): void {
    this.casterShapes.set(casterId, shape);
  }

  casterExists(casterId: string): boolean {
    return this.casterShapes.has(casterId) || this.list('live-editing').some((t) => t.casterId === casterId);
  }

  casterShape(casterId: string): EditingTasksInfoShape {
    return this.casterShapes.get(casterId) ?? 'json-string-array';
  }

  /** Every production studio the emulator knows: configured ones and those its tasks name. */
  casterIds(): string[] {
    return [...new Set([...this.casterShapes.keys(), ...this.list('live-editing').map((t) => t.casterId)])];
  }

  tasksOfCaster(casterId: string): Array<StoredJob<'live-editing'>> {
    return this.list('live-editing').filter((t) => t.casterId === casterId);
  }

  findEdgeJob(clusterId: string, jobId: string): StoredJob<'live-edge'> | undefined {
    const j = this.get('live-edge', jobId);
    return j && j.clusterId === clusterId ? j : undefined;
  }

  findMpcJob(projectId: string, jobId: string): StoredJob<'mpc-editing'> | undefined {
    const j = this.get('mpc-editing', jobId);
    return j && j.projectId === projectId ? j : undefined;
  }

  /** Finds a VOD transcode job (TranscodeJobId) in any task. */
  findVodItem(jobId: string): { task: StoredJob<'vod'>; item: VodItemInit } | undefined {
    for (const task of this.list('vod')) {
      const item = task.items.find((i) => i.id === jobId);
      if (item) return { task, item };
    }
    return undefined;
  }

  private kindMap(kind: EmulatedKind): Map<string, StoredJob> {
    const m = this.jobs.get(kind);
    if (!m) throw new Error(`emulator: unknown job kind ${String(kind)}`);
    return m;
  }

  private require(kind: EmulatedKind, id: string): StoredJob {
    const j = this.kindMap(kind).get(id);
    if (!j) throw new Error(`emulator: no ${kind} job ${id}`);
    return j;
  }
}

function appendPhaseNow(phases: readonly Phase[], elapsed: number, status: RawStatus, opts: SetStatusOptions): Phase[] {
  const kept = phases.filter((p) => p.at <= elapsed);
  const phase: Phase = { at: elapsed, status };
  if (opts.progress !== undefined) phase.progress = opts.progress;
  if (opts.progressTo !== undefined) phase.progressTo = opts.progressTo;
  if (opts.error !== undefined) phase.error = opts.error;
  if (opts.fields !== undefined) phase.fields = opts.fields;
  return [...kept, phase];
}

/** `2024-01-01T00:00:00Z`: Alibaba's time format (UTC, no milliseconds). */
export function aliyunTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `20240101000000`: Huawei MPC's time format (UTC). */
export function huaweiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '').replace(/[-:T]/g, '');
}
