/** Process glue for `media-jobs`: argv, streams, signals and the exit code. Logic lives in main.ts. */
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './main.js';
import { describeError } from '../clouds/errors.js';
import * as l10n from '../util/l10n.js';

/** After Ctrl-C, how long the cancelled work may take to wind down (close connections) before we just exit. */
const INTERRUPT_GRACE_MS = 500;

const ac = new AbortController();
let interrupted = false;
const onSignal = (): void => {
  if (interrupted) {
    // A second Ctrl-C: no more waiting at all.
    process.exit(130);
  }
  interrupted = true;
  process.stderr.write(`media-jobs: ${l10n.t('interrupted')}\n`);
  ac.abort(new Error('interrupted'));
  // Cancelling ends every request at once; this only guarantees the exit if something still holds on
  // (a socket being torn down, a slow stream flush). Unref'd: a prompt wind-down exits sooner.
  setTimeout(() => process.exit(130), INTERRUPT_GRACE_MS).unref();
};
// `on`, not `once`: after the first signal the default handler must not come back and kill us mid-output.
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  // Once interrupted, the cancelled requests' "cancelled" lines (one per id) say nothing new.
  stderr: (s) => {
    if (!interrupted) process.stderr.write(s);
  },
  env: process.env,
  signal: ac.signal,
  writeFile: (path, text) => writeFile(path, text, 'utf8'),
  // Read live on every run, as the SDKs do: `aliyun configure` changes take effect at once.
  readAliyunConfig: async () => {
    const path = join(homedir(), '.aliyun', 'config.json');
    try {
      return { path, text: await readFile(path, 'utf8') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      // Unreadable (permissions, a directory): said once as a problem of the file, never its content.
      return { path, text: '' };
    }
  },
}).then(
  (code) => {
    process.exitCode = ac.signal.aborted ? 130 : code;
  },
  (e: unknown) => {
    if (!interrupted) process.stderr.write(`media-jobs: ${describeError(e)}\n`);
    process.exitCode = ac.signal.aborted ? 130 : 1;
  },
);
