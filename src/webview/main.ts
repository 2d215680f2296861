/**
 * The inspector webview's entry (bundled to dist/webview/inspector.js, an IIFE for the browser). Runs under a
 * strict CSP (scripts only with the page's nonce, no eval, no inline styles in markup) and builds every element
 * through dom.ts, which only ever writes job data as text.
 */
// First: the message catalog, before any module that calls l10n.t at load.
import './l10nBoot.js';
import { App } from './app.js';
import { HostConnection } from './host.js';

function boot(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const app = new App(new HostConnection(), root);
  app.start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
