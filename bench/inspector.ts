/**
 * `npm run bench:inspector [-- --runs N]`: the inspector webview in headless Chromium with a 10,000-clip,
 * 20-track timeline and a 100,000-clip one (synthetic ICE jobs mapped by the real parser), opened on the Timeline
 * tab through the standalone preview (real bundle, real CSP, the extension's own InspectorSession answering).
 * Prints figures only (no pass/fail): time to first paint of the lanes and the DOM element count then, plus
 * what the stand-in host spent, the Clips tab, and the DOM after zooming in. Budget (ARCHITECTURE.md, performance): < 300 ms and
 * < 3,000 elements. Needs `npm run build`.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser } from 'playwright-core';
import { writePreview } from '../scripts/inspector-preview.js';
import { bigTimelineJob } from '../test/webview/bigTimeline.js';
import { ARTIFACTS, launch } from '../test/webview/support.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;
declare const window: any;
declare const MutationObserver: any;
declare const requestAnimationFrame: any;
declare const KeyboardEvent: any;

/** The stand-in host shares the page's thread: let its start-up finish before the webview gets the job (see PreviewOptions.holdJobMs). */
const HOLD_MS = 2_500;

interface Run {
  firstPaintMs: number;
  navToPaintMs: number;
  elements: number;
  hostParseMs: number;
  hostIndexMs: number;
  clipsPaintMs: number;
  clipsElements: number;
  zoomedElements: number;
  zoomStepMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

async function once(browser: Browser, file: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href, { timeout: 120_000 });
  await page.waitForFunction(() => (window.__inspectorPreview?.rendered ?? []).some((r: { tab: string }) => r.tab === 'timeline'), null, { timeout: 120_000 });
  const first = await page.evaluate(() => {
    const p = window.__inspectorPreview;
    const r = p.rendered.find((x: { tab: string }) => x.tab === 'timeline');
    return { ms: r.ms, at: r.at, elements: r.elements, parse: p.timings.parsedAt, index: p.timings.indexedAt - p.timings.parsedAt };
  });
  // Zoom in eight steps with the keyboard; time one step from key press to the lanes repainted.
  await page.focus('.tl-lanes');
  for (let i = 0; i < 7; i++) await page.keyboard.press('+');
  await page.waitForTimeout(200);
  const zoomStepMs = await page.evaluate(() => new Promise<number>((resolve) => {
    const lanes = document.querySelector('.tl-sizer');
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    obs.observe(lanes, { childList: true, subtree: true });
    lanes.closest('.tl-lanes').dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
  }));
  await page.waitForTimeout(200);
  const zoomedElements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const before = await page.evaluate(() => window.__inspectorPreview.rendered.length);
  await page.click('#tab-clips');
  await page.waitForFunction((n) => window.__inspectorPreview.rendered.length > n, before);
  await page.waitForFunction(() => document.querySelectorAll('.grid-sizer .grid-row:not(.loading)').length > 10, null, { timeout: 60_000 });
  const clips = await page.evaluate(() => {
    const r = window.__inspectorPreview.rendered.at(-1);
    return { ms: r.ms, elements: document.getElementsByTagName('*').length };
  });
  await context.close();
  return {
    firstPaintMs: first.ms, navToPaintMs: first.at, elements: first.elements, hostParseMs: first.parse, hostIndexMs: first.index,
    clipsPaintMs: clips.ms, clipsElements: clips.elements, zoomedElements, zoomStepMs,
  };
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
  const cases = [
    { name: '10,000 clips, 20 tracks', clips: 10_000, tracks: 20 },
    { name: '100,000 clips, 20 tracks', clips: 100_000, tracks: 20 },
  ];
  const browser = await launch();
  try {
    console.log(`inspector webview, headless Chromium, ${runs} run(s) each, median shown; budget: first paint < 300 ms, < 3,000 DOM elements\n`);
    for (const c of cases) {
      const t0 = performance.now();
      const job = bigTimelineJob({ clips: c.clips, tracks: c.tracks });
      const file = writePreview(job, join(ARTIFACTS, 'bench', `timeline-${c.clips}.html`), { state: { tab: 'timeline' }, theme: 'dark', holdJobMs: HOLD_MS });
      const prepMs = performance.now() - t0;
      const results: Run[] = [];
      for (let i = 0; i < runs; i++) results.push(await once(browser, file));
      const m = (k: keyof Run): number => median(results.map((r) => r[k]));
      console.log(`${c.name}`);
      console.log(`  first paint of the timeline (job message received → lanes painted): ${m('firstPaintMs').toFixed(1)} ms   [runs: ${results.map((r) => r.firstPaintMs.toFixed(0)).join(', ')}]`);
      console.log(`  DOM elements at first paint:                                         ${m('elements')}`);
      console.log(`  page navigation → lanes painted (the job is held until ${HOLD_MS} ms):    ${m('navToPaintMs').toFixed(0)} ms`);
      console.log(`  stand-in host: read the job JSON ${m('hostParseMs').toFixed(0)} ms, index the timeline ${m('hostIndexMs').toFixed(0)} ms (the extension host's work in VS Code)`);
      console.log(`  zoomed in 8×: one zoom step repainted in ${m('zoomStepMs').toFixed(1)} ms, DOM elements ${m('zoomedElements')}`);
      console.log(`  Clips tab: first paint ${m('clipsPaintMs').toFixed(1)} ms, DOM elements ${m('clipsElements')}`);
      console.log(`  (generating the job and the page: ${(prepMs / 1000).toFixed(1)} s, not measured above)\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
