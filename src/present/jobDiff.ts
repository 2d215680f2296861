/**
 * Compare two jobs of one kind (Compare Jobs…, `media-jobs diff`): what differs in their status, times and error,
 * their outputs and streams (rows aligned by what names them), and their timelines (tracks aligned by name, clips
 * within a track by a longest common subsequence of what identifies them: the ClipId, else the media, text or type),
 * so an inserted clip shows as added rather than as every later clip changed. Pure, so it is unit-tested; the
 * surfaces (jobDiffMarkdown.ts, src/cli/diff.ts) only format it.
 */
import { type Job, type MediaStream, type JobOutput, type TimelineClip, type TimelineTrack } from '../model/job.js';
import { formatBytes } from './formatBytes.js';
import { statusLabelOf } from './status.js';
import { trackName } from './trackNames.js';
import { fileNameFromUrl } from '../util/urls.js';
import * as l10n from '../util/l10n.js';
import { formatGivenTime } from '../util/formatLocale.js';

export type Mark = 'same' | 'changed' | 'added' | 'removed';

export interface FieldDiff { field: string; left: string; right: string; changed: boolean }

export interface RowDiff {
  /** What names the row on both sides (an output's label or URL, a stream's output/type/index). */
  key: string;
  mark: Mark;
  cells: FieldDiff[];
}

export interface ClipSide {
  index: number;
  name: string;
  place: string;
  source: string;
  /** Its place on the output in seconds, when known (the lanes draw it). */
  start: number | null;
  end: number | null;
}

export interface ClipDiff {
  mark: Mark;
  left: ClipSide | null;
  right: ClipSide | null;
  /** For a changed clip, which of its fields differ (`TimelineIn 2 → 3`). */
  changes: string[];
}

export interface TrackDiff {
  track: string;
  mark: Mark;
  clips: ClipDiff[];
  counts: Record<Mark, number>;
  /** True when the track was too long to align clip by clip: clips were compared by position. */
  byPosition: boolean;
}

export interface JobDiff {
  kind: Job['kind'];
  left: { id: string; label: string };
  right: { id: string; label: string };
  fields: FieldDiff[];
  outputs: RowDiff[];
  streams: RowDiff[];
  /** Null when neither job has a timeline. */
  timeline: TrackDiff[] | null;
  /** Whether the ClipsParam (as the API gave it) and the raw answers are the same; null when neither has one. */
  clipsParamSame: boolean | null;
  changedCount: number;
}

/** Longest tracks aligned by LCS (its table costs n × m cells); longer ones are compared by position. */
export const MAX_ALIGN_CELLS = 4_000_000;

const text = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : String(v));
/** A time as the cloud gave it in English; local with its zone in other languages (src/util/formatLocale.ts). */
const time = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : formatGivenTime(v));
const num = (v: number | null | undefined, unit = ''): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v * 10_000) / 10_000}${unit}`);

function field(name: string, a: string, b: string): FieldDiff {
  return { field: name, left: a, right: b, changed: a !== b };
}

function jobFields(a: Job, b: Job): FieldDiff[] {
  const status = (j: Job) => `${statusLabelOf(j.kind, j.status, j.rawStatus)}${j.rawStatus ? ` (${j.rawStatus})` : ''}${j.progress !== null && j.status === 'running' ? ` ${j.progress} %` : ''}`;
  const error = (j: Job) => (j.error ? `${j.error.code || 'error'}: ${j.error.message}` : '—');
  return [
    field('Status', status(a), status(b)),
    field('Name', text(a.name), text(b.name)),
    field('Region', text(a.region), text(b.region)),
    field('Created', time(a.createdAt), time(b.createdAt)),
    field('Started', time(a.startedAt), time(b.startedAt)),
    field('Completed', time(a.completedAt), time(b.completedAt)),
    field('Duration', num(a.durationSeconds, ' s'), num(b.durationSeconds, ' s')),
    field('Error', error(a), error(b)),
    field('Template', text(a.templateId), text(b.templateId)),
    field('Outputs', String(a.outputs.length), String(b.outputs.length)),
    field('Timeline', a.timeline ? `${a.timeline.tracks.length} tracks, ${a.timeline.tracks.reduce((n, t) => n + t.clips.length, 0)} clips` : '—',
      b.timeline ? `${b.timeline.tracks.length} tracks, ${b.timeline.tracks.reduce((n, t) => n + t.clips.length, 0)} clips` : '—'),
  ];
}

/** Rows of two lists aligned by key (first occurrence of a key pairs with the first on the other side). */
function alignRows<T>(a: readonly T[], b: readonly T[], keyOf: (x: T, i: number) => string, cells: (x: T | null) => Array<[string, string]>): RowDiff[] {
  const out: RowDiff[] = [];
  const rightByKey = new Map<string, T[]>();
  b.forEach((x, i) => {
    const k = keyOf(x, i);
    rightByKey.set(k, [...(rightByKey.get(k) ?? []), x]);
  });
  const used = new Set<T>();
  a.forEach((x, i) => {
    const k = keyOf(x, i);
    const match = rightByKey.get(k)?.find((y) => !used.has(y)) ?? null;
    if (match) used.add(match);
    const l = cells(x);
    const r = cells(match);
    const fields = l.map(([name, v], j) => field(name, v, match ? r[j]![1] : '—'));
    out.push({ key: k, mark: match === null ? 'removed' : fields.some((f) => f.changed) ? 'changed' : 'same', cells: fields });
  });
  b.forEach((y, i) => {
    if (used.has(y)) return;
    const r = cells(y);
    out.push({ key: keyOf(y, i), mark: 'added', cells: r.map(([name, v]) => field(name, '—', v)) });
  });
  return out;
}

const outputCells = (o: JobOutput | null): Array<[string, string]> => [
  ['URL', text(o?.url)], [l10n.t('Media ID'), text(o?.mediaId)], ['Status', text(o?.rawStatus ?? o?.status)],
  ['Size', o?.sizeBytes !== null && o?.sizeBytes !== undefined ? formatBytes(o.sizeBytes) : '—'], ['Format', text(o?.format)],
  ['Resolution', o?.width && o?.height ? `${o.width}×${o.height}` : '—'], ['Bitrate', num(o?.bitrateKbps, ' kbps')],
  ['Duration', num(o?.durationSeconds, ' s')], ['FPS', num(o?.fps)],
];

const streamCells = (s: MediaStream | null): Array<[string, string]> => [
  ['Codec', text(s?.codec)], ['Profile', text(s?.profile)], ['Resolution', s?.width && s?.height ? `${s.width}×${s.height}` : '—'],
  ['FPS', num(s?.fps)], ['Bitrate', num(s?.bitrateKbps, ' kbps')], ['Channels', num(s?.channels)], [l10n.t('Sample rate'), num(s?.sampleRate, ' Hz')],
  ['Duration', num(s?.durationSeconds, ' s')],
];

/** What identifies a clip across two versions of a timeline. */
function clipKey(c: TimelineClip): string {
  const id = c.raw.ClipId;
  if (typeof id === 'string' && id !== '') return `id:${id}`;
  return `m:${c.mediaId ?? c.mediaUrl ?? c.text ?? c.clipType ?? ''}`;
}

function side(c: TimelineClip, index: number): ClipSide {
  const name = c.mediaId ?? fileNameFromUrl(c.mediaUrl) ?? (c.text !== null ? c.text.slice(0, 60) : null) ?? c.clipType ?? 'clip';
  const place = c.timelineIn === null ? l10n.t('no position') : `${num(c.timelineIn)}–${c.timelineOut === null ? '?' : num(c.timelineOut)} s`;
  const source = c.in === null && c.out === null ? '' : `in ${num(c.in)}–${num(c.out)} s`;
  return { index, name, place, source, start: c.timelineIn, end: c.timelineOut };
}

const effectsText = (c: TimelineClip): string => c.effects.map((e) => `${e.type}${e.subType ? `/${e.subType}` : ''}${e.durationSeconds !== null ? ` ${e.durationSeconds}s` : ''}`).join(', ') || '—';

/** The fields of two matched clips that differ, as `Name a → b`. */
function clipChanges(a: TimelineClip, b: TimelineClip): string[] {
  const pairs: Array<[string, string, string]> = [
    ['TimelineIn', num(a.timelineIn), num(b.timelineIn)], ['TimelineOut', num(a.timelineOut), num(b.timelineOut)],
    ['In', num(a.in), num(b.in)], ['Out', num(a.out), num(b.out)], ['Speed', num(a.speed), num(b.speed)],
    ['Media', text(a.mediaId ?? a.mediaUrl), text(b.mediaId ?? b.mediaUrl)], ['Text', text(a.text), text(b.text)],
    ['Effects', effectsText(a), effectsText(b)], ['Type', text(a.clipType), text(b.clipType)],
  ];
  const out = pairs.filter(([, x, y]) => x !== y).map(([n, x, y]) => `${n} ${x} → ${y}`);
  // The rest of the clip object (layout, fonts…): named, not spelled out.
  if (out.length === 0 && JSON.stringify(a.raw) !== JSON.stringify(b.raw)) out.push(l10n.t('other fields of the clip object'));
  return out;
}

/** Pairs of indexes (or -1 for none) aligning two key lists by a longest common subsequence. */
function lcsAlign(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const L = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i * w + j] = a[i] === b[j] ? L[(i + 1) * w + j + 1]! + 1 : Math.max(L[(i + 1) * w + j]!, L[i * w + j + 1]!);
    }
  }
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) out.push([i++, j++]);
    else if (L[(i + 1) * w + j]! >= L[i * w + j + 1]!) out.push([i++, -1]);
    else out.push([-1, j++]);
  }
  while (i < n) out.push([i++, -1]);
  while (j < m) out.push([-1, j++]);
  return out;
}

function trackDiff(name: string, a: TimelineTrack | null, b: TimelineTrack | null): TrackDiff {
  const ac = a?.clips ?? [];
  const bc = b?.clips ?? [];
  const byPosition = ac.length * bc.length > MAX_ALIGN_CELLS;
  const pairs: Array<[number, number]> = byPosition
    ? Array.from({ length: Math.max(ac.length, bc.length) }, (_, i) => [i < ac.length ? i : -1, i < bc.length ? i : -1])
    : lcsAlign(ac.map(clipKey), bc.map(clipKey));
  const counts: Record<Mark, number> = { same: 0, changed: 0, added: 0, removed: 0 };
  const clips: ClipDiff[] = pairs.map(([i, j]) => {
    const l = i >= 0 ? ac[i]! : null;
    const r = j >= 0 ? bc[j]! : null;
    const changes = l && r ? clipChanges(l, r) : [];
    const mark: Mark = !l ? 'added' : !r ? 'removed' : changes.length > 0 ? 'changed' : 'same';
    counts[mark]++;
    return { mark, left: l ? side(l, i) : null, right: r ? side(r, j) : null, changes };
  });
  const mark: Mark = !a ? 'added' : !b ? 'removed' : counts.same === clips.length ? 'same' : 'changed';
  return { track: name, mark, clips, counts, byPosition };
}

function timelineDiff(a: Job, b: Job): TrackDiff[] | null {
  if (!a.timeline && !b.timeline) return null;
  const names: string[] = [];
  const left = new Map<string, TimelineTrack>();
  const right = new Map<string, TimelineTrack>();
  for (const t of a.timeline?.tracks ?? []) {
    left.set(trackName(t), t);
    names.push(trackName(t));
  }
  for (const t of b.timeline?.tracks ?? []) {
    right.set(trackName(t), t);
    if (!left.has(trackName(t))) names.push(trackName(t));
  }
  return names.map((n) => trackDiff(n, left.get(n) ?? null, right.get(n) ?? null));
}

export function diffJobs(a: Job, b: Job): JobDiff {
  const fields = jobFields(a, b);
  const outputs = alignRows(a.outputs, b.outputs, (o, i) => o.label ?? fileNameFromUrl(o.url) ?? o.mediaId ?? `output ${i + 1}`, outputCells);
  const streams = alignRows(a.streams, b.streams, (s, i) => `${s.output ?? 'output'} · ${s.type} ${s.index ?? i}`, streamCells);
  const timeline = timelineDiff(a, b);
  const cp = (j: Job) => (j.clipsParam === null || j.clipsParam === undefined ? null : JSON.stringify(j.clipsParam));
  const clipsParamSame = cp(a) === null && cp(b) === null ? null : cp(a) === cp(b);
  const changedCount = fields.filter((f) => f.changed).length + outputs.filter((r) => r.mark !== 'same').length + streams.filter((r) => r.mark !== 'same').length
    + (timeline ?? []).reduce((n, t) => n + t.counts.added + t.counts.removed + t.counts.changed, 0) + (clipsParamSame === false ? 1 : 0);
  return {
    kind: a.kind, left: { id: a.id, label: a.name ?? a.id }, right: { id: b.id, label: b.name ?? b.id },
    fields, outputs, streams, timeline, clipsParamSame, changedCount,
  };
}
