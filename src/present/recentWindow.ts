/**
 * The time window of the Recent Jobs view: the presets (1 h, 24 h, 7 d, 30 d), a custom length ("90m", "12h",
 * "3d", "2w") or a custom range of dates ("2026-11-01 .. 2026-11-15"), what each is as epoch ms at a given moment,
 * and the short text the view's title shows. Pure, so parsing and bounds are unit-tested.
 */
import * as l10n from '../util/l10n.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The last `ms` before now, or a fixed range [from, to] (epoch ms). */
export type RecentWindow = { type: 'last'; ms: number } | { type: 'range'; from: number; to: number };

export const DEFAULT_WINDOW: RecentWindow = { type: 'last', ms: DAY };

/**
 * The longest window the view asks for. The clouds keep job records about a year (ICE's GetMediaProducingJob:
 * "only the last year"; ListTranscodeTask: one year); longer asks would only cost empty calls.
 */
export const MAX_WINDOW_MS = 366 * DAY;

export const WINDOW_PRESETS: ReadonlyArray<{ label: string; window: RecentWindow }> = [
  { label: 'Last hour', window: { type: 'last', ms: HOUR } },
  { label: 'Last 24 hours', window: { type: 'last', ms: DAY } },
  { label: 'Last 7 days', window: { type: 'last', ms: 7 * DAY } },
  { label: 'Last 30 days', window: { type: 'last', ms: 30 * DAY } },
];

const UNIT_MS: Record<string, number> = { m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** [from, to] in epoch ms at `now`. */
export function windowBounds(w: RecentWindow, now: number): { from: number; to: number } {
  return w.type === 'last' ? { from: now - w.ms, to: now } : { from: w.from, to: w.to };
}

/** "24 h" rather than "1 d" (the console's own wording), "7 d", "90 min". */
function lengthText(ms: number): string {
  if (ms % DAY === 0 && ms > DAY) return l10n.t('{0} d', ms / DAY);
  if (ms % HOUR === 0) return l10n.t('{0} h', ms / HOUR);
  return l10n.t('{0} min', Math.round(ms / MINUTE));
}

function dayText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') || iso.endsWith('T23:59:59.999Z') ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** "last 24 h", "last 90 min", "2026-11-01 – 2026-11-15". */
export function windowLabel(w: RecentWindow): string {
  if (w.type === 'last') return l10n.t('last {0}', lengthText(w.ms));
  const from = dayText(w.from);
  const to = dayText(w.to);
  return from === to ? from : `${from} – ${to}`;
}

/** A date (`2026-11-01`, whole UTC day) or a date and time (`2026-11-01T08:00`, `…Z`, `…+08:00`) as epoch ms. */
function parseMoment(text: string, end: boolean): number | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = Date.parse(`${t}T00:00:00Z`);
    return Number.isFinite(ms) ? (end ? ms + DAY - 1 : ms) : null;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/.test(t)) {
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`;
    const ms = Date.parse(withZone.replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/**
 * What a user typed for a custom window: a length (`90m`, `12h`, `3d`, `2w`) or a range (`FROM .. TO`, each a
 * date or a date and time; times without a zone are UTC). Returns the window or the reason it is not one.
 */
export function parseWindow(text: string, now: number): RecentWindow | string {
  const t = text.trim().toLowerCase();
  if (t === '') return l10n.t('type a length such as 12h or 3d, or a range such as 2026-11-01 .. 2026-11-15');
  const length = /^(\d{1,6})\s*([mhdw])$/.exec(t);
  if (length) {
    const ms = Number(length[1]) * UNIT_MS[length[2]!]!;
    if (ms <= 0) return l10n.t('the window must be longer than zero');
    if (ms > MAX_WINDOW_MS) return l10n.t('at most 366 days: the clouds keep about a year of jobs');
    return { type: 'last', ms };
  }
  const parts = text.split(/\s*(?:\.\.|–|—)\s*/);
  if (parts.length === 2) {
    const from = parseMoment(parts[0]!, false);
    const to = parseMoment(parts[1]!, true);
    if (from === null || to === null) return l10n.t('dates look like 2026-11-01 or 2026-11-01T08:00 (UTC unless a zone is given)');
    if (to < from) return l10n.t('the range ends before it starts');
    if (from > now) return l10n.t('the range starts in the future');
    if (to - from > MAX_WINDOW_MS) return l10n.t('at most 366 days: the clouds keep about a year of jobs');
    return { type: 'range', from, to: Math.min(to, now) };
  }
  return l10n.t('type a length such as 12h or 3d, or a range such as 2026-11-01 .. 2026-11-15');
}

/** A saved window read back (it may be from an older version or edited by hand): the window, or null. */
export function readWindow(v: unknown): RecentWindow | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.type === 'last' && typeof o.ms === 'number' && o.ms > 0 && o.ms <= MAX_WINDOW_MS) return { type: 'last', ms: o.ms };
  if (o.type === 'range' && typeof o.from === 'number' && typeof o.to === 'number' && Number.isFinite(o.from) && o.to >= o.from && o.to - o.from <= MAX_WINDOW_MS) {
    return { type: 'range', from: o.from, to: o.to };
  }
  return null;
}
