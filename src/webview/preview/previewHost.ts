/**
 * The standalone preview's stand-in for the extension host (bundled to dist/preview/preview-host.js and loaded,
 * with the page's nonce, before the real inspector bundle). It reads the job from the page's JSON data block,
 * provides `acquireVsCodeApi`, and answers the webview with the same InspectorSession the extension uses, after
 * the same validation. What the webview asked for (opens, copies, refreshes, rendered reports, refused messages)
 * is recorded on `window.__inspectorPreview` for tests and the benchmark. Never shipped in the extension.
 */
import { type Job } from '../../model/job.js';
import { jobKey } from '../../kinds/refs.js';
import { refOfJob } from '../../kinds/refs.js';
import { type TrackedJob } from '../../model/trackedJob.js';
import { InspectorSession } from '../../inspect/inspectorSession.js';
import { type PreviewOptions } from '../../protocol/preview.js';
import { type HostMessage, parseWebviewMessage, type WebviewMessage } from '../../protocol/webview.js';

export interface PreviewRecord {
  session: InspectorSession;
  fromWebview: WebviewMessage[];
  rejected: Array<{ message: unknown; reason: string }>;
  opened: Array<{ url: string; warned: boolean }>;
  refusedOpens: Array<{ url: string; reason: string }>;
  copied: Array<{ what: string; text: string }>;
  refreshes: number;
  /** Render reports, with `at`: performance.now() when the report arrived (after the paint). */
  rendered: Array<Extract<WebviewMessage, { type: 'rendered' }> & { at: number }>;
  logs: Array<{ level: string; message: string }>;
  /** performance.now() when the job data was read and indexed, and when the first job message went out. */
  timings: { parsedAt: number; indexedAt: number; firstJobPostedAt: number };
  state: unknown;
  /** Sends a new revision: the job replaced (or patched), as a store change would. */
  update(job?: Job | ((j: Job) => Job), tracked?: Partial<TrackedJob>): void;
  setTheme(theme: 'light' | 'dark' | 'high-contrast'): void;
  /** Delivers a message as if the webview had sent it (to test the host's validation). */
  receive(message: unknown): void;
}

declare global {
  interface Window {
    __inspectorPreview?: PreviewRecord;
    acquireVsCodeApi?: () => { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
  }
}

function readBlock(id: string): unknown {
  const el = document.getElementById(id);
  return el?.textContent ? JSON.parse(el.textContent) : undefined;
}

function start(): void {
  const t0 = performance.now();
  const job = readBlock('preview-job') as Job;
  const options = (readBlock('preview-options') ?? {}) as PreviewOptions;
  const parsedAt = performance.now();
  const ref = refOfJob(job);
  const key = jobKey(ref);
  let tracked: TrackedJob = {
    key, ref, snapshot: job, lastError: null, addedAt: job.createdAt ?? new Date(0).toISOString(), lastCheckedAt: job.updatedAt ?? job.completedAt ?? job.createdAt,
    watched: false, ...options.tracked,
  };
  const session = new InspectorSession(key);
  let jobMessage: HostMessage = session.update(tracked, false);
  const indexedAt = performance.now();
  const latency = options.latencyMs ?? 0;
  let state: unknown = options.state ? { jobKey: key, ...options.state } : undefined;
  void t0;

  const post = (m: HostMessage): void => {
    const data = structuredClone(m);
    setTimeout(() => window.dispatchEvent(new MessageEvent('message', { data })), latency);
  };

  const record: PreviewRecord = {
    session, fromWebview: [], rejected: [], opened: [], refusedOpens: [], copied: [], refreshes: 0, rendered: [], logs: [],
    timings: { parsedAt, indexedAt, firstJobPostedAt: 0 },
    get state() {
      return state;
    },
    update(next, patch) {
      const current = tracked.snapshot as Job;
      const snapshot = typeof next === 'function' ? next(current) : next ?? current;
      tracked = { ...tracked, ...patch, snapshot };
      jobMessage = session.update(tracked, false);
      post(jobMessage);
    },
    setTheme(theme) {
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
      document.body.classList.add(`vscode-${theme}`);
      document.body.dataset.vscodeThemeKind = `vscode-${theme}`;
    },
    receive(message) {
      handle(message);
    },
  };
  window.__inspectorPreview = record;
  record.setTheme(options.theme ?? 'dark');

  const done = (action: 'copy' | 'open', ok: boolean, message: string): void => post({ type: 'done', action, ok, message });

  function handle(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      record.rejected.push({ message: raw, reason: parsed.reason });
      return;
    }
    const m = parsed.value;
    record.fromWebview.push(m);
    switch (m.type) {
      case 'ready': {
        const wait = Math.max(0, (options.holdJobMs ?? 0) - performance.now());
        setTimeout(() => {
          if (record.timings.firstJobPostedAt === 0) record.timings.firstJobPostedAt = performance.now();
          post(jobMessage);
        }, wait);
        return;
      }
      case 'requestWindow':
      case 'requestRows':
      case 'requestClip':
      case 'requestRaw': {
        const answer = session.answer(m);
        if (answer) post(answer);
        return;
      }
      case 'copy':
        record.copied.push({ what: m.what, text: m.text });
        done('copy', true, `Copied ${m.what}`);
        return;
      case 'copyRaw': {
        const text = session.rawText(m.decoded);
        if (text !== null) record.copied.push({ what: m.decoded ? 'raw JSON (decoded)' : 'raw JSON', text });
        done('copy', text !== null, text !== null ? 'Copied the response body' : 'No response body to copy');
        return;
      }
      case 'openExternal': {
        const check = session.checkOpen(m.url);
        if (!check.ok) {
          record.refusedOpens.push({ url: m.url, reason: check.reason });
          done('open', false, `Not opened: ${check.reason}`);
          return;
        }
        record.opened.push({ url: check.url, warned: check.warn });
        done('open', true, check.warn ? 'Opened (after the plain-http warning)' : 'Opened');
        return;
      }
      case 'refresh':
        record.refreshes++;
        return;
      case 'rendered':
        record.rendered.push({ ...m, at: performance.now() });
        document.documentElement.dataset.renderedRevision = String(m.revision);
        return;
      case 'log':
        record.logs.push({ level: m.level, message: m.message });
        return;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  window.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => {
      // Structured clone like the real channel, and asynchronous.
      const copy = structuredClone(m);
      setTimeout(() => handle(copy), 0);
    },
    getState: () => state,
    setState: (s: unknown) => {
      state = structuredClone(s);
    },
  });
}

start();
