// A kind is known in one place: its name appears as a string literal only in its own modules (src/kinds/<kind>.ts,
// src/clouds/adapters/<kind>.ts), the union of kind names (src/model/job.ts) and the KIND_INFO registry
// (src/kinds/index.ts). Everything else reads KIND_INFO, so adding a kind is the recipe in ARCHITECTURE.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { JOB_KINDS } from '../../../src/model/job.js';

const SRC = resolve(__dirname, '..', '..', '..', 'src');
const ALLOWED = ['model/job.ts', 'kinds/index.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** `live-edge` → `liveEdge`: the name of the kind's own files. */
const fileName = (kind: string): string => kind.replace(/-(.)/g, (_, c: string) => c.toUpperCase());

/** Comments may name kinds (documentation); code may not. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

test('no kind name is spelled out in code outside its own modules, the kind union and KIND_INFO', () => {
  const files = sourceFiles(SRC).map((f) => ({ path: relative(SRC, f).split(sep).join('/'), text: withoutComments(readFileSync(f, 'utf8')) }));
  const offenders: string[] = [];
  for (const kind of JOB_KINDS) {
    const own = [`kinds/${fileName(kind)}.ts`, `clouds/adapters/${fileName(kind)}.ts`];
    const literal = new RegExp(`['"\`]${kind}['"\`]`);
    for (const f of files) {
      if (own.includes(f.path) || ALLOWED.includes(f.path)) continue;
      if (literal.test(f.text)) offenders.push(`${kind}: src/${f.path}`);
    }
  }
  assert.deepEqual(offenders, [], 'read the kind\'s properties from KIND_INFO (src/kinds/) instead of testing its name');
});

test('the check finds a literal (it would not pass vacuously)', () => {
  assert.match(withoutComments("if (kind === 'live-edge') x(); // 'vod'"), /'live-edge'/);
  assert.doesNotMatch(withoutComments("/* 'vod' */ const url = 'https://x'; // 'vod'"), /'vod'/);
});
