#!/usr/bin/env node
// `npm test`: lint, type check, build, unit tests (plain Node), webview tests (headless Chromium), integration
// tests (a real VS Code), then one
// closing line with the totals. Each step's own output streams through; the first failing step stops the run.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  { name: 'lint', args: ['run', '-s', 'lint'] },
  { name: 'typecheck', args: ['run', '-s', 'typecheck'] },
  { name: 'build', args: ['run', '-s', 'build'] },
  { name: 'unit', args: ['run', '-s', 'test:unit'], count: 'node' },
  { name: 'webview', args: ['run', '-s', 'test:webview'], count: 'node' },
  { name: 'integration', args: ['run', '-s', 'test:integration'], count: 'plain' },
];

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(npm, step.args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-20_000);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, tail }));
  });
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const parts = [];
for (const step of steps) {
  const started = Date.now();
  const { code, tail } = await run(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.count === 'node') {
    const n = (label) => Number(/ℹ (?:\S+ )?(\d+)/.exec(tail.split('\n').find((l) => l.startsWith(`ℹ ${label} `)) ?? '')?.[1] ?? 0);
    const c = { passed: n('pass'), failed: n('fail'), skipped: n('skipped') + n('todo') };
    Object.keys(totals).forEach((k) => (totals[k] += c[k]));
    parts.push(`${step.name} ${c.passed}/${c.passed + c.failed} in ${seconds} s`);
  } else if (step.count === 'plain') {
    const m = [...tail.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].at(-1);
    if (m) {
      totals.passed += Number(m[1]);
      totals.failed += Number(m[2]);
      totals.skipped += Number(m[3] ?? 0);
      parts.push(`integration ${m[1]}/${Number(m[1]) + Number(m[2])} in ${seconds} s`);
    }
  } else {
    parts.push(`${step.name} ${code === 0 ? 'ok' : 'FAILED'} in ${seconds} s`);
  }
  if (code !== 0) {
    console.log(`\n${step.name} failed (exit ${code}); ${parts.join(', ')}`);
    if (totals.failed === 0) totals.failed = 1;
    console.log(`total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
    process.exit(code);
  }
}
console.log(`\n${parts.join(', ')}`);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
