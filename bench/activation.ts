/**
 * `node --import tsx bench/activation.ts [--runs N] [--jobs J] [--extension dir]` (npm run bench:activation): the
 * extension's activation time in a real extension host (code-server, through the integration harness, N fresh
 * windows, default 1), and the size of each bundle in dist/ (bytes and gzip -9). Prints figures against the budget;
 * no pass/fail.
 * With --jobs J: a first window saves J tracked jobs (bench/activation.seed.ts: copies of real snapshots), and the N
 * measured windows are restarts of VS Code on that profile, so activate() finds J saved jobs. Also printed then:
 * how many jobs came back and when their snapshot files had been read (after activate() returned).
 * Needs `npm run build` first (measures whatever dist/ holds: build with --production to measure shipping).
 *
 * Figures (see bench/activation.suite.ts):
 *   extension (test API)  activationMs the extension measures around its own activate() body: the budget's figure
 *   VS Code (load+call)   VS Code's own measure from "Show Running Extensions": require() of the bundle + activate()
 *   test side             performance.now() around ext.activate() from the suite, only when it was not yet active
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../test/integration/harness/codeServer.js';
import { runIntegration, runPlan, type RunOutcome } from '../test/integration/harness/run.js';

const BUDGET_MS = 20;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function fmt(xs: number[]): string {
  if (xs.length === 0) return 'n/a';
  const med = median(xs);
  const each = xs.length > 1 ? `  (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})` : '';
  return `${med.toFixed(1)} ms${each}`;
}

function bundleSizes(root: string): void {
  const dist = join(root, 'dist');
  const files = readdirSync(dist).filter((f) => f.endsWith('.js')).sort();
  console.log('\nbundles in dist/ (bytes, gzip -9):');
  const w = Math.max(...files.map((f) => f.length));
  for (const f of files) {
    const buf = readFileSync(join(dist, f));
    const gz = gzipSync(buf, { level: 9 }).length;
    const map = statSync(join(dist, `${f}.map`), { throwIfNoEntry: false });
    console.log(`  ${f.padEnd(w)}  ${String(buf.length).padStart(9)} B  ${String(gz).padStart(8)} B gz${map ? '   (dev build: has a source map)' : ''}`);
  }
}

interface Figures {
  testApi: number[];
  vscodeMs: number[];
  testSide: number[];
  tracked: number[];
  restored: number[];
  gc: number[];
  cpu: number[];
  row: string;
}

/** Reads each window's metrics (bench/activation.suite.ts) and prints its per-phase line. */
function collect(label: string, outcomes: readonly RunOutcome[]): Figures {
  const f: Figures = { testApi: [], vscodeMs: [], testSide: [], tracked: [], restored: [], gc: [], cpu: [], row: '' };
  outcomes.forEach((out, r) => {
    const m = out.results?.metrics ?? {};
    if (!out.results || out.exitCode !== 0) {
      console.log(`${label} run ${r + 1}: no figures (${out.problem ?? out.results?.failures.map((x) => x.message).join('; ') ?? 'unknown'})`);
      return;
    }
    if (typeof m.testApiMs === 'number') f.testApi.push(m.testApiMs);
    if (typeof m.vscodeMs === 'number') f.vscodeMs.push(m.vscodeMs);
    if (typeof m.testSideMs === 'number') f.testSide.push(m.testSideMs);
    if (typeof m.vscodeRow === 'string') f.row = m.vscodeRow;
    if (typeof m.trackedJobs === 'number') f.tracked.push(m.trackedJobs);
    if (typeof m.restoredMs === 'number') f.restored.push(m.restoredMs);
    if (typeof m.gcMs === 'number') f.gc.push(m.gcMs);
    if (typeof m.cpuMs === 'number') f.cpu.push(m.cpuMs);
    let phases = '';
    if (typeof m.phases === 'string') {
      // Cumulative marks → the time each phase of activate() took.
      const marks = JSON.parse(m.phases) as Array<[string, number]>;
      phases = marks.map(([l, at], i) => `${l} ${(at - (marks[i - 1]?.[1] ?? 0)).toFixed(1)} ms`).join(', ');
    }
    console.log(`${label} run ${r + 1}: window ${out.timings.total} ms, active before the suite: ${String(m.wasActiveBeforeSuite)}; ${phases}`);
  });
  return f;
}

function print(title: string, f: Figures): number | null {
  console.log(`\n${title}; budget ${BUDGET_MS} ms for activate():`);
  console.log(`  extension (test API activationMs):  ${f.testApi.length ? fmt(f.testApi) : 'n/a (the extension exposes no activationMs yet)'}`);
  console.log(`  VS Code (code load + activate call): ${fmt(f.vscodeMs)}${f.row ? `   [${f.row}]` : ''}`);
  console.log(`  test side (ext.activate()):          ${f.testSide.length ? fmt(f.testSide) : 'n/a (already active when the suite started)'}`);
  if (f.cpu.length) console.log(`  CPU time of the host in it:          ${fmt(f.cpu)} (the rest is waiting for a core)`);
  if (f.gc.length) console.log(`  of which garbage collection:        ${fmt(f.gc)}`);
  if (f.restored.length) console.log(`  snapshot files read back by:        ${fmt(f.restored)} after activate() began (off the activation path)`);
  const main = f.testApi.length ? median(f.testApi) : f.vscodeMs.length ? median(f.vscodeMs) : null;
  if (main !== null) {
    const src = f.testApi.length ? 'test API' : 'VS Code load+call (fallback)';
    console.log(`  → ${main.toFixed(1)} ms by ${src} = ${(main / BUDGET_MS).toFixed(2)}× the budget`);
  }
  return main;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 1) : 1;
  const e = process.argv.indexOf('--extension');
  const extensionPath = e >= 0 ? process.argv[e + 1] : undefined;
  const j = process.argv.indexOf('--jobs');
  const jobs = j >= 0 ? Math.max(0, Number(process.argv[j + 1]) || 0) : 0;
  const product = 'activation of media-job-inspector in VS Code 1.100.3 (code-server)';
  if (jobs === 0) {
    print(`${product}, median of ${runs} run(s), nothing saved`, collect('fresh', await freshWindows(runs, extensionPath)));
  } else {
    const { empty, seeded } = await alternating(jobs, runs, extensionPath);
    const fe = collect('nothing saved', empty);
    const fs = collect(`${jobs} saved`, seeded);
    const a = print(`${product}, median of ${runs} run(s), nothing saved`, fe);
    const b = print(`${product}, median of ${runs} run(s), ${jobs} saved tracked jobs (back after the restart: ${fs.tracked.join(', ') || 'n/a'})`, fs);
    if (a !== null && b !== null && a > 0) console.log(`\n${jobs} saved jobs ÷ nothing saved: ${(b / a).toFixed(2)}× (medians, runs alternating in one run)`);
  }
  bundleSizes(extensionPath ?? ROOT);
}

const SUITE = { 'activation.bench': join(ROOT, 'bench', 'activation.suite.ts') };
const ARTIFACTS = join(ROOT, 'artifacts', 'bench-activation');
const OUT = join(ROOT, 'out', 'bench-activation');

/** `runs` windows, each on a fresh profile. */
async function freshWindows(runs: number, extensionPath: string | undefined): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  for (let r = 0; r < runs; r++) {
    out.push(await runIntegration({ extraTests: SUITE, artifactsDir: ARTIFACTS, outDir: OUT, timeoutMs: 120_000, verbose: false, extensionPath }));
  }
  return out;
}

/**
 * `runs` pairs, alternating so both see the same machine load: a window on a fresh profile, then a chain of a window
 * that saves `jobs` tracked jobs (bench/activation.seed.ts) and a restart of VS Code on that profile that measures.
 */
async function alternating(jobs: number, runs: number, extensionPath: string | undefined): Promise<{ empty: RunOutcome[]; seeded: RunOutcome[] }> {
  process.env.MJI_BENCH_JOBS = String(jobs); // code-server's extension host inherits it (the seed window reads it)
  const plan = Array.from({ length: runs }, (_, r) => [
    { name: `empty-${r + 1}`, windows: [{ name: `empty-${r + 1}`, suites: ['activation.bench'] }] },
    { name: `saved-${r + 1}`, windows: [{ name: `seed-${r + 1}`, suites: ['activation.seed'] }, { name: `restart-${r + 1}`, suites: ['activation.bench'] }] },
  ]).flat();
  const out = await runPlan(plan, {
    extraTests: { ...SUITE, 'activation.seed': join(ROOT, 'bench', 'activation.seed.ts') },
    artifactsDir: ARTIFACTS, outDir: OUT, timeoutMs: 600_000, verbose: false, extensionPath,
  });
  for (const w of out.windows.filter((x) => x.name.startsWith('seed-'))) {
    console.log(`${w.name}: ${w.exitCode === 0 ? `${jobs} jobs saved in ${w.timings.total} ms` : (w.problem ?? w.results?.failures.map((f) => f.message).join('; ') ?? 'failed')}`);
  }
  return {
    empty: out.windows.filter((w) => w.name.startsWith('empty-')),
    seeded: out.windows.filter((w) => w.name.startsWith('restart-')),
  };
}

void main();
