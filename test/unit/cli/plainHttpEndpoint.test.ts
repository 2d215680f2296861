/**
 * `--endpoint https://…` pointed at a port that speaks plain HTTP (the emulator, a local stub): TLS fails
 * with "wrong version number". That is not a certificate problem, and a TLS-inspecting proxy is not the cause:
 * the message must say the server answered in plain HTTP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { runCli } from '../../../src/cli/main.js';
import { EMULATOR_CREDENTIALS } from '../../emulator/credentials.js';

test('an https endpoint on a plain-HTTP port says the server answered in plain HTTP', async () => {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    let stderr = '';
    const code = await runCli(['inspect', 'ice', '9eeaf77ee09a4496e0ed7afceaa86dc3', '--endpoint', `https://${host}`], {
      stdout: () => {},
      stderr: (s) => (stderr += s),
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.aliyun.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_CREDENTIALS.aliyun.accessKeySecret,
      },
    });
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.ok(
      stderr.includes(`the server at ${host} answered in plain HTTP, not TLS: use http:// for a loopback endpoint or check the port`),
      stderr,
    );
    assert.doesNotMatch(stderr, /TLS-inspecting proxy|NODE_EXTRA_CA_CERTS/);
    assert.equal(requests, 0, 'the TLS ClientHello is not an HTTP request the server could answer');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
