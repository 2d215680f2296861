/**
 * The language client: starts the Media Jobs language server (dist/server.js, its own process, IPC) when the
 * first file or untitled document is opened or visible, never during activation, and wires what the server
 * finds into VS Code:
 * - the hover: the server says which id is under the mouse (`mediaJobs/findJobIdAt`); the hover itself (status
 *   from the job store, or one bounded fetch) is built here, where the store and credentials are
 *   (src/views/jobHover.ts), by a hover provider registered once the server runs. The server never sees a secret.
 * - document links or CodeLenses (setting `mediaJobs.jobIdLinks`) from `mediaJobs/findJobIds`
 *   (src/views/jobLinks.ts);
 * - `jobIdAt` for Look Up Job ID at Cursor (handed to the commands at construction): the server's detection while it runs, else the detector bundle (dist/detector.js)
 *   over the lines around the cursor;
 * - `mediaJobs/didChangeTrackedIds` whenever the set of tracked ids changes (also sent at initialization), so
 *   tracked ids are found anywhere.
 * The links run `mediaJobs.openJobReference` (src/commands/jobReference.ts, registered with the other commands).
 * vscode-languageclient is its own bundle (dist/language-client.js), required when the server starts, so
 * activation does not pay for it.
 */
import * as vscode from 'vscode';
import type * as ClientCore from './clientCore.js';
import type { LanguageClient, LanguageClientOptions } from './clientCore.js';
import { type CloudAccess } from '../tracking/cloudAccess.js';
import { type CredentialsService } from '../tracking/credentialsService.js';
import { type ProfilesService } from '../tracking/profilesService.js';
import { type JobStore } from '../tracking/jobStore.js';
import { type Logger } from '../platform/logger.js';
import type * as Detector from '../detect/detectJobIds.js';
import { type DetectedJobId } from '../detect/detectJobIds.js';
import { type JobIdHitInDocument } from '../model/jobIdHit.js';
import { type JobRef } from '../model/jobRef.js';
import { DID_CHANGE_TRACKED_IDS_METHOD, type DidChangeTrackedIdsParams, FIND_JOB_ID_AT_METHOD, FIND_JOB_IDS_METHOD, type FindJobIdAtParams, type FindJobIdsParams, isJobIdHitInDocument, MAX_TRACKED_IDS } from '../protocol/lsp.js';
import { JobHoverProvider } from '../views/jobHover.js';
import { type JobIdFinder, registerJobLinks } from '../views/jobLinks.js';

/** The client library's bundle sits next to this one (dist/language-client.js, external to the extension build). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require of a sibling bundle is the point
const loadClientCore = (): typeof ClientCore => require('./language-client.js') as typeof ClientCore;
/**
 * The detector as its own bundle (dist/detector.js, the same code the server runs), required only when Look Up
 * runs while the server does not: the extension bundle does not carry it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require of a sibling bundle is the point
const loadDetector = (): typeof Detector => require('./detector.js') as typeof Detector;

/** Schemes whose documents the server reads. */
export const SUPPORTED_SCHEMES: readonly string[] = ['file', 'untitled'];
/** The same as a document selector: the client's documents, the hover's. */
const SUPPORTED_SELECTOR: Array<{ scheme: string }> = SUPPORTED_SCHEMES.map((scheme) => ({ scheme }));

export function isSupportedDocument(document: vscode.TextDocument): boolean {
  return SUPPORTED_SCHEMES.includes(document.uri.scheme);
}

/** What the language features use: the tracked jobs, the cloud access and credentials for hovers, the log. */
export interface LanguageDeps {
  store: JobStore;
  access: CloudAccess;
  credentials: CredentialsService;
  /** An untracked id is looked up with each cloud's default profile, and the hover says which. */
  profiles: ProfilesService;
  logger: Logger;
}

/** How long Look Up waits for a client that is starting before it uses the core detector. */
const START_WAIT_MS = 5000;

/** The tracked ids the server is told about (one entry per id). */
export function trackedIdRefs(deps: Pick<LanguageDeps, 'store'>): JobRef[] {
  const seen = new Set<string>();
  const out: JobRef[] = [];
  for (const t of deps.store.all()) {
    if (seen.has(t.ref.id) || out.length >= MAX_TRACKED_IDS) continue;
    seen.add(t.ref.id);
    out.push({ kind: t.ref.kind, id: t.ref.id, region: t.ref.region, params: { ...t.ref.params } });
  }
  return out;
}

/** A hit from the server as Look Up takes it: its place on its line. */
function toDetected(m: JobIdHitInDocument): DetectedJobId {
  const { range, ...hit } = m;
  return { ...hit, range: { start: range.start.character, end: range.end.character } };
}

/** The language client and everything built on it. */
export class JobIdLanguageClient implements JobIdFinder, vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private disposed = false;
  private lastTracked = '';
  private trackedTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  readonly hover: JobHoverProvider;

  constructor(private readonly context: vscode.ExtensionContext, private readonly deps: LanguageDeps) {
    // Restricted Mode: the hover answers tracked jobs from the store and fetches nothing for the document's other ids.
    this.hover = new JobHoverProvider({
      store: deps.store, access: deps.access, logger: deps.logger, isTrusted: () => vscode.workspace.isTrusted,
      credentials: {
        status: async () => {
          const c = await deps.profiles.defaultCredentials();
          return { aliyun: c.aliyun !== undefined, huawei: c.huawei !== undefined };
        },
      },
      profileOf: (cloud) => deps.profiles.defaultName(cloud),
    });
  }

  /** True once the server answers. */
  get running(): boolean {
    return this.client?.isRunning() ?? false;
  }

  /** Starts the client (once); resolves to it, or undefined when the server could not be started. */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.doStart().catch((e: unknown) => {
      this.deps.logger.error(`language server: could not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    return this.starting;
  }

  private async doStart(): Promise<LanguageClient | undefined> {
    const started = performance.now();
    const core = loadClientCore();
    if (this.disposed) return undefined;
    const initialTracked = trackedIdRefs(this.deps);
    const clientOptions: LanguageClientOptions = {
      documentSelector: SUPPORTED_SELECTOR,
      initializationOptions: { trackedIds: initialTracked },
      connectionOptions: { maxRestartCount: 4 },
    };
    const client = core.createLanguageClient(this.context.asAbsolutePath('dist/server.js'), clientOptions);
    this.client = client;
    await client.start();
    this.lastTracked = JSON.stringify(initialTracked);
    this.deps.logger.info(`language server started in ${(performance.now() - started).toFixed(0)} ms`);
    if (this.disposed) {
      await client.stop().catch(() => undefined);
      return undefined;
    }
    // The hover, links (or CodeLenses) need the server: registered once it runs. The server only says where an
    // id is; the hover's content comes from the store (or one fetch).
    this.disposables.push(
      vscode.languages.registerHoverProvider(SUPPORTED_SELECTOR, {
        provideHover: async (document, position, token) => {
          const m = await this.findJobIdAt(document, position, token);
          if (!m) return null;
          const r = m.range;
          return this.hover.hover(m, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
        },
      }),
      registerJobLinks(this, this.deps.store),
    );
    this.trackedIdsChanged(); // the set may have changed while the server started
    return client;
  }

  /** Tells the server the tracked ids, if they changed (debounced). */
  trackedIdsChanged(): void {
    clearTimeout(this.trackedTimer);
    this.trackedTimer = setTimeout(() => {
      const client = this.client;
      if (!client?.isRunning()) return;
      const refs = trackedIdRefs(this.deps);
      const text = JSON.stringify(refs);
      if (text === this.lastTracked) return;
      this.lastTracked = text;
      const params: DidChangeTrackedIdsParams = { refs };
      void client.sendNotification(DID_CHANGE_TRACKED_IDS_METHOD, params).catch((e: unknown) => this.deps.logger.warn(`language server: ${String(e)}`));
    }, 100);
  }

  /** The client if it runs (or is starting: waits for it), else undefined. */
  private async runningClient(waitMs = START_WAIT_MS): Promise<LanguageClient | undefined> {
    if (this.client?.isRunning()) return this.client;
    if (!this.starting) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const client = await Promise.race([this.starting, new Promise<undefined>((r) => { timer = setTimeout(() => r(undefined), waitMs); })]);
    clearTimeout(timer);
    return client?.isRunning() ? client : undefined;
  }

  /** The server's detection at a position; null when there is no id; undefined when the server cannot tell. */
  async findJobIdAt(document: vscode.TextDocument, position: vscode.Position, token?: vscode.CancellationToken): Promise<JobIdHitInDocument | null | undefined> {
    if (!isSupportedDocument(document)) return undefined;
    const client = await this.runningClient();
    if (!client) return undefined;
    const params: FindJobIdAtParams = { textDocument: { uri: document.uri.toString() }, position: { line: position.line, character: position.character } };
    try {
      const r: unknown = await client.sendRequest(FIND_JOB_ID_AT_METHOD, params, token);
      if (r === null) return null;
      return isJobIdHitInDocument(r) ? r : undefined;
    } catch (e) {
      if (!token?.isCancellationRequested) this.deps.logger.debug(`language server: ${FIND_JOB_ID_AT_METHOD}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  async findJobIds(document: vscode.TextDocument, ranges: vscode.Range[] | undefined, token: vscode.CancellationToken): Promise<JobIdHitInDocument[]> {
    if (!isSupportedDocument(document)) return [];
    const client = await this.runningClient();
    if (!client) return [];
    const params: FindJobIdsParams = { textDocument: { uri: document.uri.toString() } };
    if (ranges) {
      params.ranges = ranges.map((r) => ({ start: { line: r.start.line, character: 0 }, end: { line: r.end.line, character: 0 } }));
    }
    try {
      const r: unknown = await client.sendRequest(FIND_JOB_IDS_METHOD, params, token);
      return Array.isArray(r) ? r.filter(isJobIdHitInDocument) : [];
    } catch (e) {
      if (!token.isCancellationRequested) this.deps.logger.debug(`language server: ${FIND_JOB_IDS_METHOD}: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  /**
   * Look Up Job ID at Cursor's detection: the server's while it runs; otherwise the core detector over the lines
   * around the cursor (the same rules, on the text VS Code has).
   */
  async jobIdAt(document: vscode.TextDocument, position: vscode.Position): Promise<DetectedJobId | null> {
    const fromServer = await this.findJobIdAt(document, position);
    if (fromServer !== undefined) return fromServer && toDetected(fromServer);
    const { CONTEXT_LINES, LOOKAHEAD_LINES, detectJobIdAtInText } = loadDetector();
    const first = Math.max(0, position.line - CONTEXT_LINES);
    const last = Math.min(document.lineCount - 1, position.line + LOOKAHEAD_LINES);
    const text = document.getText(new vscode.Range(first, 0, last, document.lineAt(last).text.length));
    const tracked = new Map<string, JobRef>(this.deps.store.all().map((t) => [t.ref.id, t.ref] as const));
    const found = detectJobIdAtInText(text, position.line, position.character, tracked, first);
    if (!found) return null;
    const { line: _line, ...detected } = found;
    return detected;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.trackedTimer);
    for (const d of this.disposables) d.dispose();
    const client = this.client;
    this.client = undefined;
    if (client) void client.stop().catch(() => undefined);
  }
}

export interface LanguageFeatures {
  /** Look Up Job ID at Cursor's detection (JobIdLanguageClient.jobIdAt). */
  jobIdAt: JobIdLanguageClient['jobIdAt'];
  /** Stop the client and the listeners that start it. */
  disposables: vscode.Disposable[];
}

/**
 * Sets up the language features; the language client itself starts when the first file or untitled document
 * is opened or shown (right after activation if one already is).
 */
export function createLanguageFeatures(context: vscode.ExtensionContext, deps: LanguageDeps): LanguageFeatures {
  const language = new JobIdLanguageClient(context, deps);
  const disposables: vscode.Disposable[] = [language];
  const startFor = (documents: readonly vscode.TextDocument[]): void => {
    if (documents.some(isSupportedDocument)) void language.start();
  };
  disposables.push(
    vscode.workspace.onDidOpenTextDocument((d) => startFor([d])),
    vscode.window.onDidChangeVisibleTextEditors((editors) => startFor(editors.map((e) => e.document))),
    deps.store.onDidChange(() => language.trackedIdsChanged()),
  );
  // Documents already open (restored editors): start right after activation, not during it.
  const timer = setTimeout(() => startFor([...vscode.workspace.textDocuments, ...vscode.window.visibleTextEditors.map((e) => e.document)]), 0);
  disposables.push({ dispose: () => clearTimeout(timer) });
  return { jobIdAt: (document, position) => language.jobIdAt(document, position), disposables };
}
