// The activation bundle carries zod/mini only: the full zod (~750 kB) belongs in the lazily loaded cloud core. A
// profile reader importing the STS answer's schema once pulled it into dist/extension.js (1.05 MB instead of 340 kB).
// Bundled here with esbuild.mjs's options for the extension, so the check does not depend on what dist/ holds.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

test('the extension bundle holds zod/mini and no full zod', async () => {
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['vscode', './cloud-core.js', './language-client.js', './detector.js'],
  });
  const zod = [...new Set(Object.keys(r.metafile.inputs).flatMap((f) => /node_modules\/zod\/v4\/([a-z]+)\//.exec(f)?.[1] ?? []))].sort();
  assert.ok(zod.includes('mini'), `zod/mini is in the bundle (found: ${zod.join(', ') || 'no zod'})`);
  assert.deepEqual(zod.filter((m) => m === 'classic'), [], 'the full zod is not in the activation bundle');
});
