/**
 * Comparing two jobs: fields, outputs and streams aligned by what names them, timeline clips aligned by a longest
 * common subsequence (an inserted clip is one "added", not every later clip "changed"), the Markdown escaped and
 * folded, and `media-jobs diff` against the emulator. Fixture pairs: the SDK example job against itself edited,
 * and two different fixture jobs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KINDS } from '../../../src/clouds/adapters/registry.js';
import { runCli } from '../../../src/cli/main.js';
import { diffJobs, MAX_ALIGN_CELLS } from '../../../src/present/jobDiff.js';
import { jobDiffMarkdown, LANE_WIDTH, laneLines, MAX_CLIP_ROWS } from '../../../src/present/jobDiffMarkdown.js';
import { type Job } from '../../../src/model/job.js';
import { ctx, fixtureRecord, onlyJob } from '../clouds/adapters/support.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { credentialEnv } from '../../emulator/credentials.js';

const iceJob = (mpj: Record<string, unknown>): Job => KINDS.ice.parse({ MediaProducingJob: { JobId: 'j1', Status: 'Success', ...mpj } }, ctx()).jobs[0]!;
const clip = (id: string, tin: number, tout: number, extra: Record<string, unknown> = {}) => ({ MediaId: id, In: 0, Out: tout - tin, TimelineIn: tin, TimelineOut: tout, ...extra });

test('the same job against itself: no differences', () => {
  const a = onlyJob('ice', 'sdk-example');
  const d = diffJobs(a, a);
  assert.equal(d.changedCount, 0);
  assert.ok(d.timeline && d.timeline.every((t) => t.mark === 'same'));
  assert.match(jobDiffMarkdown(d), /_No differences\._/);
});

test('an inserted clip is one added, a moved one changed, a dropped one removed; later clips stay the same', () => {
  const base = [clip('m1', 0, 4), clip('m2', 4, 8), clip('m3', 8, 12), clip('m4', 12, 16), clip('m5', 16, 20)];
  const edited = [clip('m1', 0, 4), clip('new', 4, 6), clip('m2', 6, 10), clip('m3', 10, 14, { Effects: [{ Type: 'Filter', SubType: 'm1' }] }), clip('m5', 16, 20)];
  const a = iceJob({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: base }] }) });
  const b = iceJob({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: edited }], AudioTracks: [{ AudioTrackClips: [{ MediaId: 'bgm', In: 0, Out: 20 }] }] }) });
  const d = diffJobs(a, b);
  const video = d.timeline!.find((t) => t.track === 'Video 1')!;
  assert.deepEqual(video.clips.map((c) => `${c.mark}:${c.left?.name ?? ''}>${c.right?.name ?? ''}`), ['same:m1>m1', 'added:>new', 'changed:m2>m2', 'changed:m3>m3', 'removed:m4>', 'same:m5>m5']);
  assert.deepEqual(video.clips[2]!.changes, ['TimelineIn 4 → 6', 'TimelineOut 8 → 10']);
  assert.ok(video.clips[3]!.changes.includes('Effects — → Filter/m1'));
  assert.deepEqual(video.counts, { same: 2, changed: 2, added: 1, removed: 1 });
  const audio = d.timeline!.find((t) => t.track === 'Audio 1')!;
  assert.equal(audio.mark, 'added');
  const md = jobDiffMarkdown(d);
  assert.match(md, /### ✎ Video 1\n\n1 added, 1 removed, 2 changed, 2 the same/);
  assert.match(md, /\| \+ \| — \| \\#2 new · 4–6 s/);
  assert.match(md, /### \+ Audio 1/);
  // Drawn lanes on one axis (20 s): the first version's m4 (12–16 s) removed, the second's inserted clip at 4–6 s.
  const [first, second] = laneLines(video, 20);
  assert.equal(first.length, LANE_WIDTH);
  const at = (s: number) => Math.floor((s / 20) * LANE_WIDTH);
  assert.equal(first[at(1)], '█', 'm1 the same');
  assert.equal(first[at(13)], '−', 'm4 only in the first');
  assert.equal(second[at(5)], '+', 'the new clip only in the second');
  assert.equal(second[at(8)], '▓', 'm2 moved');
  assert.equal(second[at(15)], '·', 'nothing at 14–16 s in the second');
  assert.ok(md.includes('```text\n') && md.includes(`Video 1 1st ${first}`), 'the lanes are in the page');
});

test('outputs and streams align by name; the status, error and times side by side (two fixture jobs)', () => {
  const ok = onlyJob('ice', 'success');
  const failed = onlyJob('ice', 'failed');
  const d = diffJobs(ok, failed);
  const status = d.fields.find((f) => f.field === 'Status')!;
  assert.ok(status.changed);
  assert.match(status.left, /^Succeeded/);
  assert.match(status.right, /^Failed/);
  assert.ok(d.fields.find((f) => f.field === 'Error')!.changed);
  // The SDK example IMS job has two outputs: its file (MediaURL) and its VOD copy (VodMediaId); one without the copy.
  const full = onlyJob('ice', 'sdk-example');
  const body = structuredClone(fixtureRecord('ice', 'sdk-example'));
  delete body.MediaProducingJob.VodMediaId;
  body.MediaProducingJob.Duration = 31;
  const fewer = KINDS.ice.parse(body, ctx()).jobs[0]!;
  const dv = diffJobs(full, fewer);
  assert.deepEqual(dv.outputs.map((r) => r.mark), ['changed', 'removed'], 'the file lines up by its name (its duration changed); the VOD copy is gone');
  assert.deepEqual(dv.outputs[0]!.cells.filter((c) => c.changed).map((c) => [c.field, c.left, c.right]), [['Duration', `${full.outputs[0]!.durationSeconds} s`, '31 s']]);
});

test('hostile text is escaped in the Markdown; a long track folds its unchanged clips and caps its rows', () => {
  const evil = '<img src=x onerror=alert(1)> [link](command:workbench.action.quit) | cell';
  const a = iceJob({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/a.mp4', Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: [clip('m1', 0, 1, { Type: 'Text' })] }] }) });
  const b = { ...a, name: evil, error: { code: 'X', message: evil } };
  const md = jobDiffMarkdown(diffJobs(a, b));
  assert.ok(!/(?<!\\)<img/.test(md), 'no raw HTML: the < is escaped');
  assert.ok(!/(?<!\\)\]\(command/.test(md), 'no live link: the brackets are escaped');
  assert.ok(md.includes('\\| cell'), 'a pipe cannot break the table');
  const many = Array.from({ length: 1000 }, (_, i) => clip(`c${i}`, i, i + 1));
  const shifted = many.map((c, i) => (i % 2 === 0 ? { ...c, Out: 0.5 } : c));
  const big = diffJobs(iceJob({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: many }] }) }), iceJob({ Timeline: JSON.stringify({ VideoTracks: [{ VideoTrackClips: shifted }] }) }));
  const text = jobDiffMarkdown(big);
  assert.match(text, /_and 100 more differences_/);
  assert.ok(text.split('\n').filter((l) => l.startsWith('| ✎')).length === MAX_CLIP_ROWS);
  assert.match(text, /_1 clip the same_/);
  assert.ok(MAX_ALIGN_CELLS >= 1000 * 1000, 'tracks of 1,000 clips are aligned, not compared by position');
  assert.equal(big.timeline![0]!.byPosition, false);
});

describe('media-jobs diff against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
  });
  after(async () => {
    await emu.close();
  });
  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...argv, '--endpoint', emu.url], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: credentialEnv(emu) });
    return { code, stdout, stderr };
  }
  test('two IMS jobs: the fields that differ, the timeline per track; --json the whole comparison', async () => {
    const r = await cli(['diff', 'ice', SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.captioned]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, new RegExp(`^ice ${SAMPLE_IDS.ice.succeeded} → ${SAMPLE_IDS.ice.captioned}: \\d+ differences$`));
    assert.ok(lines.includes('timeline'));
    assert.ok(lines.some((l) => /^ {2}(✎ |\+ |− )?Video 1: \d+ added, \d+ removed, \d+ changed, \d+ the same$/.test(l)), r.stdout);
    const json = JSON.parse((await cli(['diff', 'ice', SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.succeeded, '--json'])).stdout) as { changedCount: number };
    assert.equal(json.changedCount, 0);
  });
  test('a job the cloud does not know fails the diff with its error; diff takes exactly two ids', async () => {
    const r = await cli(['diff', 'ice', SAMPLE_IDS.ice.succeeded, 'f'.repeat(32)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /diff: ice f{32}: /);
    const usage = await cli(['diff', 'ice', SAMPLE_IDS.ice.succeeded]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /diff takes two ids, not 1/);
  });
});
