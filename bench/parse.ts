/**
 * How much parsing and normalizing an ICE job with a 10,000-clip Timeline costs, next to a bare JSON.parse
 * of the same response text. Prints figures only.
 *
 *   node --import tsx bench/parse.ts [clips]
 *
 * "parse + normalize" is what the client does with a response: JSON.parse of the body text, then the ICE
 * kind's parse (zod schema of the job, decoding the Timeline JSON string inside it, and laying out every
 * clip). "JSON.parse" is the outer JSON.parse alone, which leaves the Timeline as a string.
 */
import { iceKind } from '../src/clouds/adapters/ice.js';
import { parseTimeline } from '../src/clouds/adapters/timeline.js';
import { buildIceBody } from '../test/fixtures/generate.js';

const CLIPS = Number(process.argv[2] ?? 10_000);
const WARMUP = 5;
const RUNS = 21;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Median wall time of `fn` in ms over RUNS runs after WARMUP runs; `sink` keeps results alive. */
function time(fn: () => unknown): number {
  const sink: unknown[] = [];
  for (let i = 0; i < WARMUP; i++) sink.push(fn());
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    sink.push(fn());
    samples.push(performance.now() - t0);
    sink.length = 0;
  }
  return median(samples);
}

const text = JSON.stringify(buildIceBody(CLIPS));
const bytes = Buffer.byteLength(text);
const timelineText = (JSON.parse(text) as { MediaProducingJob: { Timeline: string } }).MediaProducingJob.Timeline;
const ctx = { refs: [], region: 'cn-shanghai', requestId: null };

// Check once that the run does what it says before timing it.
const check = iceKind.parse(JSON.parse(text), ctx).jobs[0]?.timeline;
const clipCount = check?.tracks.reduce((n, t) => n + t.clips.length, 0) ?? 0;
if (clipCount !== CLIPS) throw new Error(`expected ${CLIPS} clips, normalized ${clipCount}`);

const bare = time(() => JSON.parse(text));
const full = time(() => iceKind.parse(JSON.parse(text), ctx));
const timelineOnly = time(() => parseTimeline(timelineText));
const innerParse = time(() => JSON.parse(timelineText));

const mb = bytes / 1e6;
const mbps = (ms: number): string => (mb / (ms / 1000)).toFixed(0);
console.log(`ICE GetMediaProducingJob body with a ${CLIPS.toLocaleString('en-US')}-clip Timeline: ${bytes.toLocaleString('en-US')} bytes (${mb.toFixed(2)} MB)`);
console.log(`Node ${process.version}; median of ${RUNS} runs after ${WARMUP} warm-up runs`);
console.log(`  JSON.parse (outer only)            ${bare.toFixed(2).padStart(8)} ms  ${mbps(bare).padStart(5)} MB/s`);
console.log(`  JSON.parse + iceKind.parse         ${full.toFixed(2).padStart(8)} ms  ${mbps(full).padStart(5)} MB/s`);
console.log(`    of which Timeline decode+layout  ${timelineOnly.toFixed(2).padStart(8)} ms`);
console.log(`      of which its JSON.parse        ${innerParse.toFixed(2).padStart(8)} ms`);
console.log(`  ratio parse+normalize / JSON.parse ${(full / bare).toFixed(2).padStart(8)} x`);
