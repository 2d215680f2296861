/**
 * `media-jobs`: the core as a command-line tool. Exit codes: 0 ok, 1 a request failed, 2 usage,
 * 3 configuration or credentials, 4 (watch) the job ended failed or partial, 130 interrupted.
 */
import { parseCommandLine, USAGE, UsageError, type CliCommand, type CommonOptions } from './args.js';
import { credentialsFromEnv, secretValues } from './env.js';
import { formatJob } from './format.js';
import { runWatch } from './watch.js';
import { CloudClient } from '../clouds/client.js';
import { describeError } from '../clouds/errors.js';
import { exitCodeFor } from './exitCodes.js';
import { type JobKind } from '../model/job.js';
import { type Clock } from '../clouds/clock.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Lets tests and Ctrl-C stop a watch. */
  signal?: AbortSignal;
  /** Tests drive time (signing, rate limits, watch intervals) with a fake clock. */
  clock?: Clock;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`media-jobs: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (cmd.type === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (cmd.type === 'version') {
    io.stdout(`media-jobs ${VERSION}\n`);
    return 0;
  }
  const credentials = credentialsFromEnv(io.env);
  const secrets = secretValues(credentials);
  // Defence in depth: nothing we print may contain a secret, whatever a server echoes back.
  const scrub = (s: string) => secrets.reduce((acc, sec) => acc.split(sec).join('****'), s);
  const out = (s: string) => io.stdout(scrub(s));
  const err = (s: string) => io.stderr(scrub(s));
  const client = makeClient(cmd.kind, cmd.options, credentials, io.clock);
  try {
    if (cmd.type === 'inspect') return await inspect(client, cmd, out, err, io.signal);
    return await runWatch(client, cmd, { out, err, signal: io.signal, clock: io.clock });
  } finally {
    await client.close();
  }
}

function makeClient(kind: JobKind, options: CommonOptions, credentials: ReturnType<typeof credentialsFromEnv>, clock?: Clock): CloudClient {
  return new CloudClient({
    credentials,
    signature: options.signature,
    endpoints: options.endpoint ? { [kind]: options.endpoint } : {},
    timeoutMs: options.timeoutSeconds * 1000,
    ...(clock ? { clock } : {}),
  });
}

async function inspect(
  client: CloudClient,
  cmd: Extract<CliCommand, { type: 'inspect' }>,
  out: (s: string) => void,
  err: (s: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  const outcomes = await client.fetch(cmd.refs, signal);
  let code = 0;
  const jobs = outcomes.flatMap((o) => o.jobs);
  for (const o of outcomes) {
    if (o.error) {
      err(`media-jobs: ${o.ref.kind} ${o.ref.id}: ${describeError(o.error)}\n`);
      code = Math.max(code, exitCodeFor(o.error));
    }
  }
  if (cmd.options.json) out(`${JSON.stringify(jobs, null, 2)}\n`);
  else if (jobs.length > 0) out(`${jobs.map(formatJob).join('\n\n')}\n`);
  return code;
}
