/**
 * A throwaway VS Code session on disk: user-data-dir (with User settings pointing the extension at the
 * emulator), extensions dir, a HOME, a copy of the fixture workspace, and the folders the harness protocol
 * uses. Shared by the code-server harness, the @vscode/test-electron runner and `npm start`.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENDPOINT_KINDS } from '../protocol.js';
import { ROOT } from './codeServer.js';

export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'integration', 'workspace');

export interface Session {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  home: string;
  workspace: string;
  /** Request files (harness protocol). */
  requestsDir: string;
  resultsFile: string;
  /** code-server's config.yaml. */
  configFile: string;
  /** TMPDIR for code-server (its IPC sockets land there and go with the session). */
  tmp: string;
  /** Removes everything under root. Idempotent. */
  cleanup(): void;
}

/** The User settings a session starts with: endpoints → emulator, and a quiet, predictable workbench. */
export function userSettings(emulatorUrl: string | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const s: Record<string, unknown> = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'git.enabled': false,
    'git.autoRepositoryDetection': false,
    'github.gitAuthentication': false,
    'editor.hover.delay': 150,
    'files.autoSave': 'off',
    'security.workspace.trust.startupPrompt': 'never',
    'mediaJobs.logLevel': 'debug',
  };
  if (emulatorUrl) s['mediaJobs.endpoints'] = Object.fromEntries(ENDPOINT_KINDS.map((k) => [k, emulatorUrl]));
  return { ...s, ...extra };
}

export { credentialEnv } from '../../emulator/credentials.js';

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export interface SessionOptions {
  /** Prefix of the temp folder name. */
  prefix: string;
  settings: Record<string, unknown>;
  /** Folder copied as the workspace (default: test/integration/workspace). */
  workspaceSource?: string;
  /** Extra files to write into the workspace copy: relative path → content. */
  workspaceFiles?: Record<string, string>;
}

export function createSession(o: SessionOptions): Session {
  const root = mkdtempSync(join(tmpdir(), o.prefix));
  const s: Session = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    home: join(root, 'home'),
    workspace: join(root, 'workspace'),
    requestsDir: join(root, 'requests'),
    resultsFile: join(root, 'results.json'),
    configFile: join(root, 'code-server.yaml'),
    tmp: join(root, 'tmp'),
    cleanup: () => rmSync(root, { recursive: true, force: true, maxRetries: 3 }),
  };
  for (const d of [s.userDataDir, s.extensionsDir, s.home, s.requestsDir, s.tmp]) mkdirSync(d, { recursive: true });
  cpSync(o.workspaceSource ?? FIXTURE_WORKSPACE, s.workspace, { recursive: true });
  for (const [rel, content] of Object.entries(o.workspaceFiles ?? {})) {
    const file = join(s.workspace, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, content);
  }
  // code-server (the remote side) reads User settings from <user-data-dir>/User; Machine settings from
  // <user-data-dir>/Machine. Application-scoped settings (mediaJobs.endpoints) are only honoured in User.
  mkdirSync(join(s.userDataDir, 'User'), { recursive: true });
  mkdirSync(join(s.userDataDir, 'Machine'), { recursive: true });
  writeJson(join(s.userDataDir, 'User', 'settings.json'), o.settings);
  writeJson(join(s.userDataDir, 'Machine', 'settings.json'), {});
  writeFileSync(s.configFile, 'auth: none\ncert: false\n');
  return s;
}
