/**
 * code-server 4.100.3 (VS Code 1.100.3's server and web workbench, from the npm registry) as a child process:
 * make sure it is installed (scripts/setup-code-server.sh), find a free port, start it on loopback, wait until
 * it answers, stop its whole process group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { isolatedXdgEnv } from '../../support/isolatedXdg.js';
import { registerEmptyLanguagePack } from './languagePack.js';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = join(ROOT, '.cache', 'code-server');
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.MEDIA_JOBS_CHROMIUM ?? '/usr/bin/chromium';
const SETUP_SCRIPT = join(ROOT, 'scripts', 'setup-code-server.sh');

function installedVersion(): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')) as { version?: string };
    return existsSync(CODE_SERVER_BIN) ? (pkg.version ?? null) : null;
  } catch {
    return null;
  }
}

/** Where code-server's config, data and caches go (XDG_* for its process): never the user's ~/.config. */
export function codeServerXdgEnv(): Record<string, string> {
  return isolatedXdgEnv('code-server');
}

/** The setup failed; its own one-line reason is already on stderr. Callers print `message` and exit 1. */
export class SetupError extends Error {}

/**
 * Runs the setup script when code-server (the right version), or with `browser` Chromium, is missing.
 * `npm start` needs no browser (the user opens the URL in theirs); the tests do. Throws `SetupError`.
 */
export function ensureCodeServer(log: (s: string) => void = console.log, o: { browser?: boolean } = {}): void {
  const browser = o.browser ?? true;
  if (installedVersion() === CODE_SERVER_VERSION && (!browser || existsSync(CHROMIUM))) return;
  log(`code-server ${CODE_SERVER_VERSION}${browser ? ` or ${CHROMIUM}` : ''} missing: running scripts/setup-code-server.sh`);
  const r = spawnSync('bash', [SETUP_SCRIPT, ...(browser ? ['--browser'] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new SetupError(`scripts/setup-code-server.sh failed (exit ${r.status ?? r.signal})`);
  if (installedVersion() !== CODE_SERVER_VERSION) throw new SetupError(`code-server ${CODE_SERVER_VERSION} still not in ${CODE_SERVER_DIR}`);
}

/** A port free on 127.0.0.1 right now: `preferred` if it is, else one the OS picks. */
export function freePort(preferred = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      if (preferred !== 0 && (err.code === 'EADDRINUSE' || err.code === 'EACCES')) resolvePort(freePort(0));
      else reject(err);
    });
    srv.listen(preferred, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

export interface CodeServerOptions {
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own config file (written by the caller; keeps it away from ~/.config/code-server). */
  configFile: string;
  folder: string;
  /** Leave workspace trust on (the folder opens untrusted/asks); default off (--disable-workspace-trust). */
  trust?: boolean;
  /** Added to a cleaned copy of process.env. */
  env: Record<string, string>;
  /** Where its stdout and stderr go. */
  logFile: string;
  /** The display language (`--locale`, e.g. `zh-cn`); default English. See languagePack.ts. */
  locale?: string;
}

export interface CodeServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves with the exit code/signal if it ends. */
  exited: Promise<string>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
}

/** Variables that would make code-server talk to another instance, change its port or its auth. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_')) continue;
    if (['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'CODE_SERVER_CONFIG', 'GITHUB_TOKEN', 'NODE_OPTIONS'].includes(k)) continue;
    if (k.startsWith('npm_')) continue;
    env[k] = v;
  }
  return env;
}

export async function startCodeServer(o: CodeServerOptions): Promise<CodeServer> {
  const entry = realpathSync(CODE_SERVER_BIN);
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${o.port}`,
    '--config', o.configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(o.trust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir', o.userDataDir,
    '--extensions-dir', o.extensionsDir,
    '--ignore-last-opened',
    ...(o.locale ? ['--locale', o.locale] : []),
    o.folder,
  ];
  if (o.locale) registerEmptyLanguagePack(o.userDataDir, o.locale);
  const log = createWriteStream(o.logFile, { flags: 'a' });
  const child = spawn(process.execPath, args, {
    env: { ...cleanEnv(), ...codeServerXdgEnv(), ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches the extension host and file watchers too
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<string>((res) => child.once('exit', (code, signal) => res(signal ?? `exit ${code}`)));
  let stopping: Promise<void> | null = null;
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const cs: CodeServer = {
    url: `http://127.0.0.1:${o.port}`,
    port: o.port,
    process: child,
    exited,
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          signalGroup('SIGTERM');
          const t = setTimeout(() => signalGroup('SIGKILL'), graceMs);
          await exited;
          clearTimeout(t);
        }
        signalGroup('SIGKILL'); // stragglers in the group (watchers, pty hosts)
        await new Promise<void>((r) => log.end(r));
      })();
      return stopping;
    },
    killNow() {
      signalGroup('SIGKILL');
    },
  };
  try {
    await waitForHealth(cs, 60_000);
  } catch (err) {
    await cs.stop(500);
    let tail = '';
    try {
      tail = readFileSync(o.logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      /* no log */
    }
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- code-server log (last lines) ---\n${tail}`);
  }
  return cs;
}

async function waitForHealth(cs: CodeServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: string | null = null;
  void cs.exited.then((s) => (exitedWith = s));
  while (Date.now() < deadline) {
    if (exitedWith !== null) throw new Error(`code-server ended before answering (${exitedWith})`);
    try {
      const r = await fetch(`${cs.url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${cs.url}/healthz within ${timeoutMs / 1000} s`);
}

/** The workbench URL that opens `folder` with the extension under development (and its tests, if given). */
export function workbenchUrl(cs: CodeServer, folder: string, dev: { extensionPath: string; testsPath?: string }): string {
  const remote = (p: string): string => `vscode-remote://127.0.0.1:${cs.port}${p}`;
  const payload: Array<[string, string]> = [['extensionDevelopmentPath', remote(dev.extensionPath)]];
  if (dev.testsPath) payload.push(['extensionTestsPath', remote(dev.testsPath)]);
  return `${cs.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
