/**
 * The inspector panels: one webview panel per tracked job (revealed when already open), titled
 * `<kind> <short id> · <status>`, updated live from the job store, restored after a reload by a serializer (the
 * webview's saved state holds the job key; the job itself is re-read from the store).
 *
 * Security (the webview renders untrusted job data): scripts run only with a fresh nonce from `crypto`, the CSP
 * allows nothing remote, `localResourceRoots` are the bundle and media/ only, command URIs and forms are off,
 * and every message from the webview is validated (protocol/webview.ts) before anything happens. Copying goes
 * through the host's clipboard; links open only when they are http(s) URLs the job itself holds, plain http
 * after a warning.
 *
 * Big timelines stay here: the webview asks for the visible window, table pages and single clips, answered by the
 * panel's InspectorSession (the same code answers in the standalone preview).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type TrackedJob } from '../model/trackedJob.js';
import { InspectorSession } from '../inspect/inspectorSession.js';
import { type HostMessage, INSPECTOR_VIEW_TYPE, parseWebviewMessage, type WebviewMessage } from '../protocol/webview.js';
import { inspectorHtml } from './inspectorHtml.js';
import { CONTEXT } from '../constants.js';
import { isWhole } from '../tracking/wholeJob.js';
import { KIND_INFO } from '../kinds/index.js';
import * as l10n from '../util/l10n.js';

export { INSPECTOR_VIEW_TYPE };

/** The part of the job store the panels read. */
export interface InspectorStore {
  get(key: string): TrackedJob | undefined;
  onDidChange(listener: (e: { keys: string[] }) => void): { dispose(): void };
  /** Keeps the whole job (raw response, timeline clips) in memory while the panel shows it. */
  retain?(key: string): { dispose(): void };
}

export interface InspectorLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface InspectorDeps {
  store: InspectorStore;
  /** Fetches the job again now (the poller's explicit refresh). */
  refresh(key: string): Promise<void>;
  /**
   * Restored panels wait for this (the saved state loading) before reading the store. A function, so the
   * composition root can hand over a promise it creates after the panels.
   */
  ready?: () => Promise<unknown>;
  log?: InspectorLog;
}

/** What the webview last reported painting (tests and diagnostics). */
export type RenderReport = Extract<WebviewMessage, { type: 'rendered' }>;

export interface PanelInfo {
  key: string;
  title: string;
  visible: boolean;
  revision: number;
  lastRendered: RenderReport | null;
}

export class InspectorPanels implements vscode.Disposable {
  static readonly viewType = INSPECTOR_VIEW_TYPE;
  private readonly panels = new Map<string, InspectorPanel>();
  private readonly renderedEmitter = new vscode.EventEmitter<{ key: string; report: RenderReport }>();
  /** Fires after a panel's webview reports a render. */
  readonly onDidRender = this.renderedEmitter.event;
  private readonly storeSubscription: { dispose(): void };

  constructor(readonly extensionUri: vscode.Uri, readonly deps: InspectorDeps) {
    this.storeSubscription = deps.store.onDidChange((e) => {
      for (const key of e.keys) this.panels.get(key)?.storeChanged();
    });
  }

  /** Opens the inspector for a job, or reveals it if open; fetches the job again when the snapshot is partial. */
  async show(t: TrackedJob, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<void> {
    const existing = this.panels.get(t.key);
    if (existing) {
      existing.panel.reveal(column);
      existing.ensureFresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, l10n.t('Media job'), { viewColumn: column, preserveFocus: false }, {
      ...this.webviewOptions(),
      enableFindWidget: true,
      retainContextWhenHidden: false,
    });
    this.adopt(panel, t.key);
  }

  /** Restores panels after a window reload. Register once, at activation. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, this.serializer());
  }

  /**
   * What VS Code calls for each inspector panel it restores: the webview's saved state names the job (`jobKey`);
   * the job itself is read from the store (fetched again when the saved snapshot is partial).
   */
  serializer(): vscode.WebviewPanelSerializer<unknown> {
    return {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        const key = jobKeyOf(state);
        if (key === null) {
          this.deps.log?.warn('inspector: a restored panel had no job key in its state; closing it');
          panel.dispose();
          return;
        }
        await this.deps.ready?.().catch(() => undefined);
        const open = this.panels.get(key);
        if (open) {
          panel.dispose();
          open.panel.reveal();
          return;
        }
        panel.webview.options = this.webviewOptions();
        this.adopt(panel, key);
      },
    };
  }

  /** The job key of the panel in front (the active editor is an inspector), if any. */
  activeKey(): string | undefined {
    for (const [key, p] of this.panels) if (p.panel.active) return key;
    return undefined;
  }

  /** Keys of the open panels. */
  keys(): string[] {
    return [...this.panels.keys()];
  }

  /** What a panel shows, for tests. */
  info(key: string): PanelInfo | undefined {
    const p = this.panels.get(key);
    return p ? { key, title: p.panel.title, visible: p.panel.visible, revision: p.session.revision, lastRendered: p.lastRendered } : undefined;
  }

  dispose(): void {
    this.storeSubscription.dispose();
    for (const p of [...this.panels.values()]) p.panel.dispose();
    this.panels.clear();
    this.renderedEmitter.dispose();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, key: string): void {
    const p = new InspectorPanel(this, panel, key);
    this.panels.set(key, p);
    // Only a shown job keeps its raw response and clips in memory (the store reads them from its file now).
    const held = this.deps.store.retain?.(key);
    panel.onDidDispose(() => {
      held?.dispose();
      p.dispose();
      if (this.panels.get(key) === p) this.panels.delete(key);
    });
    p.start();
  }

  /** @internal */
  fireRendered(key: string, report: RenderReport): void {
    this.renderedEmitter.fire({ key, report });
  }
}

function jobKeyOf(state: unknown): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const k = (state as { jobKey?: unknown }).jobKey;
  return typeof k === 'string' && k.length > 0 && k.length < 2_000 ? k : null;
}

class InspectorPanel {
  readonly session: InspectorSession;
  lastRendered: RenderReport | null = null;
  private refreshing = false;
  private webviewReady = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly owner: InspectorPanels, readonly panel: vscode.WebviewPanel, readonly key: string) {
    this.session = new InspectorSession(key);
  }

  private get deps(): InspectorDeps {
    return this.owner.deps;
  }

  start(): void {
    const webview = this.panel.webview;
    this.panel.iconPath = vscode.Uri.joinPath(this.owner.extensionUri, 'media', 'media-jobs.svg');
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => {
        this.handle(m).catch((e: unknown) => this.deps.log?.error(`inspector: ${e instanceof Error ? e.message : String(e)}`));
      }),
    );
    // The title menu's commands depend on the job in front: its cloud's CLI, Export only for kinds with timelines.
    const inFront = (): void => {
      if (!this.panel.active) return;
      const kind = this.deps.store.get(this.key)?.ref.kind;
      if (kind === undefined) return;
      void vscode.commands.executeCommand('setContext', CONTEXT.inspectorCloud, KIND_INFO[kind].cloud);
      void vscode.commands.executeCommand('setContext', CONTEXT.inspectorHasTimeline, KIND_INFO[kind].inspector.timeline);
    };
    this.subscriptions.push(this.panel.onDidChangeViewState(inFront));
    inFront();
    // Title and state first, so the tab reads right before the webview has loaded.
    this.session.update(this.deps.store.get(this.key), this.refreshing);
    this.panel.title = this.session.title();
    webview.html = this.html();
    this.ensureFresh();
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...p: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(this.owner.extensionUri, 'dist', 'webview', ...p)).toString();
    return inspectorHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      title: this.session.title(),
      styles: [asset('codicon.css'), asset('inspector.css')],
      scripts: [asset('inspector.js')],
      // The webview has no vscode API: its messages come from the bundle VS Code loaded for its display language.
      lang: vscode.env.language,
      dataBlocks: [{ id: 'l10n', json: JSON.stringify({ lang: vscode.env.language, bundle: vscode.l10n.bundle ?? {} }) }],
    });
  }

  /** A restored snapshot has no response body and may have lost its clips: fetch the job again. */
  ensureFresh(): void {
    const t = this.deps.store.get(this.key);
    if (!t || this.refreshing) return;
    if (isWhole(t)) return;
    this.refresh();
  }

  private refresh(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    this.push();
    this.deps.refresh(this.key)
      .catch((e: unknown) => this.deps.log?.warn(`inspector: refreshing ${this.key} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.refreshing = false;
        this.push();
      });
  }

  storeChanged(): void {
    this.push();
  }

  /** Sends the job as the store has it now (with a new revision) and updates the title. */
  private push(): void {
    const msg = this.session.update(this.deps.store.get(this.key), this.refreshing);
    this.panel.title = this.session.title();
    // A hidden webview is torn down (no retainContextWhenHidden); it asks again with `ready` when shown.
    if (this.webviewReady && this.panel.visible) void this.post(msg);
  }

  private post(m: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(m);
  }

  private async handle(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.log?.warn(`inspector: ignored a message from the webview (${parsed.reason})`);
      return;
    }
    const m = parsed.value;
    switch (m.type) {
      case 'ready':
        this.webviewReady = true;
        await this.post(this.session.update(this.deps.store.get(this.key), this.refreshing));
        this.panel.title = this.session.title();
        return;
      case 'requestWindow':
      case 'requestRows':
      case 'requestClip':
      case 'requestRaw': {
        const answer = this.session.answer(m);
        if (answer) await this.post(answer);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        await this.done('copy', true, l10n.t('Copied {0}', label(m.what)));
        return;
      case 'copyRaw': {
        const text = this.session.rawText(m.decoded);
        if (text === null) {
          await this.done('copy', false, l10n.t('There is no response body to copy (refresh the job)'));
          return;
        }
        await vscode.env.clipboard.writeText(text);
        await this.done('copy', true, m.decoded ? l10n.t('Copied the response body (nested JSON decoded)') : l10n.t('Copied the response body as received'));
        return;
      }
      case 'openExternal':
        await this.open(m.url);
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'rendered':
        this.lastRendered = m;
        this.owner.fireRendered(this.key, m);
        return;
      case 'log':
        this.deps.log?.[m.level === 'info' ? 'info' : m.level === 'warn' ? 'warn' : 'error'](`inspector webview: ${m.message}`);
        return;
      default: {
        const never: never = m;
        void never;
      }
    }
  }

  private async open(url: string): Promise<void> {
    const check = this.session.checkOpen(url);
    if (!check.ok) {
      this.deps.log?.warn(`inspector: did not open a link: ${check.reason}`);
      await this.done('open', false, l10n.t('Not opened: {0}', check.reason));
      return;
    }
    if (check.warn) {
      const choice = await vscode.window.showWarningMessage(
        l10n.t('Open a plain http link?'),
        { modal: true, detail: `${check.url}\n\n${l10n.t('The connection is not encrypted: what you download, and the address itself, can be read or changed on the way.')}` },
        'Open',
      );
      if (choice !== 'Open') {
        await this.done('open', false, l10n.t('Not opened'));
        return;
      }
    }
    const ok = await vscode.env.openExternal(vscode.Uri.parse(check.url, true));
    await this.done('open', ok, ok ? l10n.t('Opened in the browser') : l10n.t('The link could not be opened'));
  }

  private async done(action: 'copy' | 'open', ok: boolean, message: string): Promise<void> {
    if (action === 'copy' && ok) vscode.window.setStatusBarMessage(`$(check) ${message}`, 2_500);
    if (this.webviewReady) await this.post({ type: 'done', action, ok, message });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.subscriptions.length = 0;
  }
}

/** The webview's description of what was copied, made safe for the status bar (no icon syntax, short). */
function label(what: string): string {
  const clean = what.replace(/[^\p{L}\p{N} .,_-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return clean || 'text';
}
