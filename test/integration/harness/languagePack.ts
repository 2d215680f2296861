/**
 * A display language for code-server without downloading a language pack.
 *
 * VS Code's server only honours `--locale` (or argv.json "locale", or the `vscode.nls.locale` cookie) when a
 * language pack for it is installed: it looks the locale up in `<user-data-dir>/languagepacks.json` and, finding
 * none, falls back to English (`resolveNLSConfiguration` in src/vs/base/node/nls.ts of microsoft/vscode,
 * https://github.com/microsoft/vscode/blob/1.100.3/src/vs/base/node/nls.ts). With the record written here (a pack
 * whose `vscode` translations are empty) the server resolves the locale, the workbench's language becomes it, and
 * so do `vscode.env.language` and the extension's `vscode.l10n` bundle
 * (https://code.visualstudio.com/api/references/vscode-api#l10n); VS Code's own menus stay English (every message
 * falls back to its default), which is all the extension's tests need.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the languagepacks.json record for `locale` (`zh-cn`) into a code-server user-data-dir. */
export function registerEmptyLanguagePack(userDataDir: string, locale: string): void {
  const dir = join(userDataDir, 'harness-language-pack', locale);
  mkdirSync(dir, { recursive: true });
  const translations = join(dir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const packs = {
    [locale]: {
      hash: `harness-${locale}`,
      // getInstalledLanguages (the workbench's language picker) reads the first extension's id.
      extensions: [{ extensionIdentifier: { id: `media-job-inspector-harness.language-pack-${locale}` }, version: '0.0.0' }],
      translations: { vscode: translations },
      label: locale,
    },
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
