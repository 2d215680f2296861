import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';

test('the control endpoint sets statuses, injects and clears faults, and lists requests', async () => {
  const emu = await startEmulator();
  try {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-emulator-token': emu.controlToken } });
    const auth = { headers: { 'x-emulator-token': emu.controlToken } };
    const r = await post('status', { kind: 'ice', id: SAMPLE_IDS.ice.queuing, status: 'Failed', error: { code: 'X.Y', message: 'boom' } });
    assert.equal(r.status, 200);
    const job = emu.state.get('ice', SAMPLE_IDS.ice.queuing);
    assert.ok(job);
    assert.equal(emu.state.view(job).status, 'Failed');
    assert.equal((await post('status', { kind: 'nope', id: 'x', status: 'x' })).status, 400);
    assert.equal((await post('status', { kind: 'ice', id: 'missing', status: 'x' })).status, 400);
    assert.equal((await post('faults', { type: 'html502' })).status, 200);
    const faulted = await fetch(`${emu.url}/`);
    assert.equal(faulted.status, 502);
    assert.equal((await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE', ...auth })).status, 200);
    const log = (await (await fetch(`${emu.url}/_emulator/requests`, auth)).json()) as unknown[];
    assert.equal(log.length, 1, 'control calls are not logged as API requests');
    assert.equal((await fetch(`${emu.url}/_emulator/bogus`, auth)).status, 404);
  } finally {
    await emu.close();
  }
});

test('the control endpoint refuses requests without the run\'s token, from web pages, or to another Host', async () => {
  const emu = await startEmulator();
  const other = await startEmulator();
  try {
    const body = JSON.stringify({ kind: 'ice', id: SAMPLE_IDS.ice.queuing, status: 'Failed' });
    const post = (headers: Record<string, string>) =>
      fetch(`${emu.url}/_emulator/status`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...headers } });
    const refusals = [
      await post({}),
      await post({ 'x-emulator-token': other.controlToken }),
      await post({ 'x-emulator-token': emu.controlToken.slice(1) }),
      await post({ 'x-emulator-token': emu.controlToken, origin: 'https://evil.example' }),
      await post({ 'x-emulator-token': emu.controlToken, origin: 'null' }),
    ];
    assert.deepEqual(refusals.map((r) => r.status), [403, 403, 403, 403, 403]);
    assert.notEqual(emu.controlToken, other.controlToken, 'each run has its own token');
    assert.match(emu.controlToken, /^[0-9a-f]{32}$/);
    // DNS rebinding: a page served from attacker.example that resolves to 127.0.0.1 sends its own Host.
    const { request } = await import('node:http');
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: emu.port, path: '/_emulator/requests', headers: { host: `attacker.example:${emu.port}`, 'x-emulator-token': emu.controlToken } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(rebound, 403);
    const job = emu.state.get('ice', SAMPLE_IDS.ice.queuing);
    assert.ok(job);
    assert.notEqual(emu.state.view(job).status, 'Failed', 'no refused request changed the job');
    const ok = await post({ 'x-emulator-token': emu.controlToken });
    assert.equal(ok.status, 200);
    assert.equal(emu.state.view(job).status, 'Failed');
  } finally {
    await emu.close();
    await other.close();
  }
});
