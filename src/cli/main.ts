/**
 * `media-jobs`: the core as a command-line tool. Exit codes: 0 ok, 1 a request failed, 2 usage,
 * 3 configuration or credentials, 4 (watch) the job ended failed or partial, 130 interrupted.
 */
import { parseCommandLine, usage, UsageError, type CliCommand, type CommonOptions } from './args.js';
import { cliLanguage, takeLangOption, useCliLanguage } from './lang.js';
import * as l10n from '../util/l10n.js';
import { credentialsFromEnv, secretEntries } from './env.js';
import { chainCredentials, chainSecrets, formatProfiles } from './profiles.js';
import { resolveChain, type ChainInput } from '../clouds/credentialChain.js';
import { KIND_CLOUD } from '../kinds/index.js';
import { formatJob, quoted, sanitizeOutput, terminalSafeJson } from './format.js';
import { runDiff } from './diff.js';
import { runExport } from './export.js';
import { runList } from './list.js';
import { runWatch } from './watch.js';
import { CloudClient } from '../clouds/client.js';
import { type Credentials } from '../clouds/credentials.js';
import { describeError } from '../clouds/errors.js';
import { MIN_SECRET_LENGTH, redactValues, tooShortToRedact } from '../clouds/http/redact.js';
import { oneLine } from '../util/unsafeChars.js';
import { EXIT, exitCodeFor } from './exitCodes.js';
import { type JobKind } from '../model/job.js';
import { DEFAULT_REGION } from '../clouds/endpoints.js';
import { cloudCliCommand } from '../export/commandLine.js';
import { KIND_INFO } from '../kinds/index.js';
import { type Clock } from '../clouds/clock.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Lets tests and Ctrl-C stop a watch. */
  signal?: AbortSignal;
  /** Tests drive time (signing, rate limits, watch intervals) with a fake clock. */
  clock?: Clock;
  /** `export --out FILE` writes through this (bin.ts: the file system). */
  writeFile?: (path: string, text: string) => Promise<void>;
  /** Reads `~/.aliyun/config.json` (null when there is none); absent: no aliyun CLI profiles. */
  readAliyunConfig?: () => Promise<{ path: string; text: string } | null>;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/**
 * The only way the CLI writes. Every text, whatever its source (usage, job summaries, --json, errors, watch
 * lines), passes the same sanitiser (no terminal escapes, C1 controls or bidi overrides) and then the secret
 * scrub (defence in depth: nothing we print may contain a secret, whatever a server echoes back).
 */
export interface CliWriter {
  out: (s: string) => void;
  err: (s: string) => void;
}

export function cliWriter(io: Pick<CliIo, 'stdout' | 'stderr'>, secrets: readonly string[]): CliWriter {
  // Only the credential values are masked here: server messages were already redacted where they were read
  // (readResponse, the transport), and job data may hold the user's own signed URLs, which are theirs to see.
  const write = (sink: (s: string) => void) => (s: string) => sink(redactValues(sanitizeOutput(s), secrets));
  return { out: write(io.stdout), err: write(io.stderr) };
}

export async function runCli(commandLine: readonly string[], io: CliIo): Promise<number> {
  // The language first: every message after this, usage errors included, is in it.
  const lang = takeLangOption(commandLine);
  useCliLanguage(cliLanguage(lang.value, io.env));
  const argv = lang.rest;
  // Before the profiles are read, at least the environment's secrets are masked (usage errors, a failed read).
  let secrets = secretEntries(credentialsFromEnv(io.env));
  let writer = cliWriter(io, secrets.map((e) => e.value));
  const out = (s: string): void => writer.out(s);
  const err = (s: string): void => writer.err(s);
  try {
    let cmd: CliCommand;
    try {
      if (lang.invalid !== null) throw new UsageError(l10n.t('--lang must be zh-cn or en, not {0}', quoted(lang.invalid)));
      cmd = parseCommandLine(argv);
    } catch (e) {
      if (e instanceof UsageError) {
        err(`media-jobs: ${l10n.t('{0}; run \'media-jobs --help\'', oneLine(e.message))}\n`);
        return EXIT.usage;
      }
      throw e;
    }
    if (cmd.type === 'help') {
      out(usage());
      return EXIT.ok;
    }
    if (cmd.type === 'version') {
      out(`media-jobs ${VERSION}\n`);
      return EXIT.ok;
    }
    // Nothing is sent: no credentials are needed (the Huawei project, where one is set, from the environment).
    if (cmd.type === 'inspect' && cmd.printCommand) return printCommands(cmd, credentialsFromEnv(io.env), out, err);
    const input: ChainInput = { env: io.env, aliyunConfig: (await io.readAliyunConfig?.()) ?? null };
    const chosen = cmd.type === 'profiles' ? cmd.profile : cmd.options.profile;
    if (chosen !== undefined) input.profile = chosen;
    secrets = chainSecrets(input);
    writer = cliWriter(io, secrets.map((e) => e.value));
    if (cmd.type === 'profiles') {
      const { text, problems, unknown } = formatProfiles(input, cmd.json);
      out(text);
      for (const p of problems) err(`media-jobs: ${oneLine(p)}\n`);
      return unknown ? EXIT.config : EXIT.ok;
    }
    const chain = resolveChain(input);
    if (chain.configProblem) err(`media-jobs: ${l10n.t('warning: {0}', oneLine(chain.configProblem))}\n`);
    const used = chain[KIND_CLOUD[cmd.kind]];
    if (used && !used.ok) {
      err(`media-jobs: ${oneLine(used.reason)}\n`);
      return EXIT.config;
    }
    return await run(cmd, io, chainCredentials(chain, cmd.options.stsEndpoint), secrets, out, err);
  } catch (e) {
    // Nothing may bypass the writer, not even a bug: one line, sanitised and scrubbed, no stack trace.
    err(`media-jobs: ${oneLine(describeError(e))}\n`);
    return EXIT.failed;
  }
}

async function run(
  cmd: Exclude<CliCommand, { type: 'help' | 'version' | 'profiles' }>,
  io: CliIo,
  credentials: Credentials,
  secrets: ReadonlyArray<{ variable: string; value: string }>,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const tooShort = new Set(tooShortToRedact(secrets.map((e) => e.value)));
  for (const { variable, value } of secrets) {
    // Masking a 1-character "secret" would mangle every line; a real one is 30+ characters. Say so, never show it.
    if (tooShort.has(value)) {
      err(`media-jobs: ${l10n.t('warning: {0} is shorter than {1} characters, too short to be a real secret; it is not masked in output', variable, MIN_SECRET_LENGTH)}\n`);
    }
  }
  const client = makeClient(cmd.kind, cmd.options, credentials, io.clock);
  try {
    if (cmd.type === 'inspect') return await inspect(client, cmd, out, err, io.signal);
    if (cmd.type === 'list') return await runList(client, cmd, { out, err, signal: io.signal, clock: io.clock });
    if (cmd.type === 'diff') return await runDiff(client, cmd, { out, err, signal: io.signal });
    if (cmd.type === 'export') return await runExport(client, cmd, { out, err, signal: io.signal, writeFile: io.writeFile });
    return await runWatch(client, cmd, { out, err, signal: io.signal, clock: io.clock });
  } finally {
    await client.close();
  }
}

function makeClient(kind: JobKind, options: CommonOptions, credentials: Credentials, clock?: Clock): CloudClient {
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
      err(`media-jobs: ${o.ref.kind} ${o.ref.id}: ${withoutKind(describeError(o.error), o.ref.kind)}\n`);
      code = Math.max(code, exitCodeFor(o.error));
    }
  }
  if (cmd.options.json) out(`${terminalSafeJson(jobs)}\n`);
  else if (jobs.length > 0) out(`${jobs.map(formatJob).join('\n\n')}\n`);
  return code;
}

/**
 * `inspect --print-command`: the cloud CLI's command per id (src/export/commandLine.ts), nothing sent. The region is
 * the one the request would use; the Huawei project the one of HUAWEICLOUD_SDK_PROJECT_ID, as for a fetch. Notes
 * (what is unconfirmed) go to stderr, so stdout is only commands.
 */
function printCommands(cmd: Extract<CliCommand, { type: 'inspect' }>, credentials: Credentials, out: (s: string) => void, err: (s: string) => void): number {
  const notes = new Set<string>();
  for (const ref of cmd.refs) {
    const region = ref.region || DEFAULT_REGION[KIND_INFO[ref.kind].cloud];
    const c = cloudCliCommand({ ...ref, region }, { projectId: credentials.huawei?.projectId ?? null, endpoint: cmd.options.endpoint ?? null });
    out(`${c.text}\n`);
    for (const n of c.notes) notes.add(n);
  }
  for (const n of notes) err(`media-jobs: ${l10n.t('note: {0}', n)}\n`);
  return EXIT.ok;
}

/** The line already starts with the kind and id: a message that opens with the kind again ("ice: …") drops it. */
function withoutKind(description: string, kind: JobKind): string {
  return oneLine(description.startsWith(`${kind}: `) ? description.slice(kind.length + 2) : description);
}
