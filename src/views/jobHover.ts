/**
 * The hover on a job id, for the hover provider the language client registers (the server says which id is under the
 * mouse; the content comes from here, where the job store and the credentials are: src/views/jobHoverContent.ts).
 * The MarkdownString trusts exactly the commands its links use (HOVER_ENABLED_COMMANDS) and renders no HTML;
 * all job and document text in it is escaped.
 */
import * as vscode from 'vscode';
import { JobHoverContent, type JobHoverDeps } from './jobHoverContent.js';
import { type JobIdHit } from '../model/jobIdHit.js';
import { HOVER_ENABLED_COMMANDS } from '../present/jobHoverMarkdown.js';

export class JobHoverProvider {
  readonly content: JobHoverContent;

  constructor(deps: JobHoverDeps) {
    this.content = new JobHoverContent(deps);
  }

  /** The hover for a hit at `range`. */
  async hover(m: JobIdHit, range: vscode.Range): Promise<vscode.Hover> {
    const md = new vscode.MarkdownString(await this.content.markdown(m), true);
    md.isTrusted = { enabledCommands: [...HOVER_ENABLED_COMMANDS] };
    md.supportHtml = false;
    return new vscode.Hover(md, range);
  }
}
