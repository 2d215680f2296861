/**
 * Helpers of the webview tests: normalized jobs from the fixtures (through the real kind parsers), preview pages
 * of them (scripts/inspector-preview.ts, i.e. the real bundle under the real CSP), and headless Chromium driven
 * by playwright-core, with every CSP violation, page error, console error and dialog recorded.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { KINDS } from '../../src/clouds/adapters/registry.js';
import { type Job, type JobKind } from '../../src/model/job.js';
import { type JobRef } from '../../src/model/jobRef.js';
import { type PreviewOptions } from '../../src/protocol/preview.js';
import { ROOT, writePreview } from '../../scripts/inspector-preview.js';
import { envWithIsolatedXdg } from '../support/isolatedXdg.js';

export { ROOT };

// Functions passed to page.evaluate run in the browser; this project's Node tsconfig has no DOM types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
/* eslint-enable @typescript-eslint/no-explicit-any */
export const ARTIFACTS = join(ROOT, 'artifacts', 'webview');
export const CHROMIUM = process.env.MEDIA_JOBS_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** The normalized job(s) a fixture response maps to. */
export function fixtureJobs(kind: JobKind, name: string, refs: JobRef[] = []): Job[] {
  const body = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', kind, `${name}.json`), 'utf8'));
  const region = kind === 'mpc-editing' ? 'cn-north-4' : 'cn-shanghai';
  return KINDS[kind].parse(body, { refs, region, requestId: kind === 'mpc-editing' ? 'a3c5d2e0-0b8e-4f0e-9d8c-5b1f2e3d4c5b' : null }).jobs;
}

export function fixtureJob(kind: JobKind, name: string, refs: JobRef[] = []): Job {
  const job = fixtureJobs(kind, name, refs)[0];
  if (!job) throw new Error(`${kind}/${name}: no job`);
  return job;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env: envWithIsolatedXdg('browser') });
}

export interface Opened {
  page: Page;
  /** CSP violations (securitypolicyviolation events and console reports). */
  csp: string[];
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
  file: string;
}

let pageNo = 0;

/** Writes a preview of `job`, opens it, waits until the webview reports a render, and returns the page with its records. */
export async function openPreview(browser: Browser, job: Job, o: PreviewOptions & { name?: string; viewport?: { width: number; height: number }; lang?: string } = {}): Promise<Opened> {
  mkdirSync(join(ARTIFACTS, 'pages'), { recursive: true });
  const { name, viewport, ...options } = o;
  const file = writePreview(job, join(ARTIFACTS, 'pages', `${name ?? `page-${process.pid}-${++pageNo}`}.html`), options);
  const context = await browser.newContext({ viewport: viewport ?? { width: 1200, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const rec: Opened = { page, csp: [], pageErrors: [], consoleErrors: [], dialogs: [], file };
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string; sample: string }) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy/i.test(text)) rec.csp.push(text);
    else if (m.type() === 'error') rec.consoleErrors.push(text);
  });
  page.on('pageerror', (e) => rec.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    rec.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await waitRendered(page, 1);
  return rec;
}

/** Waits until the webview has reported a render of at least `revision`. */
export async function waitRendered(page: Page, revision: number, timeout = 15_000): Promise<void> {
  await page.waitForFunction((r) => Number(document.documentElement.dataset.renderedRevision ?? 0) >= r, revision, { timeout });
}

/** CSP violations seen by the page's own listener plus the console. */
export async function cspViolations(o: Opened): Promise<string[]> {
  const fromPage = await o.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...fromPage, ...o.csp];
}

export async function shot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Clicks a tab and waits for the render report of the tab. */
export async function showTab(page: Page, tab: string): Promise<void> {
  const before = await page.evaluate(() => window.__inspectorPreview?.rendered.length ?? 0);
  await page.click(`#tab-${tab}`);
  await page.waitForFunction((n) => (window.__inspectorPreview?.rendered.length ?? 0) > n, before, { timeout: 10_000 });
}
