/**
 * `npm start` (after `npm run build`): the extension in a real VS Code (code-server 4.100.3 on 127.0.0.1)
 * against the local cloud emulator with its sample jobs, in a sample workspace, and prints the URL to open.
 * Ctrl-C stops everything and removes the temp folders.
 *
 *   node --import tsx scripts/start.ts [--check]
 *
 *   PORT=8080             code-server's port (default 8080; a free one if that is taken)
 *   EMULATOR_PORT=0       the emulator's port (default: a free one)
 *   --check               smoke test: start, open the page in headless Chromium, show the Media Jobs view,
 *                         save artifacts/start.png, stop; exit 0 if the view shows tracked jobs.
 *
 * code-server is set up on first use (scripts/setup-code-server.sh; about a minute; nothing is installed into
 * the system, and no browser: open the printed URL in yours; `--check` sets up headless Chromium for its screenshot).
 * The extension is installed by a symlink from a throwaway extensions folder to this project, so a rebuild
 * (`npm run build`) plus "Developer: Reload Window" picks up changes. It starts with MEDIA_JOBS_DEMO=1 and the
 * emulator's credentials in ALIBABA_CLOUD_* / HUAWEICLOUD_SDK_* variables and every sample job as a JSON list
 * of JobRefs in MEDIA_JOBS_DEMO_TRACK: in demo mode the extension imports the credentials into SecretStorage
 * and tracks those jobs. HOME is a throwaway folder too, so nothing from your
 * real ~/.aliyun reaches the demo.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator } from '../test/emulator/emulator.js';
import { SAMPLE_IDS } from '../test/emulator/sampleJobs.js';
import { openWorkbench } from '../test/integration/harness/browser.js';
import { ROOT, SetupError, ensureCodeServer, freePort, type CodeServer } from '../test/integration/harness/codeServer.js';
import { createSession, userSettings } from '../test/integration/harness/session.js';
import { demoTrackList, startDemoCodeServer } from './demoVsCode.js';

const I = SAMPLE_IDS.ice;
const V = SAMPLE_IDS.vod;
const L = SAMPLE_IDS.liveEditing;
const E = SAMPLE_IDS.liveEdge;
const M = SAMPLE_IDS.mpc;

const README = `# Media Job Inspector: sample workspace

This VS Code runs the extension against a local emulator of Alibaba Cloud (ICE, VOD, Live) and Huawei Cloud
(MPC) on 127.0.0.1. The emulator's credentials are already imported into SecretStorage and its sample jobs
are tracked. Nothing here talks to a real cloud.

## Things to try

1. **The Media Jobs view** (activity bar, film icon): jobs grouped by cloud, then status, with counts.
   The status bar shows how many are running; *Toggle Grouping* puts status first; *Filter Jobs…* narrows.
   Some jobs move while you watch (times count from \`npm start\`):
   - ICE \`${I.movingToSuccess}\`: Queuing → Processing (5 s) → Success (40 s), with a notification.
   - VOD \`${V.movingToPartial}\`: HD done at 25 s, 4K fails at 50 s → partly succeeded (a warning).
   - Live editing show \`${L.showMoving}\`: editing (10 s) → uploading (45 s) → done (70 s).
   - MPC \`${M.movingToFailed}\`: WAITING → PROCESSING (10 s) → FAILED with MPC.10053 (60 s).
2. **Hover a job id** in \`logs/render-pipeline.log\`, \`responses/*.json\` or \`scripts/submit_jobs.py\`, or put the cursor
   on one and run **Media Jobs: Look Up Job ID at Cursor** (F1).
3. **Inspect Job** (right-click a job, or the inline icon): status, timeline, clips, output streams.
4. **Track a Job…** (the + in the view's title bar): every sample job is already tracked, so try an id that does
   not exist (kind \`ice\`, id \`7c1e0a9b5d3f4e21a8c6f0b2d4e6a8ff\`) to see the cloud's error, or *Stop Tracking* a
   job (right-click) and track it again: kind \`live-edge\`, id \`${E.startingSoon}\`, cluster \`${E.clusterId}\`.
5. **Credentials**: *Sign Out* removes them from SecretStorage; *Import Credentials from Environment* brings
   the emulator's back; *Set Alibaba Cloud Credentials…* with a wrong secret shows SignatureDoesNotMatch.
6. **Show Logs** (view menu ···): what the extension did, with secrets and signatures redacted.

Endpoints point at the emulator through your User settings (\`mediaJobs.endpoints\`); workspace settings
cannot change them.
`;

function arg(name: string): boolean {
  return process.argv.includes(name);
}

async function main(): Promise<number> {
  const check = arg('--check');
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) {
    console.error('dist/extension.js is missing: run `npm run build` first (npm start does).');
    return 1;
  }
  try {
    // The check takes a screenshot in headless Chromium; `npm start` itself needs no browser.
    ensureCodeServer(console.log, { browser: check });
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`npm start: ${err.message}`);
      return 1;
    }
    throw err;
  }

  const cleanups: Array<() => Promise<void> | void> = [];
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const c of cleanups.reverse()) {
        try {
          await c();
        } catch {
          /* keep stopping the rest */
        }
      }
    })());
  let cs: CodeServer | null = null;
  process.once('exit', () => cs?.killNow());

  try {
    const emu = await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 0), jobs: 'sample', history: 300 });
    cleanups.push(() => emu.close());

    const session = createSession({
      prefix: 'mji-demo-',
      settings: userSettings(emu.url, {
        'workbench.startupEditor': 'readme',
        'mediaJobs.logLevel': 'info',
        'editor.hover.delay': 300,
      }),
      workspaceFiles: { 'README.md': README },
    });
    cleanups.push(() => session.cleanup());

    const wanted = Number(process.env.PORT ?? 8080);
    const port = await freePort(Number.isInteger(wanted) && wanted > 0 && wanted < 65536 ? wanted : 8080);
    if (port !== wanted) console.log(`port ${wanted} is taken; using ${port}`);
    mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
    cs = await startDemoCodeServer({ emu, session, port, logFile: join(ROOT, 'artifacts', 'start-code-server.log'), track: demoTrackList(emu) });
    const server = cs;
    cleanups.push(() => server.stop());
    const url = `${cs.url}/?folder=${encodeURIComponent(session.workspace)}`;

    if (check) {
      rmSync(join(ROOT, 'artifacts', 'start-logs'), { recursive: true, force: true });
      const wb = await openWorkbench(url, join(ROOT, 'artifacts'));
      cleanups.push(() => wb.close());
      await wb.ready(60_000);
      await wb.page.locator('.part.activitybar [aria-label^="Media Jobs"]').first().click({ timeout: 30_000 });
      await wb.page.mouse.move(900, 600); // no hover tooltip over the activity bar in the picture
      // The demo tracks the sample jobs on first activation: wait for rows in the view.
      let rows = 0;
      try {
        await wb.page.locator('.part.sidebar .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
        rows = await wb.page.locator('.part.sidebar .monaco-list-row').count();
      } catch {
        /* reported below */
      }
      const shot = await wb.screenshot('start', { waitForText: 'Media Jobs', timeoutMs: 30_000 });
      await server.stop();
      cpSync(join(session.userDataDir, 'logs'), join(ROOT, 'artifacts', 'start-logs'), { recursive: true });
      console.log(`check: the workbench is up with the Media Jobs view (${rows} tree rows): ${shot.slice(ROOT.length + 1)}`);
      await stop();
      if (rows === 0) console.error('check: the Media Jobs view shows no tracked jobs (demo mode did not track the sample jobs)');
      return rows > 0 ? 0 : 1;
    }

    console.log(
      [
        '',
        `  Media Job Inspector in VS Code (code-server 4.100.3), against the cloud emulator on ${emu.url}`,
        '',
        `  Open:  ${url}`,
        '',
        '  The sample workspace holds a log, a saved API response and a script with job ids, and a README of things',
        '  to try. Sample jobs of every kind are tracked; some move over the next minute. Ctrl-C stops everything.',
        `  (code-server's output: artifacts/start-code-server.log)`,
        '',
      ].join('\n'),
    );
    const ended = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
      void server.exited.then((e) => resolve(`code-server ended (${e})`));
    });
    console.log(`\n${ended}: stopping code-server and the emulator…`);
    await stop();
    return ended.startsWith('SIG') ? 0 : 1;
  } catch (err) {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    await stop();
    return 1;
  }
}

main().then((code) => process.exit(code));

