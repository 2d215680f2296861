/**
 * Links on the job ids the language server finds (setting `mediaJobs.jobIdLinks`): document links (Ctrl/Cmd+click),
 * or a CodeLens above each line with ids, or nothing. Both open the inspector: a tracked job by its key
 * (`mediaJobs.inspectJob`), another id through `mediaJobs.openJobReference`, which tracks it first (asking the kind
 * when the text leaves more than one).
 *
 * Large documents (LARGE_DOCUMENT_CHARS and more) are asked for their visible lines only, so the server scans
 * lazily; CodeLenses refresh as the view scrolls, links when the document changes.
 */
import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../constants.js';
import { KIND_LABEL } from '../kinds/index.js';
import { parseJobKey } from '../kinds/refs.js';
import { shortId } from '../present/jobPresentation.js';
import { effectiveStatus, statusLabelOf } from '../present/status.js';
import { type JobIdHitInDocument } from '../model/jobIdHit.js';
import { LARGE_DOCUMENT_CHARS } from '../protocol/lsp.js';
import { type JobStore } from '../tracking/jobStore.js';
import { argsOfHit, commandUri, HOVER_COMMANDS } from '../present/jobHoverMarkdown.js';
import { trackedFor } from './jobHoverContent.js';
import * as l10n from '../util/l10n.js';

export type JobIdLinksMode = 'links' | 'codelens' | 'off';

export const JOB_ID_LINKS_SETTING = 'jobIdLinks';

/** `mediaJobs.jobIdLinks`: links (default), codelens or off. */
export function readJobIdLinksMode(): JobIdLinksMode {
  const v = vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>(JOB_ID_LINKS_SETTING, 'links');
  return v === 'codelens' || v === 'off' ? v : 'links';
}

/** What the links need from the language client. */
export interface JobIdFinder {
  findJobIds(document: vscode.TextDocument, ranges: vscode.Range[] | undefined, token: vscode.CancellationToken): Promise<JobIdHitInDocument[]>;
}

/** Lines a large document is asked for around each visible range. */
const MARGIN_LINES = 100;

/** The visible line ranges of a large document (with a margin), or undefined for a normal one (ask for all of it). */
export function rangesToScan(document: vscode.TextDocument): vscode.Range[] | undefined {
  const last = document.lineAt(document.lineCount - 1);
  if (document.offsetAt(last.range.end) < LARGE_DOCUMENT_CHARS) return undefined;
  const visible = vscode.window.visibleTextEditors.filter((e) => e.document === document).flatMap((e) => e.visibleRanges);
  const ranges = visible.length > 0 ? visible : [new vscode.Range(0, 0, 0, 0)];
  return ranges.map((r) => new vscode.Range(Math.max(0, r.start.line - MARGIN_LINES), 0, Math.min(document.lineCount - 1, r.end.line + MARGIN_LINES), 0));
}

function rangeOf(m: JobIdHitInDocument): vscode.Range {
  return new vscode.Range(m.range.start.line, m.range.start.character, m.range.end.line, m.range.end.character);
}

/** The command (and arguments) that opens a match in the inspector. */
export function inspectTarget(store: JobStore, m: JobIdHitInDocument): { command: string; args: unknown[]; title: string } {
  const tracked = trackedFor(store, m);
  if (tracked) {
    const t = store.get(tracked.key) ?? tracked;
    return {
      command: HOVER_COMMANDS.inspectJob, args: [t.key],
      title: `$(inspect) ${l10n.t('Inspect {0} {1}', l10n.label(KIND_LABEL[t.ref.kind]), shortId(t.ref.id))} · ${statusLabelOf(t.ref.kind, effectiveStatus(t), t.snapshot?.rawStatus)}`,
    };
  }
  const what = m.kinds.length === 1 ? l10n.label(KIND_LABEL[m.kinds[0]!]) : m.kinds.join(l10n.t(' or '));
  return { command: HOVER_COMMANDS.openJobReference, args: [argsOfHit(m, 'inspect')], title: `$(inspect) ${l10n.t('Inspect {0} {1}', what, shortId(m.id))}` };
}

export class JobLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly finder: JobIdFinder, private readonly store: JobStore) {}

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const matches = await this.finder.findJobIds(document, rangesToScan(document), token);
    return matches.map((m) => {
      const t = inspectTarget(this.store, m);
      const link = new vscode.DocumentLink(rangeOf(m), vscode.Uri.parse(commandUri(t.command, t.args)));
      link.tooltip = t.title.replace(/^\$\([a-z-]+\) /, '');
      return link;
    });
  }
}

export class JobCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  /** The ids each document's lenses name (tracked or not): a store change refreshes the lenses only when it touches one. */
  private readonly shownIds = new Map<string, Set<string>>();

  constructor(private readonly finder: JobIdFinder, private readonly store: JobStore) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => this.changed.fire(), 150);
    };
    this.disposables.push(
      this.changed,
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (rangesToScan(e.textEditor.document)) refresh();
      }),
      { dispose: () => clearTimeout(timer) },
    );
    const sub = store.onDidChange((e) => {
      if (touchesShown(store, e.keys, this.shownIds)) refresh();
    });
    this.disposables.push(
      { dispose: () => sub.dispose() },
      vscode.workspace.onDidCloseTextDocument((d) => this.shownIds.delete(d.uri.toString())),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const matches = await this.finder.findJobIds(document, rangesToScan(document), token);
    const shown = matches.slice(0, 5000);
    this.shownIds.set(document.uri.toString(), new Set(shown.map((m) => m.id)));
    return shown.map((m) => {
      const t = inspectTarget(this.store, m);
      return new vscode.CodeLens(rangeOf(m), { title: t.title, command: t.command, arguments: t.args, tooltip: l10n.t('Open in the inspector') });
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Whether changed store keys touch an id some lens shows: the job's id, its CasterId, its snapshot's id (a removed
 * job: what its key says). A poll of 5,000 jobs none of which an open document names refreshes nothing.
 */
export function touchesShown(store: Pick<JobStore, 'get'>, keys: readonly string[], shown: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (shown.size === 0) return false;
  const hit = (id: string | undefined): boolean => {
    if (id === undefined) return false;
    for (const ids of shown.values()) if (ids.has(id)) return true;
    return false;
  };
  for (const k of keys) {
    const t = store.get(k);
    const ref = t?.ref ?? parseJobKey(k);
    if (ref && (hit(ref.id) || hit(ref.params.casterId))) return true;
    if (hit(t?.snapshot?.id)) return true;
  }
  return false;
}

/**
 * Registers the link or CodeLens provider the setting asks for (for file and untitled documents) and switches
 * when the setting changes.
 */
export function registerJobLinks(finder: JobIdFinder, store: JobStore): vscode.Disposable {
  const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];
  let current: vscode.Disposable | undefined;
  let mode: JobIdLinksMode | undefined;
  const apply = (): void => {
    const next = readJobIdLinksMode();
    if (next === mode) return;
    mode = next;
    current?.dispose();
    current = undefined;
    if (next === 'links') current = vscode.languages.registerDocumentLinkProvider(selector, new JobLinkProvider(finder, store));
    if (next === 'codelens') {
      const provider = new JobCodeLensProvider(finder, store);
      const reg = vscode.languages.registerCodeLensProvider(selector, provider);
      current = { dispose: () => { reg.dispose(); provider.dispose(); } };
    }
  };
  apply();
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${CONFIG_SECTION}.${JOB_ID_LINKS_SETTING}`)) apply();
  });
  return { dispose: () => { config.dispose(); current?.dispose(); } };
}
