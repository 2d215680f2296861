/**
 * code-server with this extension in demo mode against the emulator: what `npm start` and
 * scripts/screenshots.ts both open. The extension is installed by a symlink from the session's throwaway
 * extensions folder to this project; in demo mode (MEDIA_JOBS_DEMO=1) it imports the emulator's credentials
 * from ALIBABA_CLOUD_* / HUAWEICLOUD_SDK_* into SecretStorage, tracks the jobs of MEDIA_JOBS_DEMO_TRACK and names
 * the emulator's edge cluster (MEDIA_JOBS_DEMO_CLUSTERS) in the Recent Jobs view.
 */
import { SAMPLE_IDS } from '../test/emulator/sampleJobs.js';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator } from '../test/emulator/emulator.js';
import { ENV } from '../test/integration/protocol.js';
import { ROOT, startCodeServer, type CodeServer } from '../test/integration/harness/codeServer.js';
import { credentialEnv, type Session } from '../test/integration/harness/session.js';

export interface DemoRef {
  kind: string;
  id: string;
  region: string;
  params: Record<string, string>;
}

/** The emulator's sample jobs (those of `only`, if given) as the JobRefs the extension's demo seed tracks. */
export function demoTrackList(emu: Emulator, only?: ReadonlySet<string>): DemoRef[] {
  return emu.state
    .all()
    // The sample jobs only: the history jobs are for the Recent Jobs view to list (and would overflow the env).
    .filter((j) => j.description !== 'history' && (!only || only.has(j.id)))
    .map((j) => {
      const params: Record<string, string> = {};
      if (j.kind === 'live-editing') params.casterId = j.casterId;
      if (j.kind === 'live-edge') params.clusterId = j.clusterId;
      if (j.kind === 'mpc-editing') params.projectId = j.projectId ?? emu.credentials.huawei.projectId;
      // The manifest's default regions (mediaJobs.defaultRegion.*); the emulator answers for any region.
      return { kind: j.kind, id: j.id, region: j.kind === 'mpc-editing' ? 'cn-north-4' : 'cn-shanghai', params };
    });
}

/** Starts code-server on `port` for `session` with the extension in demo mode, tracking `track`. */
export async function startDemoCodeServer(o: { emu: Emulator; session: Session; port: number; logFile: string; track: DemoRef[] }): Promise<CodeServer> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  // The fixture workspace's hostile settings are for the tests, not for the demo.
  rmSync(join(o.session.workspace, '.vscode'), { recursive: true, force: true });
  mkdirSync(o.session.extensionsDir, { recursive: true });
  symlinkSync(ROOT, join(o.session.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  return startCodeServer({
    port: o.port,
    userDataDir: o.session.userDataDir,
    extensionsDir: o.session.extensionsDir,
    configFile: o.session.configFile,
    folder: o.session.workspace,
    logFile: o.logFile,
    env: {
      [ENV.demo]: '1',
      MEDIA_JOBS_DEMO_TRACK: JSON.stringify(o.track),
      // The Recent Jobs view lists edge jobs per cluster id the user names: the demo names the emulator's.
      MEDIA_JOBS_DEMO_CLUSTERS: JSON.stringify([SAMPLE_IDS.liveEdge.clusterId]),
      [ENV.emulatorUrl]: o.emu.url,
      HOME: o.session.home,
      TMPDIR: o.session.tmp,
      ...credentialEnv(o.emu),
    },
  });
}
