/**
 * A JobDiff as Markdown, for the Compare Jobs document (shown in VS Code's Markdown preview, which sanitizes and
 * runs no script): the two jobs side by side, differences marked (✎ changed, + only in the second, − only in the
 * first). Everything from job data is escaped. Runs of unchanged clips are folded into one row, and a track shows
 * at most MAX_CLIP_ROWS rows, so a 10,000-clip timeline stays a readable page.
 */
import { type ClipDiff, type ClipSide, type FieldDiff, type JobDiff, type Mark, type RowDiff, type TrackDiff } from './jobDiff.js';
import { escapeMarkdown } from './jobPresentation.js';
import { shortId } from './shortId.js';
import * as l10n from '../util/l10n.js';

export const MAX_CLIP_ROWS = 400;
/** Characters across a drawn lane. */
export const LANE_WIDTH = 72;

/** What a lane cell shows: a clip the same on both sides, changed, only on one side; empty time. */
const LANE_CHAR: Readonly<Record<Mark, string>> = { same: '█', changed: '▓', added: '+', removed: '−' };

/**
 * The two versions of a track drawn as lanes over one time axis, one character per 1/LANE_WIDTH of the longer
 * timeline: █ the same, ▓ changed, + only in the second, − only in the first, · empty. Clips without a known place
 * are not drawn (the table lists them). A later clip overdraws an earlier one in a shared cell.
 */
export function laneLines(t: TrackDiff, extent: number): [string, string] {
  const lane = (side: 'left' | 'right'): string => {
    const cells = Array<string>(LANE_WIDTH).fill('·');
    for (const d of t.clips) {
      const c = d[side];
      if (!c || c.start === null || c.end === null || extent <= 0) continue;
      const from = Math.max(0, Math.floor((c.start / extent) * LANE_WIDTH));
      const to = Math.min(LANE_WIDTH, Math.max(from + 1, Math.ceil((c.end / extent) * LANE_WIDTH)));
      for (let i = from; i < to; i++) cells[i] = LANE_CHAR[d.mark];
    }
    return cells.join('');
  };
  return [lane('left'), lane('right')];
}

function extentOf(tracks: readonly TrackDiff[]): number {
  let max = 0;
  for (const t of tracks) for (const d of t.clips) for (const c of [d.left, d.right]) if (c?.end !== null && c?.end !== undefined && c.end > max) max = c.end;
  return max;
}

export const MARK_SIGN: Readonly<Record<Mark, string>> = { same: '', changed: '✎', added: '+', removed: '−' };

const cell = (s: string): string => escapeMarkdown(s.length > 200 ? `${s.slice(0, 199)}…` : s);

function fieldsTable(fields: readonly FieldDiff[], a: string, b: string): string[] {
  return ['| | Field | ' + cell(a) + ' | ' + cell(b) + ' |', '|---|---|---|---|',
    ...fields.map((f) => `| ${f.changed ? '✎' : ''} | ${cell(f.field)} | ${cell(f.left)} | ${cell(f.right)} |`)];
}

function rowsTable(what: string, rows: readonly RowDiff[]): string[] {
  if (rows.length === 0) return [l10n.t('_No {0} on either side._', what)];
  const lines = [`| | ${what} | First | Second |`, '|---|---|---|---|'];
  for (const r of rows) {
    const shown = r.mark === 'same' ? [] : r.cells.filter((c) => c.changed);
    const left = r.mark === 'same' ? l10n.t('the same') : r.mark === 'added' ? '—' : shown.map((c) => `${c.field} ${c.left}`).join(' · ');
    const right = r.mark === 'same' ? l10n.t('the same') : r.mark === 'removed' ? '—' : shown.map((c) => `${c.field} ${c.right}`).join(' · ');
    lines.push(`| ${MARK_SIGN[r.mark]} | ${cell(r.key)} | ${cell(left)} | ${cell(right)} |`);
  }
  return lines;
}

const sideText = (s: ClipSide | null): string => (s === null ? '—' : `#${s.index + 1} ${s.name} · ${s.place}${s.source ? ` · ${s.source}` : ''}`);

function trackLines(t: TrackDiff): string[] {
  const c = t.counts;
  const head = `### ${MARK_SIGN[t.mark] ? `${MARK_SIGN[t.mark]} ` : ''}${cell(t.track)}`;
  const summary = l10n.t('{0} added, {1} removed, {2} changed, {3} the same{4}{5}', c.added, c.removed, c.changed, c.same, t.byPosition ? l10n.t(' (too long to align: compared by position)') : '', t.mark === 'added' ? l10n.t(' (only in the second)') : t.mark === 'removed' ? l10n.t(' (only in the first)') : '');
  const lines = [head, '', summary, ''];
  if (c.added + c.removed + c.changed === 0) return lines;
  lines.push(l10n.t('| | First | Second | What changed |'), '|---|---|---|---|');
  let rows = 0;
  let same = 0;
  const flushSame = (): void => {
    if (same > 0) lines.push(`| | _${same === 1 ? l10n.t('{0} clip the same', same) : l10n.t('{0} clips the same', same)}_ | | |`);
    same = 0;
  };
  for (const d of t.clips as ClipDiff[]) {
    if (d.mark === 'same') {
      same++;
      continue;
    }
    flushSame();
    if (++rows > MAX_CLIP_ROWS) {
      lines.push(`| | _${l10n.t('and {0} more differences', c.added + c.removed + c.changed - MAX_CLIP_ROWS)}_ | | |`);
      return lines;
    }
    lines.push(`| ${MARK_SIGN[d.mark]} | ${cell(sideText(d.left))} | ${cell(sideText(d.right))} | ${cell(d.changes.join('; '))} |`);
  }
  flushSame();
  return lines;
}

export function jobDiffMarkdown(d: JobDiff): string {
  const a = `${shortId(d.left.id)}`;
  const b = `${shortId(d.right.id)}`;
  const out: string[] = [
    l10n.t('# Compare {0} jobs: {1} and {2}', cell(d.kind), cell(a), cell(b)), '',
    `${l10n.t('First: **{0}** ({1})', cell(d.left.label), cell(d.left.id))}  `, l10n.t('Second: **{0}** ({1})', cell(d.right.label), cell(d.right.id)), '',
    d.changedCount === 0 ? l10n.t('_No differences._') : `_${d.changedCount === 1 ? l10n.t('{0} difference', d.changedCount) : l10n.t('{0} differences', d.changedCount)}${l10n.t(': ✎ changed, + only in the second, − only in the first.')}_`, '',
    l10n.t('## Status, times and error'), '', ...fieldsTable(d.fields, a, b), '',
    '## Outputs', '', ...rowsTable('Output', d.outputs), '',
    '## Streams', '', ...rowsTable('Stream', d.streams), '',
  ];
  if (d.timeline !== null) {
    out.push('## Timeline', '');
    const extent = extentOf(d.timeline);
    if (extent > 0) {
      // All tracks on one time axis, first and second version of each one above the other.
      const width = Math.max(...d.timeline.map((t) => t.track.length), 6);
      const lines = [`${'0 s'.padEnd(width + 4)}${''.padEnd(LANE_WIDTH - 1 - String(Math.round(extent * 10) / 10).length - 2)}${Math.round(extent * 10) / 10} s`];
      for (const t of d.timeline) {
        const [a, b] = laneLines(t, extent);
        lines.push(`${t.track.padEnd(width)} 1st ${a}`, `${''.padEnd(width)} 2nd ${b}`);
      }
      out.push('```text', ...lines, '```', '', '_█ the same · ▓ changed · + only in the second · − only in the first_', '');
    }
    for (const t of d.timeline) out.push(...trackLines(t), '');
  }
  out.push(l10n.t('## ClipsParam and the raw answers'), '',
    d.clipsParamSame === null ? l10n.t('Neither job has a ClipsParam.') : d.clipsParamSame ? l10n.t('The ClipsParam is the same.') : l10n.t('✎ The ClipsParam differs.'),
    l10n.t('The JSON of both jobs (decoded) is open side by side in a diff editor.'), '');
  return out.join('\n');
}
