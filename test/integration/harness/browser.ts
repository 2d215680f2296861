/**
 * Headless Chromium (the Debian package, driven by playwright-core) showing the code-server workbench, with
 * screenshots, text reads and key presses for the harness protocol.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from './codeServer.js';
import { envWithIsolatedXdg } from '../../support/isolatedXdg.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter',
];

export interface Workbench {
  context: BrowserContext;
  page: Page;
  /** Screenshot to <artifactsDir>/<name>.png, after the given wait; returns the path. */
  screenshot(name: string, opts?: { waitForSelector?: string; waitForText?: string; timeoutMs?: number }): Promise<string>;
  /** innerText of every element matching selector. */
  texts(selector: string, timeoutMs?: number): Promise<string[]>;
  keys(keys: readonly string[]): Promise<void>;
  /** Moves the mouse over the first element matching selector (and containing hasText, if given). */
  hover(selector: string, hasText?: string, timeoutMs?: number): Promise<void>;
  /** Drags the sash at the side bar's right edge so the side bar is `width` px wide. */
  sideBarWidth(width: number): Promise<void>;
  /** innerHTML of every element matching selector. */
  html(selector: string, timeoutMs?: number): Promise<string[]>;
  /** innerText of every element matching selector in the page's frames (webviews are iframes of another origin). */
  frameTexts(selector: string, timeoutMs?: number): Promise<string[]>;
  /**
   * Entries of the workbench's own storage (IndexedDB databases `vscode-web-state-db-*` of this origin, where
   * VS Code for the Web keeps globalState and other state) whose key contains `keyContains`.
   */
  webStorage(keyContains: string): Promise<Array<{ db: string; key: string; value: string }>>;
  /** Resolves when the workbench shell is on screen. */
  ready(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  viewport?: { width: number; height: number };
  /**
   * A Chromium profile folder kept across windows. VS Code for the Web keeps globalState, and secrets, in the
   * browser (IndexedDB and local storage of the workbench's origin): a restart of VS Code that keeps its state is
   * the same profile opening the same origin (host and port) again. Without it, a throwaway profile.
   */
  profileDir?: string;
}

export async function openWorkbench(url: string, artifactsDir: string, opts: WorkbenchOptions = {}): Promise<Workbench> {
  mkdirSync(artifactsDir, { recursive: true });
  const viewport = opts.viewport ?? { width: 1400, height: 860 };
  const consoleLog = createWriteStream(join(artifactsDir, 'browser-console.log'), { flags: 'a' });
  const launch = {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: envWithIsolatedXdg('browser'),
    handleSIGINT: false, // the harness stops everything in its own order
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
  let context: BrowserContext;
  let browser: Browser | null = null;
  if (opts.profileDir) {
    mkdirSync(opts.profileDir, { recursive: true });
    context = await chromium.launchPersistentContext(opts.profileDir, { ...launch, viewport, deviceScaleFactor: 1 });
  } else {
    browser = await chromium.launch(launch);
    context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  }
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  const settle = (): Promise<void> =>
    page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))').then(() => undefined, () => undefined);

  let closed = false;
  return {
    context,
    page,
    async screenshot(name, opts = {}) {
      if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
      const timeout = opts.timeoutMs ?? 10_000;
      if (opts.waitForSelector) await page.locator(opts.waitForSelector).first().waitFor({ state: 'visible', timeout });
      if (opts.waitForText) await page.getByText(opts.waitForText, { exact: false }).first().waitFor({ state: 'visible', timeout });
      await settle();
      const path = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path, timeout: 15_000 });
      return path;
    },
    async frameTexts(selector, timeoutMs = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found: string[] = [];
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          try {
            found.push(...(await frame.locator(selector).allInnerTexts()));
          } catch {
            /* a frame that navigated or closed meanwhile */
          }
        }
        if (found.length > 0 || Date.now() >= deadline) return found;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async texts(selector, timeoutMs = 0) {
      if (timeoutMs > 0) await page.locator(selector).first().waitFor({ state: 'attached', timeout: timeoutMs });
      return page.locator(selector).allInnerTexts();
    },
    async keys(keys) {
      for (const k of keys) await page.keyboard.press(k);
      await settle();
    },
    async hover(selector, hasText, timeoutMs = 10_000) {
      let loc = page.locator(selector);
      if (hasText) loc = loc.filter({ hasText });
      // Leave first (to the empty editor area), so hovering an element the mouse is already on enters it again
      // and the workbench starts a fresh hover.
      const vp = page.viewportSize();
      if (vp) await page.mouse.move(vp.width - 20, Math.round(vp.height / 2));
      await loc.first().hover({ timeout: timeoutMs });
      await settle();
    },
    async sideBarWidth(width) {
      const box = await page.locator('.part.sidebar').first().boundingBox({ timeout: 5_000 });
      if (!box) throw new Error('the side bar is not visible');
      const y = box.y + box.height / 2;
      const edge = box.x + box.width;
      await page.mouse.move(edge - 1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, y, { steps: 8 });
      await page.mouse.up();
      await page.mouse.move(box.x + width + 300, y); // no hover left on the sash or a row
      await settle();
    },
    async html(selector, timeoutMs = 0) {
      if (timeoutMs > 0) await page.locator(selector).first().waitFor({ state: 'attached', timeout: timeoutMs });
      return page.locator(selector).evaluateAll((els) => els.map((e) => e.innerHTML));
    },
    async webStorage(keyContains) {
      // Runs in the page: plain JavaScript, so esbuild/tsx helpers never leak into the evaluated function.
      const script = `(async (needle) => {
        const out = [];
        const dbs = (await indexedDB.databases()).map((d) => d.name).filter((n) => n && n.startsWith('vscode-web-state-db-'));
        for (const name of dbs) {
          const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
          try {
            if (!db.objectStoreNames.contains('ItemTable')) continue;
            const entries = await new Promise((res, rej) => {
              const found = [];
              const req = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').openCursor();
              req.onsuccess = () => {
                const c = req.result;
                if (!c) return res(found);
                if (String(c.key).includes(needle)) found.push({ db: name, key: String(c.key), value: typeof c.value === 'string' ? c.value : JSON.stringify(c.value) });
                c.continue();
              };
              req.onerror = () => rej(req.error);
            });
            out.push(...entries);
          } finally {
            db.close();
          }
        }
        return out;
      })(${JSON.stringify(keyContains)})`;
      return (await page.evaluate(script)) as Array<{ db: string; key: string; value: string }>;
    },
    async ready(timeoutMs) {
      await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.statusbar').first().waitFor({ state: 'visible', timeout: timeoutMs });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Closing the page first lets the workbench run its shutdown (state written to IndexedDB) before the
      // profile is closed.
      await page.close({ runBeforeUnload: false }).catch(() => undefined);
      await context.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await new Promise<void>((r) => consoleLog.end(r));
    },
  };
}
