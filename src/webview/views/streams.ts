/**
 * Streams tab, the way ffprobe and MediaInfo show media: per output a container line (format, size, overall
 * bitrate, duration), then its streams grouped Video / Audio / Subtitle with units; an output whose real
 * resolution disagrees with its definition label is flagged. Cloud fields the model has no place for (Huawei's
 * video_info, audio_info, metadata) follow as they came.
 */
import { definitionMismatch } from '../../present/definition.js';
import * as l10n from '../../util/l10n.js';
import { type JobOutput, type MediaStream, type StreamType } from '../../model/job.js';
import { type Ctx } from '../context.js';
import { type Child, h, icon } from '../dom.js';
import { bitrate, bytes, duration, fps, num, resolution, sampleRate } from '../format.js';
import { CLOUD_LABEL } from '../../kinds/index.js';
import { kindInfo } from '../kind.js';
import { decodedValue } from './overview.js';
import { chip, emptyState, facts, section } from './widgets.js';

interface Group {
  title: string;
  output: JobOutput | null;
  streams: MediaStream[];
}

const TYPE_TITLE: Readonly<Record<StreamType, string>> = { video: l10n.t('Video'), audio: l10n.t('Audio'), subtitle: l10n.t('Subtitle') };
const TYPE_ICON: Readonly<Record<StreamType, string>> = { video: 'device-camera-video', audio: 'unmute', subtitle: 'comment' };

function groups(outputs: readonly JobOutput[], streams: readonly MediaStream[]): Group[] {
  const out: Group[] = outputs.map((o, i) => ({ title: o.fileName ?? o.label ?? o.definition ?? l10n.t('Output {0}', i + 1), output: o, streams: [] }));
  const rest = new Map<string, Group>();
  for (const s of streams) {
    const g = s.output === null ? undefined : out.find((x) => x.output && (x.output.label === s.output || x.output.fileName === s.output || x.output.definition === s.output));
    if (g) g.streams.push(s);
    else {
      const key = s.output ?? '';
      let r = rest.get(key);
      if (!r) {
        r = { title: s.output ?? l10n.t('Streams'), output: null, streams: [] };
        rest.set(key, r);
      }
      r.streams.push(s);
    }
  }
  return [...out, ...rest.values()];
}

function cell(v: Child, numeric = false, title?: string): HTMLElement {
  return h('td', { class: numeric ? 'num' : '', title }, v === null || v === undefined || v === '' ? h('span', { class: 'missing', text: '—', title: l10n.t('Not given') }) : v);
}

/** One column of a stream table: its heading, numeric or not, its cell, and whether it shows only when some row has a value. */
interface Column {
  head: string;
  numeric: boolean;
  cell: (s: MediaStream, i: number) => Child;
  title?: (s: MediaStream) => string | undefined;
  /** ffprobe's finer fields (pixel format, level, aspect ratios, …): shown when any stream of the table has one. */
  optional?: (s: MediaStream) => boolean;
}

const has = (v: unknown): boolean => v !== null && v !== undefined && v !== '';
const text = (v: string | null | undefined): Child => (has(v) ? v ?? null : null);
const mono = (v: string | null | undefined): Child => (has(v) ? h('span', { class: 'mono', text: v ?? '' }) : null);

/** `level` as ffprobe gives it for H.264/HEVC (`31`), with the level it means (`3.1`) where it reads as one. */
function levelText(level: number | null | undefined, codec: string | null): Child {
  if (level === null || level === undefined) return null;
  const c = (codec ?? '').toLowerCase();
  if ((c === 'h264' || c === 'avc') && Number.isInteger(level) && level >= 9 && level <= 62) return `${level} (${(level / 10).toFixed(1)})`;
  return num(level, 0);
}

function startText(v: number | null | undefined): Child {
  return v === null || v === undefined ? null : `${num(v, 6)} s`;
}

function columns(type: StreamType, definition: string | null): Column[] {
  const idx: Column = { head: '#', numeric: true, cell: (s, i) => (s.index !== null ? num(s.index, 0) : String(i)) };
  const codec: Column = {
    head: l10n.t('Codec'), numeric: false, cell: (s) => (s.codec ? h('span', { class: 'mono', text: s.codec, title: s.codecLongName ?? undefined }) : null),
    title: (s) => s.codecLongName ?? undefined,
  };
  const profile: Column = { head: l10n.t('Profile'), numeric: false, cell: (s) => text(s.profile) };
  const rate: Column = { head: l10n.t('Bitrate'), numeric: true, cell: (s) => (s.bitrateKbps !== null ? bitrate(s.bitrateKbps) : null) };
  const dur: Column = { head: l10n.t('Duration'), numeric: true, cell: (s) => (s.durationSeconds !== null ? duration(s.durationSeconds) : null) };
  const lang: Column = { head: l10n.t('Language'), numeric: false, cell: (s) => text(s.language) };
  const timeBase: Column = { head: l10n.t('Time base'), numeric: true, cell: (s) => mono(s.timeBase), optional: (s) => has(s.timeBase) };
  const start: Column = { head: l10n.t('Start'), numeric: true, cell: (s) => startText(s.startTime), optional: (s) => has(s.startTime) };
  if (type === 'video') {
    return [idx, codec, profile,
      { head: l10n.t('Level'), numeric: true, cell: (s) => levelText(s.level, s.codec), optional: (s) => has(s.level) },
      { head: l10n.t('Pixel format'), numeric: false, cell: (s) => mono(s.pixFmt), optional: (s) => has(s.pixFmt) },
      {
        head: l10n.t('Resolution'), numeric: true,
        cell: (s) => {
          if (s.width === null) return null;
          const mm = definitionMismatch(definition, s.width, s.height);
          return h('span', { class: mm ? 'flag-text' : '' }, mm ? icon('warning') : null, resolution(s.width, s.height));
        },
        title: (s) => {
          const mm = definitionMismatch(definition, s.width, s.height);
          return mm ? l10n.t('Definition {0} stands for {1}', definition ?? '', mm.expected) : undefined;
        },
      },
      { head: 'DAR', numeric: true, cell: (s) => mono(s.dar), optional: (s) => has(s.dar) },
      { head: 'SAR', numeric: true, cell: (s) => mono(s.sar), optional: (s) => has(s.sar) },
      { head: l10n.t('Frame rate'), numeric: true, cell: (s) => (s.fps !== null ? fps(s.fps) : null) },
      { head: l10n.t('B-frames'), numeric: true, cell: (s) => (s.hasBFrames !== null && s.hasBFrames !== undefined ? num(s.hasBFrames, 0) : null), optional: (s) => has(s.hasBFrames) },
      rate, timeBase, start, dur, lang];
  }
  if (type === 'audio') {
    return [idx, codec, profile,
      { head: l10n.t('Channels'), numeric: true, cell: (s) => (s.channels !== null ? num(s.channels, 0) : null) },
      { head: l10n.t('Layout'), numeric: false, cell: (s) => text(s.channelLayout) },
      { head: l10n.t('Sample format'), numeric: false, cell: (s) => mono(s.sampleFmt), optional: (s) => has(s.sampleFmt) },
      { head: l10n.t('Sample rate'), numeric: true, cell: (s) => (s.sampleRate !== null ? sampleRate(s.sampleRate) : null) },
      rate, timeBase, start, dur, lang];
  }
  return [idx, codec, lang, timeBase, start, dur];
}

function streamTable(type: StreamType, list: MediaStream[], definition: string | null): HTMLElement {
  const cols = columns(type, definition).filter((c) => c.optional === undefined || list.some(c.optional));
  const table = h('table', { class: `data-table streams-${type}`, aria: { label: l10n.t('{0} streams', TYPE_TITLE[type]) } },
    h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { class: c.numeric ? 'num' : '', attrs: { scope: 'col' }, text: c.head })))));
  const body = h('tbody');
  list.forEach((s, i) => {
    body.appendChild(h('tr', {}, ...cols.map((c) => cell(c.cell(s, i), c.numeric, c.title?.(s)))));
  });
  table.appendChild(body);
  return h('div', { class: 'stream-group' }, h('h4', {}, icon(TYPE_ICON[type]), h('span', { text: `${TYPE_TITLE[type]} (${list.length})` })), h('div', { class: 'table-wrap' }, table));
}

function groupCard(g: Group): HTMLElement {
  const o = g.output;
  const firstVideo = g.streams.find((s) => s.type === 'video');
  const w = o?.width ?? firstVideo?.width ?? null;
  const hgt = o?.height ?? firstVideo?.height ?? null;
  const mismatch = definitionMismatch(o?.definition ?? null, w, hgt);
  const head = h('div', { class: 'output-head' }, icon('file-media'), h('span', { class: 'output-name', text: g.title, title: g.title }),
    o?.definition ? chip(o.definition, { class: 'definition', title: l10n.t('Definition label (a template name, not a measurement)') }) : null,
    mismatch ? chip(l10n.t('Definition {0} but {1}', o?.definition ?? '', mismatch.actual), { icon: 'warning', class: 'flag definition-flag', title: l10n.t('{0} stands for {1}; the output is {2}', o?.definition ?? '', mismatch.expected, mismatch.actual) }) : null);
  const container = o ? facts([
    [l10n.t('Format'), o.format ?? null],
    [l10n.t('Size'), o.sizeBytes !== null ? bytes(o.sizeBytes) : null],
    [l10n.t('Overall bitrate'), o.bitrateKbps !== null ? bitrate(o.bitrateKbps) : null],
    [l10n.t('Duration'), o.durationSeconds !== null ? duration(o.durationSeconds) : null],
    [l10n.t('Resolution'), w !== null ? resolution(w, hgt) : null],
    [l10n.t('Frame rate'), o.fps !== null ? fps(o.fps) : null],
  ], `${g.title}: container`) : null;
  if (container) container.classList.add('inline-facts');
  const tables: HTMLElement[] = [];
  for (const type of ['video', 'audio', 'subtitle'] as const) {
    const list = g.streams.filter((s) => s.type === type);
    if (list.length > 0) tables.push(streamTable(type, list, o?.definition ?? null));
  }
  return h('article', { class: 'output-card streams-card', aria: { label: l10n.t('Streams of {0}', g.title) } }, head, container,
    ...(tables.length > 0 ? tables : [h('p', { class: 'muted', text: l10n.t('The cloud gives no stream details for this output.') })]));
}

export function renderStreams(ctx: Ctx): HTMLElement {
  const p = ctx.payload();
  const job = p.job;
  const root = h('div', { class: 'streams' });
  if (!job) {
    root.appendChild(emptyState('file-media', l10n.t('No streams yet'), [l10n.t('The job has not been fetched.')]));
    return root;
  }
  const gs = groups(job.outputs, job.streams);
  if (job.streams.length === 0) {
    const note = kindInfo(job.kind)?.inspector.noStreams;
    const hasOutput = job.status === 'succeeded' || job.status === 'partial';
    const why = note ? (!hasOutput && note.untilOutput !== undefined ? note.untilOutput : note.note) : l10n.t('The cloud reports no streams for this job.');
    root.appendChild(emptyState('file-media', l10n.t('No stream information'), [why]));
  }
  const withContent = gs.filter((g) => g.streams.length > 0 || (job.streams.length > 0 && g.output !== null));
  if (withContent.length > 0) root.append(...withContent.map(groupCard));
  if (p.extras.length > 0) {
    root.appendChild(section(CLOUD_LABEL[job.cloud] ? l10n.t('{0} fields', l10n.label(CLOUD_LABEL[job.cloud])) : l10n.t('Cloud fields'), p.extras.map((x) => h('div', { class: 'extra' },
      h('h4', { class: 'mono', text: x.title }),
      decodedValue(ctx, x.value, `extra-${x.title}`, x.title, 'empty'))), { icon: 'cloud', id: 'sec-extras' }));
  }
  return root;
}
