/**
 * `npm run inspector:preview -- <job.json> [--out file.html] [--theme dark|light|high-contrast] [--tab <tab>]`
 *
 * Writes a standalone page that renders one normalized job (an element of `media-jobs inspect --json` output, or
 * that array: the first element is taken) with the real webview bundle (dist/webview/inspector.js) under the
 * same Content Security Policy as the panel. The page's stand-in host (dist/preview/preview-host.js, loaded with
 * the same nonce) answers the webview's requests with the extension's own InspectorSession. Open the page in
 * a browser; tests and the benchmark drive it with headless Chromium. Needs `npm run build` first.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Job, isJobKind } from '../src/model/job.js';
import { INSPECTOR_TABS } from '../src/protocol/webview.js';
import { inspectorHtml } from '../src/views/inspectorHtml.js';
import { type PreviewOptions } from '../src/protocol/preview.js';

export const ROOT = resolve(__dirname, '..');

/** Takes `media-jobs inspect --json` output (an array) or one job, and returns the job. */
export function pickJob(value: unknown): Job {
  const job = Array.isArray(value) ? value[0] : value;
  if (typeof job !== 'object' || job === null) throw new Error('expected a normalized job (or an array of them)');
  const j = job as Partial<Job>;
  if (!isJobKind(j.kind) || typeof j.id !== 'string' || typeof j.status !== 'string') {
    throw new Error('this is not a normalized job: kind, id and status are required (use `media-jobs inspect … --json`)');
  }
  return job as Job;
}

export interface PreviewPageOptions extends PreviewOptions {
  /** Where dist/ is (default: this project's). */
  root?: string;
  /** The display language, as VS Code's host passes it: its bundle from l10n/ (default: English, no bundle). */
  lang?: string;
}

/** The preview page's HTML for a job. */
export function previewHtml(job: Job, o: PreviewPageOptions = {}): string {
  const root = o.root ?? ROOT;
  const dist = (p: string): string => {
    const file = join(root, 'dist', p);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    return pathToFileURL(file).href;
  };
  const { root: _root, lang, ...options } = o;
  const bundleFile = lang ? join(root, 'l10n', `bundle.l10n.${lang}.json`) : null;
  const bundle: unknown = bundleFile && existsSync(bundleFile) ? JSON.parse(readFileSync(bundleFile, 'utf8')) : {};
  return inspectorHtml({
    cspSource: 'file:',
    nonce: randomBytes(18).toString('base64'),
    title: `${job.kind} ${job.id} · preview`,
    styles: [dist('webview/codicon.css'), dist('webview/inspector.css'), dist('preview/preview-theme.css')],
    scripts: [dist('preview/preview-host.js'), dist('webview/inspector.js')],
    bodyClass: `vscode-${options.theme ?? 'dark'}`,
    ...(lang ? { lang } : {}),
    dataBlocks: [
      // As the panel host does (src/views/inspectorPanel.ts): the display language and its bundle.
      { id: 'l10n', json: JSON.stringify({ lang: lang ?? 'en', bundle }) },
      { id: 'preview-job', json: JSON.stringify(job) },
      { id: 'preview-options', json: JSON.stringify(options) },
    ],
  });
}

/** Writes the preview page and returns its path. */
export function writePreview(job: Job, out: string, o: PreviewPageOptions = {}): string {
  const file = resolve(out);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, previewHtml(job, o));
  return file;
}

function usage(): never {
  process.stderr.write('usage: npm run inspector:preview -- <job.json> [--out file.html] [--theme dark|light|high-contrast] [--tab overview|timeline|clips|clipsParam|streams|raw]\n');
  process.exit(2);
}

function main(argv: string[]): void {
  let input: string | undefined;
  let out: string | undefined;
  const o: PreviewPageOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage();
      return v;
    };
    if (a === '--out') out = value();
    else if (a === '--theme') {
      const t = value();
      if (t !== 'dark' && t !== 'light' && t !== 'high-contrast') usage();
      o.theme = t;
    } else if (a === '--tab') {
      const t = value();
      if (!(INSPECTOR_TABS as readonly string[]).includes(t)) usage();
      o.state = { tab: t };
    } else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('--')) usage();
    else if (input === undefined) input = a;
    else usage();
  }
  if (input === undefined) usage();
  let job: Job;
  try {
    job = pickJob(JSON.parse(readFileSync(input, 'utf8')));
  } catch (e) {
    process.stderr.write(`inspector-preview: ${input}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const file = writePreview(job, out ?? join(ROOT, 'artifacts', 'webview', `preview-${job.kind}.html`), o);
  process.stdout.write(`${file}\n${pathToFileURL(file).href}\n`);
}

if (require.main === module) main(process.argv.slice(2));
