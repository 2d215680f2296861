// The layer fence in eslint.config.mjs (LAYERS) reports what it should: an import up the layers, an adapter
// imported from outside src/clouds/, zod outside the cloud core and persistence. Without this the rule could
// quietly stop matching (a renamed folder, a parser change) and the lint would stay green.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

test('an import up the layers is an error; one down is not', async () => {
  const up = await layerErrors('src/model/example.ts', "import { type Settings } from '../platform/settings.js';\nexport type X = Settings;\n");
  assert.equal(up.length, 1);
  assert.match(up[0]!, /src\/model\/ may not import src\/platform\//);
  assert.deepEqual(await layerErrors('src/present/example.ts', "import { type Job } from '../model/job.js';\nexport type X = Job;\n"), []);
  const dynamic = await layerErrors('src/kinds/example.ts', "export const load = () => import('../clouds/client.js');\n");
  assert.equal(dynamic.length, 1, 'a dynamic import is checked too');
});

test('only src/clouds/ imports the kind adapters, and zod stays in the cloud core and persistence', async () => {
  const adapter = await layerErrors('src/cli/example.ts', "import { iceKind } from '../clouds/adapters/ice.js';\nexport const k = iceKind;\n");
  assert.equal(adapter.length, 1);
  assert.match(adapter[0]!, /Only src\/clouds\/ imports the kind adapters/);
  assert.deepEqual(await layerErrors('src/clouds/example.ts', "import { iceKind } from './adapters/ice.js';\nexport const k = iceKind;\n"), []);
  const zod = await layerErrors('src/views/example.ts', "import * as z from 'zod/mini';\nexport const s = z.string();\n");
  assert.equal(zod.length, 1);
  assert.deepEqual(await layerErrors('src/tracking/savedFormat.ts', "import * as z from 'zod/mini';\nexport const s = z.string();\n"), []);
  assert.equal((await layerErrors('src/tracking/jobStore.ts', "import * as z from 'zod/mini';\nexport const s = z.string();\n")).length, 1, 'the store itself reads saved state through savedFormat.ts');
});

test('a folder missing from the layer table is an error, so a new folder must be placed', async () => {
  const messages = await layerErrors('src/newFolder/example.ts', "import { type Job } from '../model/job.js';\nexport type X = Job;\n");
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /has no place in the layer table/);
});
