/**
 * The message catalog every surface reads: `t('Refresh')`, `t('{0} clips', n)`. Keys are the English messages
 * themselves and placeholders are `{0}`, `{1}`…, exactly as `vscode.l10n.t` and `l10n/bundle.l10n.<locale>.json`
 * have them (https://code.visualstudio.com/api/references/vscode-api#l10n), so one bundle serves:
 * - the extension host: `setL10nBundle(vscode.l10n.bundle)` at activation (VS Code loads the bundle of its display
 *   language), so pure code (src/present/, src/webview/, src/export/) that cannot import vscode says the same as
 *   `vscode.l10n.t` would;
 * - the inspector webview: the host passes the same bundle in a data block (the webview has no vscode API);
 * - the CLI: the bundle of the language `LANG`/`LC_ALL` or `--lang` ask for.
 * Without a bundle (English, or a message not translated yet) the key is the text. PURE: imports nothing.
 */

let bundle: Readonly<Record<string, string>> = {};
let locale = 'en';

/** Sets the catalog (undefined or null: English) and the locale dates and numbers follow. */
export function setL10nBundle(b: Readonly<Record<string, unknown>> | null | undefined, lang = 'en'): void {
  const clean: Record<string, string> = {};
  if (b && typeof b === 'object') for (const [k, v] of Object.entries(b)) if (typeof v === 'string') clean[k] = v;
  bundle = clean;
  locale = lang;
}

/** The locale of the catalog (`en`, `zh-cn`): for `toLocaleString` and `Intl` formats. */
export function l10nLocale(): string {
  return locale;
}

/** The message in the catalog's language, its `{n}` replaced by the arguments. */
export function t(message: string, ...args: ReadonlyArray<string | number | boolean>): string {
  const template = Object.hasOwn(bundle, message) ? bundle[message]! : message;
  if (args.length === 0) return template;
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const n = Number(i);
    return n < args.length ? String(args[n]) : whole;
  });
}

/**
 * A value of one of the fixed label tables (the kinds', statuses', clouds' and tracks' names) in the catalog's
 * language. Not a literal, so VS Code's extraction does not see it: test/unit/l10n.test.ts checks every value of
 * those tables has a translation instead.
 */
export function label(text: string): string {
  return Object.hasOwn(bundle, text) ? bundle[text]! : text;
}
