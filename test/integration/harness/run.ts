/**
 * Runs the integration suite inside a real VS Code extension host: code-server 4.100.3 (VS Code 1.100.3) and
 * headless Chromium, against the in-process cloud emulator.
 *
 *   node --import tsx test/integration/harness/run.ts                       the whole plan (below)
 *   node --import tsx test/integration/harness/run.ts --suite a,b [--trust on|off]   one window
 *   node --import tsx test/integration/harness/run.ts --sessions a,b,c [--trust on|off]   one chain of windows
 *   node --import tsx test/integration/harness/run.ts --trust on|off       one window, every suite, that trust
 *        … [--grep <regex>] [--timeout <seconds per window>] [--keep]
 *
 * The plan (no --suite, --sessions or --trust):
 *   main       every suite in suite/ (not suite/chains/), workspace trust disabled;
 *   untrusted  the suites in UNTRUSTED_SUITES with workspace trust on: the fixture folder opens in Restricted Mode;
 *   <chain>    for every chain in suite/chains/ (files `<chain>-<n>.test.ts`), its windows one after another on
 *              the same user-data-dir, HOME, workspace, emulator, port and browser profile: window n+1 is a restart
 *              of VS Code after window n (see openWorkbench: VS Code for the Web keeps globalState in the browser).
 *
 * Assumes `npm run build` ran (dist/extension.js); compiles only the suite (out/integration/). Installs
 * code-server first if it is missing (scripts/setup-code-server.sh). Prints each test and a last line
 * `N passed, N failed` (`, N skipped` when some were) over every window; exits 1 on any failure, on a timeout or
 * when no test ran. Screenshots, the browser console, code-server's output and the window's logs go to
 * artifacts/integration/ (a run of one window) or artifacts/integration/<window>/ (a run of several), with the
 * combined results.json at the top. Everything it starts is stopped, and its temp folders removed, on every way
 * out (Ctrl-C and timeouts included); --keep leaves the temp folders for a look.
 *
 * How results and requests flow: test/integration/protocol.ts.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator, type Fault } from '../../emulator/emulator.js';
import { type EmulatedKind } from '../../emulator/state.js';
import { ENV, type HarnessRequest, type HarnessResponse, type SuiteResults } from '../protocol.js';
import { openWorkbench, type Workbench } from './browser.js';
import { compileSuite, findTests } from './compile.js';
import { ROOT, ensureCodeServer, freePort, startCodeServer, workbenchUrl, type CodeServer } from './codeServer.js';
import { createSession, credentialEnv, userSettings, type Session } from './session.js';

/** Suites the plan runs a second time in a window with workspace trust on (Restricted Mode). */
export const UNTRUSTED_SUITES = ['activation', 'trust'];
/** Suites under this folder of suite/ are windows of chains, never part of the "every suite" window. */
export const CHAINS_DIR = 'chains';
/**
 * Suites under this folder of suite/ run each in its own window whose display language is the file's name
 * (`locales/zh-cn.test.ts`: code-server `--locale zh-cn`, see languagePack.ts); never in the "every suite" window.
 */
export const LOCALES_DIR = 'locales';

export interface RunOptions {
  suites?: string[];
  /** Test files outside test/integration/suite (name → path); when given without suites, only these run. */
  extraTests?: Record<string, string>;
  grep?: string;
  /** Leave workspace trust on: the fixture folder opens untrusted. */
  trust?: boolean;
  timeoutMs?: number;
  keep?: boolean;
  artifactsDir?: string;
  outDir?: string;
  /** Extra User settings. */
  settings?: Record<string, unknown>;
  /** The extension under test (default: this project; its dist/ must be built). */
  extensionPath?: string;
  /** Print progress lines (default true). */
  verbose?: boolean;
}

export interface RunOutcome {
  results: SuiteResults | null;
  /** Why there are no results, if there are none. */
  problem: string | null;
  exitCode: number;
  timings: Record<string, number>;
}

/** One VS Code window: which suites it runs, and how. */
export interface WindowSpec {
  /** ENV.session, and the artifacts folder in runs of several windows. [A-Za-z0-9._-]+ */
  name: string;
  /** Suite names (see compile.ts findTests); undefined: every suite outside chains/ (or only extraTests). */
  suites?: string[];
  trust?: boolean;
  /** The display language (code-server `--locale`); default English. */
  locale?: string;
}

/** Windows that run one after another on the same user-data-dir, HOME, workspace, emulator, port and browser profile. */
export interface ChainSpec {
  name: string;
  windows: WindowSpec[];
  /** Extra User settings, written before the first window. */
  settings?: Record<string, unknown>;
}

export interface WindowOutcome extends RunOutcome {
  name: string;
  chain: string;
  trust: boolean;
}

export interface PlanOutcome {
  windows: WindowOutcome[];
  passed: number;
  failed: number;
  skipped: number;
  exitCode: number;
  totalMs: number;
}

const cleanups: Array<() => Promise<void> | void> = [];
const lastResorts: Array<() => void> = [];

/** Runs (LIFO) the cleanups registered after `mark`; with no mark, all of them. Each runs once (it is popped first). */
async function runCleanups(mark = 0): Promise<void> {
  while (cleanups.length > mark) {
    const c = cleanups.pop()!;
    try {
      await c();
    } catch (err) {
      console.error(`harness: cleanup: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

let signalsHooked = false;
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const onSignal = (sig: NodeJS.Signals): void => {
    console.error(`\nharness: ${sig}: stopping code-server, Chromium and the emulator`);
    const hard = setTimeout(() => process.exit(130), 8000);
    hard.unref();
    void runCleanups(0).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    for (const f of lastResorts) f();
  });
}

function readJsonIfComplete<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null; // being written
  }
}

/** Serves the request files tests write (see protocol.ts). */
class RequestPump {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private readonly handled = new Set<string>();
  constructor(
    private readonly dir: string,
    private readonly wb: () => Workbench | null,
    private readonly emu: Emulator,
    private readonly log: (s: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), 100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const f of readdirSync(this.dir).sort()) {
        if (!f.endsWith('.request') || this.handled.has(f)) continue;
        this.handled.add(f);
        const id = f.slice(0, -'.request'.length);
        let res: HarnessResponse;
        try {
          const req = JSON.parse(readFileSync(join(this.dir, f), 'utf8')) as HarnessRequest;
          res = { ok: true, value: await this.serve(req) };
        } catch (err) {
          res = { ok: false, error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
        }
        const tmp = join(this.dir, `${id}.done.tmp`);
        writeFileSync(tmp, JSON.stringify(res));
        // The request goes before the answer appears, so a later request with the same id (a checkpoint taken
        // again) is served again instead of being taken for this one.
        rmSync(join(this.dir, f), { force: true });
        this.handled.delete(f);
        renameSync(tmp, join(this.dir, `${id}.done`));
      }
    } finally {
      this.busy = false;
    }
  }

  private async serve(req: HarnessRequest): Promise<unknown> {
    const wb = this.wb();
    const need = (): Workbench => {
      if (!wb) throw new Error('no browser');
      return wb;
    };
    switch (req.type) {
      case 'screenshot': {
        const p = await need().screenshot(req.name, req);
        this.log(`screenshot ${p.slice(ROOT.length + 1)}`);
        return p;
      }
      case 'uiText':
        return need().texts(req.selector, req.timeoutMs);
      case 'uiHtml':
        return need().html(req.selector, req.timeoutMs);
      case 'webviewText':
        return need().frameTexts(req.selector, req.timeoutMs);
      case 'keys':
        await need().keys(req.keys);
        return null;
      case 'hover':
        await need().hover(req.selector, req.hasText, req.timeoutMs);
        return null;
      case 'sideBarWidth':
        await need().sideBarWidth(req.width);
        return null;
      case 'webStorage':
        return need().webStorage(req.keyContains);
      case 'emulator.setStatus':
        this.emu.state.setStatus(req.kind as EmulatedKind, req.id, req.status, req.opts ?? {});
        return null;
      case 'emulator.setVodItemStatus':
        this.emu.state.setVodItemStatus(req.taskId, req.jobId, req.status, req.opts ?? {});
        return null;
      case 'emulator.inject':
        this.emu.faults.inject(req.fault as unknown as Fault);
        return null;
      case 'emulator.clearFaults':
        this.emu.faults.clear();
        return null;
      case 'emulator.resetRateLimits':
        this.emu.resetRateLimits();
        return null;
      case 'emulator.requests':
        return this.emu.requests.slice(req.since ?? 0);
      default:
        throw new Error(`unknown request type ${(req as { type?: string }).type}`);
    }
  }
}

function summaryLine(r: { passed: number; failed: number; skipped: number }): string {
  return `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
}

export function printResults(r: SuiteResults): void {
  for (const t of r.tests) {
    const mark = t.state === 'passed' ? 'ok  ' : t.state === 'failed' ? 'FAIL' : 'skip';
    console.log(`  ${mark} ${t.title}${t.state === 'skipped' ? '' : ` (${Math.round(t.durationMs)} ms)`}`);
  }
  if (r.error) console.log(`\nsuite error: ${r.error}`);
  r.failures.forEach((f, i) => {
    const lines = f.message.split('\n');
    const shown = lines.length > 40 ? [...lines.slice(0, 40), `… (${lines.length - 40} more lines in artifacts/integration/results.json)`] : lines;
    console.log(`\n${i + 1}) ${f.title}\n   ${shown.join('\n   ')}`);
    const frames = (f.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 4);
    if (frames.length) console.log(`   ${frames.map((l) => l.trim()).join('\n   ')}`);
  });
}

// ---- Which suites exist -----------------------------------------------------------------------------------

/** Every suite outside chains/ (what one window runs by default). */
export function topLevelSuites(): string[] {
  return [...findTests().keys()].filter((n) => !n.startsWith(`${CHAINS_DIR}/`) && !n.startsWith(`${LOCALES_DIR}/`));
}

/** The locale a window of these suites starts with: the name of a `locales/<locale>` suite among them. */
export function localeOfSuites(suites: readonly string[] | undefined): string | undefined {
  const locales = [...new Set((suites ?? []).filter((s) => s.startsWith(`${LOCALES_DIR}/`)).map((s) => s.slice(LOCALES_DIR.length + 1)))];
  if (locales.length > 1) throw new Error(`one window has one display language: ${locales.join(', ')} need windows of their own`);
  return locales[0];
}

/** The chains declared in suite/chains/: `<chain>-<n>.test.ts`, windows in the order of n. */
export function declaredChains(): Array<{ name: string; suites: string[] }> {
  const byChain = new Map<string, Array<{ n: number; suite: string }>>();
  for (const suite of findTests().keys()) {
    if (!suite.startsWith(`${CHAINS_DIR}/`)) continue;
    const m = /^(.+)-(\d+)$/.exec(suite.slice(CHAINS_DIR.length + 1));
    if (!m) throw new Error(`${suite}: windows of a chain are named <chain>-<n>.test.ts`);
    const list = byChain.get(m[1]!) ?? [];
    list.push({ n: Number(m[2]), suite });
    byChain.set(m[1]!, list);
  }
  return [...byChain].sort(([a], [b]) => a.localeCompare(b)).map(([name, list]) => ({
    name,
    suites: list.sort((a, b) => a.n - b.n).map((x) => x.suite),
  }));
}

/** A suite name as given on the command line: `persist-1` finds `chains/persist-1` too. */
function resolveSuite(name: string): string {
  const all = findTests();
  if (all.has(name)) return name;
  if (all.has(`${CHAINS_DIR}/${name}`)) return `${CHAINS_DIR}/${name}`;
  if (all.has(`${LOCALES_DIR}/${name}`)) return `${LOCALES_DIR}/${name}`;
  throw new Error(`no suite "${name}"; known: ${[...all.keys()].join(', ')}`);
}

/** The whole plan: every suite, the untrusted window, every declared chain. */
export function defaultPlan(): ChainSpec[] {
  const plan: ChainSpec[] = [
    { name: 'main', windows: [{ name: 'main', suites: topLevelSuites(), trust: false }] },
    { name: 'untrusted', windows: [{ name: 'untrusted', suites: UNTRUSTED_SUITES.map(resolveSuite), trust: true }] },
  ];
  for (const suite of [...findTests().keys()].filter((n) => n.startsWith(`${LOCALES_DIR}/`))) {
    const locale = suite.slice(LOCALES_DIR.length + 1);
    plan.push({ name: `locale-${locale}`, windows: [{ name: `locale-${locale}`, suites: [suite], trust: false, locale }] });
  }
  for (const c of declaredChains()) {
    plan.push({
      name: c.name,
      windows: c.suites.map((s) => ({ name: s.slice(CHAINS_DIR.length + 1), suites: [s], trust: false })),
    });
  }
  return plan;
}

// ---- Running windows -----------------------------------------------------------------------------------

interface ChainState {
  spec: ChainSpec;
  emu: Emulator;
  session: Session;
  /** The first window's port, which later windows must get again (same origin, same browser storage). */
  port: number | null;
  profileDir: string;
}

interface WindowRun {
  spec: WindowSpec;
  chain: ChainState;
  compiledIndex: string;
  artifacts: string;
  timeoutMs: number;
  grep?: string;
  extensionPath: string;
  log: (s: string) => void;
}

async function runWindow(w: WindowRun): Promise<RunOutcome> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const mark = (k: string, since: number): void => {
    timings[k] = Date.now() - since;
  };
  const { session: s, emu } = w.chain;
  const log = w.log;
  const cleanupMark = cleanups.length;
  mkdirSync(w.artifacts, { recursive: true });
  // A new window: its own results file and request folder; the state folders stay (a restart).
  rmSync(s.resultsFile, { force: true });
  rmSync(s.requestsDir, { recursive: true, force: true });
  mkdirSync(s.requestsDir, { recursive: true });
  const trust = w.spec.trust ?? false;
  try {
    let t = Date.now();
    const wanted = w.chain.port ?? 0;
    const port = await freePort(wanted);
    if (wanted !== 0 && port !== wanted) {
      throw new Error(`port ${wanted} of the previous window is taken: the restart would open another origin (other browser storage)`);
    }
    w.chain.port = port;
    const cs: CodeServer = await startCodeServer({
      port,
      userDataDir: s.userDataDir,
      extensionsDir: s.extensionsDir,
      configFile: s.configFile,
      folder: s.workspace,
      trust,
      locale: w.spec.locale ?? localeOfSuites(w.spec.suites),
      logFile: join(w.artifacts, 'code-server.log'),
      env: {
        [ENV.test]: '1',
        [ENV.results]: s.resultsFile,
        [ENV.requests]: s.requestsDir,
        [ENV.logs]: join(s.userDataDir, 'logs'),
        [ENV.trust]: trust ? 'on' : 'off',
        [ENV.host]: 'code-server',
        [ENV.session]: w.spec.name,
        [ENV.userDataDir]: s.userDataDir,
        [ENV.emulatorUrl]: emu.url,
        [ENV.emulatorToken]: emu.controlToken,
        HOME: s.home,
        TMPDIR: s.tmp,
        ...(w.spec.suites?.length ? { [ENV.suites]: w.spec.suites.join(',') } : {}),
        ...(w.grep ? { [ENV.grep]: w.grep } : {}),
        ...credentialEnv(emu),
      },
    });
    lastResorts.push(() => cs.killNow());
    cleanups.push(async () => {
      await cs.stop();
      // The window's logs (extension host, the extension's output channel) are worth keeping; the next window
      // of a chain starts with none, so its tests read only their own.
      const logs = join(s.userDataDir, 'logs');
      if (existsSync(logs)) {
        cpSync(logs, join(w.artifacts, 'logs'), { recursive: true });
        rmSync(logs, { recursive: true, force: true });
      }
    });
    mark('codeServerStart', t);
    log(`code-server on ${cs.url} (ready in ${timings.codeServerStart} ms)`);

    t = Date.now();
    const url = workbenchUrl(cs, s.workspace, { extensionPath: w.extensionPath, testsPath: w.compiledIndex });
    const wb = await openWorkbench(url, w.artifacts, { profileDir: w.chain.profileDir });
    cleanups.push(() => wb.close());
    const pump = new RequestPump(s.requestsDir, () => wb, emu, log);
    pump.start();
    cleanups.push(() => pump.stop());
    try {
      await wb.ready(60_000);
      mark('workbenchVisible', t);
      log(`workbench on screen in ${timings.workbenchVisible} ms`);
      await wb.screenshot('01-workbench');
    } catch (err) {
      log(`workbench not on screen: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }

    // Wait for the results file, code-server's end, or the timeout; keep a progress shot every 30 s.
    const deadline = t0 + w.timeoutMs;
    let results: SuiteResults | null = null;
    let problem: string | null = null;
    let csEnded: string | null = null;
    void cs.exited.then((e) => (csEnded = e));
    let nextProgressShot = Date.now() + 30_000;
    while (!results) {
      results = readJsonIfComplete<SuiteResults>(s.resultsFile);
      if (results) break;
      if (csEnded !== null) {
        problem = `code-server ended (${csEnded}) before the suite wrote results`;
        break;
      }
      if (Date.now() > deadline) {
        problem = `timed out after ${Math.round(w.timeoutMs / 1000)} s waiting for ${ENV.results}`;
        await wb.screenshot('timeout').catch(() => undefined);
        break;
      }
      if (Date.now() > nextProgressShot) {
        nextProgressShot = Date.now() + 30_000;
        await wb.screenshot('progress').catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    mark('suite', t);
    if (results) {
      await pump.tick(); // late requests
      await wb.screenshot('99-final').catch((err: unknown) => log(`final screenshot failed: ${String(err)}`));
    }
    timings.total = Date.now() - t0;
    return finish(results, problem, timings, w.artifacts, !!w.grep);
  } catch (err) {
    timings.total = Date.now() - t0;
    return finish(null, err instanceof Error ? err.message : String(err), timings, w.artifacts, !!w.grep);
  } finally {
    await runCleanups(cleanupMark);
  }
}

function finish(results: SuiteResults | null, problem: string | null, timings: Record<string, number>, artifacts: string, grepped: boolean): RunOutcome {
  writeFileSync(join(artifacts, 'results.json'), JSON.stringify({ results, problem, timings }, null, 2));
  // With --grep a window may legitimately run nothing; the run as a whole still has to run something.
  const nothingRan = !!results && results.passed + results.failed === 0 && !grepped;
  const failed = !results || results.failed > 0 || !!results.error || nothingRan;
  return { results, problem, exitCode: failed ? 1 : 0, timings };
}

export interface PlanOptions {
  grep?: string;
  /** Per window. */
  timeoutMs?: number;
  keep?: boolean;
  artifactsDir?: string;
  outDir?: string;
  extensionPath?: string;
  extraTests?: Record<string, string>;
  /** Extra User settings for every chain. */
  settings?: Record<string, unknown>;
  verbose?: boolean;
}

/** Runs chains of windows one after another; one emulator and one throwaway session folder per chain. */
export async function runPlan(plan: ChainSpec[], o: PlanOptions = {}): Promise<PlanOutcome> {
  const verbose = o.verbose !== false;
  const log = (s: string): void => {
    if (verbose) console.log(`harness: ${s}`);
  };
  hookSignals();
  const t0 = Date.now();
  const artifacts = o.artifactsDir ?? join(ROOT, 'artifacts', 'integration');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const windowCount = plan.reduce((n, c) => n + c.windows.length, 0);
  const names = plan.flatMap((c) => c.windows.map((w) => w.name));
  if (new Set(names).size !== names.length) throw new Error(`window names must be unique: ${names.join(', ')}`);
  const outcomes: WindowOutcome[] = [];
  try {
    const extensionPath = o.extensionPath ?? ROOT;
    if (!existsSync(join(extensionPath, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
    ensureCodeServer(log);
    // One compilation for every window; each selects its suites through ENV.suites.
    const suites = [...new Set(plan.flatMap((c) => c.windows.flatMap((w) => w.suites ?? [])))];
    const everyTopLevel = plan.some((c) => c.windows.some((w) => w.suites === undefined));
    const compiled = await compileSuite({
      suites: everyTopLevel && !o.extraTests ? [...new Set([...topLevelSuites(), ...suites])] : suites,
      extraTests: o.extraTests,
      outDir: o.outDir,
    });
    log(`compiled ${compiled.suites.join(', ')} in ${compiled.ms} ms`);

    for (const chain of plan) {
      const chainMark = cleanups.length;
      try {
        // History: finished jobs of the last 60 days (two a day per kind), for the Recent Jobs view to page through.
        const emu = await startEmulator({ jobs: 'sample', history: 120 });
        cleanups.push(() => emu.close());
        const session = createSession({ prefix: `mji-it-${chain.name}-`, settings: userSettings(emu.url, { ...o.settings, ...chain.settings }) });
        cleanups.push(() => {
          if (o.keep) log(`kept ${session.root}`);
          else session.cleanup();
        });
        const state: ChainState = { spec: chain, emu, session, port: null, profileDir: join(session.root, 'browser-profile') };
        log(`chain ${chain.name}: emulator on ${emu.url}${chain.windows.length > 1 ? `, ${chain.windows.length} windows on ${session.userDataDir}` : ''}`);
        for (const w of chain.windows) {
          const trust = w.trust ?? false;
          log(`window ${w.name} (${trust ? 'workspace trust on: Restricted Mode' : 'workspace trust disabled'}; suites ${w.suites?.join(', ') ?? 'all'})`);
          let suitesForWindow = w.suites;
          if (suitesForWindow === undefined && !o.extraTests) suitesForWindow = topLevelSuites();
          const out = await runWindow({
            spec: { ...w, suites: suitesForWindow },
            chain: state,
            compiledIndex: compiled.index,
            artifacts: windowCount > 1 ? join(artifacts, w.name) : artifacts,
            timeoutMs: o.timeoutMs ?? 180_000,
            grep: o.grep,
            extensionPath,
            log,
          });
          outcomes.push({ ...out, name: w.name, chain: chain.name, trust });
          log(`window ${w.name}: ${out.results ? summaryLine(out.results) : 'no results'}${out.problem ? ` (${out.problem})` : ''} in ${out.timings.total} ms`);
        }
      } catch (err) {
        const problem = err instanceof Error ? err.message : String(err);
        outcomes.push({ name: chain.name, chain: chain.name, trust: false, results: null, problem, exitCode: 1, timings: {} });
      } finally {
        await runCleanups(chainMark);
      }
    }
  } catch (err) {
    outcomes.push({ name: 'harness', chain: '-', trust: false, results: null, problem: err instanceof Error ? err.message : String(err), exitCode: 1, timings: {} });
  } finally {
    await runCleanups(0);
  }
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const w of outcomes) {
    const r = w.results ?? { passed: 0, failed: 0, skipped: 0 };
    passed += r.passed;
    skipped += r.skipped;
    // A window that failed without a failing test (no results, a suite load error, nothing ran) counts as one
    // failure, so the summary never reads as a pass.
    failed += w.exitCode !== 0 && r.failed === 0 ? 1 : r.failed;
  }
  if (passed + failed === 0) failed = 1; // nothing ran at all
  const totalMs = Date.now() - t0;
  const outcome: PlanOutcome = { windows: outcomes, passed, failed, skipped, exitCode: failed > 0 ? 1 : 0, totalMs };
  if (windowCount > 1) {
    writeFileSync(join(artifacts, 'results.json'), JSON.stringify({
      passed, failed, skipped, totalMs,
      windows: outcomes.map((w) => ({ name: w.name, chain: w.chain, trust: w.trust, problem: w.problem, timings: w.timings, results: w.results })),
    }, null, 2));
  }
  return outcome;
}

/** One window (the API bench/activation.ts uses). */
export async function runIntegration(o: RunOptions = {}): Promise<RunOutcome> {
  const plan: ChainSpec[] = [{ name: 'main', windows: [{ name: 'main', suites: o.suites, trust: o.trust ?? false }], settings: o.settings }];
  const out = await runPlan(plan, {
    grep: o.grep, timeoutMs: o.timeoutMs, keep: o.keep, artifactsDir: o.artifactsDir, outDir: o.outDir,
    extensionPath: o.extensionPath, extraTests: o.extraTests, verbose: o.verbose,
  });
  const w = out.windows[0];
  if (!w) return { results: null, problem: 'nothing ran', exitCode: 1, timings: {} };
  return { results: w.results, problem: w.problem, exitCode: w.exitCode, timings: w.timings };
}

interface CliOptions {
  suites?: string[];
  sessions?: string[];
  grep?: string;
  trust?: boolean;
  timeoutMs?: number;
  keep?: boolean;
  extensionPath?: string;
}

const USAGE = 'usage: node --import tsx test/integration/harness/run.ts [--suite a,b | --sessions a,b,c] [--trust on|off] [--grep re] [--timeout s] [--keep] [--extension dir]';

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--suite':
        o.suites = [...(o.suites ?? []), ...value().split(',').filter(Boolean)];
        break;
      case '--sessions':
        o.sessions = [...(o.sessions ?? []), ...value().split(',').filter(Boolean)];
        break;
      case '--grep':
        o.grep = value();
        break;
      case '--trust': {
        const v = value();
        if (v !== 'on' && v !== 'off') throw new Error('--trust takes on or off');
        o.trust = v === 'on';
        break;
      }
      case '--timeout':
        o.timeoutMs = Number(value()) * 1000;
        if (!(o.timeoutMs > 0)) throw new Error('--timeout takes seconds');
        break;
      case '--extension':
        o.extensionPath = value();
        break;
      case '--keep':
        o.keep = true;
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  if (o.suites && o.sessions) throw new Error('--suite and --sessions do not go together (a chain runs one suite per window)');
  return o;
}

/** The plan the command line asks for. */
export function planFor(o: CliOptions): ChainSpec[] {
  if (o.sessions) {
    const suites = o.sessions.map(resolveSuite);
    const chainName = /^(.+)-\d+$/.exec(o.sessions[0]!)?.[1] ?? 'chain';
    return [{ name: chainName, windows: suites.map((s, i) => ({ name: o.sessions![i]!.replace(/[^A-Za-z0-9._-]/g, '_'), suites: [s], trust: o.trust ?? false })) }];
  }
  if (o.suites) {
    return [{ name: 'main', windows: [{ name: 'main', suites: o.suites.map(resolveSuite), trust: o.trust ?? false }] }];
  }
  if (o.trust !== undefined) {
    const name = o.trust ? 'untrusted' : 'main';
    return [{ name, windows: [{ name, suites: topLevelSuites(), trust: o.trust }] }];
  }
  return defaultPlan();
}

async function main(): Promise<void> {
  let opts: CliOptions;
  let plan: ChainSpec[];
  try {
    opts = parseArgs(process.argv.slice(2));
    plan = planFor(opts);
  } catch (err) {
    console.error(`harness: ${err instanceof Error ? err.message : String(err)}`);
    console.error(USAGE);
    process.exit(2);
  }
  const out = await runPlan(plan, { grep: opts.grep, timeoutMs: opts.timeoutMs, keep: opts.keep, extensionPath: opts.extensionPath });
  const several = out.windows.length > 1;
  for (const w of out.windows) {
    console.log('');
    if (several) console.log(`== ${w.name} (chain ${w.chain}, workspace trust ${w.trust ? 'on' : 'disabled'}) ==`);
    if (w.results) printResults(w.results);
    if (w.problem) console.log(`\nharness: ${w.problem}`);
    const t = w.timings;
    console.log(`${several ? '' : '\n'}harness: ${several ? `${w.name}: ` : ''}total ${t.total ?? '-'} ms (code-server ready ${t.codeServerStart ?? '-'} ms, workbench ${t.workbenchVisible ?? '-'} ms, suite ${t.suite ?? '-'} ms)`);
  }
  console.log(`\nharness: ${out.windows.length} window(s) in ${out.totalMs} ms; artifacts in artifacts/integration/`);
  console.log(summaryLine(out));
  process.exit(out.exitCode);
}

if (require.main === module) void main();
