/**
 * The pictures of the user guide (docs/USER_GUIDE.md), made from the real VS Code: code-server 4.100.3 with this
 * extension, the local cloud emulator and a dozen of its sample jobs (the way `npm start` runs it), driven by
 * headless Chromium (playwright-core + /usr/bin/chromium). Run it again whenever the tree, the hovers or the
 * inspector change:
 *
 *   npm run -s build && node --import tsx scripts/screenshots.ts [--out DIR] [--keep]
 *   node --import tsx scripts/screenshots.ts --icon      # media/icon.svg → media/icon.png (256×256)
 *
 * It writes, cropped to the subject at twice the CSS pixel density (legible on the Marketplace and on GitHub):
 *   media/screenshots/tree.png       the Media Jobs view: jobs of all five kinds grouped by cloud and status
 *   media/screenshots/accounts.png   two Alibaba Cloud accounts side by side (Cloud → Account → Status), taken last:
 *                                    a second profile added and two jobs tracked with it through the real commands
 *   media/screenshots/hover.png      the hover over a job id in a log file, with the job's live status
 *   media/screenshots/inspector.png  the inspector of an ICE editing job: the timeline lanes with a clip selected
 *   media/screenshots/recent.png     the Recent Jobs view: ICE and MPC jobs of the last 24 hours from the list calls, a batch job opened to its sub-jobs
 * (`--only recent,tree` takes only those.)
 *
 * Nothing here talks to a real cloud: the extension's endpoints point at the emulator (User settings), HOME is a
 * throwaway folder, and the emulator's credentials are imported the way the `npm start` demo does it
 * (MEDIA_JOBS_DEMO=1). `--keep` leaves code-server's log and the browser console in artifacts/screenshots/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../test/emulator/emulator.js';
import { SAMPLE_IDS } from '../test/emulator/sampleJobs.js';
import { CHROMIUM_ARGS } from '../test/integration/harness/browser.js';
import { CHROMIUM, ROOT, SetupError, ensureCodeServer, freePort, type CodeServer } from '../test/integration/harness/codeServer.js';
import { createSession, userSettings } from '../test/integration/harness/session.js';
import { demoTrackList, startDemoCodeServer, type DemoRef } from './demoVsCode.js';
import { envWithIsolatedXdg } from '../test/support/isolatedXdg.js';

// page.evaluate bodies below are plain JavaScript strings (no tsx helpers leak into the page); no DOM types here.

const ICON_SVG = join(ROOT, 'media', 'icon.svg');
const ICON_PNG = join(ROOT, 'media', 'icon.png');
const ICON_SIZE = 256;

/** CSS pixels of the browser window, and device pixels per CSS pixel in the PNGs. */
const VIEWPORT = { width: 1280, height: 760 };
const SCALE = 2;
const SIDEBAR_WIDTH = 620;
const HOVER_VIEWPORT_HEIGHT = 2000;

/** The job whose id is hovered in the log and opened in the inspector: a finished ICE job with a timeline. */
const FEATURED_ICE = SAMPLE_IDS.ice.succeeded;
const HOVER_FILE = 'render-pipeline.log';

/**
 * The tracked jobs: one or more of every kind, every common status, none of the ones that move (so the pictures
 * come out the same every time), few enough that the whole tree fits on screen.
 */
const TRACKED_IDS = new Set<string>([
  SAMPLE_IDS.ice.processing,
  SAMPLE_IDS.ice.queuing,
  SAMPLE_IDS.ice.succeeded,
  SAMPLE_IDS.ice.failed,
  SAMPLE_IDS.vod.processing,
  SAMPLE_IDS.vod.allSucceeded,
  SAMPLE_IDS.liveEditing.showEditing,
  SAMPLE_IDS.liveEditing.showSucceeded,
  SAMPLE_IDS.liveEdge.running,
  SAMPLE_IDS.mpc.processing,
  SAMPLE_IDS.mpc.failed,
  SAMPLE_IDS.mpc.succeeded,
]);

function arg(name: string): string | true | undefined {
  const i = process.argv.indexOf(name);
  if (i < 0) return undefined;
  const next = process.argv[i + 1];
  return next !== undefined && !next.startsWith('--') ? next : true;
}

function rel(p: string): string {
  return relative(ROOT, p) || '.';
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env: envWithIsolatedXdg('browser'),
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** Two animation frames: what was just changed is painted. */
async function settle(page: Page): Promise<void> {
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))');
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox({ timeout: 10_000 });
  if (!b) throw new Error(`${selector} is not on screen`);
  return b;
}

/** media/icon.svg → media/icon.png, 256×256 with a transparent background. */
async function renderIcon(): Promise<void> {
  const svg = readFileSync(ICON_SVG, 'utf8');
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: ICON_PNG, omitBackground: true, clip: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE } });
  } finally {
    await browser.close();
  }
  console.log(`${rel(ICON_PNG)}: ${ICON_SIZE}×${ICON_SIZE}, ${readFileSync(ICON_PNG).length} bytes`);
}

/** The subset of the emulator's sample jobs the extension tracks; every one of TRACKED_IDS must be there. */
function trackList(emu: Emulator): DemoRef[] {
  const list = demoTrackList(emu, TRACKED_IDS);
  const missing = [...TRACKED_IDS].filter((id) => !list.some((j) => j.id === id));
  if (missing.length) throw new Error(`the emulator has no sample job ${missing.join(', ')} (test/emulator/sampleJobs.ts changed?)`);
  return list;
}

/** Runs a command by its title from the Command Palette. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined); // a command may open its own pick
}

/** Answers an open quick pick with the first item matching `text`. */
async function pick(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name); // no ">": Quick Open of files
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.part.editor .tab.active', { hasText: name }).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Drags the side bar's right edge so it is `width` CSS px wide. */
async function sideBarWidth(page: Page, width: number): Promise<void> {
  const b = await box(page, '.part.sidebar');
  const y = b.y + b.height / 2;
  await page.mouse.move(b.x + b.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(b.x + width, y, { steps: 8 });
  await page.mouse.up();
}

/** Where `text` is drawn in an editor line, in CSS px (Monaco splits lines into token spans, so: a DOM Range). */
async function textBox(page: Page, text: string): Promise<Box> {
  const script = `((needle) => {
    for (const line of document.querySelectorAll('.part.editor .monaco-editor .view-line')) {
      const at = (line.textContent || '').indexOf(needle);
      if (at < 0) continue;
      const end = at + needle.length;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let pos = 0, startNode = null, startOffset = 0, endNode = null, endOffset = 0;
      while (walker.nextNode()) {
        const n = walker.currentNode, len = n.textContent.length;
        if (!startNode && at < pos + len) { startNode = n; startOffset = at - pos; }
        if (startNode && end <= pos + len) { endNode = n; endOffset = end - pos; break; }
        pos += len;
      }
      if (!startNode || !endNode) return null;
      const r = document.createRange();
      r.setStart(startNode, startOffset);
      r.setEnd(endNode, endOffset);
      const b = r.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }
    return null;
  })(${JSON.stringify(text)})`;
  const b = (await page.evaluate(script)) as Box | null;
  if (!b) throw new Error(`"${text}" is not in a visible editor line`);
  return b;
}

async function shoot(page: Page, file: string, clip: Box): Promise<void> {
  await settle(page);
  await page.screenshot({ path: file, clip });
  const png = readFileSync(file);
  console.log(`${rel(file)}: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px, ${Math.round(png.length / 1024)} kB`);
}

/** 1. The tree: every tracked job fetched (no "checking…" left), every group expanded. */
async function shotTree(page: Page, file: string): Promise<void> {
  const rows = page.locator('.part.sidebar .monaco-list-row');
  await page.locator('.part.activitybar [aria-label^="Media Jobs"]').first().click({ timeout: 30_000 });
  await rows.first().waitFor({ state: 'visible', timeout: 60_000 });
  await sideBarWidth(page, SIDEBAR_WIDTH);
  await page.waitForFunction(
    `(() => {
      const rows = [...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((r) => r.textContent || '');
      const jobs = rows.filter((t) => !/\\(\\d+\\)\\s*$/.test(t)); // group rows end with their count: "Running (4)"
      return jobs.length >= ${TRACKED_IDS.size} && !rows.some((t) => t.includes('checking\u2026'));
    })()`,
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height / 2); // no hover on a row or the sash
  // From the activity bar (its badge counts running jobs) to the side bar's edge, down to the last row.
  const sidebar = await box(page, '.part.sidebar');
  const lastRow = await rows.last().boundingBox();
  const bottom = Math.min(sidebar.y + sidebar.height, (lastRow ? lastRow.y + lastRow.height : sidebar.y + sidebar.height) + 12);
  await shoot(page, file, { x: 0, y: Math.round(sidebar.y), width: Math.round(sidebar.x + sidebar.width), height: Math.round(bottom - sidebar.y) });
}

/**
 * 2. A hover: the mouse over a tracked job's id in a log file, the editor full width (so the id is on screen) and
 * the window tall (a hover is at most max(editor height / 4, 250 px) tall before it scrolls).
 */
async function shotHover(page: Page, file: string): Promise<void> {
  await runCommand(page, 'View: Close Primary Side Bar');
  await page.setViewportSize({ width: VIEWPORT.width, height: HOVER_VIEWPORT_HEIGHT });
  await openFile(page, HOVER_FILE);
  await page.locator('.part.editor .monaco-editor .view-line', { hasText: FEATURED_ICE }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const hover = page.locator('.part.editor .monaco-hover:not(.hidden)', { hasText: 'Inspect' });
  const id = await textBox(page, FEATURED_ICE);
  // The language client starts with the first document; until it answers, a hover may come back empty: move in again.
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height - 80);
    await page.mouse.move(id.x + id.width / 2, id.y + id.height / 2, { steps: 4 });
    try {
      await hover.first().waitFor({ state: 'visible', timeout: 8_000 });
      break;
    } catch (e) {
      if (attempt >= 5) throw e;
    }
  }
  const hoverBox = await hover.first().boundingBox();
  if (!hoverBox) throw new Error('the hover closed before its picture');
  // From the editor's first line and its line numbers to the hover's far corner.
  const editor = await box(page, '.part.editor .monaco-editor');
  const right = Math.min(VIEWPORT.width, Math.max(id.x + id.width, hoverBox.x + hoverBox.width) + 12);
  const bottom = Math.min(HOVER_VIEWPORT_HEIGHT, hoverBox.y + hoverBox.height + 12);
  await shoot(page, file, { x: Math.round(editor.x), y: Math.round(editor.y), width: Math.round(right - editor.x), height: Math.round(bottom - editor.y) });
  await page.keyboard.press('Escape');
  await page.setViewportSize(VIEWPORT);
}

/**
 * 3. The inspector of the same job, full width: the timeline with one clip selected. (Webviews are overlaid on the
 * editor from outside .part.editor: the iframe is found from the top.)
 */
async function shotInspector(page: Page, file: string): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'Media Jobs: Inspect Job');
  await pick(page, FEATURED_ICE.slice(-4));
  const webview = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
  await webview.locator('#tab-timeline').waitFor({ state: 'visible', timeout: 30_000 });
  await webview.locator('#tab-timeline').click();
  const clip = webview.locator('.item.clip[data-track="0"][data-index="1"]');
  await clip.waitFor({ state: 'visible', timeout: 15_000 });
  await clip.click();
  await webview.locator('#clip-details .clip-details').waitFor({ state: 'visible', timeout: 10_000 });
  await page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 10);
  await shoot(page, file, await box(page, '.part.editor'));
}

/**
 * 4. The Recent Jobs view under the tracked jobs: ICE and MPC sources expanded (their first page from the
 * emulator's history), the tracked jobs' view collapsed so both fit.
 */
async function shotRecent(page: Page, file: string): Promise<void> {
  const header = (name: string) => page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^${name}`) }).first();
  if (!(await header('Recent Jobs').isVisible())) await page.locator('.part.activitybar [aria-label^="Media Jobs"]').first().click({ timeout: 30_000 });
  await sideBarWidth(page, SIDEBAR_WIDTH);
  await header('Recent Jobs').waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header('Jobs').getAttribute('aria-expanded')) === 'true') await header('Jobs').click();
  if ((await header('Recent Jobs').getAttribute('aria-expanded')) !== 'true') await header('Recent Jobs').click();
  const row = (text: string) => page.locator('.part.sidebar .monaco-list-row', { hasText: text }).first();
  for (const source of ['IMS editing jobs', 'MPC editing jobs']) {
    await row(source).waitFor({ state: 'visible', timeout: 30_000 });
    if ((await row(source).getAttribute('aria-expanded')) !== 'true') await row(source).click();
  }
  await page.waitForFunction(
    `(() => {
      const rows = [...document.querySelectorAll('.part.sidebar .monaco-list-row')].map((r) => r.textContent || '');
      return rows.filter((t) => /succeeded|failed/.test(t)).length >= 6 && !rows.some((t) => t.includes('Loading'));
    })()`,
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  // A batch (quick video production) job in the window is opened to its sub-jobs.
  const batch = page.locator('.part.sidebar .monaco-list-row', { hasText: /batch (Script|Smart_Mix)/ }).first();
  if (await batch.isVisible()) {
    await batch.click();
    await page.locator('.part.sidebar .monaco-list-row[aria-level="4"]').first().waitFor({ state: 'visible', timeout: 30_000 });
  }
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height / 2);
  const bar = await box(page, '.part.sidebar');
  await shoot(page, file, { x: 0, y: Math.round(bar.y), width: Math.round(bar.x + bar.width), height: Math.round(bar.height) });
}

/** Types an answer into the open input box (or filters the open quick pick) and accepts it. */
async function answer(page: Page, text: string, pickText = false): Promise<void> {
  if (pickText) return pick(page, text);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
  // The next prompt replaces this one; give the widget its frame.
  await settle(page);
  await page.waitForTimeout(150);
}

/**
 * 5. Two accounts: Add Profile… (a second Alibaba Cloud account, the emulator's other RAM user), Switch Default
 * Account…, then Track a Job… of two ICE jobs, which now belong to that account. The Jobs section then shows
 * Alibaba Cloud → customer / default → status, the title the default accounts, the status bar the switch.
 */
async function shotAccounts(page: Page, file: string, emu: Emulator): Promise<void> {
  const header = (name: string) => page.locator('.part.sidebar .pane-header', { hasText: new RegExp(`^${name}`) }).first();
  if (!(await header('Recent Jobs').isVisible())) await page.locator('.part.activitybar [aria-label^="Media Jobs"]').first().click({ timeout: 30_000 });
  await header('Jobs').waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header('Recent Jobs').getAttribute('aria-expanded')) === 'true') await header('Recent Jobs').click();
  if ((await header('Jobs').getAttribute('aria-expanded')) !== 'true') await header('Jobs').click();
  await sideBarWidth(page, SIDEBAR_WIDTH);
  const second = emu.credentials.aliyun2;
  await runCommand(page, 'Media Jobs: Add Profile…');
  await answer(page, 'Alibaba Cloud', true);
  for (const text of ['customer', second.accessKeyId, second.accessKeySecret, '', '']) await answer(page, text);
  await runCommand(page, 'Media Jobs: Switch Default Account…');
  await answer(page, 'customer', true);
  await runCommand(page, 'Media Jobs: Track a Job…');
  await answer(page, 'ice', true);
  for (const text of [`${SAMPLE_IDS.ice.captioned} ${SAMPLE_IDS.ice.template}`, '']) await answer(page, text);
  const rows = page.locator('.part.sidebar .monaco-list-row');
  await page.locator('.part.sidebar .monaco-list-row', { hasText: 'customer (2)' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(`![...document.querySelectorAll('.part.sidebar .monaco-list-row')].some((r) => (r.textContent || '').includes('checking\u2026'))`, undefined, { timeout: 30_000, polling: 250 });
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.mouse.move(VIEWPORT.width - 40, VIEWPORT.height / 2);
  const sidebar = await box(page, '.part.sidebar');
  const lastRow = await rows.last().boundingBox();
  const bottom = Math.min(sidebar.y + sidebar.height, (lastRow ? lastRow.y + lastRow.height : sidebar.y + sidebar.height) + 12);
  await shoot(page, file, { x: 0, y: Math.round(sidebar.y), width: Math.round(sidebar.x + sidebar.width), height: Math.round(bottom - sidebar.y) });
  // The status bar's account switch, beside it.
  const status = page.locator('.part.statusbar [aria-label^="Media Jobs default accounts"]').first();
  await status.waitFor({ state: 'visible', timeout: 10_000 });
}

async function takeScreenshots(page: Page, outDir: string, emu: Emulator): Promise<void> {
  const only = arg('--only');
  const want = (name: string) => typeof only !== 'string' || only.split(',').includes(name);
  if (want('tree')) await shotTree(page, join(outDir, 'tree.png'));
  if (want('hover')) await shotHover(page, join(outDir, 'hover.png'));
  if (want('inspector')) await shotInspector(page, join(outDir, 'inspector.png'));
  if (want('recent')) await shotRecent(page, join(outDir, 'recent.png'));
  // Last: it adds a profile and tracks jobs, which the other pictures must not show.
  if (want('accounts')) await shotAccounts(page, join(outDir, 'accounts.png'), emu);
}

async function screenshots(outDir: string, keep: boolean): Promise<number> {
  try {
    ensureCodeServer(console.log, { browser: true });
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`screenshots: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const artifacts = join(ROOT, 'artifacts', 'screenshots');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(outDir, { recursive: true });

  const cleanups: Array<() => Promise<void> | void> = [];
  let cs: CodeServer | null = null;
  process.once('exit', () => cs?.killNow());
  const stop = async (): Promise<void> => {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch {
        /* keep stopping the rest */
      }
    }
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const emu = await startEmulator({ port: 0, jobs: 'sample', history: 300 });
    cleanups.push(() => emu.close());
    const session = createSession({
      prefix: 'mji-shots-',
      settings: userSettings(emu.url, {
        'workbench.colorTheme': 'Default Light Modern',
        'workbench.startupEditor': 'none',
        'workbench.editor.enablePreview': false,
        'editor.minimap.enabled': false,
        'editor.hover.delay': 200,
        'editor.fontSize': 14,
        'window.commandCenter': false,
        'breadcrumbs.enabled': false,
        'mediaJobs.logLevel': 'info',
        // A slow poll keeps progress and ages from changing under the camera.
        'mediaJobs.pollIntervalSeconds': 600,
      }),
    });
    cleanups.push(() => session.cleanup());

    const port = await freePort(0);
    cs = await startDemoCodeServer({ emu, session, port, logFile: join(artifacts, 'code-server.log'), track: trackList(emu) });
    const server = cs;
    cleanups.push(() => server.stop());

    const browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: SCALE });
    const page = await context.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    cleanups.push(() => writeFileSync(join(artifacts, 'browser-console.log'), `${consoleLines.join('\n')}\n`));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(session.workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.locator('.monaco-workbench .part.activitybar').first().waitFor({ state: 'visible', timeout: 60_000 });

    try {
      await takeScreenshots(page, outDir, emu);
    } catch (err) {
      await page.screenshot({ path: join(artifacts, 'failed.png') }).catch(() => undefined);
      throw err;
    }
    await stop();
    if (!keep) rmSync(artifacts, { recursive: true, force: true });
    return 0;
  } catch (err) {
    console.error(`screenshots: ${err instanceof Error ? err.message : String(err)}`);
    console.error(`  (what the browser showed: ${rel(join(artifacts, 'failed.png'))}; code-server's log: ${rel(join(artifacts, 'code-server.log'))})`);
    await stop();
    return 1;
  }
}

async function main(): Promise<number> {
  if (arg('--icon')) {
    await renderIcon();
    return 0;
  }
  try {
    readFileSync(join(ROOT, 'dist', 'extension.js'));
  } catch {
    console.error('dist/extension.js is missing: run `npm run build` first.');
    return 1;
  }
  const out = arg('--out');
  return screenshots(typeof out === 'string' ? join(process.cwd(), out) : join(ROOT, 'media', 'screenshots'), arg('--keep') === true);
}

main().then((code) => process.exit(code));
