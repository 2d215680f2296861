/**
 * The tracked jobs of bench/scale: N jobs of every kind, the same on both sides (the emulator child that serves
 * them and the bench that tracks them). Mixed as a busy account tracks them: 40 % ICE (a third each with a
 * Timeline of 50, 495 and 2,000 clips), 20 % VOD (two outputs), 15 % Live edge, 15 % MPC, 10 % Live editing
 * tasks (five per caster). 60 % are not finished (polled): half running with progress moving on every poll,
 * half queued; the rest finished (never polled).
 */
import { largeTimeline } from '../test/emulator/sampleJobs.js';
import { type JobInit } from '../test/emulator/state.js';
import { type JobRef } from '../src/model/jobRef.js';

export const REGION = 'cn-shanghai';
export const CLUSTER = 'edge-cluster-bench';
export const ICE_CLIPS = [50, 495, 2000] as const;
const HOUR = 3_600_000;

const hex32 = (kind: number, i: number): string => `${kind.toString(16)}${i.toString(16).padStart(31, '0')}`;
const uuid = (kind: number, i: number): string => {
  const h = hex32(kind, i);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export interface BenchJob {
  ref: JobRef;
  init: JobInit;
  /** Clips of an ICE job's Timeline (0 for other kinds). */
  clips: number;
  polled: boolean;
}

/** The Timeline texts, made once per size (the emulator serves the same string to every job of that size). */
const timelines = new Map<number, string>();
function timelineOf(clips: number): string {
  let t = timelines.get(clips);
  if (t === undefined) timelines.set(clips, (t = JSON.stringify(largeTimeline(clips))));
  return t;
}

/** Phases by the job's place: running (progress moving), queued, or finished. */
function phases(state: 'running' | 'queued' | 'done', kind: JobInit['kind']): JobInit['phases'] {
  const run = { ice: 'Processing', vod: 'Processing', 'mpc-editing': 'PROCESSING', 'live-edge': '1', 'live-editing': 1 }[kind];
  const queued = { ice: 'Queuing', vod: 'Processing', 'mpc-editing': 'WAITING', 'live-edge': '0', 'live-editing': 0 }[kind];
  const done = { ice: 'Success', vod: 'CompleteAllSucc', 'mpc-editing': 'SUCCEEDED', 'live-edge': '1', 'live-editing': 3 }[kind];
  // Shifted to have started a minute ago (startOffsetMs below): 0 → 100 % over 10 virtual minutes, 1 % every 6 s.
  if (state === 'running') return [{ at: 0, status: run, progress: 0, progressTo: 100 }, { at: 10 * 60_000, status: run, progress: 100 }];
  if (state === 'queued') return [{ at: 0, status: queued, progress: 0 }];
  return [{ at: 0, status: done, progress: 100 }];
}

const offset = (state: 'running' | 'queued' | 'done'): number => (state === 'running' ? -60_000 : -HOUR);

export function benchJobs(n: number): BenchJob[] {
  const out: BenchJob[] = [];
  const counts = { ice: Math.round(n * 0.4), vod: Math.round(n * 0.2), edge: Math.round(n * 0.15), mpc: Math.round(n * 0.15) };
  const editing = n - counts.ice - counts.vod - counts.edge - counts.mpc;
  // 40 % finished, 30 % running, 30 % queued, in a fixed rotation (Live edge jobs never finish: running or stopped).
  const stateOf = (i: number): 'running' | 'queued' | 'done' => (['running', 'queued', 'done', 'running', 'queued', 'done', 'running', 'queued', 'done', 'done'] as const)[i % 10]!;
  for (let i = 0; i < counts.ice; i++) {
    const id = hex32(1, i);
    const clips = ICE_CLIPS[i % 3]!;
    const st = stateOf(i);
    out.push({
      ref: { kind: 'ice', id, region: REGION, params: {} }, clips, polled: st !== 'done',
      init: { kind: 'ice', id, startOffsetMs: offset(st), fields: { ProjectId: hex32(9, i), Timeline: timelineOf(clips) }, phases: phases(st, 'ice') },
    });
  }
  for (let i = 0; i < counts.vod; i++) {
    const id = hex32(2, i);
    const st = stateOf(i);
    const item = (j: number) => ({ id: hex32(3, i * 2 + j), phases: [{ at: 0, status: st === 'done' ? 'TranscodeSuccess' : 'Transcoding', progress: st === 'done' ? 100 : 20 }] });
    out.push({
      ref: { kind: 'vod', id, region: REGION, params: {} }, clips: 0, polled: st !== 'done',
      init: { kind: 'vod', id, startOffsetMs: offset(st), fields: { VideoId: hex32(4, i), TriggerSource: 'Manual' }, phases: phases(st, 'vod'), items: [item(0), item(1)] },
    });
  }
  for (let i = 0; i < counts.edge; i++) {
    const id = uuid(5, i);
    const st = i % 2 ? 'running' : 'queued';
    out.push({
      ref: { kind: 'live-edge', id, region: REGION, params: { clusterId: CLUSTER } }, clips: 0, polled: true,
      init: { kind: 'live-edge', id, clusterId: CLUSTER, startOffsetMs: offset(st), fields: { Name: `stream-${i}`, Type: 'common' }, phases: phases(st, 'live-edge') },
    });
  }
  for (let i = 0; i < counts.mpc; i++) {
    const id = hex32(6, i);
    const st = stateOf(i);
    out.push({
      ref: { kind: 'mpc-editing', id, region: 'cn-north-4', params: {} }, clips: 0, polled: st !== 'done',
      init: { kind: 'mpc-editing', id, startOffsetMs: offset(st), fields: { description: `clip ${i}`, user_data: '' }, phases: phases(st, 'mpc-editing') },
    });
  }
  for (let i = 0; i < editing; i++) {
    const id = uuid(7, i);
    const casterId = uuid(8, Math.floor(i / 5));
    const st = stateOf(i);
    out.push({
      ref: { kind: 'live-editing', id, region: REGION, params: { casterId } }, clips: 0, polled: st !== 'done',
      init: { kind: 'live-editing', id, casterId, startOffsetMs: offset(st), fields: { OutputVodId: hex32(10, i) }, phases: phases(st, 'live-editing') },
    });
  }
  return out;
}
