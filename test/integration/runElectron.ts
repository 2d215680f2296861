/**
 * The same integration suite through @vscode/test-electron, for desktops that can download VS Code:
 *
 *   npm run build && node --import tsx test/integration/runElectron.ts [--suite a,b] [--grep re] [--vscode 1.100.3]
 *
 * Downloads VS Code (default 1.100.3, the version code-server 4.100.3 embeds; `--vscode stable` for the
 * newest) into .vscode-test/, starts the emulator, and opens a copy of test/integration/workspace with the
 * extension under development and the compiled suite. The suite writes the same results file as under the
 * code-server harness; screenshot and other harness requests resolve to nothing here (no harness listens),
 * tests that need them skip. Not used in CI: these machines cannot reach Microsoft's download service (see
 * test/integration/README.md); the code-server harness (test/integration/harness/run.ts) is the CI runner.
 * On Linux without a display, run it under xvfb-run.
 */
import { join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator/emulator.js';
import { ENV, type SuiteResults } from './protocol.js';
import { ROOT } from './harness/codeServer.js';
import { compileSuite } from './harness/compile.js';
import { createSession, credentialEnv, userSettings } from './harness/session.js';
import { printResults, topLevelSuites } from './harness/run.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  // Windows of chains (suite/chains/) need the code-server harness, which restarts VS Code between them.
  const suites = arg('--suite')?.split(',').filter(Boolean) ?? topLevelSuites();
  const grep = arg('--grep');
  const version = arg('--vscode') ?? '1.100.3';
  const compiled = await compileSuite({ suites, outDir: join(ROOT, 'out', 'integration-electron') });
  const emu = await startEmulator({ jobs: 'sample' });
  const s = createSession({ prefix: 'mji-electron-', settings: userSettings(emu.url) });
  try {
    let code = 1;
    try {
      code = await runTests({
        version,
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: compiled.index,
        launchArgs: [
          s.workspace,
          '--disable-extensions', // other installed extensions stay out; the one under development still loads
          '--disable-workspace-trust',
          `--user-data-dir=${s.userDataDir}`,
          `--extensions-dir=${s.extensionsDir}`,
          '--skip-welcome',
          '--skip-release-notes',
          '--disable-gpu',
        ],
        extensionTestsEnv: {
          [ENV.test]: '1',
          [ENV.results]: s.resultsFile,
          [ENV.logs]: join(s.userDataDir, 'logs'),
          [ENV.trust]: 'off',
          [ENV.host]: 'electron',
          [ENV.userDataDir]: s.userDataDir,
          [ENV.emulatorUrl]: emu.url,
          [ENV.emulatorToken]: emu.controlToken,
          [ENV.session]: 'electron',
          ...(suites.length ? { [ENV.suites]: suites.join(',') } : {}),
          ...(grep ? { [ENV.grep]: grep } : {}),
          ...credentialEnv(emu),
        },
      });
    } catch (err) {
      console.error(`runTests: ${err instanceof Error ? err.message : String(err)}`);
    }
    const results = existsSync(s.resultsFile) ? (JSON.parse(readFileSync(s.resultsFile, 'utf8')) as SuiteResults) : null;
    if (results) {
      printResults(results);
      console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
    } else {
      console.log('0 passed, 1 failed (no results from the suite)');
    }
    return results && results.failed === 0 && !results.error && code === 0 ? 0 : 1;
  } finally {
    await emu.close();
    s.cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
