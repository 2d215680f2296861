/**
 * Clips tab: every clip in a sortable table. Virtualized: the body holds only the rows in view (and a margin);
 * rows come a page at a time from the timeline source (the host, for big timelines). Below it, the selected
 * clip's details.
 */
import { type ClipBrief, type ClipSortKey, type TimelineSummary } from '../../present/timelineIndex.js';
import * as l10n from '../../util/l10n.js';
import { type Ctx } from '../context.js';
import { clear, h, icon } from '../dom.js';
import { baseName, num, oneLine, plural, timecode } from '../format.js';
import { then, type TimelineSource } from '../source.js';
import { clipDetails } from './clipDetails.js';
import { trackName } from './clipNames.js';

const ROW_H = 24;
const PAGE = 200;
const OVERSCAN = 12;

interface Column {
  sort: ClipSortKey;
  label: string;
  /** A fixed width (`76px`) or `minmax(<min>px, <n>fr)`: never a content-sized track, so every row has the same columns. */
  width: string;
  numeric?: boolean;
  cell(r: ClipBrief, rowNo: number, s: TimelineSummary): { text: string; title?: string; cls?: string };
}

const COLUMNS: Column[] = [
  { sort: 'order', label: '#', width: '76px', numeric: true, cell: (_r, n) => ({ text: String(n + 1) }) },
  { sort: 'track', label: l10n.t('Track'), width: '110px', cell: (r, _n, s) => ({ text: s.tracks[r.track] ? trackName(s.tracks[r.track]!) : String(r.track) }) },
  { sort: 'type', label: l10n.t('Type'), width: '90px', cell: (r) => ({ text: r.clipType ?? '—', cls: r.clipType ? '' : 'muted' }) },
  {
    sort: 'media', label: l10n.t('Media'), width: 'minmax(180px, 1fr)',
    cell: (r) => {
      if (r.mediaId !== null) return { text: r.mediaId, title: r.mediaUrl ?? r.mediaId, cls: 'mono' };
      if (r.mediaUrl !== null) return { text: baseName(r.mediaUrl) ?? r.mediaUrl, title: r.mediaUrl, cls: 'mono' };
      if (r.text !== null) return { text: oneLine(r.text, 120), title: r.text };
      return { text: r.noMedia ? l10n.t('no media') : '—', cls: r.noMedia ? 'flag-text' : 'muted' };
    },
  },
  {
    sort: 'caption', label: l10n.t('Caption'), width: 'minmax(110px, 0.8fr)',
    cell: (r) => (r.caption !== null ? { text: oneLine(r.caption, 120), title: r.caption, cls: 'caption-cell' } : { text: '—', cls: 'muted' }),
  },
  { sort: 'in', label: l10n.t('In'), width: '80px', numeric: true, cell: (r) => ({ text: r.in !== null ? num(r.in) : '—' }) },
  { sort: 'out', label: l10n.t('Out'), width: '80px', numeric: true, cell: (r) => ({ text: r.out !== null ? num(r.out) : '—' }) },
  { sort: 'timelineIn', label: l10n.t('Timeline In'), width: '104px', numeric: true, cell: (r) => ({ text: timecode(r.timelineIn), cls: r.derived ? 'derived-text' : '', title: r.derived ? l10n.t('Derived (not given in the Timeline)') : undefined }) },
  { sort: 'timelineOut', label: l10n.t('Timeline Out'), width: '104px', numeric: true, cell: (r) => ({ text: timecode(r.timelineOut), cls: r.derived ? 'derived-text' : '' }) },
  { sort: 'length', label: l10n.t('Length'), width: '80px', numeric: true, cell: (r) => ({ text: r.timelineIn !== null && r.timelineOut !== null ? `${num(r.timelineOut - r.timelineIn)} s` : '—' }) },
  { sort: 'speed', label: l10n.t('Speed'), width: '64px', numeric: true, cell: (r) => ({ text: r.speed !== null ? `${num(r.speed)}×` : '—' }) },
  { sort: 'effects', label: l10n.t('Effects'), width: 'minmax(90px, 0.5fr)', cell: (r) => ({ text: r.effectCount === 0 ? '—' : r.effects.join(', ') + (r.effectCount > r.effects.length ? ` +${r.effectCount - r.effects.length}` : ''), cls: r.effectCount === 0 ? 'muted' : '' }) },
];

/**
 * The narrowest the table gets: the sum of the columns' fixed and minimum widths. Every row (and the header) is at
 * least this wide and never wider than the scroller or this, so columns line up across rows and the scroller's
 * horizontal scrollbar reaches the last column when the panel is narrower.
 */
export function columnsMinWidth(columns: readonly { width: string }[] = COLUMNS): number {
  return columns.reduce((sum, c) => sum + Number(/^(?:minmax\()?(\d+(?:\.\d+)?)px/.exec(c.width)?.[1] ?? 0), 0);
}

export class ClipsTable {
  readonly el: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly header: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly detailsBox: HTMLElement;
  private pages = new Map<number, ClipBrief[]>();
  private requested = new Set<number>();
  private total: number;
  private raf = 0;
  private rev = 0;
  private selectedRow: number | null = null;

  constructor(private readonly ctx: Ctx, private source: TimelineSource) {
    this.total = source.summary.clipCount;
    this.header = h('div', { class: 'grid-row grid-head', role: 'row', aria: { rowindex: 1 } });
    this.sizer = h('div', { class: 'grid-sizer', role: 'rowgroup' });
    this.scroller = h('div', {
      class: 'grid-scroller', tabIndex: 0, role: 'grid',
      aria: { label: l10n.t('Clips: {0}. Up and down arrows select, Enter shows the clip on the timeline.', plural(this.total, 'clip')), rowcount: this.total + 1, colcount: COLUMNS.length },
      on: {
        scroll: () => {
          this.ctx.state.table.scrollTop = this.scroller.scrollTop;
          this.ctx.saveState();
          this.schedule();
        },
        keydown: (e) => this.onKey(e),
        click: (e) => this.onClick(e),
        dblclick: (e) => {
          const row = (e.target as HTMLElement).closest('.grid-row[data-track]') as HTMLElement | null;
          if (row) this.reveal(Number(row.dataset.track), Number(row.dataset.index));
        },
      },
    }, h('div', { class: 'grid-head-wrap', role: 'rowgroup' }, this.header), this.sizer);
    this.scroller.style.setProperty('--cols', COLUMNS.map((c) => c.width).join(' '));
    this.scroller.style.setProperty('--cols-min', `${columnsMinWidth()}px`);
    this.detailsBox = h('div', { class: 'table-details', id: 'table-clip-details' });
    this.el = h('div', { class: 'clips-tab' }, this.scroller, this.detailsBox);
    this.renderHeader();
  }

  attached(): void {
    this.sizer.style.height = `${this.total * ROW_H}px`;
    this.scroller.scrollTop = this.ctx.state.table.scrollTop;
    this.render();
    this.showSelection();
  }

  update(source: TimelineSource): void {
    this.source = source;
    this.total = source.summary.clipCount;
    this.rev++;
    this.pages.clear();
    this.requested.clear();
    this.sizer.style.height = `${this.total * ROW_H}px`;
    this.scroller.setAttribute('aria-rowcount', String(this.total + 1));
    this.render();
    this.showSelection();
  }

  destroy(): void {
    if (this.raf) cancelAnimationFrame(this.raf);
  }

  private renderHeader(): void {
    clear(this.header);
    const t = this.ctx.state.table;
    for (const col of COLUMNS) {
      const active = t.sort === col.sort && !(col.sort === 'order' && t.dir === 'asc' && col.label !== '#');
      const sortState = t.sort === col.sort ? (t.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      const b = h('button', {
        class: `sort-button${col.numeric ? ' num' : ''}${active ? ' active' : ''}`, attrs: { type: 'button' },
        title: l10n.t('Sort by {0}', col.label),
        on: { click: () => this.sortBy(col.sort) },
      }, h('span', { text: col.label }), t.sort === col.sort ? icon(t.dir === 'asc' ? 'triangle-up' : 'triangle-down', 'sort-icon') : null);
      this.header.appendChild(h('div', { class: 'grid-cell head', role: 'columnheader', aria: { sort: sortState } }, b));
    }
  }

  private sortBy(key: ClipSortKey): void {
    const t = this.ctx.state.table;
    if (t.sort === key) t.dir = t.dir === 'asc' ? 'desc' : 'asc';
    else {
      t.sort = key;
      t.dir = 'asc';
    }
    t.scrollTop = 0;
    this.ctx.saveState();
    this.pages.clear();
    this.requested.clear();
    this.selectedRow = null;
    this.rev++;
    this.renderHeader();
    this.scroller.scrollTop = 0;
    this.render();
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.render();
    });
  }

  private render(): void {
    const headH = this.header.offsetHeight || ROW_H;
    const viewH = (this.scroller.clientHeight || 600) - headH;
    const top = Math.max(0, this.scroller.scrollTop);
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(this.total, Math.ceil((top + viewH) / ROW_H) + OVERSCAN);
    for (let p = Math.floor(first / PAGE); p <= Math.floor(Math.max(first, last - 1) / PAGE); p++) this.ensurePage(p);
    clear(this.sizer);
    const frag = document.createDocumentFragment();
    const sel = this.ctx.state.selected;
    for (let n = first; n < last; n++) {
      const r = this.pages.get(Math.floor(n / PAGE))?.[n % PAGE];
      const row = h('div', { class: 'grid-row', role: 'row', aria: { rowindex: n + 2 } });
      row.style.top = `${n * ROW_H}px`;
      if (!r) {
        row.classList.add('loading');
        row.appendChild(h('div', { class: 'grid-cell muted', role: 'gridcell', text: '…' }));
      } else {
        row.dataset.track = String(r.track);
        row.dataset.index = String(r.index);
        row.dataset.row = String(n);
        const isSel = sel !== null && sel.track === r.track && sel.index === r.index;
        if (isSel) {
          row.classList.add('selected');
          row.setAttribute('aria-selected', 'true');
          row.id = 'clip-row-selected';
          this.selectedRow = n;
        }
        if (r.noMedia) row.classList.add('nomedia');
        for (const col of COLUMNS) {
          const c = col.cell(r, n, this.source.summary);
          row.appendChild(h('div', { class: `grid-cell${col.numeric ? ' num' : ''}${c.cls ? ` ${c.cls}` : ''}`, role: 'gridcell', text: c.text, title: c.title }));
        }
      }
      frag.appendChild(row);
    }
    this.sizer.appendChild(frag);
    if (this.selectedRow !== null && this.selectedRow >= first && this.selectedRow < last) this.scroller.setAttribute('aria-activedescendant', 'clip-row-selected');
    else this.scroller.removeAttribute('aria-activedescendant');
  }

  private ensurePage(p: number): void {
    if (this.pages.has(p) || this.requested.has(p)) return;
    this.requested.add(p);
    const rev = this.rev;
    const t = this.ctx.state.table;
    then(this.source.rows(t.sort, t.dir, p * PAGE, PAGE), (r) => {
      if (rev !== this.rev) return;
      this.pages.set(p, r.rows);
      this.schedule();
    });
  }

  private rowAt(n: number): ClipBrief | undefined {
    return this.pages.get(Math.floor(n / PAGE))?.[n % PAGE];
  }

  private onClick(e: MouseEvent): void {
    const row = (e.target as HTMLElement).closest('.grid-row[data-track]') as HTMLElement | null;
    if (!row) return;
    this.selectedRow = Number(row.dataset.row);
    this.ctx.select({ track: Number(row.dataset.track), index: Number(row.dataset.index) });
  }

  private onKey(e: KeyboardEvent): void {
    let target: number | null = null;
    const firstVisible = Math.floor(this.scroller.scrollTop / ROW_H);
    const cur = this.selectedRow;
    const pageRows = Math.max(1, Math.floor((this.scroller.clientHeight - ROW_H) / ROW_H) - 1);
    switch (e.key) {
      case 'ArrowDown':
        target = cur === null ? firstVisible : cur + 1;
        break;
      case 'ArrowUp':
        target = cur === null ? firstVisible : cur - 1;
        break;
      case 'PageDown':
        target = (cur ?? firstVisible) + pageRows;
        break;
      case 'PageUp':
        target = (cur ?? firstVisible) - pageRows;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = this.total - 1;
        break;
      case 'Enter': {
        const sel = this.ctx.state.selected;
        if (sel) this.reveal(sel.track, sel.index);
        e.preventDefault();
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    target = Math.max(0, Math.min(this.total - 1, target));
    this.selectedRow = target;
    // Scroll the row into view, then select it once its page is there.
    const headH = this.header.offsetHeight || ROW_H;
    const y = target * ROW_H;
    if (y < this.scroller.scrollTop) this.scroller.scrollTop = y;
    else if (y + ROW_H > this.scroller.scrollTop + this.scroller.clientHeight - headH) this.scroller.scrollTop = y + ROW_H - this.scroller.clientHeight + headH;
    const pick = (): void => {
      const r = this.rowAt(target as number);
      if (r) this.ctx.select({ track: r.track, index: r.index });
    };
    const p = Math.floor(target / PAGE);
    if (this.pages.has(p)) pick();
    else {
      this.ensurePage(p);
      const rev = this.rev;
      const wait = (): void => {
        if (rev !== this.rev) return;
        if (this.pages.has(p)) pick();
        else requestAnimationFrame(wait);
      };
      requestAnimationFrame(wait);
    }
  }

  private reveal(track: number, index: number): void {
    this.ctx.showTab('timeline');
    this.ctx.select({ track, index }, { reveal: true });
  }

  showSelection(): void {
    this.render();
    const sel = this.ctx.state.selected;
    clear(this.detailsBox);
    if (sel === null) {
      this.detailsBox.appendChild(h('p', { class: 'muted details-hint' }, icon('info'), ` ${l10n.t('Select a row to see the clip\'s full JSON; double-click or Enter shows it on the timeline.')}`));
      return;
    }
    const rev = this.rev;
    then(this.source.clip(sel.track, { index: sel.index }), (found) => {
      if (rev !== this.rev) return;
      clear(this.detailsBox);
      if (found) this.detailsBox.appendChild(clipDetails(this.ctx, found, this.source.summary.tracks[found.track]));
    });
  }
}
