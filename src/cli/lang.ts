/**
 * The CLI's language: `--lang zh-cn|en` wins, else the POSIX locale variables in their precedence order
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`: https://pubs.opengroup.org/onlinepubs/9699919799/basedefs/V1_chap08.html).
 * Simplified Chinese locales (`zh_CN.UTF-8`, `zh-CN`, `zh_SG`, `zh_Hans…`, a bare `zh`) give zh-cn; anything else
 * (`C`, `en_US`, `zh_TW`, which reads Traditional) English. The Chinese catalog is the extension's own
 * l10n/bundle.l10n.zh-cn.json, bundled into dist/cli.js by esbuild, so the CLI needs no file beside it.
 */
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';
import { setL10nBundle } from '../util/l10n.js';

export type CliLanguage = 'en' | 'zh-cn';

/** A locale name (`zh_CN.UTF-8`, `zh-CN`, `en_US`) → the language the CLI speaks, or null when it is none of ours. */
export function languageOfLocale(value: string | undefined): CliLanguage | null {
  const v = value?.trim();
  if (!v) return null;
  if (/^zh(?:$|[.@]|[-_](?:cn|sg|hans)(?:$|[._@-]))/i.test(v)) return 'zh-cn';
  return 'en';
}

/** `--lang`'s value, else the first locale variable set (an empty one is skipped, as the C library does). */
export function cliLanguage(langArg: string | null, env: Readonly<Record<string, string | undefined>>): CliLanguage {
  if (langArg !== null) return langArg.toLowerCase() === 'zh-cn' ? 'zh-cn' : 'en';
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = languageOfLocale(env[name]);
    if (lang) return lang;
  }
  return 'en';
}

/**
 * Takes `--lang X` / `--lang=X` out of argv (anywhere before a `--`), so every command accepts it and the parser
 * never sees it. `value` is null without one; `invalid` holds a value that is neither zh-cn nor en.
 */
export function takeLangOption(argv: readonly string[]): { value: string | null; invalid: string | null; rest: string[] } {
  const rest: string[] = [];
  let value: string | null = null;
  let invalid: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    let v: string | undefined;
    if (a === '--lang') v = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) v = a.slice('--lang='.length);
    else {
      rest.push(a);
      continue;
    }
    if (/^(zh-cn|en)$/i.test(v)) value = v.toLowerCase();
    else invalid = v;
  }
  return { value, invalid, rest };
}

/** Sets the message catalog for this run (English: none). */
export function useCliLanguage(lang: CliLanguage): void {
  setL10nBundle(lang === 'zh-cn' ? (zhCn as Record<string, string>) : null, lang);
}
