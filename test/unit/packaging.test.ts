/**
 * `npm run package` makes a .vsix that holds only what the extension needs at run time. Packages the current
 * build (dist/ must exist: `npm test` builds first) with @vscode/vsce into a temp folder and reads the zip's
 * entries. The .vscodeignore is an allowlist; this test is what keeps it honest.
 * (vsce runs a `vscode:prepublish` script if package.json gets one; keep the production build in
 * `npm run package` instead, so this test does not rebuild dist/ under the other tests.)
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Entry names and uncompressed sizes from a zip's central directory (no compression support needed). */
export function zipEntries(buf: Buffer): Array<{ name: string; size: number }> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; size: number }> = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

let packaged: { names: string[]; output: string } | null = null;

/** Packages once per test file run. */
function packageVsix(): { names: string[]; output: string } {
  packaged ??= packageOnce();
  return packaged;
}

function packageOnce(): { names: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mji-vsix-'));
  try {
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const out = join(dir, 'ext.vsix');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'], // a vsce question (missing LICENSE, repository…) fails instead of hanging
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CI: 'true' },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, `vsce package failed:\n${output}`);
    const entries = zipEntries(readFileSync(out));
    return { names: entries.map((e) => e.name).sort(), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(relative(ROOT, p).split('\\').join('/'));
  }
  return out;
}

test('the .vsix holds only what the extension needs', { timeout: 150_000 }, () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
  const { names, output } = packageVsix();

  // What ships. vsce renames README/CHANGELOG to lower case and LICENSE to LICENSE.txt.
  const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/((extension|cloud-core|server|language-client)\.js|webview\/(inspector\.(js|css)|codicon\.(css|ttf)))|media\/.+))$/;
  const unexpected = names.filter((n) => !allowed.test(n));
  assert.deepEqual(unexpected, [], `unexpected files in the .vsix:\n${unexpected.join('\n')}`);

  // What must never ship (named, so a broken allowlist says exactly what leaked).
  const forbidden = [/^extension\/(src|test|node_modules|\.cache|artifacts|out|\.ci|scripts|bench|\.vscode-test)\//, /\.map$/, /\.ts$/, /fixtures/, /\.vsix$/, /^extension\/dist\/cli\.js$/];
  for (const re of forbidden) {
    const hits = names.filter((n) => re.test(n));
    assert.deepEqual(hits, [], `${re} must not ship`);
  }

  // What must ship.
  const required = ['extension/package.json', 'extension/readme.md', 'extension/dist/extension.js'];
  if (existsSync(join(ROOT, 'CHANGELOG.md'))) required.push('extension/changelog.md');
  if (existsSync(join(ROOT, 'LICENSE'))) required.push('extension/LICENSE.txt');
  for (const f of filesUnder(join(ROOT, 'media'))) required.push(`extension/${f}`);
  for (const f of required) assert.ok(names.includes(f), `${f} missing from the .vsix\n${names.join('\n')}\n${output}`);
});

test('every file the manifest and the bundle load at run time is in the .vsix', { timeout: 150_000 }, () => {
  const { names } = packageVsix();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    main: string;
    contributes?: { viewsContainers?: Record<string, Array<{ icon?: string }>>; views?: Record<string, Array<{ icon?: string }>> };
  };
  const inVsix = (rel: string): boolean => names.includes(`extension/${rel.replace(/^\.\//, '')}`);
  assert.ok(inVsix(pkg.main), `main ${pkg.main}`);
  const icons = [
    ...Object.values(pkg.contributes?.viewsContainers ?? {}).flat(),
    ...Object.values(pkg.contributes?.views ?? {}).flat(),
  ]
    .map((c) => c.icon)
    .filter((i): i is string => !!i && !i.startsWith('$('));
  for (const i of icons) assert.ok(inVsix(i), `icon ${i}`);
  // Bundles the extension loads lazily by relative require (e.g. dist/core.js) must ship next to it.
  const bundle = readFileSync(join(ROOT, pkg.main), 'utf8');
  const relRequires = [...bundle.matchAll(/require\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)].map((m) => m[1]!);
  for (const r of new Set(relRequires)) {
    const rel = join(dirname(pkg.main), r).split('\\').join('/');
    assert.ok(inVsix(rel), `dist/extension.js requires ${r}, which is not in the .vsix (add it to .vscodeignore's allowlist)`);
  }
});
