/// <reference types="mocha" />
/**
 * Helpers for integration tests (they run in the extension host). No fixed sleeps: poll with waitFor.
 * Harness requests (screenshot, uiText, keys, emulator.*) resolve to undefined when no harness listens
 * (@vscode/test-electron), so tests that only want a picture still pass there; tests that need an answer
 * call requireHarness() first and are skipped without one.
 */
import { existsSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ENV, EXTENSION_ID, type HarnessRequest, type HarnessResponse, type ScreenshotRequest } from '../protocol.js';

export { ENV, EXTENSION_ID };

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * How long a test waits for a webview's first render. In code-server every webview shares the workbench's
 * origin, so a new webview registers its service worker over the previous one's and waits for `controllerchange`
 * (the browser console says "Found unexpected service worker controller"); on a loaded 2-core CI machine that took
 * over 15 s once. Tests that wait this long raise their own mocha timeout with WEBVIEW_TEST_TIMEOUT_MS.
 */
export const WEBVIEW_LOAD_MS = 45_000;
export const WEBVIEW_TEST_TIMEOUT_MS = WEBVIEW_LOAD_MS + 30_000;

/**
 * Polls `predicate` (every `intervalMs`, default 50) until it returns a truthy value, and returns that value.
 * Rejects after `timeoutMs` with `message` and the last error the predicate threw, if any.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  timeoutMs = 10_000,
  opts: { intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await predicate();
      if (v) return v as NonNullable<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor: ${opts.message ?? 'condition not met'} within ${timeoutMs} ms${why}`);
    }
    await delay(opts.intervalMs ?? 50);
  }
}

/** True when a harness serves requests (code-server runs), false under @vscode/test-electron. */
export function hasHarness(): boolean {
  return !!process.env[ENV.requests];
}

/** Skips the calling test when no harness listens. Use as `requireHarness(this)` in a `function` test. */
export function requireHarness(ctx: Mocha.Context): void {
  if (!hasHarness()) ctx.skip();
}

/**
 * Request ids must be unique in the window: every suite file is its own bundle with its own copy of this module,
 * so the counter lives on globalThis (shared by all of them), and a random part guards against anything else.
 */
function nextSeq(): number {
  const g = globalThis as { __mediaJobsHarnessSeq?: number };
  g.__mediaJobsHarnessSeq = (g.__mediaJobsHarnessSeq ?? 0) + 1;
  return g.__mediaJobsHarnessSeq;
}

/** Sends one request to the harness and waits for its answer; undefined when there is no harness. */
export async function harnessRequest<T = unknown>(req: HarnessRequest, timeoutMs = 30_000, id?: string): Promise<T | undefined> {
  const dir = process.env[ENV.requests];
  if (!dir) return undefined;
  const name = id ?? `${String(nextSeq()).padStart(4, '0')}-${req.type}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const done = join(dir, `${name}.done`);
  if (existsSync(done)) unlinkSync(done);
  const tmp = join(dir, `${name}.request.tmp`);
  writeFileSync(tmp, JSON.stringify(req));
  renameSync(tmp, join(dir, `${name}.request`));
  const res = await waitFor(
    () => (existsSync(done) ? (JSON.parse(readFileSync(done, 'utf8')) as HarnessResponse) : undefined),
    timeoutMs,
    { intervalMs: 50, message: `harness answer to ${req.type}` },
  );
  if (!res.ok) throw new Error(`harness: ${req.type} failed: ${res.error ?? 'unknown error'}`);
  return res.value as T;
}

/**
 * Screenshot checkpoint: the harness saves the page as artifacts/integration/<name>.png (after waiting for the
 * selector or text, if given) and answers with the path. Resolves to undefined without a harness.
 */
export function screenshot(name: string, opts: Omit<ScreenshotRequest, 'type' | 'name'> = {}): Promise<string | undefined> {
  const wait = (opts.timeoutMs ?? 10_000) + 20_000;
  return harnessRequest<string>({ type: 'screenshot', name, ...opts }, wait, `shot-${name}`);
}

/** innerText of every element matching the CSS selector in the rendered workbench. */
export function uiText(selector: string, timeoutMs = 0): Promise<string[] | undefined> {
  return harnessRequest<string[]>({ type: 'uiText', selector, timeoutMs }, timeoutMs + 20_000);
}

/** Presses keys in the browser page (Playwright names: "Escape", "F1", "Control+Shift+P"). */
export async function pressKeys(...keys: string[]): Promise<void> {
  await harnessRequest({ type: 'keys', keys });
}

/** Moves the mouse over the first element matching the CSS selector (and containing `hasText`), e.g. a tree row. */
export async function hover(selector: string, hasText?: string, timeoutMs = 10_000): Promise<void> {
  await harnessRequest({ type: 'hover', selector, ...(hasText ? { hasText } : {}), timeoutMs }, timeoutMs + 20_000);
}

/** Drags the side bar's edge so the side bar is `width` pixels wide (for readable screenshots). */
export async function sideBarWidth(width: number): Promise<void> {
  await harnessRequest({ type: 'sideBarWidth', width });
}

/** innerHTML of every element matching the CSS selector in the rendered workbench. */
export function uiHtml(selector: string, timeoutMs = 0): Promise<string[] | undefined> {
  return harnessRequest<string[]>({ type: 'uiHtml', selector, timeoutMs }, timeoutMs + 20_000);
}

/** innerText of every element matching the CSS selector inside the webviews (the inspector's page). */
export function webviewText(selector: string, timeoutMs = 0): Promise<string[] | undefined> {
  return harnessRequest<string[]>({ type: 'webviewText', selector, timeoutMs }, timeoutMs + 20_000);
}

/**
 * Entries of the workbench's own state storage (IndexedDB `vscode-web-state-db-*` in the browser: where VS Code
 * for the Web keeps globalState) whose key contains `keyContains`. Undefined without a harness.
 */
export function webStorage(keyContains: string): Promise<Array<{ db: string; key: string; value: string }> | undefined> {
  return harnessRequest({ type: 'webStorage', keyContains });
}

/** The emulator's HTTP control endpoint (test/emulator/control.ts), at MEDIA_JOBS_EMULATOR_URL. */
async function control<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const base = process.env[ENV.emulatorUrl];
  if (!base) throw new Error(`${ENV.emulatorUrl} is not set: no emulator in this run`);
  const r = await fetch(`${base}/_emulator/${path}`, {
    method,
    headers: { 'x-emulator-token': process.env[ENV.emulatorToken] ?? '', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Drives the emulator of this run. setStatus/inject/clearFaults/requests go through its HTTP control
 * endpoint (work under both hosts); setVodItemStatus and resetRateLimits through the harness (code-server
 * runs only; undefined elsewhere).
 */
export const emulator = {
  /**
   * From now on the job shows `status` (the cloud's raw value), e.g. ('ice', id, 'Success', { progress: 100 });
   * `fields` are wire fields in the cloud's spelling that appear from now on (e.g. `{ MediaURL }` for ICE).
   */
  setStatus: (
    kind: string, id: string, status: string | number,
    opts: { progress?: number; error?: { code: string; message: string }; fields?: Record<string, unknown> } = {},
  ) =>
    control<{ ok: boolean }>('POST', 'status', { kind, id, status, ...opts }),
  inject: (fault: Record<string, unknown>) => control<{ ok: boolean }>('POST', 'faults', fault),
  clearFaults: () => control<{ ok: boolean }>('DELETE', 'faults'),
  /** The request log (RequestLogEntry[] of test/emulator/emulator.ts), from index `since`. */
  requests: async (since = 0) => (await control<Array<Record<string, unknown>>>('GET', 'requests')).slice(since),
  setVodItemStatus: (taskId: string, jobId: string, status: string | number, opts?: Record<string, unknown>) =>
    harnessRequest({ type: 'emulator.setVodItemStatus', taskId, jobId, status, opts }),
  resetRateLimits: () => harnessRequest({ type: 'emulator.resetRateLimits' }),
};

/** Records a figure into the results file's `metrics` (benchmarks read it). */
export function recordMetric(name: string, value: unknown): void {
  const m = (globalThis as Record<string, unknown>).__mediaJobsTestMetrics as Record<string, unknown> | undefined;
  if (m) m[name] = value;
}

export function extension<T = unknown>(): vscode.Extension<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Activates the extension (if it is not yet) and returns its exports: the test API when MEDIA_JOBS_TEST=1. */
export async function activate<T = unknown>(): Promise<T> {
  const ext = extension<T>();
  return ext.isActive ? ext.exports : ext.activate();
}

/**
 * Lines logged at error level in this window's logs (extension host, output channels, …) for which
 * `keep(file, line)` is true (file relative to the logs folder); each as "file: line". Empty when the logs
 * folder is unknown (ENV.logs unset).
 */
export function errorLogLines(keep: (file: string, line: string) => boolean = () => true): string[] {
  const root = process.env[ENV.logs];
  if (!root || !existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) {
        const rel = p.slice(root.length + 1);
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          if (/\[error\]/i.test(line) && keep(rel, line)) out.push(`${rel}: ${line}`);
        }
      }
    }
  };
  walk(root);
  return out;
}

/**
 * The extension host's record of a failed activation of `id` (the "Activating extension … failed" line and
 * the error after it), or undefined. Needed because VS Code counts a failed activation as activated:
 * `ext.isActive` is true and `ext.activate()` resolves (with undefined exports) once it has failed.
 */
export function activationFailure(id = EXTENSION_ID): string | undefined {
  const root = process.env[ENV.logs];
  if (!root || !existsSync(root)) return undefined;
  const marker = `Activating extension ${id} failed`;
  let found: string | undefined;
  const walk = (d: string): void => {
    for (const e of readdirSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!found && e.name.endsWith('.log')) {
        const lines = readFileSync(p, 'utf8').split('\n');
        const i = lines.findIndex((l) => l.toLowerCase().includes(marker.toLowerCase()));
        if (i >= 0) found = lines.slice(i, i + 4).join('\n');
      }
    }
  };
  walk(root);
  return found;
}

/** Every file under `dir` (recursively), as absolute paths. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/**
 * The file this window's extension host writes the extension's LogOutputChannel `channel` to
 * (`<logs>/<start time>/exthost1/<extension id>/<channel>.log`), or undefined when there is none (yet).
 */
export function channelLogFile(channel = 'Media Jobs', id = EXTENSION_ID): string | undefined {
  const root = process.env[ENV.logs];
  if (!root) return undefined;
  return filesUnder(root).find((f) => f.endsWith(`/${id}/${channel}.log`) || f.endsWith(`\\${id}\\${channel}.log`));
}

function readdirSafe(d: string): Dirent[] {
  try {
    return readdirSync(d, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The markdown of every hover VS Code gets at a position (all providers), joined by `\n---\n`. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n---\n');
}

/** Every file under `dir` (the extension's globalStorageUri: the tracked list, the job files), as [path, text]. */
export function storageFiles(dir: string): Array<[string, string]> {
  return filesUnder(dir).map((f) => [f, readFileSync(f, 'utf8')]);
}
