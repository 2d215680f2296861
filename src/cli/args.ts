/**
 * Command-line parsing for `media-jobs`, kept pure so it is tested without spawning a process.
 */
import { parseArgs } from 'node:util';
import { JOB_KINDS, type JobKind, isJobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { type SignatureVersion } from '../clouds/client.js';

export const USAGE = `Usage:
  media-jobs inspect <kind> <id...> [options]   print jobs (one per id; a Live caster gives one per editing task)
  media-jobs watch <kind> <id> [options]        poll until the job ends; exit 0 succeeded, 4 failed or partial
  media-jobs --help | --version

Kinds:
  ice            Alibaba Cloud IMS GetMediaProducingJob (id: JobId)
  vod            Alibaba Cloud VOD GetTranscodeTask (id: TranscodeTaskId)
  live-editing   Alibaba Cloud Live GetEditingJobInfo (id: CasterId; --show-id to pick one task)
  live-edge      Alibaba Cloud Live GetEdgeTranscodeJob (id: JobId; needs --cluster-id)
  mpc-editing    Huawei Cloud MPC editing jobs (ids: job_id, up to 10 per request, batched)

Options:
  --region R          region (default cn-shanghai for Alibaba Cloud, cn-north-4 for Huawei Cloud)
  --endpoint URL      API base URL (https; plain http only to loopback), e.g. a VPC endpoint or the emulator
  --cluster-id C      live-edge: the ClusterId
  --show-id S         live-editing: only this ShowId
  --project-id P      mpc-editing: the project id (default HUAWEICLOUD_SDK_PROJECT_ID)
  --signature v1|v3   Alibaba Cloud signature version (default v3)
  --interval S        watch: seconds between polls (default 5; never faster than the API's rate limit)
  --timeout S         seconds one request may take before it is retried (default 15)
  --json              print a JSON array of normalized jobs

Credentials come from the environment:
  ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN (optional)
  HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_SECURITY_TOKEN (optional)

Exit codes: 0 ok; 1 a request failed; 2 usage; 3 configuration or credentials; 4 (watch) the job failed or partly failed.
`;

export interface CommonOptions {
  region: string;
  endpoint: string | undefined;
  signature: SignatureVersion;
  json: boolean;
  timeoutSeconds: number;
}

export type CliCommand =
  | { type: 'help' }
  | { type: 'version' }
  | { type: 'inspect'; kind: JobKind; refs: JobRef[]; options: CommonOptions }
  | { type: 'watch'; kind: JobKind; ref: JobRef; options: CommonOptions; intervalSeconds: number };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommandLine(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'cluster-id': { type: 'string' },
        'show-id': { type: 'string' },
        'project-id': { type: 'string' },
        signature: { type: 'string' },
        interval: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help) return { type: 'help' };
  if (v.version) return { type: 'version' };
  const [command, kindArg, ...ids] = positionals;
  if (command === undefined) throw new UsageError('no command given');
  if (command === 'help') return { type: 'help' };
  if (command !== 'inspect' && command !== 'watch') throw new UsageError(`unknown command "${command}"`);
  if (kindArg === undefined) throw new UsageError(`${command} needs a kind (${JOB_KINDS.join(', ')})`);
  if (!isJobKind(kindArg)) throw new UsageError(`unknown kind "${kindArg}"; kinds are ${JOB_KINDS.join(', ')}`);
  const kind = kindArg;
  if (ids.length === 0) throw new UsageError(`${command} ${kind} needs at least one id`);
  if (command === 'watch' && ids.length > 1) throw new UsageError('watch takes one id');

  const signature = v.signature ?? 'v3';
  if (signature !== 'v1' && signature !== 'v3') throw new UsageError(`--signature must be v1 or v3, not "${signature}"`);
  if (v['cluster-id'] !== undefined && kind !== 'live-edge') throw new UsageError('--cluster-id applies to live-edge only');
  if (v['show-id'] !== undefined && kind !== 'live-editing') throw new UsageError('--show-id applies to live-editing only');
  if (v['project-id'] !== undefined && kind !== 'mpc-editing') throw new UsageError('--project-id applies to mpc-editing only');
  if (kind === 'live-edge' && !v['cluster-id']) throw new UsageError('live-edge needs --cluster-id');

  const timeoutSeconds = v.timeout === undefined ? 15 : Number(v.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
    throw new UsageError(`--timeout must be a number of seconds between 0 and 600, not "${v.timeout}"`);
  }
  const options: CommonOptions = { region: v.region ?? '', endpoint: v.endpoint, signature, json: v.json === true, timeoutSeconds };
  const params: JobRef['params'] = {};
  if (v['cluster-id']) params.clusterId = v['cluster-id'];
  if (v['show-id']) params.showId = v['show-id'];
  if (v['project-id']) params.projectId = v['project-id'];
  const refs: JobRef[] = ids.map((id) => ({ kind, id, region: options.region, params: { ...params } }));

  if (command === 'inspect') {
    if (v.interval !== undefined) throw new UsageError('--interval applies to watch only');
    return { type: 'inspect', kind, refs, options };
  }
  const intervalSeconds = v.interval === undefined ? 5 : Number(v.interval);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0 || intervalSeconds > 86_400) {
    throw new UsageError(`--interval must be a number of seconds between 0 and 86400, not "${v.interval}"`);
  }
  return { type: 'watch', kind, ref: refs[0]!, options, intervalSeconds };
}
