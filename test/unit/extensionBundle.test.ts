// The activation bundle carries zod/mini only: the full zod (~750 kB) belongs in the lazily loaded cloud core. A
// profile reader importing the STS answer's schema once pulled it into dist/extension.js (1.05 MB instead of 340 kB).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

test('dist/extension.js holds no full zod (node esbuild.mjs: a development build, which keeps module paths)', () => {
  const bundle = readFileSync(join(__dirname, '..', '..', 'dist', 'extension.js'), 'utf8');
  const zodModules = [...new Set(bundle.match(/node_modules\/zod\/v4\/[a-z]+\//g) ?? [])].sort();
  assert.ok(zodModules.includes('node_modules/zod/v4/mini/'), `zod/mini is in the bundle (found ${zodModules.join(', ') || 'no zod path: a minified build?'})`);
  assert.deepEqual(zodModules.filter((m) => m.includes('/classic/')), [], 'the full zod is not in the activation bundle');
});
