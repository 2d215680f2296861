/**
 * Imported first by main.ts, so the catalog is set before any other module of the bundle runs (their module-level
 * labels call l10n.t at load). The host puts `{ lang, bundle }` in the `l10n` data block of the page (the webview
 * has no vscode API; the bundle is the one VS Code loaded for its display language). No block, or a bad one:
 * English.
 */
import { setL10nBundle } from '../util/l10n.js';

export const L10N_BLOCK_ID = 'l10n';

function read(): void {
  const el = typeof document === 'undefined' ? null : document.getElementById(L10N_BLOCK_ID);
  if (!el?.textContent) return;
  try {
    const v = JSON.parse(el.textContent) as { lang?: unknown; bundle?: unknown };
    const lang = typeof v.lang === 'string' && /^[A-Za-z-]{2,20}$/.test(v.lang) ? v.lang : 'en';
    setL10nBundle(v.bundle !== null && typeof v.bundle === 'object' ? (v.bundle as Record<string, unknown>) : null, lang);
    document.documentElement.lang = lang;
  } catch {
    // A broken block is ours to fix, not the user's: the page stays in English.
  }
}

read();
