/**
 * No text a user reads is left out of the catalog: a scan of the string and template literals of the folders
 * that show text (LOCALIZED_FOLDERS) flags English sentences outside `l10n.t(…)`, `vscode.l10n.t(…)` and
 * `l10n.label(…)` (src/util/l10n.ts; l10n.test.ts checks each of those has a translation).
 *
 * The heuristic (looksLikeText): sentence case, a word of two letters or more followed by a space and another word
 * ("Copy Job ID", "Not checked yet", `Took ${x}`). Lower-case phrases ("3 min", "checking…") are not caught: they
 * are reviewed by hand. Not looked at: imports, type positions (`'a' | 'b'`), property names, `case` labels, and
 * the arguments of the logger (the output channel's lines are for diagnosing and reporting bugs, in English like
 * VS Code's own logs). What is left and is not user text is in ALLOWED, each with why.
 *
 * Error wording is mostly lower case ("the proxy {0} requires authentication"), which that heuristic passes, so a
 * second rule (looksLikeMessage: two words, any case) reads the literals that become an error's or a problem's text:
 * the arguments of `new …Error(…)` and the values of `problem`, `reason`, `error` and `parseError` properties.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/** Every folder whose literals can reach a user's eyes. */
export const LOCALIZED_FOLDERS = [
  'src/views', 'src/commands', 'src/present', 'src/client', 'src/app', 'src/platform', 'src/inspect', 'src/cli', 'src/webview',
  'src/clouds',
] as const;

/** Files of a folder in NOT_SHOWN whose messages users do read (import problems, credential checks): scanned alone. */
export const LOCALIZED_FILES = [
  'src/tracking/aliyunCliConfig.ts', 'src/tracking/credentialsService.ts', 'src/tracking/profilesService.ts',
] as const;

/**
 * The folders of src/ whose text no user reads, each with why: the test below fails when a new folder is in neither
 * list, so it is scanned or excused on purpose.
 */
const NOT_SHOWN: Readonly<Record<string, string>> = {
  'src/util': 'helpers; its one message catalog is l10n.ts itself',
  'src/model': 'types only',
  'src/kinds': 'kind facts; their labels are shown through l10n.label and checked by l10n.test.ts LABEL_TABLES',
  'src/detect': 'the id detector: no text',
  'src/protocol': 'message contracts: no text',
  'src/server': 'the language server: it answers with hits, never with text a user reads',
  'src/tracking': 'state without UI: its messages are logged or reach users through present/ and views/; the files whose own words users read are LOCALIZED_FILES (jobStore.ts\'s saved-state recovery messages are not localized yet)',
  'src/dev': 'the test API and the demo seed (tests only)',
  'src/export': 'the OTIO file and the copied commands are data, not prose; their notes are localized where shown',
};

/** `file: text` → why it is not a message to translate. */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/views/accountStatus.ts: Media Jobs Account': 'the status bar item\'s name in VS Code\'s "hide" menu: the product name',
  'src/views/statusBar.ts: Media Jobs': 'the product name (status bar item name)',
  'src/platform/logger.ts: Media Jobs': 'the output channel\'s name: the product name',
  'src/client/clientCore.ts: Media Jobs Language Server': 'the language client\'s name (its output channel): the product name',
  'src/commands/credentials.ts: AccessKey ID': 'Alibaba Cloud\'s own field name (its Chinese console says AccessKey ID too)',
  'src/views/inspectorHtml.ts: <!DOCTYPE html>\n<html lang="{}">\n<head>\n  <meta charset="UTF-8">\n  <meta http-equiv="Content-Security-Policy"': 'the webview\'s HTML skeleton (its text comes from the bundle in its data block)',
  'src/present/status.ts: Partly Failed': 'a value of STATUS_LABEL, shown through l10n.label (l10n.test.ts LABEL_TABLES)',
  'src/webview/preview/previewHost.ts: Copied {}': 'the preview page\'s stand-in host (src/webview/preview/, not shipped): the tests\' and `npm run inspector:preview`\'s page, in English',
  'src/webview/preview/previewHost.ts: Copied the response body': 'the preview page\'s stand-in host (src/webview/preview/, not shipped): the tests\' and `npm run inspector:preview`\'s page, in English',
  'src/webview/preview/previewHost.ts: No response body to copy': 'the preview page\'s stand-in host (src/webview/preview/, not shipped): the tests\' and `npm run inspector:preview`\'s page, in English',
  'src/webview/preview/previewHost.ts: Not opened: {}': 'the preview page\'s stand-in host (src/webview/preview/, not shipped): the tests\' and `npm run inspector:preview`\'s page, in English',
  'src/webview/preview/previewHost.ts: Opened (after the plain-http warning)': 'the preview page\'s stand-in host (src/webview/preview/, not shipped): the tests\' and `npm run inspector:preview`\'s page, in English',
  'src/cli/format.ts: PIX FMT': "ffprobe's own field name as a column heading (pix_fmt, sample_fmt, sample_rate, time_base), kept as the tool spells it",
  'src/cli/format.ts: SAMPLE FMT': "ffprobe's own field name as a column heading (pix_fmt, sample_fmt, sample_rate, time_base), kept as the tool spells it",
  'src/cli/format.ts: SAMPLE RATE': "ffprobe's own field name as a column heading (pix_fmt, sample_fmt, sample_rate, time_base), kept as the tool spells it",
  'src/cli/format.ts: TIME BASE': "ffprobe's own field name as a column heading (pix_fmt, sample_fmt, sample_rate, time_base), kept as the tool spells it",
  'src/present/recentWindow.ts: Last hour': 'a value of WINDOW_PRESETS, shown through l10n.label (l10n.test.ts LABEL_TABLES)',
  'src/clouds/adapters/liveEditingList.ts: Editing tasks have no times': 'a list source\'s note, shown through l10n.label (l10n.test.ts LABEL_TABLES "list sources\' notes")',
  'src/clouds/adapters/mpcEditingList.ts: Uses MPC\'s v1 ListEditingJob': 'a list source\'s note, shown through l10n.label (l10n.test.ts LABEL_TABLES "list sources\' notes")',
  'src/clouds/adapters/vodList.ts: VOD lists videos, not transcode tasks': 'a list source\'s note, shown through l10n.label (l10n.test.ts LABEL_TABLES "list sources\' notes")',
  'src/clouds/adapters/mpcEditing.ts: OBS {}': 'a storage location: the service\'s name and an OBS region, no words',
  'src/clouds/aliyun/sign.ts: Parameter {} is set by the V1 signer and cannot be an API parameter': 'a broken invariant of an adapter (a plain Error: a bug), never about a user\'s input',
  'src/clouds/credentialChain.ts: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'environment variable names (where a profile comes from)',
  'src/clouds/credentialChain.ts: HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK': 'environment variable names (where a profile comes from)',
  'src/clouds/http/readResponse.ts: HTTP 429 Too Many Requests': 'the HTTP status line (RFC 6585), standing in for the cloud\'s message of a 429 without a body',
};

const WRAPPERS = new Set(['l10n.t', 'vscode.l10n.t', 'l10n.label']);
/** Calls whose text is a log line (Logger in src/platform/logger.ts, and the `log` deps handed around). */
const LOG_CALL = /(^|\.)(logger|log)\??\.(info|warn|error|debug|trace)$|(^|\.)log$/;

export function looksLikeText(s: string): boolean {
  return /[A-Za-z]{2,}[,.:;!?']? +([A-Za-z(]|\{\})/.test(s) && /^[^a-z]*[A-Z]/.test(s.trim());
}

/** Words in a literal that becomes an error's or a problem's text: two words of letters, in any case. */
export function looksLikeMessage(s: string): boolean {
  return /[A-Za-z]{2,}[,.:;!?']? +[A-Za-z]{2,}/.test(s);
}

/** Properties whose string value is a problem a user reads (cliConfig's `problem`, the imports' `reason`, …). */
const MESSAGE_PROPERTIES = new Set(['problem', 'reason', 'error', 'parseError']);

/** True when a literal is (a direct argument of) `new …Error(…)` or the value of a MESSAGE_PROPERTIES property. */
function isMessagePosition(node: ts.Node, src: ts.SourceFile): boolean {
  const parent = node.parent;
  // Our typed errors (ConfigError, SchemaError, …); a plain Error, TypeError or RangeError is a broken invariant of our own code.
  if (ts.isNewExpression(parent) && parent.arguments?.includes(node as ts.Expression)) return /^(?!(Type|Range)?Error$)\w+Error$/.test(parent.expression.getText(src));
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) return MESSAGE_PROPERTIES.has(parent.name.getText(src));
  // `cond ? 'text' : other` in either of those places.
  if (ts.isConditionalExpression(parent) && parent.condition !== node) return isMessagePosition(parent, src);
  return false;
}

/** The English sentences of one source file that are not wrapped: `{0}` stands for a template's expressions. */
export function unlocalizedTexts(fileName: string, source: string): Array<{ line: number; text: string }> {
  const src = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(src);
      if (WRAPPERS.has(callee) || LOG_CALL.test(callee)) return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('') : node.text;
      const isName = ts.isPropertyAssignment(node.parent) && node.parent.name === node;
      if (!isName && !ts.isCaseClause(node.parent) && (looksLikeText(text) || (isMessagePosition(node, src) && looksLikeMessage(text)))) {
        found.push({ line: src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1, text });
      }
      if (!ts.isTemplateExpression(node)) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The findings per folder, minus ALLOWED; also which ALLOWED entries matched nothing (stale). */
function scan(): { byFolder: Map<string, string[]>; usedAllowed: Set<string> } {
  const byFolder = new Map<string, string[]>();
  const usedAllowed = new Set<string>();
  for (const folder of LOCALIZED_FOLDERS) {
    const list: string[] = [];
    for (const file of sources(join(ROOT, folder))) {
      const rel = relative(ROOT, file).split('\\').join('/');
      for (const f of unlocalizedTexts(rel, readFileSync(file, 'utf8'))) {
        const key = Object.keys(ALLOWED).find((k) => k === `${rel}: ${f.text}` || (k.startsWith(`${rel}: `) && f.text.startsWith(k.slice(rel.length + 2))));
        if (key) usedAllowed.add(key);
        else list.push(`${rel}:${f.line}: ${JSON.stringify(f.text)}`);
      }
    }
    byFolder.set(folder, list);
  }
  for (const rel of LOCALIZED_FILES) {
    const list: string[] = [];
    for (const f of unlocalizedTexts(rel, readFileSync(join(ROOT, rel), 'utf8'))) {
      const key = Object.keys(ALLOWED).find((k) => k === `${rel}: ${f.text}`);
      if (key) usedAllowed.add(key);
      else list.push(`${rel}:${f.line}: ${JSON.stringify(f.text)}`);
    }
    byFolder.set(rel, list);
  }
  return { byFolder, usedAllowed };
}

test('the scan flags an English sentence outside l10n.t and passes wrapped ones, log lines, names and types', () => {
  const sample = [
    "import { x } from 'Some Module Name';",
    "type Mode = 'Not A Message' | 'b';",
    "const m = { 'Property Name Here': 1 };",
    "function f(n: number, logger: { warn(s: string): void }) {",
    "  logger.warn('Could not read the file');",
    "  this.deps.log?.warn('Ignored A Message');",
    "  void l10n.t('Copy Job ID');",
    "  void vscode.l10n.t('Took {0}', n);",
    "  void l10n.label(STATUS_LABEL.partial);",
    "  switch (n) { case 'Some Case Label': break; }",
    "  show('Copy Job ID');",
    "  return `Took ${n} min`;",
    "}",
  ].join('\n');
  assert.deepEqual(unlocalizedTexts('sample.ts', sample), [
    { line: 11, text: 'Copy Job ID' },
    { line: 12, text: 'Took {} min' },
  ]);
  assert.equal(looksLikeText('cn-shanghai'), false);
  assert.equal(looksLikeText('mediaJobs.inspectJob'), false);
  assert.equal(looksLikeText('Not checked yet'), true);
});

test('every user-facing literal of the localized folders goes through l10n.t or l10n.label (or is allowed, with why)', () => {
  const { byFolder, usedAllowed } = scan();
  const found = [...byFolder].flatMap(([, list]) => list);
  assert.deepEqual(found, [], 'text shown to users outside l10n.t/l10n.label');
  const stale = Object.keys(ALLOWED).filter((k) => !usedAllowed.has(k));
  assert.deepEqual(stale, [], 'allowed literals that are no longer in the source');
});

test('every folder of src/ is scanned or named as one no user reads', () => {
  const folders = readdirSync(join(ROOT, 'src')).filter((f) => statSync(join(ROOT, 'src', f)).isDirectory()).map((f) => `src/${f}`);
  const unaccounted = folders.filter((f) => !(LOCALIZED_FOLDERS as readonly string[]).includes(f) && !Object.hasOwn(NOT_SHOWN, f));
  assert.deepEqual(unaccounted, [], 'a folder neither scanned nor excused');
  const gone = [...LOCALIZED_FOLDERS, ...Object.keys(NOT_SHOWN)].filter((f) => !folders.includes(f));
  assert.deepEqual(gone, [], 'a listed folder that no longer exists');
});

test('error wording in any case is flagged where it becomes an error\'s or a problem\'s text; a plain Error is not', () => {
  const sample = [
    "function f(n: number) {",
    "  if (n) throw new ConfigError('the proxy needs a password');",
    "  if (n > 1) return { problem: `profile ${n} has no sts_token` };",
    "  if (n > 2) return { ok: false, reason: n > 3 ? 'not valid JSON' : l10n.t('not a JSON object') };",
    "  if (n > 4) throw new Error('the role chain is too deep');",
    "  if (n > 5) throw new ConfigError(l10n.t('no job to ask for'), 'TIMEOUT');",
    "  return { kind: 'two words' };",
    "}",
  ].join('\n');
  assert.deepEqual(unlocalizedTexts('sample.ts', sample), [
    { line: 2, text: 'the proxy needs a password' },
    { line: 3, text: 'profile {} has no sts_token' },
    { line: 4, text: 'not valid JSON' },
  ]);
  assert.equal(looksLikeMessage('TIMEOUT'), false);
  assert.equal(looksLikeMessage('(response)'), false);
});
