/**
 * How fast the language server finds job ids, next to ripgrep on the same file in the same run, how fast it
 * answers hovers over stdio, and what the hard cases cost (one long line of minified JSON, a log without dashes,
 * typing in a large document, a 45 MB line). Prints figures and ratios only (no pass/fail).
 *
 *   node --import tsx bench/detect.ts [--mb 50] [--runs 9] [--hovers 400] [--cases scan,hover,hard,edit,huge]
 *                                     [--save-matches FILE] [--check-matches FILE]
 *
 * 1. Generates a log of --mb MB (default 50) in a temp folder: ~1 id per KB (about 50,000) in mixed forms (keyed
 *    log lines, one-line JSON responses, pretty-printed responses over several lines, URLs, aliyun/hcloud CLI lines,
 *    SDK calls, `media-jobs` lines, tracked ids written bare) between noise lines full of MD5 sums, git object ids,
 *    UUID request ids, media ids and numbers.
 * 2. scan: what the server does for `mediaJobs/findJobIds` on a whole document right after didOpen
 *    (DocumentIndex: line index + detection, with 20 tracked ids), in this process, --runs times; and ripgrep
 *    (`rg --count-matches`, Debian's ripgrep) over the same file with equivalent patterns: the job keys with their
 *    separators and values, the API/host/SDK markers the detector reads for context, the `media-jobs` CLI, and the
 *    tracked ids as literals. Runs alternate (server, rg, server, rg…) so both see the same machine load; medians
 *    and the ratio of medians are printed.
 * 3. hover: spawns `node dist/server.js --stdio` (build it first: npm run build), opens the first 20 MB of the log
 *    (a large document: scanned lazily), and sends --hovers mediaJobs/findJobIdAt requests (the hover's) one after another at id
 *    positions (and some at plain text), timing each round trip; prints p50, p95 and max.
 * 4. hard: documents that used to make detection quadratic: a minified ListMediaProducingJobs answer of 20,000 jobs
 *    (2.8 MB, one line of JSON), the same pretty-printed, a minified answer of 19 MB (one line), and 450,000 log
 *    lines without a dash. For each: the whole-document scan against ripgrep (as in 2, fewer runs), then over stdio:
 *    didOpen + first hover, hovers at ids, a keystroke then a hover, and `mediaJobs/findJobIds` without ranges
 *    (what the link provider asks for below 20 MB; the server answers at most MAX_MATCHES ids).
 * 5. edit: typing in a 30 MB log: the cost of one keystroke in this process (DocumentIndex.applyChanges, then the
 *    hover on the edited line), and over stdio 2,000 keystrokes sent at once followed by a hover.
 * 6. huge: a 45 MB single line over stdio (its didOpen just under the 50 MB the server accepts in one message, the
 *    JSON escapes of its quotes included; bigger ones are refused, and bench/serverMemory.ts measures those): didOpen + hover, a keystroke + hover, and the server's peak
 *    memory (VmHWM) against the document's size.
 * A request that gets no answer in 60 s is reported as such (and the server is stopped). MJI_BENCH_SERVER=path runs
 * another build of the server (to compare with an older one).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JobRef } from '../src/model/jobRef.js';
import { LARGE_DOCUMENT_CHARS } from '../src/protocol/lsp.js';
import { type ScannedJobId } from '../src/detect/detectJobIds.js';
import { MAX_MESSAGE_BYTES } from '../src/server/boundedReader.js';
import { DocumentIndex } from '../src/server/documentIndex.js';
import { LspStdioClient, SERVER_BUNDLE } from '../test/support/lspStdioClient.js';
import { seededRandom } from '../test/support/seededRandom.js';

function argString(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const CASES = new Set((process.argv.includes('--cases') ? process.argv[process.argv.indexOf('--cases') + 1]! : 'scan,hover,hard,edit,huge').split(','));

const TARGET_MB = arg('mb', 50);
const RUNS = arg('runs', 9);
const HOVERS = arg('hovers', 400);
const MB = 1024 * 1024;

// ---- The log -------------------------------------------------------------------------------------------------------

const rnd = seededRandom(20250618);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const hex = (n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rnd() * 16)];
  return s;
};
const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const words = 'render upload segment worker queue retry done started finished ok input output bucket file transcoding stream video audio frame bitrate width height manifest playlist chunk cache'.split(' ');
const w = (): string => pick(words);
const regions = ['cn-shanghai', 'cn-beijing', 'cn-hangzhou', 'ap-southeast-1', 'cn-north-4'];
const TRACKED = Array.from({ length: 20 }, () => hex(32));

/** Each form returns its lines and how many job ids it holds. */
const FORMS: Array<() => [string[], number]> = [
  () => [[`INFO [${w()}] submitted ICE editing job JobId=${hex(32)} template=${w()} region=${pick(regions)}`], 1],
  () => [[`DEBUG POST https://ice.${pick(regions)}.aliyuncs.com/?Action=GetMediaProducingJob&JobId=${hex(32)} -> 200 (x-acs-request-id: ${uuid().toUpperCase()})`], 1],
  () => [[`INFO [vod] transcode task started TranscodeTaskId=${hex(32)} VideoId=${hex(32)}`], 1],
  () => [[`DEBUG response {"RequestId":"${uuid().toUpperCase()}","MediaProducingJob":{"JobId":"${hex(32)}","Status":"Processing","MediaId":"${hex(32)}"}}`], 1],
  () => [[`INFO [mpc] editing job_id=${hex(32)} queued (${pick(regions)})`], 1],
  () => [[`DEBUG GET https://mpc.cn-north-4.myhuaweicloud.com/v2/${hex(32)}/editing/jobs?job_id=${hex(32)}&job_id=${hex(32)} 200`], 2],
  () => [[`INFO [edge] GetEdgeTranscodeJob ClusterId=edge-cluster-${hex(4)} JobId=${uuid()} Status=1`], 1],
  () => [[`INFO [live] GetEditingJobInfo CasterId=${uuid()} ShowId=${uuid()} TaskStatus=${Math.floor(rnd() * 4)}`], 2],
  () => [[`$ aliyun vod GetTranscodeTask --TranscodeTaskId ${hex(32)} --region ${pick(regions)}`], 1],
  () => [[`$ media-jobs inspect ice ${hex(32)} --region ${pick(regions)}`], 1],
  () => [[`WARN [${w()}] job_id: ${100000 + Math.floor(rnd() * 9e6)} failed after ${Math.floor(rnd() * 300)} s`], 1],
  () => [[`INFO [${w()}] wrote obs://bucket/out/${pick(TRACKED)}.mp4`], 1],
  () => [['DEBUG response body:', '{', `  "RequestId": "${uuid().toUpperCase()}",`, '  "MediaProducingJob": {', `    "JobId": "${hex(32)}",`,
    `    "TemplateId": "${hex(32)}",`, '    "Status": "Success"', '  }', '}'], 1],
  () => [['  request = ice_models.GetMediaProducingJobRequest(', `      job_id="${hex(32)}"`, '  )'], 1],
];

const NOISE: Array<() => string> = [
  () => `INFO [${w()}] ${w()} ${w()} md5=${hex(32)} size=${Math.floor(rnd() * 1e9)}`,
  () => `DEBUG [git] ${w()} at commit ${hex(40)} (${w()} ${w()})`,
  () => `INFO [http] RequestId=${uuid().toUpperCase()} took ${Math.floor(rnd() * 900)} ms`,
  () => `WARN [${w()}] ${w()} ${w()} ${w()} retry=${Math.floor(rnd() * 5)} MediaId=${hex(32)} TemplateId=${hex(32)}`,
  () => `INFO [${w()}] ${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${w()} ${uuid()}`,
  () => `DEBUG [${w()}] offset=${Math.floor(rnd() * 1e12)} ts=${1718700000 + Math.floor(rnd() * 1e6)} etag="${hex(32)}"`,
];

function generate(targetBytes: number): { text: string; ids: number } {
  const parts: string[] = [];
  let size = 0;
  let ids = 0;
  let t = Date.parse('2025-06-18T00:00:00Z');
  // ~1 id per 1,000 bytes: an id form about every 8th line.
  while (size < targetBytes) {
    let lines: string[];
    if (rnd() < 0.115) {
      const [ls, n] = pick(FORMS)();
      lines = ls;
      ids += n;
    } else {
      lines = [pick(NOISE)()];
    }
    for (const l of lines) {
      const line = l.startsWith(' ') || l === '{' || l === '}' ? l : `${new Date((t += 37)).toISOString()} ${l}`;
      parts.push(line);
      size += line.length + 1;
    }
  }
  return { text: `${parts.join('\n')}\n`, ids };
}

// ---- ripgrep ---------------------------------------------------------------------------------------------------------

const KEYS = 'JobId|JobID|jobId|jobID|job-id|job_id|JOB_ID|TranscodeTaskId|transcodeTaskId|transcode_task_id|CasterId|casterId|caster_id|caster-id|ShowId|showId|show_id|show-id|ClusterId|clusterId|cluster_id|cluster-id|project_id|project-id|projectId';
const RG_PATTERNS = [
  // A key, its separator and its value (quoted or not, after a wrapper call or a list opener).
  String.raw`(?:--?|\b)(?:set|with)?(?:${KEYS})\b(?:\.\d+)?\\?["']?\s*(?:=>|:=|[:=(>]|\s)\s*(?:[A-Za-z_][\w.]*\(\s*)?[\[&]?\\?["']?[A-Za-z0-9][A-Za-z0-9_-]*`,
  // The context markers.
  String.raw`MediaProducingJob|media_producing_job|ice_?20201109|EdgeTranscodeJob|edge_transcode_job|GetEditingJobInfo|get_editing_job_info|EditingJobInfo|EditingTasksInfo|editing_job_info|EditingJob|[Ee]diting_job|editing/jobs|job_array|sdk-?mpc|sdk\.mpc|hcloud\s+(?:MPC|mpc)|TranscodeTask|transcode_task|vod_?20170321|live_?20161101|aliyuncs\.com|myhuaweicloud\.com|aliyun\s+(?:ice|vod|live)\b|Timeline|ClipsParam|SubJobMaterials|StreamInput|StreamOutput|LastStartAt|LastStopAt|exec_description|editing_output`,
  // The project's CLI.
  String.raw`media-jobs\s+(?:inspect|watch)\s+[a-z-]+`,
  // Tracked ids (literals).
  TRACKED.join('|'),
];

/** Debian's ripgrep: on PATH, or the copy the setup unpacked under .cache/debs (it installs nothing). */
const RG = ['/usr/bin/rg', join(__dirname, '..', '.cache', 'debs', 'root', 'usr', 'bin', 'rg')].find((p) => existsSync(p)) ?? 'rg';

function rgVersion(): string | null {
  const r = spawnSync(RG, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0]! : null;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs rg; wall time, and its CPU time (user + system, from /usr/bin/time) when available. */
function timeRg(file: string, extra: string[]): { ms: number; cpuMs: number | null; out: string } {
  const args = ['--no-config', ...extra, ...RG_PATTERNS.flatMap((p) => ['-e', p]), file];
  const [cmd, full] = TIME ? [TIME, ['-f', 'cpu %U %S', RG, ...args]] : [RG, args];
  const t0 = performance.now();
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1) throw new Error(`rg failed: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null, out: r.stdout };
}

/** The server under test: dist/server.js, or another build (MJI_BENCH_SERVER=path, e.g. to compare with an older one). */
const newClient = (): LspStdioClient => new LspStdioClient(process.env.MJI_BENCH_SERVER ?? SERVER_BUNDLE);

// ---- Figures --------------------------------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const f1 = (x: number): string => x.toFixed(1);
const ms = (x: number): string => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${f1(x)} ms`);

/** No answer within this long: reported as such, and the server is stopped. */
const REQUEST_TIMEOUT_MS = 60_000;

class NoAnswer extends Error {}

async function timed<T>(p: Promise<T>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const value = await Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new NoAnswer(`no answer in ${timeoutMs / 1000} s`)), timeoutMs); })]);
  clearTimeout(timer);
  return { value, ms: performance.now() - t0 };
}

/** Peak and current resident memory of a process (Linux), in MB. */
function memoryOf(pid: number | undefined): { peakMB: number; rssMB: number } | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return null;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string): number => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMB: kb('VmHWM') / 1024, rssMB: kb('VmRSS') / 1024 };
}

/** The whole-document scan (DocumentIndex.all) against ripgrep on the same file, alternating runs. */
function scanVsRipgrep(file: string, text: string, tracked: Map<string, JobRef>, runs: number): { scan: number; found: number; line: string[] } {
  const sizeMB = text.length / MB;
  const rg = rgVersion() !== null;
  const scanMs: number[] = [];
  const scanCpu: number[] = [];
  const rgMs: number[] = [];
  const rgCpu: number[] = [];
  let found = 0;
  let rgCount = 0;
  // One warm-up of each, then alternate (a scan slower than 5 s is measured once: its warm-up is the run).
  // (The warm-up's matches are digested in a call of their own, so that none of them stays alive during the runs.)
  const first = scanAndDigest(text, tracked);
  const warmUp = first.ms;
  found = first.found;
  const digest = first.digest;
  if (warmUp > 5000) {
    scanMs.push(warmUp);
    runs = 0;
  }
  if (rg) timeRg(file, ['--count-matches']);
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const s0 = performance.now();
    found = new DocumentIndex('file:///bench.log', text, 1, tracked).all().length;
    scanMs.push(performance.now() - s0);
    const c = process.cpuUsage(c0);
    scanCpu.push((c.user + c.system) / 1000);
    if (rg) {
      const r = timeRg(file, ['--count-matches']);
      rgMs.push(r.ms);
      if (r.cpuMs !== null) rgCpu.push(r.cpuMs);
      rgCount = Number(r.out.trim() || 0);
    }
  }
  if (rg && rgMs.length === 0) {
    const r = timeRg(file, ['--count-matches']);
    rgMs.push(r.ms);
    rgCount = Number(r.out.trim() || 0);
  }
  const scan = median(scanMs);
  const out = [`  server     median ${f1(scan)} ms  → ${f1(sizeMB / (scan / 1000))} MB/s   (best ${f1(Math.min(...scanMs))} ms; ${found} ids found)`];
  out.push(`  matches    sha256 ${digest.sha256.slice(0, 16)} of ${found} (line, range, id, kinds, params, region, needs, source)${digest.check}`);
  if (rg) {
    const rgm = median(rgMs);
    out.push(`  ripgrep    median ${f1(rgm)} ms  → ${f1(sizeMB / (rgm / 1000))} MB/s   (best ${f1(Math.min(...rgMs))} ms; rg --count-matches: ${rgCount} key/marker/CLI/tracked hits; process start included)`);
    out.push(`  ratio      server / ripgrep throughput = ${(rgm / scan).toFixed(2)}× of the medians, ${(Math.min(...rgMs) / Math.min(...scanMs)).toFixed(2)}× of the best runs   (budget ≥ 0.5×, goal ≥ 1×)`);
    if (rgCpu.length === scanCpu.length && scanCpu.length > 0) {
      // CPU time is steadier than wall time on a shared machine (the process's own CPU, all its threads).
      out.push(`  CPU time   server median ${f1(median(scanCpu))} ms, ripgrep median ${f1(median(rgCpu))} ms (10 ms resolution) → ratio ${(median(rgCpu) / median(scanCpu)).toFixed(2)}×`);
    }
  } else {
    out.push('  ripgrep    not installed (apt-get install ripgrep): no ratio');
  }
  return { scan, found, line: out };
}

function scanAndDigest(text: string, tracked: Map<string, JobRef>): { ms: number; found: number; digest: { sha256: string; check: string } } {
  const w0 = performance.now();
  const matches = new DocumentIndex('file:///bench.log', text, 1, tracked).all();
  const ms = performance.now() - w0;
  return { ms, found: matches.length, digest: matchesDigest(matches) };
}

/** What a scan found, one line per match with everything a client gets (the same ids, ranges, kinds… give the same text). */
function matchesText(ms: readonly ScannedJobId[]): string {
  return ms.map((m) => JSON.stringify([m.line, m.range.start, m.range.end, m.id, m.kinds, m.params, m.region ?? null, m.needs, m.source])).join('\n');
}

/**
 * The digest of what a scan found, to compare a change of the detector with the build before it on the same
 * generated text (the generator is seeded): equal digests, equal matches. --save-matches FILE writes them (one
 * line each), --check-matches FILE compares with such a file and names the first difference.
 */
function matchesDigest(ms: readonly ScannedJobId[]): { sha256: string; check: string } {
  const all = matchesText(ms);
  const sha256 = createHash('sha256').update(all).digest('hex');
  const save = argString('save-matches');
  const against = argString('check-matches');
  // One file per document: the first scan's name as given, later ones (the hard cases) numbered.
  const n = digestCount++;
  const name = (f: string): string => (n === 0 ? f : `${f}.${n}`);
  if (save) writeFileSync(name(save), all);
  let check = '';
  if (against && existsSync(name(against))) {
    const before = readFileSync(name(against), 'utf8').split('\n');
    const now = all.split('\n');
    let i = 0;
    while (i < before.length && i < now.length && before[i] === now[i]) i++;
    check = i === before.length && i === now.length
      ? `: identical to ${name(against)}`
      : `: DIFFERS from ${name(against)} (${before.length} before, ${now.length} now) at match ${i}: before ${before[i] ?? '-'}, now ${now[i] ?? '-'}`;
  }
  return { sha256, check };
}
let digestCount = 0;

// ---- Hard cases ---------------------------------------------------------------------------------------------------------

/** A ListMediaProducingJobs answer (ICE) with `jobs` jobs, minified: one line of JSON, ~145 bytes a job. */
function listJobsAnswer(jobs: number): string {
  const list: string[] = new Array(jobs);
  for (let i = 0; i < jobs; i++) {
    list[i] = `{"JobId":"${hex(32)}","ProjectId":"${hex(32)}","Status":"${pick(['Success', 'Failed', 'Processing'])}","CreateTime":"2025-06-18T09:${String(i % 60).padStart(2, '0')}:03Z"}`;
  }
  return `{"RequestId":"${uuid().toUpperCase()}","MaxResults":${jobs},"NextToken":"${hex(32)}","MediaProducingJobList":[${list.join(',')}]}`;
}

/** A log of `lines` lines without a single dash (timestamps without separators), an id every 8th line. */
function logWithoutDashes(lines: number): string {
  const out: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) {
    out[i] = i % 8 === 0 ? `I 0912${String(i % 100).padStart(2, '0')} submitted JobId=${hex(32)}` : `I 0912${String(i % 100).padStart(2, '0')} part ${i} md5=${hex(24)}`;
  }
  return `${out.join('\n')}\n`;
}

/** Positions (line, character) a few characters into each `key` value of a text, at most `max` of them, spread out. */
function idPositions(text: string, key: string, max: number): Array<{ line: number; character: number }> {
  const all: Array<{ line: number; character: number }> = [];
  let line = 0;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    while (nl >= 0 && nl < i) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    all.push({ line, character: i - lineStart + key.length + 5 });
  }
  const step = Math.max(1, Math.floor(all.length / max));
  return all.filter((_, i) => i % step === 0).slice(0, max);
}

interface StdioFigures {
  lines: string[];
}

/** Over stdio: didOpen + first hover, hovers at ids, a keystroke then a hover, findJobIds without ranges. */
async function overStdio(uri: string, text: string, positions: Array<{ line: number; character: number }>, hovers: number): Promise<StdioFigures> {
  const lines: string[] = [];
  const client = newClient();
  try {
    await client.initialize();
    const open = timed((async () => {
      client.didOpen(uri, text);
      return client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: positions[0]! });
    })());
    const first = await open;
    lines.push(`  didOpen + first hover ${ms(first.ms)} (${first.value ? 'hit' : 'miss'})`);
    const hoverMs: number[] = [];
    let hits = 0;
    for (let i = 0; i < hovers; i++) {
      const h = await timed(client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: positions[i % positions.length]! }));
      hoverMs.push(h.ms);
      if (h.value) hits++;
    }
    lines.push(`  ${hovers} hovers at ids: p50 ${ms(percentile(hoverMs, 50))}, p95 ${ms(percentile(hoverMs, 95))}, max ${ms(Math.max(...hoverMs))}; ${hits} with a hover`);
    // A keystroke a little before an id, then a hover on that id.
    const at = positions[Math.floor(positions.length / 2)]!;
    const k = await timed((async () => {
      client.didChange(uri, 2, [{ range: { start: { line: at.line, character: at.character - 20 }, end: { line: at.line, character: at.character - 20 } }, text: ' ' }]);
      return client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: at.line, character: at.character + 1 } });
    })());
    lines.push(`  a keystroke, then a hover ${ms(k.ms)} (${k.value ? 'hit' : 'miss'})`);
    const links = await timed(client.request<unknown[]>('mediaJobs/findJobIds', { textDocument: { uri } }));
    lines.push(`  findJobIds without ranges (the link provider below 20 MB) ${ms(links.ms)} (${links.value.length} ids)`);
    const mem = memoryOf(client.pid);
    if (mem) lines.push(`  server memory: peak ${f1(mem.peakMB)} MB, now ${f1(mem.rssMB)} MB (document ${f1(text.length / MB)} MB)`);
  } catch (e) {
    if (!(e instanceof NoAnswer)) throw e;
    const mem = memoryOf(client.pid);
    lines.push(`  ${e.message}: stopped${mem ? ` (server memory then: peak ${f1(mem.peakMB)} MB, now ${f1(mem.rssMB)} MB)` : ''}`);
  } finally {
    await client.close();
  }
  return { lines };
}

async function hardCases(dir: string, tracked: Map<string, JobRef>, runs: number): Promise<void> {
  const cases: Array<{ name: string; text: () => string; key: string }> = [
    { name: 'minified ListMediaProducingJobs answer, 20,000 jobs on one line', text: () => listJobsAnswer(20_000), key: '"JobId":"' },
    { name: 'the same answer pretty-printed', text: () => JSON.stringify(JSON.parse(listJobsAnswer(20_000)), null, 2), key: '"JobId": "' },
    { name: 'minified ListMediaProducingJobs answer of 19 MB, one line', text: () => listJobsAnswer(136_000), key: '"JobId":"' },
    { name: '450,000 log lines without a dash', text: () => logWithoutDashes(450_000), key: 'JobId=' },
  ];
  for (const c of cases) {
    const text = c.text();
    const file = join(dir, 'hard.txt');
    writeFileSync(file, text);
    const lineCount = text.split('\n').length;
    console.log('');
    console.log(`hard case: ${c.name} (${f1(text.length / MB)} MB, ${lineCount} line${lineCount === 1 ? '' : 's'})`);
    console.log(`scan of the whole document, ${runs} runs:`);
    for (const l of scanVsRipgrep(file, text, tracked, runs).line) console.log(l);
    console.log('over stdio:');
    const figures = await overStdio(`file:///bench/hard-${c.name.length}.json`, text, idPositions(text, c.key, 200), 100);
    for (const l of figures.lines) console.log(l);
  }
}

// ---- Editing a large document ------------------------------------------------------------------------------------------

async function editCase(text: string): Promise<void> {
  console.log('');
  console.log(`edit: typing in a ${f1(text.length / MB)} MB log (${text.split('\n').length - 1} lines)`);
  const d = new DocumentIndex('file:///bench/edit.log', text, 1, new Map());
  const positions = idPositions(text, 'JobId=', 400);
  const editMs: number[] = [];
  const hoverMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const at = positions[(i * 7) % positions.length]!;
    const e0 = performance.now();
    d.applyChanges([{ range: { start: { line: at.line, character: 0 }, end: { line: at.line, character: 0 } }, text: 'x' }], i + 2);
    editMs.push(performance.now() - e0);
    const h0 = performance.now();
    d.at({ line: at.line, character: at.character + 1 });
    hoverMs.push(performance.now() - h0);
  }
  console.log(`  in this process, 200 keystrokes: applyChanges p50 ${ms(percentile(editMs, 50))}, p95 ${ms(percentile(editMs, 95))}; then the hover on that line p50 ${ms(percentile(hoverMs, 50))}, p95 ${ms(percentile(hoverMs, 95))}`);
  const client = newClient();
  try {
    await client.initialize();
    const uri = 'file:///bench/edit.log';
    const open = await timed((async () => {
      client.didOpen(uri, text);
      return client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: positions[0]! });
    })());
    console.log(`  over stdio: didOpen + first hover ${ms(open.ms)}`);
    const at = positions[Math.floor(positions.length / 2)]!;
    const queued = await timed((async () => {
      // 2,000 keystrokes typed at the start of a line, sent at once (as a busy server finds them queued), then a hover.
      for (let i = 0; i < 2000; i++) {
        client.didChange(uri, i + 2, [{ range: { start: { line: at.line, character: i }, end: { line: at.line, character: i } }, text: 'y' }]);
      }
      return client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: { line: at.line, character: at.character + 2001 } });
    })());
    console.log(`  over stdio: 2,000 queued keystrokes, then a hover: answered in ${ms(queued.ms)} (${queued.value ? 'hit' : 'miss'})`);
  } catch (e) {
    if (!(e instanceof NoAnswer)) throw e;
    console.log(`  ${e.message}: stopped`);
  } finally {
    await client.close();
  }
}

// ---- A 45 MB line --------------------------------------------------------------------------------------------------------

async function hugeCase(): Promise<void> {
  // About 140 bytes an item, but didOpen carries the text as a JSON string, where each of an item's 16 quotes
  // takes two bytes: 340,000 items made a 53 MB message, which the server refuses (MAX_MESSAGE_BYTES), so no hover
  // could hit. As many items as keep the message under the limit, with room for the rest of the message.
  let items = 340_000;
  let text = listJobsAnswer(items);
  const room = MAX_MESSAGE_BYTES - 64 * 1024;
  for (let bytes = Buffer.byteLength(JSON.stringify(text)); bytes > room; bytes = Buffer.byteLength(JSON.stringify(text))) {
    items = Math.floor((items * room) / bytes) - 1000;
    text = listJobsAnswer(items);
  }
  console.log('');
  console.log(`huge: a ${f1(text.length / MB)} MB single line (minified ListMediaProducingJobs answer) over stdio`);
  const figures = await overStdio('file:///bench/huge.json', text, idPositions(text, '"JobId":"', 200), 50);
  for (const l of figures.lines) console.log(l);
}

// ---- Main ------------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mji-bench-detect-'));
  try {
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, ${rgVersion() ?? 'ripgrep not found'}`);
    const tracked = new Map<string, JobRef>(TRACKED.map((id) => [id, { kind: 'mpc-editing', id, region: 'cn-north-4', params: {} }]));
    let text = '';
    if (CASES.has('scan') || CASES.has('hover') || CASES.has('edit')) {
      const t0 = performance.now();
      const file = join(dir, 'bench.log');
      const ids = ((): number => {
        const g = generate(TARGET_MB * MB);
        writeFileSync(file, g.text);
        return g.ids;
      })();
      // The text as a server gets it (one string read whole, as JSON.parse of didOpen makes it), not the joined one.
      text = readFileSync(file, 'utf8');
      if (process.env.MJI_BENCH_KEEP) writeFileSync(process.env.MJI_BENCH_KEEP, text);
      console.log(`bench/detect: ${f1(text.length / MB)} MB log, ${text.split('\n').length - 1} lines, ${ids} ids placed (+ noise: MD5s, git ids, UUIDs, media ids, numbers), generated in ${Math.round(performance.now() - t0)} ms`);

      if (CASES.has('scan')) {
        console.log('');
        console.log(`scan (server: line index + detection of a whole document, 20 tracked ids), ${RUNS} runs:`);
        for (const l of scanVsRipgrep(file, text, tracked, RUNS).line) console.log(l);
        if (rgVersion() !== null) {
          const o = timeRg(file, ['--only-matching', '--byte-offset', '--no-filename', '--no-line-number']);
          console.log(`  (for reference: rg printing every match with its byte offset: ${f1(o.ms)} ms → ${f1(text.length / MB / (o.ms / 1000))} MB/s)`);
        }
      }
    }

    // ---- Hover latency over stdio on a 20 MB document --------------------------------------------------------------
    if (CASES.has('hover')) {
      const cut = text.indexOf('\n', LARGE_DOCUMENT_CHARS) + 1;
      const doc = text.slice(0, cut);
      const lines = doc.split('\n');
      const idLines: Array<{ line: number; character: number }> = [];
      const plainLines: number[] = [];
      const probe = /(?:JobId=|job_id=|TranscodeTaskId=|"JobId": "|--TranscodeTaskId )([0-9a-f]{32})/;
      for (let i = 0; i < lines.length; i++) {
        const m = probe.exec(lines[i]!);
        if (m) idLines.push({ line: i, character: m.index + m[0].length - 10 });
        else if (i % 97 === 0) plainLines.push(i);
      }
      const client = newClient();
      try {
        await client.initialize();
        const uri = 'file:///bench/20mb.log';
        const o0 = performance.now();
        client.didOpen(uri, doc);
        const first = await client.request('mediaJobs/findJobIdAt', { textDocument: { uri }, position: idLines[0]! });
        const openMs = performance.now() - o0;
        const hoverMs: number[] = [];
        let hits = 0;
        for (let i = 0; i < HOVERS; i++) {
          const position = i % 5 === 4 ? { line: pick(plainLines), character: 30 } : pick(idLines);
          const h0 = performance.now();
          const h = await client.request<unknown>('mediaJobs/findJobIdAt', { textDocument: { uri }, position });
          hoverMs.push(performance.now() - h0);
          if (h) hits++;
        }
        const v0 = performance.now();
        const visible = await client.request<unknown[]>('mediaJobs/findJobIds', { textDocument: { uri }, ranges: [{ start: { line: 100_000, character: 0 }, end: { line: 100_060, character: 0 } }] });
        const visibleMs = performance.now() - v0;
        console.log('');
        console.log(`hover over stdio (node dist/server.js --stdio) on a ${f1(doc.length / MB)} MB document (${lines.length - 1} lines, scanned lazily):`);
        console.log(`  didOpen + first hover ${f1(openMs)} ms (${first ? 'hit' : 'miss'}: the server reads the 20 MB message and indexes its lines)`);
        console.log(`  ${HOVERS} hovers (4 of 5 on an id): p50 ${hoverMs.length ? f1(percentile(hoverMs, 50)) : '-'} ms, p95 ${f1(percentile(hoverMs, 95))} ms, max ${f1(Math.max(...hoverMs))} ms   (goal p95 < 20 ms); ${hits} with a hover`);
        console.log(`  findJobIds on 61 visible lines: ${f1(visibleMs)} ms (${visible.length} ids)`);
      } finally {
        await client.close();
      }
    }

    if (CASES.has('hard')) await hardCases(dir, tracked, Math.max(1, Math.min(RUNS, 3)));
    if (CASES.has('edit')) await editCase(text.slice(0, text.indexOf('\n', 30 * MB) + 1));
    if (CASES.has('huge')) await hugeCase();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
