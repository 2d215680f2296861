/**
 * `npm run inspector:preview` end to end: `media-jobs inspect <kind> <id> --json` against the emulator for each
 * of the five kinds, the preview script on its output (the array: the first job is taken), and the page in
 * headless Chromium rendering it under the same CSP as the panel. Also the script's usage errors.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { type Browser } from 'playwright-core';
import { SAMPLE_IDS } from '../emulator/sampleJobs.js';
import { startEmulator, type Emulator } from '../emulator/emulator.js';
import { inspectorCsp } from '../../src/views/inspectorHtml.js';
import { ARTIFACTS, cspViolations, launch, ROOT, shot, waitRendered } from './support.js';
import { credentialEnv } from '../emulator/credentials.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- page.evaluate callbacks run in the browser; this Node project has no DOM types */
declare const document: any;
declare const window: any;

const run = promisify(execFile);
const PREVIEW = join(ROOT, 'scripts', 'inspector-preview.ts');
const CLI = join(ROOT, 'dist', 'cli.js');
const OUT = join(ARTIFACTS, 'pages', 'cli');

let browser: Browser;
let emu: Emulator;
let env: NodeJS.ProcessEnv;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
  emu = await startEmulator({ port: 0 });
  env = { PATH: process.env.PATH, HOME: process.env.HOME, ...credentialEnv(emu) };
});
after(async () => {
  await browser?.close();
  await emu?.close();
});

const CASES = [
  { kind: 'ice', args: [SAMPLE_IDS.ice.succeeded], label: 'IMS editing job', status: 'succeeded' },
  { kind: 'vod', args: [SAMPLE_IDS.vod.allSucceeded], label: 'VOD transcode task', status: 'succeeded' },
  { kind: 'live-editing', args: [SAMPLE_IDS.liveEditing.casterInlineArray, '--show-id', SAMPLE_IDS.liveEditing.showSucceeded], label: 'Live production-studio editing', status: 'succeeded' },
  { kind: 'live-edge', args: [SAMPLE_IDS.liveEdge.running, '--cluster-id', SAMPLE_IDS.liveEdge.clusterId], label: 'Live edge transcode job', status: 'running' },
  { kind: 'mpc-editing', args: [SAMPLE_IDS.mpc.succeeded], label: 'MPC editing job', status: 'succeeded' },
] as const;

describe('inspector preview of `media-jobs inspect --json` output', () => {
  for (const c of CASES) {
    it(`${c.kind}: CLI output → preview page → rendered under the panel's CSP`, async () => {
      const { stdout } = await run(process.execPath, [CLI, 'inspect', c.kind, ...c.args, '--endpoint', emu.url, '--json'], { env, timeout: 30_000 });
      const jobs = JSON.parse(stdout) as Array<{ kind: string; status: string }>;
      assert.ok(Array.isArray(jobs) && jobs[0]?.kind === c.kind);
      const json = join(OUT, `${c.kind}.json`);
      const html = join(OUT, `${c.kind}.html`);
      writeFileSync(json, stdout);
      const r = await run(process.execPath, ['--import', 'tsx', PREVIEW, json, '--out', html, '--theme', 'dark'], { cwd: ROOT, timeout: 60_000 });
      assert.equal(r.stdout.split('\n')[0], html);
      // The same policy as the panel, with a fresh nonce, and nothing remote.
      const page = readFileSync(html, 'utf8');
      const nonce = /<script nonce="([^"]+)"/.exec(page)?.[1] ?? '';
      assert.ok(nonce.length >= 16);
      assert.ok(page.includes(`content="${inspectorCsp('file:', nonce).replace(/'/g, '&#39;')}"`));
      assert.doesNotMatch(page, /https?:\/\/[^"]*\.(js|css)"/);
      const context = await browser.newContext({ viewport: { width: 1200, height: 820 } });
      const p = await context.newPage();
      const csp: string[] = [];
      p.on('console', (m) => {
        if (/Content Security Policy/.test(m.text())) csp.push(m.text());
      });
      await p.goto(pathToFileURL(html).href);
      await waitRendered(p, 1);
      assert.equal(await p.locator('#job-title .kind-label').innerText(), c.label);
      assert.equal(await p.getAttribute('.job-header .chip.status', 'data-status'), c.status);
      assert.equal(await p.evaluate(() => document.title.startsWith(document.querySelector('#job-title .kind-label').textContent)), true);
      assert.deepEqual([...csp, ...(await cspViolations({ page: p, csp: [], pageErrors: [], consoleErrors: [], dialogs: [], file: html }))], []);
      assert.deepEqual(await p.evaluate(() => window.__inspectorPreview.logs), []);
      await shot(p, `emulator-${c.kind}`);
      await context.close();
    });
  }

  it('usage errors: no file, not a job, unknown option', async () => {
    await assert.rejects(run(process.execPath, ['--import', 'tsx', PREVIEW], { cwd: ROOT }), (e: { code?: number; stderr?: string }) => e.code === 2 && /usage:/.test(e.stderr ?? ''));
    const notJob = join(OUT, 'not-a-job.json');
    writeFileSync(notJob, '{"hello":"world"}');
    await assert.rejects(run(process.execPath, ['--import', 'tsx', PREVIEW, notJob], { cwd: ROOT }), (e: { code?: number; stderr?: string }) => e.code === 1 && /not a normalized job/.test(e.stderr ?? ''));
    await assert.rejects(run(process.execPath, ['--import', 'tsx', PREVIEW, notJob, '--theme', 'neon'], { cwd: ROOT }), (e: { code?: number }) => e.code === 2);
  });
});
