/**
 * `npm run demo:cli`: the `media-jobs` command line alone, without VS Code (`npm start` runs the extension). Starts
 * the emulator with its sample jobs, shows one job of each kind with the built `media-jobs`, then watches a moving
 * job to its end. The emulator stays up until Ctrl-C,
 * with the environment lines to use `media-jobs` against it from another terminal.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../test/emulator/emulator.js';
import { SAMPLE_IDS } from '../test/emulator/sampleJobs.js';
import { credentialEnv } from '../test/emulator/credentials.js';

async function main(): Promise<void> {
  const emu = await startEmulator();
  const env = { ...process.env, ...credentialEnv(emu) };
  const bin = join(__dirname, '..', 'dist', 'cli.js');
  const cli = (args: string[]) =>
    new Promise<number>((resolve) => {
      console.log(`\n$ media-jobs ${args.join(' ')} --endpoint ${emu.url}`);
      spawn(process.execPath, [bin, ...args, '--endpoint', emu.url], { env, stdio: 'inherit' }).on('exit', (code) => resolve(code ?? 1));
    });
  console.log(`Cloud emulator on ${emu.url} with sample jobs of every kind.`);
  await cli(['inspect', 'ice', SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.failed]);
  await cli(['inspect', 'vod', SAMPLE_IDS.vod.allSucceeded]);
  await cli(['inspect', 'live-editing', SAMPLE_IDS.liveEditing.casterInlineArray]);
  await cli(['inspect', 'live-edge', SAMPLE_IDS.liveEdge.running, '--cluster-id', SAMPLE_IDS.liveEdge.clusterId]);
  await cli(['inspect', 'mpc-editing', SAMPLE_IDS.mpc.succeeded, SAMPLE_IDS.mpc.failed]);
  await cli(['watch', 'ice', SAMPLE_IDS.ice.movingToSuccess, '--interval', '3']);
  console.log(`\nThe emulator keeps running on ${emu.url}; in another terminal:`);
  for (const [k, v] of Object.entries(env)) if (k.startsWith('ALIBABA_') || k.startsWith('HUAWEICLOUD_')) console.log(`  export ${k}='${v}'`);
  console.log(`  node dist/cli.js inspect vod ${SAMPLE_IDS.vod.movingToPartial} --endpoint ${emu.url}\nCtrl-C stops it.`);
  const stop = () => void emu.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
