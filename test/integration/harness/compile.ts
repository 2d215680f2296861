/**
 * Compiles the integration suite for the extension host: test/integration/suite/index.ts → <outDir>/index.js
 * and each selected *.test.ts → <outDir>/tests/<name>.test.js (CommonJS, Node 20; `vscode` and `mocha`
 * external: the extension host provides the first, the project's node_modules the second, found from
 * <outDir> because it sits inside the project).
 */
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './codeServer.js';

export const SUITE_DIR = join(ROOT, 'test', 'integration', 'suite');
export const DEFAULT_OUT_DIR = join(ROOT, 'out', 'integration');

/** Every *.test.ts under dir, as suite name (path relative to dir, without .test.ts) → file. */
export function findTests(dir = SUITE_DIR): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) found.set(relative(dir, p).slice(0, -'.test.ts'.length).split('\\').join('/'), p);
    }
  };
  walk(dir);
  return found;
}

export interface CompileOptions {
  outDir?: string;
  /** Suite names to include (see findTests); default all. Unknown names throw. */
  suites?: readonly string[];
  /** Extra test files (name → path), e.g. a benchmark suite kept outside test/integration/suite. */
  extraTests?: Record<string, string>;
}

export interface Compiled {
  outDir: string;
  index: string;
  suites: string[];
  ms: number;
}

export async function compileSuite(o: CompileOptions = {}): Promise<Compiled> {
  const started = Date.now();
  const outDir = o.outDir ?? DEFAULT_OUT_DIR;
  const all = findTests();
  let selected: Array<[string, string]>;
  if (o.suites && o.suites.length > 0) {
    // A name of extraTests (bench/activation.ts's windows) is not a suite of suite/: it is added below.
    selected = o.suites.filter((s) => !(o.extraTests && s in o.extraTests)).map((s) => {
      const f = all.get(s);
      if (!f) throw new Error(`no suite "${s}"; known: ${[...all.keys()].join(', ')}`);
      return [s, f];
    });
  } else {
    selected = o.extraTests ? [] : [...all];
  }
  selected.push(...Object.entries(o.extraTests ?? {}));
  if (selected.length === 0) throw new Error('no integration tests selected');
  rmSync(outDir, { recursive: true, force: true });
  const entryPoints: Record<string, string> = { index: join(SUITE_DIR, 'index.ts') };
  for (const [name, file] of selected) entryPoints[`tests/${name}.test`] = file;
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { outDir, index: join(outDir, 'index.js'), suites: selected.map(([n]) => n), ms: Date.now() - started };
}
