/**
 * `node --import tsx test/emulator/main.ts [--port N]` (npm run emulator): the emulator with its sample jobs,
 * for the demo and for trying the CLI by hand. Prints the URL, the credentials it accepts as the env lines
 * our CLI reads, and the sample jobs with their scripts. Stops on SIGINT/SIGTERM.
 */
import { startEmulator, type Emulator } from './emulator.js';
import { sampleJobs } from './sampleJobs.js';
import { type JobInit } from './state.js';

function parsePort(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${raw}`);
  return port;
}

function identity(j: JobInit): string {
  switch (j.kind) {
    case 'live-editing':
      return `CasterId=${j.casterId} ShowId=${j.id}`;
    case 'live-edge':
      return `ClusterId=${j.clusterId} JobId=${j.id}`;
    case 'mpc-editing':
      return `job_id=${j.id}`;
    case 'vod':
      return `TranscodeTaskId=${j.id}`;
    default:
      return `JobId=${j.id}`;
  }
}

function describe(emu: Emulator): string {
  const c = emu.credentials;
  const lines = [
    `Cloud emulator listening on ${emu.url}`,
    '(Alibaba RPC on /, Huawei MPC on /v2/{project_id}/editing/jobs; point both clouds\' endpoints here)',
    '',
    'Credentials it accepts:',
    `  export ALIBABA_CLOUD_ACCESS_KEY_ID=${c.aliyun.accessKeyId}`,
    `  export ALIBABA_CLOUD_ACCESS_KEY_SECRET='${c.aliyun.accessKeySecret}'`,
    `  export HUAWEICLOUD_SDK_AK=${c.huawei.ak}`,
    `  export HUAWEICLOUD_SDK_SK=${c.huawei.sk}`,
    `  export HUAWEICLOUD_SDK_PROJECT_ID=${c.huawei.projectId}`,
    `  (STS: AK ${c.aliyunSts.accessKeyId}, token '${c.aliyunSts.securityToken}'; Huawei temporary AK ${c.huaweiTemp.ak})`,
    `  A second account of each cloud: Alibaba AK ${c.aliyun2.accessKeyId} / '${c.aliyun2.accessKeySecret}', Huawei AK ${c.huawei2.ak} / ${c.huawei2.sk}`,
    `  STS AssumeRole (2015-04-01) on / : ${c.roles.map((r) => r.arn).join(', ')} (the first trusted by ${c.aliyun.accessKeyId}, the second by the first role)`,
    '',
    'Sample jobs (times count from now):',
  ];
  const rows = sampleJobs().map((j) => [j.kind, identity(j), j.description ?? ''] as const);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [k, id, d] of rows) lines.push(`  ${k.padEnd(w0)}  ${id.padEnd(w1)}  ${d}`);
  lines.push('', `Control endpoint (${emu.url}/_emulator/…): send the header x-emulator-token: ${emu.controlToken}`, '', 'Ctrl-C to stop.');
  return lines.join('\n');
}

function main(): void {
  let port: number;
  try {
    port = parsePort(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  startEmulator({ port }).then(
    (emu) => {
      process.stdout.write(`${describe(emu)}\n`);
      const stop = (): void => {
        emu.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

main();
