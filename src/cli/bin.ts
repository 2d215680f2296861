/** Process glue for `media-jobs`: argv, streams, signals and the exit code. Logic lives in main.ts. */
import { runCli } from './main.js';
import { describeError } from '../clouds/errors.js';

const ac = new AbortController();
process.once('SIGINT', () => ac.abort(new Error('interrupted')));
process.once('SIGTERM', () => ac.abort(new Error('interrupted')));
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  signal: ac.signal,
}).then(
  (code) => {
    process.exitCode = ac.signal.aborted ? 130 : code;
  },
  (e: unknown) => {
    process.stderr.write(`media-jobs: ${describeError(e)}\n`);
    process.exitCode = ac.signal.aborted ? 130 : 1;
  },
);
