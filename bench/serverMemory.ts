/**
 * The language server's peak memory on one huge message, before and after the bounded reader
 * (src/server/boundedReader.ts). Prints figures and their ratio only (no pass/fail).
 *
 *   npm run -s build && node --import tsx bench/serverMemory.ts [--mb 201] [--before path/to/server.js]
 *
 * For each server bundle: spawns `node <bundle> --stdio`, initializes, sends one `textDocument/didOpen` of a single
 * line of --mb MB (a minified ListMediaProducingJobs-like answer: `{"JobId":"…","Status":"Success"}` entries),
 * streamed in 64 KB pieces so this process never holds it, then one `mediaJobs/findJobIdAt` (a hover) on the first
 * id, and reads the server's peak resident memory (VmHWM in /proc/<pid>/status, Linux) after initialize and once it
 * has answered the hover.
 *
 * "after" is dist/server.js (build it first). "before" is --before, or, without it, the server as it was before the
 * bounded reader: src/ of the parent of the commit that added src/server/boundedReader.ts (git archive), bundled
 * here with esbuild as esbuild.mjs bundles dist/server.js.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SERVER_BUNDLE } from '../test/support/lspStdioClient.js';
import { frame, RawLspClient } from '../test/unit/server/rawLspClient.js';

const MB = 1024 * 1024;
const REPO = join(__dirname, '..');
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZE_MB = Number(argOf('mb') ?? 201);
const ANSWER_TIMEOUT_MS = 180_000;

/** The server bundle from before the bounded reader, built into `dir`; with the commit it came from. */
async function buildBefore(dir: string): Promise<{ bundle: string; ref: string }> {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  const added = git('log', '-1', '--diff-filter=A', '--format=%H', 'HEAD', '--', 'src/server/boundedReader.ts');
  if (!added) throw new Error('no commit adds src/server/boundedReader.ts: pass --before path/to/server.js');
  const ref = git('rev-parse', '--short', `${added}^`);
  execFileSync('sh', ['-c', `git archive ${ref} src | tar -x -C "${dir}"`], { cwd: REPO });
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: { server: join(dir, 'src', 'server', 'server.ts') },
    outdir: dir,
    bundle: true,
    platform: 'node',
    target: 'node20.18',
    format: 'cjs',
    logLevel: 'warning',
    nodePaths: [join(REPO, 'node_modules')],
    define: { __VERSION__: JSON.stringify(`${pkg.version}+${ref}`) },
  });
  return { bundle: join(dir, 'server.js'), ref };
}

function peakMB(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return NaN;
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

interface Run {
  peakMB: number;
  hover: string;
  seconds: number;
}

async function measure(bundle: string): Promise<Run> {
  const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const client = new RawLspClient(child.stdin, child.stdout);
  const t0 = performance.now();
  try {
    await client.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    client.notify('initialized', {});
    const idle = peakMB(child.pid);
    const uri = 'file:///bench/huge.json';
    // One line of JSON, written as the escaped JSON string of the didOpen's text.
    const start = '{"RequestId":"5F20C770-6214-47BA-AF7F-A45FBA52FFF4","MediaProducingJobList":[';
    const head = `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri}","languageId":"json","version":1,"text":${JSON.stringify(start).slice(0, -1)}`;
    const entry = (i: number): string => JSON.stringify(`{"JobId":"${i.toString(16).padStart(8, '0')}9b5d3f4e21a8c6f0b2d4e6a8","Status":"Success"},`).slice(1, -1);
    const tail = `${JSON.stringify('{}]}').slice(1)}}}}`;
    const entryBytes = Buffer.byteLength(entry(0));
    const entries = Math.ceil((SIZE_MB * MB - head.length - tail.length) / entryBytes);
    const bytes = Buffer.byteLength(head) + entries * entryBytes + Buffer.byteLength(tail);
    const write = async (b: Buffer | string): Promise<void> => {
      if (!child.stdin.write(b)) await once(child.stdin, 'drain');
    };
    await write(`Content-Length: ${bytes}\r\n\r\n${head}`);
    const perPiece = Math.floor((64 * 1024) / entryBytes);
    for (let i = 0; i < entries; i += perPiece) {
      let piece = '';
      for (let j = i; j < Math.min(entries, i + perPiece); j++) piece += entry(j);
      await write(piece);
    }
    await write(tail);
    const position = { line: 0, character: start.length + '{"JobId":"'.length + 3 };
    const id = 1000;
    const answer = client.answerTo<{ id: string } | null>(id);
    child.stdin.write(frame({ jsonrpc: '2.0', id, method: 'mediaJobs/findJobIdAt', params: { textDocument: { uri }, position } }));
    let timer: NodeJS.Timeout | undefined;
    const hit = await Promise.race([answer, new Promise<'none'>((resolve) => { timer = setTimeout(() => resolve('none'), ANSWER_TIMEOUT_MS); })]);
    clearTimeout(timer);
    const seconds = (performance.now() - t0) / 1000;
    const peak = peakMB(child.pid);
    const hover = hit === 'none' ? `no answer in ${ANSWER_TIMEOUT_MS / 1000} s` : hit ? `hover: ${hit.id}` : 'hover: none (the document is too large to read)';
    console.log(`  ${(bytes / MB).toFixed(1)} MB didOpen (${entries} jobs on one line) + a hover: ${hover}, ${seconds.toFixed(1)} s; server peak RSS ${peak.toFixed(1)} MB (${idle.toFixed(1)} MB after initialize)`);
    const warning = client.warnings.find((w) => w.includes(uri));
    if (warning) console.log(`  the server said: ${warning}`);
    return { peakMB: peak, hover, seconds };
  } finally {
    child.kill();
    await once(child, 'exit').catch(() => undefined);
  }
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build`);
  const dir = mkdtempSync(join(tmpdir(), 'mji-bench-servermem-'));
  try {
    const given = argOf('before');
    const before = given ? { bundle: given, ref: given } : await buildBefore(dir);
    console.log(`bench/serverMemory: Node ${process.version}; a ${SIZE_MB} MB single-line didOpen over stdio, then a hover`);
    console.log(`before (${before.ref}):`);
    const b = await measure(before.bundle);
    console.log('after (dist/server.js):');
    const a = await measure(SERVER_BUNDLE);
    console.log(`peak RSS: before ${b.peakMB.toFixed(1)} MB, after ${a.peakMB.toFixed(1)} MB: ${(b.peakMB / a.peakMB).toFixed(1)}× less`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
