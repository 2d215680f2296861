/** The built `media-jobs` bundle (package.json `bin`) as a user runs it: a separate Node process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { credentialEnv } from '../../emulator/credentials.js';

const BIN = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : err ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('the bundle exists (npm run build makes it)', () => {
  assert.ok(existsSync(BIN), `${BIN} is missing: run npm run build`);
});

test('--help prints the usage and exits 0; a usage error exits 2', async () => {
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /media-jobs inspect <kind> <id\.\.\.>/);
  const bad = await run(['inspect']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /needs a kind/);
});

test('inspect all five kinds through the bundle against the emulator', async () => {
  const emu = await startEmulator();
  try {
    const c = emu.credentials;
    const env = credentialEnv(emu);
    const cases: Array<[string[], string]> = [
      [['ice', SAMPLE_IDS.ice.succeeded], 'succeeded'],
      [['vod', SAMPLE_IDS.vod.allFailed], 'failed'],
      [['live-editing', SAMPLE_IDS.liveEditing.casterStringObject], 'running'],
      [['live-edge', SAMPLE_IDS.liveEdge.stopped, '--cluster-id', SAMPLE_IDS.liveEdge.clusterId], 'stopped'],
      [['mpc-editing', SAMPLE_IDS.mpc.waiting], 'queued'],
    ];
    for (const [args, status] of cases) {
      const r = await run(['inspect', ...args, '--endpoint', emu.url, '--json'], env);
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
      const jobs = JSON.parse(r.stdout) as Array<{ status: string }>;
      assert.equal(jobs[0]?.status, status, args[0]);
      assert.ok(!r.stdout.includes(c.aliyun.accessKeySecret) && !r.stdout.includes(c.huawei.sk));
    }
  } finally {
    await emu.close();
  }
});
