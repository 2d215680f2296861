// One build script, one entry per bundle. `node esbuild.mjs [--production] [--watch]`.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

/** @type {Array<import('esbuild').BuildOptions>} */
const entries = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
    external: ['vscode', './cloud-core.js'],
  },
  {
    ...common,
    entryPoints: { 'cloud-core': 'src/clouds/coreEntry.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (watch) {
  for (const e of entries) await (await esbuild.context(e)).watch();
} else {
  const started = Date.now();
  await Promise.all(entries.map((e) => esbuild.build(e)));
  console.log(`built ${entries.length} bundle(s) in ${Date.now() - started} ms`);
}
