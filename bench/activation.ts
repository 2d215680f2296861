/**
 * `node --import tsx bench/activation.ts [--runs N] [--extension dir]` (npm run bench:activation): the extension's activation
 * time in a real extension host (code-server, through the integration harness, N fresh windows, default 1),
 * and the size of each bundle in dist/ (bytes and gzip -9). Prints figures against the budget; no pass/fail.
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
import { runIntegration } from '../test/integration/harness/run.js';

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

async function main(): Promise<void> {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 1) : 1;
  const e = process.argv.indexOf('--extension');
  const extensionPath = e >= 0 ? process.argv[e + 1] : undefined;
  const testApi: number[] = [];
  const vscodeMs: number[] = [];
  const testSide: number[] = [];
  let row = '';
  for (let r = 0; r < runs; r++) {
    const out = await runIntegration({
      extraTests: { 'activation.bench': join(ROOT, 'bench', 'activation.suite.ts') },
      artifactsDir: join(ROOT, 'artifacts', 'bench-activation'),
      outDir: join(ROOT, 'out', 'bench-activation'),
      timeoutMs: 120_000,
      verbose: false,
      extensionPath,
    });
    const m = out.results?.metrics ?? {};
    if (!out.results || out.exitCode !== 0) {
      console.log(`run ${r + 1}: no figures (${out.problem ?? out.results?.failures.map((f) => f.message).join('; ') ?? 'unknown'})`);
      continue;
    }
    if (typeof m.testApiMs === 'number') testApi.push(m.testApiMs);
    if (typeof m.vscodeMs === 'number') vscodeMs.push(m.vscodeMs);
    if (typeof m.testSideMs === 'number') testSide.push(m.testSideMs);
    if (typeof m.vscodeRow === 'string') row = m.vscodeRow;
    if (typeof m.phases === 'string') {
      // Cumulative marks → the time each phase of activate() took.
      const marks = JSON.parse(m.phases) as Array<[string, number]>;
      console.log(`run ${r + 1}: ${marks.map(([label, at], i) => `${label} ${(at - (marks[i - 1]?.[1] ?? 0)).toFixed(1)} ms`).join(', ')}`);
    }
    console.log(`run ${r + 1}/${runs}: window ${out.timings.total} ms; already active when the suite started: ${String(m.wasActiveBeforeSuite)}`);
  }
  console.log(`\nactivation of media-job-inspector in VS Code 1.100.3 (code-server), median of ${runs} run(s); budget ${BUDGET_MS} ms for activate():`);
  console.log(`  extension (test API activationMs):  ${testApi.length ? fmt(testApi) : 'n/a (the extension exposes no activationMs yet)'}`);
  console.log(`  VS Code (code load + activate call): ${fmt(vscodeMs)}${row ? `   [${row}]` : ''}`);
  console.log(`  test side (ext.activate()):          ${testSide.length ? fmt(testSide) : 'n/a (already active when the suite started)'}`);
  const main = testApi.length ? median(testApi) : vscodeMs.length ? median(vscodeMs) : null;
  if (main !== null) {
    const src = testApi.length ? 'test API' : 'VS Code load+call (fallback)';
    console.log(`  → ${main.toFixed(1)} ms by ${src} = ${(main / BUDGET_MS).toFixed(2)}× the budget`);
  }
  bundleSizes(extensionPath ?? ROOT);
}

void main();
