import * as l10n from '../util/l10n.js';
import { formatBytes } from '../present/formatBytes.js';
import { isHttpProtocol } from '../util/urls.js';
import { formatDateTime, keepsIsoDates } from '../util/formatLocale.js';
/** Text for numbers, times and sizes, with units; plain functions of their inputs. */

export const DASH = '—';

/**
 * `12`, `2.5`, `18.3333`, `12,000` (at most `digits` decimals, no trailing zeros). Hand-rolled: creating an
 * Intl.NumberFormat (or the first toLocaleString call) costs tens of milliseconds in a fresh webview.
 */
export function num(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Number(n.toFixed(digits)));
  if (Math.abs(n) < 1000 || s.includes('e')) return s;
  const [int, frac] = s.split('.');
  return `${(int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Seconds for reading: `18.33 s`, `3 min 2 s`, `1 h 2 min`. */
export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return DASH;
  const neg = s < 0 ? '−' : '';
  const a = Math.abs(s);
  // The units in the page's language (秒, 分钟, 小时), the same keys as the tooltips' (present/jobPresentation.ts).
  if (a < 60) return l10n.t('{0} s', `${neg}${num(a, a < 10 ? 3 : 2)}`);
  const m = Math.floor(a / 60);
  const rest = Math.round(a - m * 60);
  if (m < 60) return rest ? l10n.t('{0} min {1} s', `${neg}${m}`, rest) : l10n.t('{0} min', `${neg}${m}`);
  const hrs = Math.floor(m / 60);
  return m % 60 ? l10n.t('{0} h {1} min', `${neg}${hrs}`, m % 60) : l10n.t('{0} h', `${neg}${hrs}`);
}

/** Timecode `m:ss.sss` or `h:mm:ss.sss` (decimals as asked; trailing zeros kept for alignment). */
export function timecode(s: number | null | undefined, decimals = 3): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return DASH;
  const neg = s < 0 ? '−' : '';
  let a = Math.abs(s);
  a = Math.round(a * 10 ** decimals) / 10 ** decimals;
  const hrs = Math.floor(a / 3600);
  const m = Math.floor((a - hrs * 3600) / 60);
  const sec = a - hrs * 3600 - m * 60;
  const secText = sec.toFixed(decimals).padStart(decimals > 0 ? decimals + 3 : 2, '0');
  return hrs > 0 ? `${neg}${hrs}:${String(m).padStart(2, '0')}:${secText}` : `${neg}${m}:${secText}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * An ISO time in local time and in UTC (for the tooltip). English: `2024-06-11 10:14:07`, as always; other languages
 * (the page's l10n data block) in their own order with the zone named (`2024/06/11 18:14:07 (UTC+8)`, formatLocale.ts).
 */
export function dateTime(iso: string | null | undefined): { local: string; utc: string } | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return { local: iso, utc: iso };
  const d = new Date(t);
  const local = keepsIsoDates()
    ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    : formatDateTime(t);
  const utc = formatDateTime(t, { locale: 'en' });
  return { local, utc };
}

/** Time between two ISO times, or null. */
export function between(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isFinite(x) && Number.isFinite(y) ? (y - x) / 1000 : null;
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return formatBytes(n);
}

/** kbit/s in, `850 kb/s` or `4.52 Mb/s` out. */
export function bitrate(kbps: number | null | undefined): string {
  if (kbps === null || kbps === undefined || !Number.isFinite(kbps)) return DASH;
  if (kbps >= 1000) return `${num(kbps / 1000, 2)} Mb/s`;
  return `${num(kbps, 1)} kb/s`;
}

export function sampleRate(hz: number | null | undefined): string {
  if (hz === null || hz === undefined || !Number.isFinite(hz)) return DASH;
  return hz >= 1000 ? `${num(hz / 1000, 3)} kHz` : `${num(hz)} Hz`;
}

export function fps(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return `${num(v, 3)} fps`;
}

export function resolution(w: number | null | undefined, hgt: number | null | undefined): string {
  if (w === null || w === undefined || hgt === null || hgt === undefined) return DASH;
  return `${w}×${hgt}`;
}

export function percent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return DASH;
  return `${Math.round(p)} %`;
}

/** The first 8 and last 4 characters of a long id (`7c1e0a9b…a801`); short ids stay whole. */
export { shortId } from '../present/shortId.js';

/** The last path segment of a URL-ish string, for labels (`…/open-day.mp4` → `open-day.mp4`). */
export function baseName(url: string | null | undefined): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/)[0] ?? url;
  const seg = path.split('/').filter(Boolean).pop();
  return seg && seg !== url ? seg : url;
}

/** One line: control characters and line breaks become spaces; long text is cut. */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** True for an http(s) URL without credentials (the only links the inspector offers to open). */
export function isWebUrl(raw: string | null | undefined): boolean {
  if (!raw) return false;
  try {
    const u = new URL(raw.trim());
    return isHttpProtocol(u.protocol) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/**
 * `3 clips`, `1 clip`: in the catalog's language through the messages `{0} clip` and `{0} clips` (COUNT_WORDS;
 * test/unit/l10n.test.ts checks each has both translations).
 */
export function plural(n: number, one: CountWord): string {
  return l10n.label(n === 1 ? `{0} ${one}` : `{0} ${one}s`).replace('{0}', num(n, 0));
}

/** The words the inspector counts. */
export const COUNT_WORDS = ['clip', 'gap', 'track', 'stream', 'character'] as const;
export type CountWord = (typeof COUNT_WORDS)[number];
