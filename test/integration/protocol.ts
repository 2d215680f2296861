/**
 * What the integration harness (a Node process) and the suite (inside the VS Code extension host) agree on:
 * the environment variables the harness sets for the extension host, the results file the suite writes, and
 * the request files through which a test asks the harness for things only it can do (screenshot the page,
 * read text off the rendered workbench, change the emulator's jobs).
 *
 * Requests: the test writes `<MEDIA_JOBS_TEST_REQUESTS>/<id>.request` (JSON HarnessRequest, written to a
 * temporary name and renamed); the harness polls the folder, does it, and writes `<id>.done` (JSON
 * HarnessResponse). Screenshot requests use the id `shot-<name>` and land in artifacts/integration/<name>.png.
 * No imports: both sides bundle or load this file.
 */

export const ENV = {
  /** "1": the extension returns its test API from activate(). */
  test: 'MEDIA_JOBS_TEST',
  /** Where the suite writes its SuiteResults (JSON). */
  results: 'MEDIA_JOBS_TEST_RESULTS',
  /** Folder of request files (see above); unset when no harness listens (e.g. @vscode/test-electron). */
  requests: 'MEDIA_JOBS_TEST_REQUESTS',
  /** Comma-separated suite names (test file names without .test.ts); unset = every top-level suite. */
  suites: 'MEDIA_JOBS_TEST_SUITES',
  /** Mocha grep (a regular expression on full test titles). */
  grep: 'MEDIA_JOBS_TEST_GREP',
  /** The window's logs folder parent: <user-data-dir>/logs. */
  logs: 'MEDIA_JOBS_TEST_LOGS',
  /** "on" when the run leaves workspace trust on (the fixture folder is then untrusted), else "off". */
  trust: 'MEDIA_JOBS_TEST_TRUST',
  /** "code-server" or "electron". */
  host: 'MEDIA_JOBS_TEST_HOST',
  /**
   * The name of this window's session (e.g. "main", "untrusted", "persist-2"). Sessions of one chain run one
   * after another on the same user-data-dir, HOME and browser profile: each is a restart of the previous one.
   */
  session: 'MEDIA_JOBS_TEST_SESSION',
  /** The user-data-dir of the window under test (settings at User/settings.json). */
  userDataDir: 'MEDIA_JOBS_TEST_USER_DATA_DIR',
  /** A throwaway HOME for the extension host (e.g. to plant ~/.aliyun/config.json). */
  home: 'HOME',
  emulatorUrl: 'MEDIA_JOBS_EMULATOR_URL',
  /** The emulator's control token (test/emulator/control.ts): only the test code holds it. */
  emulatorToken: 'MEDIA_JOBS_EMULATOR_TOKEN',
  /** Set by `npm start` only. */
  demo: 'MEDIA_JOBS_DEMO',
} as const;

export type SuiteTestState = 'passed' | 'failed' | 'skipped';

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  failures: Array<{ title: string; message: string; stack?: string }>;
  /** Every test in run order. */
  tests: Array<{ title: string; state: SuiteTestState; durationMs: number }>;
  durationMs: number;
  /** Figures tests recorded with recordMetric() (benchmarks). */
  metrics: Record<string, unknown>;
  /** Set when the suite could not run at all (load error, no tests found). */
  error?: string;
}

export interface ScreenshotRequest {
  type: 'screenshot';
  /** File name without .png: [A-Za-z0-9._-]+ */
  name: string;
  /** Wait (up to timeoutMs) until an element matching this CSS selector is visible before shooting. */
  waitForSelector?: string;
  /** Wait until this text is visible somewhere in the workbench before shooting. */
  waitForText?: string;
  timeoutMs?: number;
}

export interface UiTextRequest {
  type: 'uiText';
  /** CSS selector; answers the innerText of every match, in document order. */
  selector: string;
  /** Wait until at least one match exists (default 0 = do not wait). */
  timeoutMs?: number;
}

/** Presses keys in the page (Playwright key names, e.g. "Escape", "F1", "Control+Shift+P"). */
export interface KeysRequest {
  type: 'keys';
  keys: string[];
}

/** Moves the mouse over the first element matching `selector` (and containing `hasText`), e.g. a tree row. */
export interface HoverRequest {
  type: 'hover';
  selector: string;
  hasText?: string;
  timeoutMs?: number;
}

/** Drags the side bar's edge (the sash between it and the editor) until the side bar is `width` px wide. */
export interface SideBarWidthRequest {
  type: 'sideBarWidth';
  width: number;
}

/** Like uiText, but answers the innerHTML of every match (to check what a hover really rendered). */
export interface UiHtmlRequest {
  type: 'uiHtml';
  selector: string;
  timeoutMs?: number;
}

/**
 * Like uiText, inside the webviews (VS Code draws each in nested iframes of another origin): the innerText of every
 * match in every frame of the page, frames in Playwright's order.
 */
export interface WebviewTextRequest {
  type: 'webviewText';
  selector: string;
  timeoutMs?: number;
}

/**
 * Answers the entries of the workbench's IndexedDB state (`vscode-web-state-db-*`: where VS Code for the Web
 * keeps globalState) whose key contains `keyContains`, as `{db, key, value}` with value as text.
 */
export interface WebStorageRequest {
  type: 'webStorage';
  keyContains: string;
}

export type EmulatorRequest =
  | { type: 'emulator.setStatus'; kind: string; id: string; status: string | number; opts?: Record<string, unknown> }
  | { type: 'emulator.setVodItemStatus'; taskId: string; jobId: string; status: string | number; opts?: Record<string, unknown> }
  | { type: 'emulator.inject'; fault: Record<string, unknown> }
  | { type: 'emulator.clearFaults' }
  | { type: 'emulator.resetRateLimits' }
  /** Answers `value`: the request log entries from index `since` (default 0). */
  | { type: 'emulator.requests'; since?: number };

export type HarnessRequest = ScreenshotRequest | UiTextRequest | KeysRequest | HoverRequest | SideBarWidthRequest | UiHtmlRequest | WebviewTextRequest | WebStorageRequest | EmulatorRequest;

export interface HarnessResponse {
  ok: boolean;
  /** screenshot: the PNG's path; uiText: string[]; emulator.requests: the entries. */
  value?: unknown;
  error?: string;
}

export const EXTENSION_ID = 'media-job-inspector.media-job-inspector';
export const VIEW_CONTAINER_ID = 'mediaJobs';
export const VIEW_ID = 'mediaJobs.jobs';
export const ENDPOINT_KINDS = ['ice', 'vod', 'live-editing', 'live-edge', 'mpc-editing'] as const;
