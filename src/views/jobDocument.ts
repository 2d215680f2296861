/**
 * Inspect Job, until the inspector panel lands: a read-only JSON document of the normalized job
 * (nested JSON strings already decoded by the core), served from the `media-job:` scheme.
 */
import * as vscode from 'vscode';
import { type TrackedJob } from '../model/trackedJob.js';
import { type Job } from '../model/job.js';
import { MAX_JSON_DEPTH, stringifyBounded } from '../util/boundDepth.js';
import * as l10n from '../util/l10n.js';

export const JOB_SCHEME = 'media-job';

/** A job's own few levels plus one bounded parse (its raw body, or JSON decoded from a string) and some room. */
const JOB_DOCUMENT_DEPTH = 2 * MAX_JSON_DEPTH;

export class JobDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, Job>();
  /** Documents that are text already (the Compare Jobs page). */
  private readonly texts = new Map<string, string>();
  private readonly _onDidChange = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this._onDidChange.event;

  uriFor(t: TrackedJob): vscode.Uri {
    const safe = t.ref.id.replace(/[^A-Za-z0-9._-]/g, '_');
    return vscode.Uri.from({ scheme: JOB_SCHEME, path: `/${t.ref.kind}/${safe}.json`, query: encodeURIComponent(t.key) });
  }

  /** Serves the job's document (updated if open) without showing it: the diff editor opens two of them. */
  put(t: TrackedJob, job: Job): vscode.Uri {
    const uri = this.uriFor(t);
    this.docs.set(uri.toString(), job);
    this._onDidChange.fire(uri);
    return uri;
  }

  /** Serves a text document at `/<path>` of the scheme (updated if open). At most 20 are kept. */
  putText(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: JOB_SCHEME, path: `/${path.replace(/[^A-Za-z0-9._/-]/g, '_')}` });
    this.texts.delete(uri.toString());
    this.texts.set(uri.toString(), text);
    while (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value as string);
    this._onDidChange.fire(uri);
    return uri;
  }

  /** Shows the job; updates the document if it is already open. */
  async show(t: TrackedJob, job: Job): Promise<vscode.TextEditor> {
    const uri = this.uriFor(t);
    this.docs.set(uri.toString(), job);
    this._onDidChange.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const text = this.texts.get(uri.toString());
    if (text !== undefined) return text;
    const job = this.docs.get(uri.toString());
    // Bounded: a job's decoded fields are at most 64 levels deep from where they were parsed, and this never throws.
    return job ? `${stringifyBounded(job, 2, JOB_DOCUMENT_DEPTH)}\n` : `// ${l10n.t('This job is no longer loaded. Inspect it again from the Media Jobs view.')}\n`;
  }

  dispose(): void {
    this._onDidChange.dispose();
    this.docs.clear();
    this.texts.clear();
  }
}
