/**
 * Timeline tab: one lane per track in stacking order, a ruler, zoom and pan (mouse and keyboard), clips placed
 * by TimelineIn/Out and labelled with their media and source In/Out, gaps, and the selected clip's JSON.
 *
 * The DOM stays bounded whatever the timeline's size: only lanes scrolled into view exist, each lane holds only
 * the items of the visible window (plus half a screen on either side), and clips too narrow to tell apart at
 * the current zoom arrive merged ("37 clips") from the index, which caps items per lane.
 */
import { type TrackType } from '../../model/job.js';
import * as l10n from '../../util/l10n.js';
import { type LaneItem, type LaneWindow, type TimelineSummary } from '../../present/timelineIndex.js';
import { type ClipLocator } from '../../protocol/webview.js';
import { type ClipKey, type Ctx } from '../context.js';
import { append, button, clear, h, icon, place } from '../dom.js';
import { duration, num, oneLine, plural, timecode } from '../format.js';
import { type LocatedClip, then, type TimelineSource } from '../source.js';
import { clipDetails } from './clipDetails.js';
import { clipName, trackName } from './clipNames.js';
import { chip } from './widgets.js';

const LANE_H = 40;
const MAX_VISIBLE_LANES = 12;
const MAX_PPS = 4_000;
/** Items drawn across all visible lanes, at most (the index merges to stay under it). */
const ITEM_BUDGET = 1_800;
const TICK_STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];

export const TRACK_ICON: Readonly<Record<TrackType, string>> = { video: 'device-camera-video', image: 'file-media', audio: 'unmute', subtitle: 'comment', effect: 'sparkle' };

interface LaneDom {
  row: HTMLElement;
  head: HTMLElement;
  view: HTMLElement;
  inner: HTMLElement;
  /** What the inner holds: the window it was filled from. */
  filled: { from: number; pps: number; rev: number } | null;
}

interface WindowCache {
  from: number;
  to: number;
  pps: number;
  lanes: Map<number, LaneWindow>;
  rev: number;
}

export class TimelineTab {
  readonly el: HTMLElement;
  private summaryEl!: HTMLElement;
  private zoomText!: HTMLElement;
  private rangeText!: HTMLElement;
  private frame!: HTMLElement;
  private ruler!: HTMLElement;
  private rulerRow!: HTMLElement;
  private lanesBox!: HTMLElement;
  private sizer!: HTMLElement;
  private track!: HTMLElement;
  private thumb!: HTMLElement;
  private detailsBox!: HTMLElement;
  private lanes = new Map<number, LaneDom>();
  private cache: WindowCache | null = null;
  private pending: { from: number; to: number; pps: number; lanes: string } | null = null;
  private token = 0;
  private rev = 0;
  private width = 0;
  private raf = 0;
  private resize: ResizeObserver | null = null;
  private selected: LocatedClip | null = null;
  private summary: TimelineSummary;
  /**
   * Display order of the lanes, as in an editor: the picture's layers top-down (subtitles over effects over the
   * upper video layers over VideoTracks[0]), then the audio tracks in order. `order[position]` is a track number.
   */
  private order: number[] = [];
  private positionOf = new Map<number, number>();
  /** True until the lanes of this revision are on screen (the app reports the paint then). */
  waitingForLanes = true;

  constructor(private readonly ctx: Ctx, private source: TimelineSource) {
    this.summary = source.summary;
    this.computeOrder();
    this.el = h('div', { class: 'timeline-tab' });
    this.build();
  }

  private build(): void {
    const ctx = this.ctx;
    this.summaryEl = h('div', { class: 'tl-summary', id: 'timeline-summary', role: 'status', aria: { live: 'off' } });
    this.zoomText = h('span', { class: 'zoom-text mono', aria: { live: 'polite' } });
    this.rangeText = h('span', { class: 'range-text mono' });
    const toolbar = h('div', { class: 'tl-toolbar', role: 'toolbar', aria: { label: l10n.t('Timeline zoom') } },
      button({ icon: 'zoom-out', title: l10n.t('Zoom out (−)'), onClick: () => this.zoomBy(1 / 1.6) }),
      button({ icon: 'zoom-in', title: l10n.t('Zoom in (+)'), onClick: () => this.zoomBy(1.6) }),
      button({ icon: 'screen-normal', title: l10n.t('Fit the whole timeline (0)'), onClick: () => this.fit() }),
      this.zoomText, h('span', { class: 'sep' }), this.rangeText,
      h('span', { class: 'tl-help muted', text: l10n.t('Ctrl+wheel zoom · drag or Shift+wheel pan · ←/→ clips · ↑/↓ lanes') }));

    this.ruler = h('div', { class: 'tl-ruler', aria: { hidden: true } });
    this.rulerRow = h('div', { class: 'tl-ruler-row' }, h('div', { class: 'tl-corner', text: l10n.t('Tracks') }), this.ruler);
    this.sizer = h('div', { class: 'tl-sizer' });
    this.lanesBox = h('div', {
      class: 'tl-lanes', tabIndex: 0, role: 'group',
      aria: { label: l10n.t('Timeline lanes. Left and right arrows move between clips, up and down between lanes, plus and minus zoom, 0 fits, Shift with arrows pans.'), roledescription: 'timeline' },
      on: {
        keydown: (e) => this.onKey(e),
        scroll: () => {
          ctx.state.view.laneScroll = this.lanesBox.scrollTop;
          ctx.saveState();
          this.schedule();
        },
        wheel: (e) => this.onWheel(e),
        pointerdown: (e) => this.onPointerDown(e),
      },
    }, this.sizer);
    this.thumb = h('div', { class: 'tl-thumb' });
    this.track = h('div', { class: 'tl-track', aria: { hidden: true }, on: { pointerdown: (e) => this.onTrackPointer(e) } }, this.thumb);
    const scrollRow = h('div', { class: 'tl-scroll-row' }, h('div', { class: 'tl-corner' }), this.track);
    this.frame = h('div', { class: 'tl-frame' }, this.rulerRow, this.lanesBox, scrollRow);
    this.detailsBox = h('div', { class: 'tl-details', id: 'clip-details' });
    this.el.append(this.summaryEl, toolbar, this.frame, this.detailsBox);
  }

  /** Called once the element is in the document. */
  attached(): void {
    this.resize = new ResizeObserver(() => this.measureAndRender());
    this.resize.observe(this.frame);
    this.renderSummary();
    this.sizer.style.height = `${this.summary.tracks.length * LANE_H}px`;
    this.lanesBox.style.height = `${Math.min(this.summary.tracks.length, MAX_VISIBLE_LANES) * LANE_H}px`;
    this.lanesBox.scrollTop = this.ctx.state.view.laneScroll;
    this.measureAndRender();
    this.showSelection();
  }

  private computeOrder(): void {
    const tracks = this.summary.tracks;
    const visual = tracks.map((_, i) => i).filter((i) => tracks[i]?.type !== 'audio').reverse();
    const audio = tracks.map((_, i) => i).filter((i) => tracks[i]?.type === 'audio');
    this.order = [...visual, ...audio];
    this.positionOf = new Map(this.order.map((track, pos) => [track, pos]));
  }

  /** A new revision of the job: same view, fresh data. */
  update(source: TimelineSource): void {
    this.source = source;
    this.summary = source.summary;
    this.computeOrder();
    this.rev++;
    this.cache = null;
    this.pending = null;
    this.waitingForLanes = true;
    for (const lane of this.lanes.values()) lane.filled = null;
    // Lanes may have come, gone or moved.
    for (const [i, lane] of this.lanes) {
      const pos = this.positionOf.get(i);
      if (pos === undefined) {
        lane.row.remove();
        this.lanes.delete(i);
      } else {
        lane.row.style.top = `${pos * LANE_H}px`;
        this.fillHead(lane, i);
      }
    }
    this.sizer.style.height = `${this.summary.tracks.length * LANE_H}px`;
    this.lanesBox.style.height = `${Math.min(this.summary.tracks.length, MAX_VISIBLE_LANES) * LANE_H}px`;
    this.renderSummary();
    this.render();
    this.showSelection();
  }

  destroy(): void {
    this.resize?.disconnect();
    if (this.raf) cancelAnimationFrame(this.raf);
  }

  private renderSummary(): void {
    const s = this.summary;
    clear(this.summaryEl);
    const dur = s.durationSeconds;
    append(this.summaryEl,
      chip(plural(s.tracks.length, 'track'), { icon: 'list-flat' }),
      chip(plural(s.clipCount, 'clip'), { icon: 'symbol-array' }),
      dur !== null && s.durationIsLowerBound
        ? chip(`≥ ${timecode(dur)} (at least ${duration(dur)})`, { icon: 'clock', class: 'lower-bound', title: l10n.t('At least this long: clips of unknown length (no Out, a text-to-speech clip, a clip tied to one) leave the end open, and the job reports no Duration yet') })
        : chip(dur !== null ? `${timecode(dur)} (${duration(dur)})` : 'duration unknown', { icon: 'clock', title: dur !== null ? l10n.t('Output duration: the job\'s own Duration, or what the Timeline determines (the main track, or the latest clip end)') : l10n.t('No clip has a known end, and the job reports no Duration') }),
      chip(s.clipsWithoutMedia === 0 ? l10n.t('every clip has media') : l10n.t('{0} without media', plural(s.clipsWithoutMedia, 'clip')), { icon: s.clipsWithoutMedia === 0 ? 'pass' : 'warning', class: s.clipsWithoutMedia === 0 ? 'ok' : 'flag', title: l10n.t('Video, image and audio clips that name neither a media id nor a URL') }),
      chip(s.gapCount === 0 ? l10n.t('no gaps') : `${plural(s.gapCount, 'gap')} (${duration(s.gapSeconds)})`, { icon: s.gapCount === 0 ? 'pass' : 'debug-pause', class: s.gapCount === 0 ? 'ok' : 'flag', title: l10n.t('Empty stretches between clips on video, image and audio tracks') }),
      s.unplacedClips > 0 ? chip(l10n.t('{0} without a position', plural(s.unplacedClips, 'clip')), { icon: 'question', class: 'flag', title: l10n.t('Clips whose place on the output could not be derived; they are listed in the Clips tab') }) : null,
    );
    this.summaryEl.setAttribute('aria-label', l10n.t('Timeline summary: {0}', this.summaryEl.textContent ?? ''));
  }

  // ---- geometry ---------------------------------------------------------------------------------------------

  private measureAndRender(): void {
    const sbw = this.lanesBox.offsetWidth - this.lanesBox.clientWidth;
    this.rulerRow.style.paddingRight = `${Math.max(0, sbw)}px`;
    const w = this.ruler.clientWidth;
    if (w > 0) this.width = w;
    this.render();
  }

  private fitPps(): number {
    return (this.width || 800) / this.summary.extent;
  }

  private pps(): number {
    const fit = this.fitPps();
    const p = this.ctx.state.view.pps;
    return p === null ? fit : Math.min(MAX_PPS, Math.max(fit, p));
  }

  private span(): number {
    return (this.width || 800) / this.pps();
  }

  private start(): number {
    const max = Math.max(0, this.summary.extent - this.span());
    return Math.min(max, Math.max(0, this.ctx.state.view.start));
  }

  private setView(start: number, pps: number | null): void {
    const fit = this.fitPps();
    const v = this.ctx.state.view;
    v.pps = pps === null || pps <= fit * 1.0001 ? null : Math.min(MAX_PPS, pps);
    v.start = start;
    v.start = this.start();
    this.ctx.saveState();
    this.schedule();
  }

  private zoomBy(factor: number, atTime?: number): void {
    const pps = this.pps();
    const span = this.span();
    const start = this.start();
    const anchor = atTime ?? (this.selectedTime() ?? start + span / 2);
    const newPps = Math.min(MAX_PPS, Math.max(this.fitPps(), pps * factor));
    // Keep the anchor where it is on screen.
    const x = (anchor - start) * pps;
    const clampedX = x >= 0 && x <= this.width ? x : this.width / 2;
    this.setView(anchor - clampedX / newPps, newPps);
  }

  private fit(): void {
    this.setView(0, null);
  }

  private selectedTime(): number | null {
    const c = this.selected?.clip;
    if (!c || c.timelineIn === null) return null;
    const t = (c.timelineIn + (c.timelineOut ?? c.timelineIn)) / 2;
    const start = this.start();
    return t >= start && t <= start + this.span() ? t : null;
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.render();
    });
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  private visibleLanes(): number[] {
    // From what is known (the box's height is set here, its scroll position kept from scroll events): reading
    // the layout would force a second layout pass on every render.
    const n = this.summary.tracks.length;
    const h0 = Math.min(n, MAX_VISIBLE_LANES) * LANE_H;
    const top = Math.max(0, Math.min(this.ctx.state.view.laneScroll, n * LANE_H - h0));
    const first = Math.max(0, Math.floor(top / LANE_H));
    const last = Math.min(n, Math.ceil((top + h0) / LANE_H));
    const out: number[] = [];
    for (let pos = first; pos < last; pos++) out.push(this.order[pos] as number);
    return out;
  }

  render(): void {
    if (this.summary.tracks.length === 0) return;
    const pps = this.pps();
    const span = this.span();
    const start = this.start();
    this.zoomText.textContent = this.ctx.state.view.pps === null ? l10n.t('Fit') : `${num(pps, pps < 10 ? 2 : 0)} px/s`;
    this.rangeText.textContent = l10n.t('{0} – {1} of {2}', timecode(start, 2), timecode(Math.min(this.summary.extent, start + span), 2), timecode(this.summary.extent, 2));
    this.renderRuler(start, pps, span);
    this.renderThumb(start, span);

    const visible = this.visibleLanes();
    // Rows: keep the visible ones (and the focused lane), drop the rest.
    const keep = new Set(visible);
    for (const [i, lane] of this.lanes) {
      if (!keep.has(i)) {
        lane.row.remove();
        this.lanes.delete(i);
      }
    }
    for (const i of visible) if (!this.lanes.has(i)) this.lanes.set(i, this.makeLane(i));

    const end = start + span;
    const c = this.cache;
    const covered = c !== null && c.rev === this.rev && Math.abs(c.pps - pps) < 1e-9 && c.from <= start + 1e-9 && c.to >= Math.min(end, this.summary.extent) - 1e-9 && visible.every((i) => c.lanes.has(i));
    if (covered) {
      this.paintLanes(c, start, pps);
      return;
    }
    const from = Math.max(0, start - span * 0.5);
    const to = Math.min(this.summary.extent, end + span * 0.5);
    const lanesKey = visible.join(',');
    const p = this.pending;
    if (p !== null && Math.abs(p.pps - pps) < 1e-9 && p.from <= start && p.to >= Math.min(end, this.summary.extent) && p.lanes === lanesKey) {
      if (c) this.paintLanes(c, start, pps);
      return;
    }
    const token = ++this.token;
    const rev = this.rev;
    this.pending = { from, to, pps, lanes: lanesKey };
    const maxItemsPerLane = Math.max(30, Math.min(400, Math.floor(ITEM_BUDGET / Math.max(1, visible.length))));
    then(this.source.window({ from, to, pxPerSecond: pps, tracks: visible, maxItemsPerLane }), (lanes) => {
      if (token !== this.token || rev !== this.rev) return;
      this.pending = null;
      const map = new Map<number, LaneWindow>();
      for (const l of lanes) map.set(l.track, l);
      this.cache = { from, to, pps, lanes: map, rev };
      for (const lane of this.lanes.values()) lane.filled = null;
      this.paintLanes(this.cache, this.start(), this.pps());
      if (this.waitingForLanes) {
        this.waitingForLanes = false;
        this.ctx.reportRendered();
      }
    });
    if (c) this.paintLanes(c, start, pps);
  }

  private makeLane(i: number): LaneDom {
    const head = h('div', { class: 'lane-head' });
    const inner = h('div', { class: 'lane-inner', role: 'list' });
    const view = h('div', { class: 'lane-view' }, inner);
    const row = h('div', { class: 'lane', data: { track: i } }, head, view);
    row.style.top = `${(this.positionOf.get(i) ?? i) * LANE_H}px`;
    const lane: LaneDom = { row, head, view, inner, filled: null };
    this.fillHead(lane, i);
    this.sizer.appendChild(row);
    return lane;
  }

  private fillHead(lane: LaneDom, i: number): void {
    const t = this.summary.tracks[i];
    if (!t) return;
    clear(lane.head);
    const pos = this.positionOf.get(i) ?? 0;
    const firstAudio = t.type === 'audio' && pos > 0 && this.summary.tracks[this.order[pos - 1] as number]?.type !== 'audio';
    lane.row.className = `lane type-${t.type}${this.ctx.state.view.lane === i ? ' focused' : ''}${firstAudio ? ' first-audio' : ''}`;
    const range = t.start !== null && t.end !== null ? `${timecode(t.start, 2)}–${timecode(t.end, 2)}` : l10n.t('no placed clips');
    const label = `${trackName(t)}${t.main ? `, ${l10n.t('main track')}` : ''}: ${plural(t.clipCount, 'clip')}, ${range}${t.gapCount ? `, ${plural(t.gapCount, 'gap')}` : ''}${t.withoutMedia ? `, ${l10n.t('{0} without media', t.withoutMedia)}` : ''}`;
    lane.inner.setAttribute('aria-label', label);
    lane.head.title = label;
    append(lane.head,
      icon(TRACK_ICON[t.type] ?? 'symbol-misc', 'lane-icon'),
      h('span', { class: 'lane-name', text: trackName(t) }),
      t.main ? h('span', { class: 'badge main', text: l10n.t('main') }) : null,
      h('span', { class: 'lane-count', text: num(t.clipCount, 0) }),
      t.withoutMedia > 0 ? icon('warning', 'lane-warn') : null,
    );
  }

  private paintLanes(c: WindowCache, start: number, pps: number): void {
    for (const [i, lane] of this.lanes) {
      const w = c.lanes.get(i);
      if (!w) continue;
      if (lane.filled === null || lane.filled.from !== c.from || lane.filled.pps !== c.pps || lane.filled.rev !== c.rev) {
        this.fillLane(lane, w, c);
        lane.filled = { from: c.from, pps: c.pps, rev: c.rev };
      }
      lane.inner.style.transform = `translateX(${(c.from - start) * pps}px)`;
    }
  }

  private fillLane(lane: LaneDom, w: LaneWindow, c: WindowCache): void {
    clear(lane.inner);
    const t = this.summary.tracks[w.track];
    const sel = this.ctx.state.selected;
    const maxW = (c.to - c.from) * c.pps + 200;
    const frag = document.createDocumentFragment();
    for (const item of w.items) {
      let left = (item.t0 - c.from) * c.pps;
      let width = (item.t1 - item.t0) * c.pps;
      if (left < -100) {
        width += left + 100;
        left = -100;
      }
      width = Math.min(width, maxW);
      const el = this.itemEl(item, t?.type ?? 'video', left, width, sel);
      if (w.rows > 1 && item.k !== 'gap') {
        const rowH = (LANE_H - 8) / w.rows;
        el.style.top = `${4 + item.row * rowH}px`;
        el.style.bottom = 'auto';
        el.style.height = `${rowH - 1}px`;
        el.classList.add('stacked');
      }
      frag.appendChild(el);
    }
    lane.inner.appendChild(frag);
  }

  private itemEl(item: LaneItem, type: TrackType, left: number, width: number, sel: ClipKey | null): HTMLElement {
    switch (item.k) {
      case 'clip': {
        const c = item.clip;
        const w = Math.max(item.openEnd ? 24 : 3, width);
        const name = clipName(c);
        const src = c.in !== null || c.out !== null ? `${c.in !== null ? num(c.in) : '0'}–${c.out !== null ? num(c.out) : '…'} s` : null;
        const desc = `${name}${c.caption !== null ? `, ${l10n.t('caption “{0}”', oneLine(c.caption, 80))}` : ''}${src ? `, ${l10n.t('source {0}', src)}` : ''}, ${l10n.t('on output {0}–{1}', timecode(item.t0, 2), item.openEnd ? l10n.t('end unknown') : timecode(item.t1, 2))}${c.noMedia ? `, ${l10n.t('no media')}` : ''}${c.derived ? `, ${l10n.t('position derived')}` : ''}`;
        const isSel = sel !== null && sel.track === c.track && sel.index === c.index;
        const el = h('div', {
          class: `item clip type-${type}${c.noMedia ? ' nomedia' : ''}${c.derived ? ' derived' : ''}${item.openEnd ? ' open-end' : ''}${isSel ? ' selected' : ''}${w < 28 ? ' narrow' : ''}`,
          role: 'listitem', title: desc, aria: { label: desc, current: isSel ? 'true' : undefined },
          data: { track: c.track, index: c.index },
        });
        if (w >= 28) {
          el.appendChild(h('span', { class: 'item-label', text: oneLine(name, 80) }));
          // A caption (a Text effect) is what people recognise the clip by; the source range otherwise.
          if (c.caption !== null && w >= 60) el.appendChild(h('span', { class: 'item-sub item-caption', text: oneLine(c.caption, 80) }));
          else if (src && w >= 60) el.appendChild(h('span', { class: 'item-sub', text: src }));
        }
        place(el, left, w);
        return el;
      }
      case 'many': {
        const w = Math.max(2, width);
        const desc = `${l10n.t('{0} between {1} and {2}', plural(item.count, 'clip'), timecode(item.t0, 2), timecode(item.t1, 2))}${item.noMedia ? `, ${l10n.t('{0} without media', item.noMedia)}` : ''}; ${l10n.t('click to zoom in')}`;
        const el = h('div', { class: `item many type-${type}${item.noMedia ? ' nomedia' : ''}`, role: 'listitem', title: desc, aria: { label: desc }, data: { t0: item.t0, t1: item.t1 } });
        if (w >= 48) el.appendChild(h('span', { class: 'item-label', text: plural(item.count, 'clip') }));
        place(el, left, w);
        return el;
      }
      case 'gap': {
        const w = Math.max(2, width);
        const desc = l10n.t('Gap of {0} ({1}–{2})', duration(item.t1 - item.t0), timecode(item.t0, 2), timecode(item.t1, 2));
        const el = h('div', { class: 'item gap', role: 'listitem', title: desc, aria: { label: desc } });
        if (w >= 36) el.appendChild(h('span', { class: 'item-label', text: 'gap' }));
        place(el, left, w);
        return el;
      }
    }
  }

  private renderRuler(start: number, pps: number, span: number): void {
    clear(this.ruler);
    const step = TICK_STEPS.find((s) => s * pps >= 90) ?? TICK_STEPS[TICK_STEPS.length - 1] as number;
    const decimals = step < 0.01 ? 3 : step < 0.1 ? 2 : step < 1 ? 1 : 0;
    const first = Math.floor(start / step) * step;
    const frag = document.createDocumentFragment();
    for (let t = first; t <= start + span + step; t += step) {
      const x = (t - start) * pps;
      if (x < -60 || x > this.width + 60) continue;
      const tick = h('div', { class: 'tick' }, x < this.width - 44 ? h('span', { class: 'tick-label', text: timecode(t, decimals) }) : null);
      tick.style.left = `${x}px`;
      frag.appendChild(tick);
      for (let m = 1; m < 5; m++) {
        const mx = x + (m * step * pps) / 5;
        if (mx < 0 || mx > this.width) continue;
        const minor = h('div', { class: 'tick minor' });
        minor.style.left = `${mx}px`;
        frag.appendChild(minor);
      }
    }
    this.ruler.appendChild(frag);
  }

  private renderThumb(start: number, span: number): void {
    const extent = this.summary.extent;
    const frac = Math.min(1, span / extent);
    this.thumb.style.left = `${(start / extent) * 100}%`;
    this.thumb.style.width = `${Math.max(frac * 100, 1.5)}%`;
    this.track.classList.toggle('full', frac >= 0.999);
  }

  // ---- input --------------------------------------------------------------------------------------------------

  private onWheel(e: WheelEvent): void {
    const rect = this.ruler.getBoundingClientRect();
    if (e.clientX < rect.left) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      const x = e.clientX - rect.left;
      const t = this.start() + x / this.pps();
      this.zoomBy(Math.exp(-e.deltaY * 0.0025), t);
      return;
    }
    const dx = e.shiftKey ? e.deltaY || e.deltaX : e.deltaX;
    if (dx !== 0 && Math.abs(dx) >= Math.abs(e.shiftKey ? 0 : e.deltaY)) {
      e.preventDefault();
      this.setView(this.start() + dx / this.pps(), this.ctx.state.view.pps);
    }
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const target = e.target as HTMLElement;
    const view = target.closest('.lane-view');
    if (!view) return;
    const startX = e.clientX;
    const startAt = this.start();
    const pps = this.pps();
    let moved = false;
    const laneRow = target.closest('.lane') as HTMLElement | null;
    const move = (ev: PointerEvent): void => {
      const dx = ev.clientX - startX;
      if (!moved && Math.abs(dx) < 4) return;
      if (!moved) {
        moved = true;
        this.lanesBox.setPointerCapture(e.pointerId);
        this.lanesBox.classList.add('panning');
      }
      this.setView(startAt - dx / pps, this.ctx.state.view.pps);
    };
    const up = (): void => {
      this.lanesBox.removeEventListener('pointermove', move);
      this.lanesBox.removeEventListener('pointerup', up);
      this.lanesBox.removeEventListener('pointercancel', up);
      this.lanesBox.classList.remove('panning');
      if (moved) return;
      const item = target.closest('.item') as HTMLElement | null;
      if (laneRow) this.focusLane(Number(laneRow.dataset.track));
      if (item?.classList.contains('clip')) {
        this.ctx.select({ track: Number(item.dataset.track), index: Number(item.dataset.index) });
      } else if (item?.classList.contains('many')) {
        const t0 = Number(item.dataset.t0);
        const t1 = Number(item.dataset.t1);
        const spanT = Math.max(t1 - t0, 1e-3);
        this.setView(t0 - spanT * 0.1, (this.width || 800) / (spanT * 1.2));
      }
    };
    this.lanesBox.addEventListener('pointermove', move);
    this.lanesBox.addEventListener('pointerup', up);
    this.lanesBox.addEventListener('pointercancel', up);
  }

  private onTrackPointer(e: PointerEvent): void {
    const rect = this.track.getBoundingClientRect();
    if (rect.width <= 0) return;
    const extent = this.summary.extent;
    const span = this.span();
    const onThumb = e.target === this.thumb;
    const grabOffset = onThumb ? e.clientX - this.thumb.getBoundingClientRect().left : (span / extent) * rect.width / 2;
    const go = (clientX: number): void => {
      const t = ((clientX - grabOffset - rect.left) / rect.width) * extent;
      this.setView(t, this.ctx.state.view.pps);
    };
    go(e.clientX);
    this.track.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent): void => go(ev.clientX);
    const up = (): void => {
      this.track.removeEventListener('pointermove', move);
      this.track.removeEventListener('pointerup', up);
    };
    this.track.addEventListener('pointermove', move);
    this.track.addEventListener('pointerup', up);
  }

  private onKey(e: KeyboardEvent): void {
    const v = this.ctx.state.view;
    const n = this.summary.tracks.length;
    if (n === 0) return;
    let handled = true;
    const lane = Math.min(v.lane, n - 1);
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const dir = e.key === 'ArrowRight' ? 1 : -1;
        if (e.shiftKey) this.setView(this.start() + dir * this.span() * 0.2, v.pps);
        else this.step(lane, dir);
        break;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        const pos = this.positionOf.get(lane) ?? 0;
        const next = this.order[Math.max(0, Math.min(n - 1, pos + (e.key === 'ArrowDown' ? 1 : -1)))] as number;
        this.focusLane(next);
        const t = this.selected?.clip.timelineIn ?? this.start() + this.span() / 2;
        this.go(next, { time: t });
        break;
      }
      case 'Home':
        this.go(lane, { edge: 'first' });
        break;
      case 'End':
        this.go(lane, { edge: 'last' });
        break;
      case 'PageDown':
      case 'PageUp':
        this.setView(this.start() + (e.key === 'PageDown' ? 1 : -1) * this.span() * 0.9, v.pps);
        break;
      case '+':
      case '=':
        this.zoomBy(1.6);
        break;
      case '-':
      case '_':
        this.zoomBy(1 / 1.6);
        break;
      case '0':
        this.fit();
        break;
      case 'Escape':
        this.ctx.select(null);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  }

  private focusLane(i: number): void {
    const v = this.ctx.state.view;
    if (v.lane !== i) {
      this.lanes.get(v.lane)?.row.classList.remove('focused');
      v.lane = i;
      this.lanes.get(i)?.row.classList.add('focused');
    }
    // Scroll the lane into view.
    const top = (this.positionOf.get(i) ?? i) * LANE_H;
    if (top < this.lanesBox.scrollTop) this.lanesBox.scrollTop = top;
    else if (top + LANE_H > this.lanesBox.scrollTop + this.lanesBox.clientHeight) this.lanesBox.scrollTop = top + LANE_H - this.lanesBox.clientHeight;
    this.ctx.saveState();
  }

  private step(lane: number, dir: 1 | -1): void {
    const sel = this.ctx.state.selected;
    if (sel && sel.track === lane) this.go(lane, { index: sel.index, step: dir });
    else this.go(lane, { time: this.start() + (dir > 0 ? 0 : this.span()) });
  }

  private go(track: number, at: ClipLocator): void {
    const rev = this.rev;
    then(this.source.clip(track, at), (found) => {
      if (rev !== this.rev || found === null) return;
      this.ctx.select({ track: found.track, index: found.index }, { reveal: true });
    });
  }

  // ---- selection ------------------------------------------------------------------------------------------------

  /** Shows the selected clip (from the state) in the details pane and marks it in the lanes. */
  showSelection(opts: { reveal?: boolean } = {}): void {
    const sel = this.ctx.state.selected;
    for (const el of this.sizer.querySelectorAll('.item.clip.selected')) {
      el.classList.remove('selected');
      el.removeAttribute('aria-current');
    }
    if (sel === null) {
      this.selected = null;
      clear(this.detailsBox);
      this.detailsBox.appendChild(h('p', { class: 'muted details-hint' }, icon('info'), ` ${l10n.t('Select a clip (click it, or focus the lanes and use the arrow keys) to see its full JSON.')}`));
      return;
    }
    for (const el of this.sizer.querySelectorAll(`.item.clip[data-track="${sel.track}"][data-index="${sel.index}"]`)) {
      el.classList.add('selected');
      el.setAttribute('aria-current', 'true');
    }
    const rev = this.rev;
    then(this.source.clip(sel.track, { index: sel.index }), (found) => {
      if (rev !== this.rev) return;
      this.selected = found;
      clear(this.detailsBox);
      if (found === null) {
        this.detailsBox.appendChild(h('p', { class: 'muted', text: l10n.t('The selected clip is not in this version of the timeline.') }));
        return;
      }
      const t = this.summary.tracks[found.track];
      this.detailsBox.appendChild(clipDetails(this.ctx, found, t));
      if (t) this.ctx.announce(`${trackName(t)}, clip ${found.index + 1}: ${clipName(found.clip)}`);
      if (opts.reveal) this.reveal(found);
    });
  }

  private reveal(found: LocatedClip): void {
    const c = found.clip;
    this.focusLane(found.track);
    if (c.timelineIn === null) return;
    const t0 = c.timelineIn;
    const t1 = c.timelineOut ?? t0;
    const start = this.start();
    const span = this.span();
    if (t0 >= start && t1 <= start + span) return;
    if (t1 - t0 > span * 0.9) this.setView(t0 - span * 0.05, this.ctx.state.view.pps);
    else this.setView((t0 + t1) / 2 - span / 2, this.ctx.state.view.pps);
  }
}
