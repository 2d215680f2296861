// The repository stands alone: nothing in it cites the design notes that live beside it on the developers'
// machines (a `../shared` folder, its GUIDE.md and its reference/*.md). Code and docs cite public pages instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const CITATION = /\.\.\/shared\b|shared\/reference|(?<![A-Z_])GUIDE\.md|cloud-apis\.md|discovery-apis-timeline|real-vscode-on-this-machine|reliability-and-performance\.md|model-codebases\.md|peers-and-user-asks/;

test('no tracked file cites notes that are not in the repository', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => /\.(ts|mjs|js|md|sh|json|yml|yaml)$/.test(f) || f === '.ci/run');
  assert.ok(files.length > 100, `git ls-files listed ${files.length} files`);
  const hits: string[] = [];
  for (const f of files) {
    // These two name the folder only to check that nothing else points at it.
    if (f === 'test/unit/standsAlone.test.ts' || f === 'test/unit/packaging.test.ts') continue;
    const lines = readFileSync(join(ROOT, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (CITATION.test(line)) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(hits, []);
});
