/**
 * Copy as a command: the exact command a user would run in a terminal to get the same answer for a job, in the
 * cloud's own CLI or in `media-jobs`. Built from the job's reference only (kind, id, region, identity parameters),
 * never from credentials: nothing secret can reach the text. A job tracked with a named profile other than
 * "default" gets `--profile NAME` (`--cli-profile=NAME` for hcloud): the CLI's own profile of that name signs.
 *
 * The cloud CLIs' syntax:
 * - aliyun CLI (https://github.com/aliyun/aliyun-cli, README "Use Alibaba Cloud CLI"): `aliyun <product> <Operation>
 *   --Param value`, global `--region`, `--endpoint`, and `--force` to skip the bundled API metadata check.
 * - Huawei Cloud KooCLI (https://support.huaweicloud.com/intl/en-us/productdesc-hcli/hcli_01_002.html):
 *   `hcloud <service> <operation> --param=value`, system parameters `--cli-region=` and `--project_id=`.
 * What a kind's call is, and what public sources did not confirm, is in its KindInfo (`cloudCli`, src/kinds/).
 */
import { KIND_INFO } from '../kinds/index.js';
import { type JobRef } from '../model/jobRef.js';
import { type JobParams } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export interface CopiedCommand {
  /** One line, ready to paste into a POSIX shell. */
  text: string;
  tool: 'aliyun' | 'hcloud' | 'media-jobs';
  /** What the user should know: unconfirmed syntax, what the answer holds. Never part of `text`. */
  notes: string[];
  /** Whether part of the syntax is not confirmed by the CLI's public documentation (one of the notes says what). */
  unconfirmed: boolean;
}

/** A word as a POSIX shell reads it back: as it is when it is plainly safe, else in single quotes. */
export function shellWord(s: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The id the call takes and the task it narrows to: a casterParam kind's reference to one task names both. */
function idAndTask(ref: JobRef): { id: string; task: string | null } {
  const casterParam = KIND_INFO[ref.kind].casterParam;
  const caster = casterParam !== undefined ? ref.params[casterParam] : undefined;
  if (caster !== undefined) return { id: caster, task: ref.id };
  return { id: ref.id, task: ref.params.showId ?? null };
}

/**
 * The cloud CLI's command for a job. `projectId`: the Huawei project the job is fetched in when its reference does
 * not carry one (the credentials' project for its region); `endpoint`: a host the extension is configured to call
 * instead of the cloud's (the emulator, a VPC endpoint), which the command then names too.
 */
export interface CommandOptions { projectId?: string | null; endpoint?: string | null; profile?: string | null }

/** A profile worth naming on the command line (the CLIs' own default is "default"). */
const namedProfile = (o: CommandOptions): string | null => (o.profile && o.profile !== 'default' ? o.profile : null);

export function cloudCliCommand(ref: JobRef, opts: CommandOptions = {}): CopiedCommand {
  const cli = KIND_INFO[ref.kind].cloudCli;
  const { id, task } = idAndTask(ref);
  const notes: string[] = [];
  const words: string[] = [cli.tool, cli.product, cli.operation];
  const params: Array<[string, string]> = [[cli.idFlag, id]];
  if (task !== null && cli.taskFlag) params.push([cli.taskFlag, task]);
  for (const [name, flag] of Object.entries(cli.paramFlags) as Array<[keyof JobParams, string]>) {
    const value = ref.params[name] ?? (name === 'projectId' ? opts.projectId ?? undefined : undefined);
    if (value) params.push([flag, value]);
    else if (name === 'projectId') notes.push(l10n.t('no project id is known for this region: hcloud uses the one of its profile'));
  }
  const endpoint = opts.endpoint ? hostOf(opts.endpoint) : null;
  if (cli.tool === 'aliyun') {
    for (const [flag, value] of params) words.push(`--${flag}`, shellWord(value));
    if (ref.region) words.push('--region', shellWord(ref.region));
    if (endpoint) words.push('--endpoint', shellWord(endpoint));
    if (namedProfile(opts)) words.push('--profile', shellWord(namedProfile(opts)!));
    if (cli.force) words.push('--force');
  } else {
    for (const [flag, value] of params) words.push(shellWord(`--${flag}=${value}`));
    if (ref.region) words.push(shellWord(`--cli-region=${ref.region}`));
    if (namedProfile(opts)) words.push(shellWord(`--cli-profile=${namedProfile(opts)!}`));
    if (endpoint) notes.push(l10n.t('the extension calls {0} for this kind; KooCLI has no endpoint option, so this command asks the cloud', endpoint));
  }
  if (task !== null && cli.taskFlag === undefined) notes.push(l10n.t('the answer lists every task of {0}; this job is {1}', id, task));
  if (cli.unconfirmed) notes.push(l10n.t('UNCONFIRMED: {0}', l10n.label(cli.unconfirmed)));
  return { text: words.join(' '), tool: cli.tool, notes, unconfirmed: cli.unconfirmed !== undefined };
}

/** `media-jobs inspect <kind> <id> …`: the same job in this project's own CLI. */
export function mediaJobsCommand(ref: JobRef, opts: CommandOptions = {}): CopiedCommand {
  const info = KIND_INFO[ref.kind];
  const { id, task } = idAndTask(ref);
  const words = ['media-jobs', 'inspect', ref.kind, shellWord(id)];
  for (const p of info.params) {
    const value = p.name === 'showId' ? task ?? ref.params.showId : ref.params[p.name] ?? (p.name === 'projectId' ? opts.projectId ?? undefined : undefined);
    if (value) words.push(`--${p.cliFlag}`, shellWord(value));
  }
  if (ref.region) words.push('--region', shellWord(ref.region));
  if (opts.endpoint) words.push('--endpoint', shellWord(opts.endpoint));
  if (namedProfile(opts) && KIND_INFO[ref.kind].cloud === 'aliyun') words.push('--profile', shellWord(namedProfile(opts)!));
  const notes = [namedProfile(opts) && KIND_INFO[ref.kind].cloud === 'aliyun'
    ? l10n.t('--profile reads the profile "{0}" of ~/.aliyun/config.json', namedProfile(opts)!)
    : l10n.t('credentials come from the environment or ~/.aliyun/config.json, as media-jobs --help says')];
  return { text: words.join(' '), tool: 'media-jobs', notes, unconfirmed: false };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
