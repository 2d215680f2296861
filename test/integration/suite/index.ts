/**
 * The extension-tests entry (extensionTestsPath) for both hosts, code-server (test/integration/harness) and
 * @vscode/test-electron (test/integration/runElectron.ts). Runs mocha (TDD: suite/test) over the compiled
 * tests in ./tests/ next to this file and writes a SuiteResults JSON to $MEDIA_JOBS_TEST_RESULTS.
 * Before it finishes it shows the Media Jobs view, so the harness' final screenshot has it in sight.
 */
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { ENV, VIEW_CONTAINER_ID, type SuiteResults } from '../protocol.js';
import { screenshot } from './helpers.js';

const METRICS_KEY = '__mediaJobsTestMetrics';

function findTests(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

function writeResults(r: SuiteResults): void {
  const file = process.env[ENV.results];
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(r, null, 2));
  renameSync(`${file}.tmp`, file);
}

function message(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: `${err.name}: ${err.message}`, stack: err.stack };
  return { message: String(err) };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const results: SuiteResults = { passed: 0, failed: 0, skipped: 0, failures: [], tests: [], durationMs: 0, metrics: {} };
  (globalThis as Record<string, unknown>)[METRICS_KEY] = results.metrics;
  try {
    const testsDir = join(__dirname, 'tests');
    const wanted = (process.env[ENV.suites] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    let files = findTests(testsDir);
    if (wanted.length) files = files.filter((f) => wanted.includes(relative(testsDir, f).replace(/\\/g, '/').slice(0, -'.test.js'.length)));
    if (files.length === 0) throw new Error(`no *.test.js under ${testsDir}${wanted.length ? ` for ${wanted.join(',')}` : ''}`);

    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      reporter: 'spec', // goes to the extension host's stdout: the terminal under test-electron, code-server's log here
      timeout: Number(process.env.MEDIA_JOBS_TEST_TIMEOUT_MS ?? 30_000),
      slow: 2_000,
    });
    const grep = process.env[ENV.grep];
    if (grep) mocha.grep(new RegExp(grep));
    for (const f of files) mocha.addFile(f);
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => {
        results.passed++;
        results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 });
      });
      runner.on('fail', (t, err) => {
        results.failed++;
        results.failures.push({ title: t.fullTitle(), ...message(err) });
        // Hook failures ("before all" hook…) are reported here too; they count once each.
        results.tests.push({ title: t.fullTitle(), state: 'failed', durationMs: t.duration ?? 0 });
      });
      runner.on('pending', (t) => {
        results.skipped++;
        results.tests.push({ title: t.fullTitle(), state: 'skipped', durationMs: 0 });
      });
    });
  } catch (err) {
    results.error = message(err).message;
  }
  // Leave the view in sight and have the harness take the last picture while the extension host still runs
  // (once results are written the workbench ends the host, and views lose their data).
  try {
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
    await screenshot('98-view-at-end', { waitForSelector: '.part.sidebar .composite.title', timeoutMs: 5_000 });
  } catch {
    /* the container may be missing if the manifest is broken (a test says so); a picture is not a result */
  }
  results.durationMs = Date.now() - started;
  writeResults(results);
  // Under test-electron the exit code is what counts: fail the run.
  if (results.failed > 0 || results.error) {
    throw new Error(results.error ?? `${results.failed} integration test(s) failed`);
  }
}
