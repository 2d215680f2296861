// Loading and using our transport must leave undici's process-wide dispatcher slots exactly as they were.
// In a VS Code extension host every extension (and Node's own fetch) shares them, and undici's index.js
// fills an empty slot with a non-configurable property that can never be removed again.
// Each case runs in a fresh child process, so no other test (or test-runner internals) can touch the slots.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runChild } from './support.js';

const TRANSPORT = join(REPO_ROOT, 'src/clouds/http/transport.ts');

/** Child script: describe both slots, run `body`, describe them again, print JSON. */
function script(setup: string, body: string): string {
  return `
const http = require('node:http');
const SLOTS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];
const SENTINEL = { dispatch() {} };
function describe() {
  return SLOTS.map((s) => {
    const d = Object.getOwnPropertyDescriptor(globalThis, s);
    if (!d) return 'absent';
    const v = d.value === SENTINEL ? 'sentinel' : d.value === undefined ? 'undefined' : (d.value && d.value.constructor && d.value.constructor.name) || typeof d.value;
    return v + (d.configurable ? ' configurable' : ' fixed');
  });
}
(async () => {
  ${setup}
  const before = describe();
  ${body}
  const after = describe();
  process.stdout.write(JSON.stringify({ before, after }));
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;
}

const USE_TRANSPORT = `
  const { createUndiciTransport } = require(${JSON.stringify(TRANSPORT)});
  const server = http.createServer((req, res) => { res.setHeader('content-type', 'application/json'); res.end('{"ok":true}'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const t = createUndiciTransport({ env: {} });
  const res = await t.send({ origin: 'http://127.0.0.1:' + server.address().port, method: 'GET', pathAndQuery: '/', headers: {}, body: null }, { api: 'x:Y', timeoutMs: 5000 });
  if (res.body !== '{"ok":true}') throw new Error('unexpected body ' + res.body);
  // The proxy path loads ProxyAgent too; a forward proxy request exercises it without DNS.
  const proxy = http.createServer((req, res) => res.end('{"proxied":true}'));
  await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
  const tp = createUndiciTransport({ env: { HTTP_PROXY: 'http://127.0.0.1:' + proxy.address().port } });
  const pres = await tp.send({ origin: 'http://jobs.invalid', method: 'GET', pathAndQuery: '/', headers: {}, body: null }, { api: 'x:Y', timeoutMs: 5000 });
  if (pres.body !== '{"proxied":true}') throw new Error('unexpected proxied body ' + pres.body);
  await t.close(); await tp.close(); server.close(); proxy.close();
`;

async function run(setup: string, body: string): Promise<{ before: string[]; after: string[] }> {
  const r = await runChild(script(setup, body));
  assert.equal(r.code, 0, `child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { before: string[]; after: string[] };
}

// Each case is its own process; running them side by side keeps the file fast.
describe('undici global dispatcher slots', { concurrency: true }, () => {
  it('stay absent after importing the transport and sending requests (direct and proxied)', async () => {
    const { before, after } = await run('', USE_TRANSPORT);
    assert.deepEqual(before, ['absent', 'absent']);
    assert.deepEqual(after, ['absent', 'absent']);
  });

  it('keep a dispatcher someone else installed, untouched', async () => {
    const { before, after } = await run(
      'globalThis[SLOTS[0]] = SENTINEL; globalThis[SLOTS[1]] = SENTINEL;',
      USE_TRANSPORT,
    );
    assert.deepEqual(before, ['sentinel configurable', 'sentinel configurable']);
    assert.deepEqual(after, before);
  });

  it('would be changed by loading undici\'s index (the control: this test can fail)', async () => {
    const { before, after } = await run('', "require('undici');");
    assert.deepEqual(before, ['absent', 'absent']);
    assert.deepEqual(after, ['Agent fixed', 'Agent fixed']);
  });
});
