/**
 * What the webview remembers across live updates, hiding and reloads (VS Code's getState/setState): the tab,
 * scroll positions, the timeline's zoom and position, the selected clip, the table's order. `jobKey` is what the
 * host's serializer reads to restore the panel after a reload.
 */
import { CLIP_SORT_KEYS, type ClipSortKey, type SortDir } from '../present/timelineIndex.js';
import { INSPECTOR_TABS, type InspectorTab } from '../protocol/webview.js';

export interface UiState {
  v: 1;
  jobKey: string | null;
  tab: InspectorTab;
  scroll: Partial<Record<InspectorTab, number>>;
  /** Timeline: seconds at the left edge, pixels per second (null: fit the whole timeline), lane scroll. */
  view: { start: number; pps: number | null; laneScroll: number; lane: number };
  selected: { track: number; index: number } | null;
  table: { sort: ClipSortKey; dir: SortDir; scrollTop: number };
  /** JSON tree nodes the user expanded or collapsed (path → open). */
  tree: Record<string, boolean>;
}

export function defaultState(): UiState {
  return {
    v: 1, jobKey: null, tab: 'overview', scroll: {}, view: { start: 0, pps: null, laneScroll: 0, lane: 0 }, selected: null,
    table: { sort: 'order', dir: 'asc', scrollTop: 0 }, tree: {},
  };
}

function finite(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

/** Reads a saved state defensively (it may come from an older version of the webview). */
export function readState(x: unknown): UiState {
  const s = defaultState();
  if (typeof x !== 'object' || x === null) return s;
  const o = x as Record<string, unknown>;
  if (typeof o.jobKey === 'string') s.jobKey = o.jobKey;
  if (typeof o.tab === 'string' && (INSPECTOR_TABS as readonly string[]).includes(o.tab)) s.tab = o.tab as InspectorTab;
  if (typeof o.scroll === 'object' && o.scroll !== null) {
    for (const t of INSPECTOR_TABS) {
      const v = (o.scroll as Record<string, unknown>)[t];
      if (typeof v === 'number' && Number.isFinite(v)) s.scroll[t] = v;
    }
  }
  if (typeof o.view === 'object' && o.view !== null) {
    const v = o.view as Record<string, unknown>;
    s.view = {
      start: finite(v.start, 0), pps: typeof v.pps === 'number' && v.pps > 0 && Number.isFinite(v.pps) ? v.pps : null,
      laneScroll: finite(v.laneScroll, 0), lane: Math.max(0, Math.floor(finite(v.lane, 0))),
    };
  }
  if (typeof o.selected === 'object' && o.selected !== null) {
    const sel = o.selected as Record<string, unknown>;
    if (Number.isInteger(sel.track) && Number.isInteger(sel.index)) s.selected = { track: sel.track as number, index: sel.index as number };
  }
  if (typeof o.table === 'object' && o.table !== null) {
    const t = o.table as Record<string, unknown>;
    if (typeof t.sort === 'string' && (CLIP_SORT_KEYS as readonly string[]).includes(t.sort)) s.table.sort = t.sort as ClipSortKey;
    if (t.dir === 'asc' || t.dir === 'desc') s.table.dir = t.dir;
    s.table.scrollTop = finite(t.scrollTop, 0);
  }
  if (typeof o.tree === 'object' && o.tree !== null) {
    for (const [k, v] of Object.entries(o.tree as Record<string, unknown>)) if (typeof v === 'boolean') s.tree[k] = v;
  }
  return s;
}
