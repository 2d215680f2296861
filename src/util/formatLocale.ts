/**
 * Dates and numbers in the display language (the "dates and numbers follow the locale"), one helper for the
 * tooltips and hovers (src/present/), the inspector (src/webview/, which gets the language in its l10n data block)
 * and the CLI (its `--lang`/`LANG`). PURE: Intl only.
 *
 * English keeps the text it has always had (ISO-like UTC times, which tests, scripts and bug reports rely on).
 * Other languages get Intl's date order and digits for the language in the LOCAL time zone, with the zone named,
 * since a local time without its zone is ambiguous: zh-cn `2026/12/05 06:41:05 (UTC+8)`.
 * Intl.DateTimeFormat: https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Intl/DateTimeFormat
 */
import { l10nLocale } from './l10n.js';

export interface LocaleOptions {
  /** The catalog's locale (`en`, `zh-cn`); default the one src/util/l10n.ts was given. */
  locale?: string;
  /** An IANA zone (`Asia/Shanghai`, `UTC`); default the machine's. Tests pass one so their output is fixed. */
  timeZone?: string;
}

/** The BCP 47 tag Intl wants for a catalog locale: `zh-cn` → `zh-CN`, `en` → `en-US`. */
export function intlLocale(locale: string = l10nLocale()): string {
  const [lang, region] = locale.split(/[-_]/);
  if (!lang || lang.toLowerCase() === 'en') return 'en-US';
  return region ? `${lang.toLowerCase()}-${region.toUpperCase()}` : lang.toLowerCase();
}

/** True when dates keep their English (ISO, UTC) form. */
export function keepsIsoDates(locale: string = l10nLocale()): boolean {
  return intlLocale(locale) === 'en-US';
}

/** Formatters are costly to build (tens of ms the first time in a fresh webview): one per locale and zone. */
const cache = new Map<string, { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat }>();

function formatters(tag: string, timeZone: string | undefined): { date: Intl.DateTimeFormat; zone: Intl.DateTimeFormat } {
  const key = `${tag}|${timeZone ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    const zone = timeZone !== undefined ? { timeZone } : {};
    f = {
      date: new Intl.DateTimeFormat(tag, {
        year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...zone,
      }),
      zone: new Intl.DateTimeFormat('en-US', { timeZoneName: 'shortOffset', ...zone }),
    };
    cache.set(key, f);
  }
  return f;
}

/** `UTC+8`, `UTC-3:30`, `UTC` for the zone's offset at that moment (daylight saving included). */
export function zoneLabel(ms: number, timeZone?: string): string {
  const name = formatters('en-US', timeZone).zone.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace(/^GMT/, '');
  return offset === '' || /^[+-]0(:00)?$/.test(offset) ? 'UTC' : `UTC${offset}`;
}

/** The moment as epoch ms, or null when it is not a time. */
function epoch(value: string | number | Date): number | null {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();
  return Number.isFinite(ms) ? ms : null;
}

/**
 * A moment for a person. English: `2026-12-04 22:41:05 UTC` (as the tooltips have always shown it). Other languages:
 * the local date and time in the language's order, and the zone (`2026/12/05 06:41:05 (UTC+8)`). A value that is
 * not a time comes back as it is.
 */
export function formatDateTime(value: string | number | Date, opts: LocaleOptions = {}): string {
  const ms = epoch(value);
  if (ms === null) return String(value);
  const locale = opts.locale ?? l10nLocale();
  if (keepsIsoDates(locale)) return `${new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;
  return `${formatters(intlLocale(locale), opts.timeZone).date.format(ms)} (${zoneLabel(ms, opts.timeZone)})`;
}

/**
 * A time the cloud gave, in text a person reads beside the cloud's own fields (the CLI's output, the comparison):
 * English keeps it exactly as the cloud wrote it (ISO 8601); other languages as formatDateTime.
 */
export function formatGivenTime(iso: string, opts: LocaleOptions = {}): string {
  return keepsIsoDates(opts.locale ?? l10nLocale()) ? iso : formatDateTime(iso, opts);
}

/**
 * A timestamp at the start of a line (the CLI's `watch`). English: ISO 8601 UTC to the second (`2026-12-04T22:41:05Z`,
 * as before). Other languages: as formatDateTime.
 */
export function formatStamp(value: string | number | Date, opts: LocaleOptions = {}): string {
  const ms = epoch(value);
  if (ms === null) return String(value);
  const locale = opts.locale ?? l10nLocale();
  if (keepsIsoDates(locale)) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return formatDateTime(ms, opts);
}
