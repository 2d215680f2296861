// One build script, one entry per bundle. `node esbuild.mjs [--production] [--watch]`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

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
    external: ['vscode', './cloud-core.js', './language-client.js', './detector.js'],
  },
  {
    // The job-id detector for Look Up while the language server is not running (required then, not at activation).
    ...common,
    entryPoints: { detector: 'src/detect/detectJobIds.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
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
  {
    // The language server: its own process (IPC from the extension's client, or `node dist/server.js --stdio`).
    ...common,
    entryPoints: { server: 'src/server/server.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
  },
  {
    // vscode-languageclient, required by the extension when it starts the server (not at activation).
    ...common,
    entryPoints: { 'language-client': 'src/client/clientCore.ts' },
    outdir: 'dist',
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
    external: ['vscode'],
  },
  // The inspector webview (browser code, its own tsconfig.webview.json) and, for the standalone preview page
  // only (never shipped), the stand-in host it talks to.
  {
    ...common,
    entryPoints: { inspector: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    target: 'chrome114',
    format: 'iife',
  },
  {
    ...common,
    entryPoints: { 'preview-host': 'src/webview/preview/previewHost.ts' },
    outdir: 'dist/preview',
    platform: 'browser',
    target: 'chrome114',
    format: 'iife',
  },
];

/** Static files next to the webview bundle: the codicon font and its CSS, the inspector's CSS, the preview theme. */
function copyWebviewAssets() {
  mkdirSync('dist/webview', { recursive: true });
  mkdirSync('dist/preview', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/webview/${f}`);
  copyFileSync('src/webview/inspector.css', 'dist/webview/inspector.css');
  copyFileSync('src/webview/preview/preview-theme.css', 'dist/preview/preview-theme.css');
}

copyWebviewAssets();
if (watch) {
  for (const e of entries) await (await esbuild.context(e)).watch();
} else {
  const started = Date.now();
  await Promise.all(entries.map((e) => esbuild.build(e)));
  console.log(`built ${entries.length} bundle(s) in ${Date.now() - started} ms`);
}
