import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';

test('the control endpoint sets statuses, injects and clears faults, and lists requests', async () => {
  const emu = await startEmulator();
  try {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
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
    assert.equal((await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE' })).status, 200);
    const log = (await (await fetch(`${emu.url}/_emulator/requests`)).json()) as unknown[];
    assert.equal(log.length, 1, 'control calls are not logged as API requests');
    assert.equal((await fetch(`${emu.url}/_emulator/bogus`)).status, 404);
  } finally {
    await emu.close();
  }
});
