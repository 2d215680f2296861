/**
 * `media-jobs list` against the emulator (in-process runCli): the table, --json, --since across windows,
 * --status, --limit, the required --cluster-id, and the notes of the sources that need one.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSince } from '../../../src/cli/args.js';
import { listTable } from '../../../src/cli/list.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { runCli } from '../../../src/cli/main.js';
import { type Job } from '../../../src/model/job.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { credentialEnv } from '../../emulator/credentials.js';

async function cli(emu: Emulator, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--endpoint', emu.url], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: credentialEnv(emu) });
  return { code, stdout, stderr };
}

test('--since takes minutes, hours and days up to 366d', () => {
  assert.deepEqual(['30m', '24h', '7d', '45d', '366d'].map(parseSince), [1_800_000, 86_400_000, 604_800_000, 3_888_000_000, 31_622_400_000]);
  assert.deepEqual(['0d', '367d', '1w', '24', 'h', '-1d'].map(parseSince), [null, null, null, null, null, null]);
});

test('a batch row is marked in NAME, its hostile JobType and name kept on one line without control characters', () => {
  const batch = { ...blankJob('ice', 'cn-shanghai', 'a'.repeat(32)), name: 'out\u001b[2J_{index}.mp4', batch: { role: 'batch' as const, jobType: 'Script\u001b[31m\u202e\nX', subJobCount: 2 } };
  const lines = listTable([batch]);
  assert.equal(lines.length, 2);
  assert.match(lines[1] ?? '', /\[batch Script.*X · 2 sub-jobs\] out.*_\{index\}\.mp4/);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(lines.join('\n'), /[\u0000-\u0009\u000b-\u001f\u202e]/);
});

describe('media-jobs list against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ history: 150, enforceRateLimits: false });
  });
  after(async () => {
    await emu.close();
  });

  test('a table of the last 24 h, newest first, STATUS ID NAME CREATED DURATION', async () => {
    const r = await cli(emu, ['list', 'ice']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^STATUS\s+ID\s+NAME\s+CREATED\s+DURATION$/);
    const day = Date.now() - 86_400_000 - 1000;
    const expected = emu.state.list('ice').filter((j) => j.masterJobId === undefined && j.startAt >= day).length
      + emu.state.iceBatches().filter((b) => b.startAt >= day).length;
    assert.equal(lines.length - 1, expected);
  });

  test('--json across 45 days (two ICE windows), --limit caps the total, fields a list item lacks are null', async () => {
    const all = JSON.parse((await cli(emu, ['list', 'ice', '--since', '45d', '--limit', '10000', '--json'])).stdout) as Job[];
    // The ordinary jobs and the batch jobs (as parents); sub-jobs are listed with --parent.
    const since = Date.now() - 45 * 86_400_000 - 1000;
    const expected = emu.state.list('ice').filter((j) => j.masterJobId === undefined && j.startAt >= since).length
      + emu.state.iceBatches().filter((b) => b.startAt >= since).length;
    assert.equal(all.length, expected);
    assert.equal(new Set(all.map((j) => j.id)).size, all.length);
    assert.ok(all.every((j) => j.timeline === null));
    const some = JSON.parse((await cli(emu, ['list', 'ice', '--since', '45d', '--limit', '7', '--json'])).stdout) as Job[];
    assert.deepEqual(some.map((j) => j.id), all.slice(0, 7).map((j) => j.id));
  });

  test('--status sends the API value; live-edge needs --cluster-id (exit 2, named)', async () => {
    const failed = JSON.parse((await cli(emu, ['list', 'mpc-editing', '--since', '60d', '--status', 'failed', '--json'])).stdout) as Job[];
    assert.ok(failed.length > 0 && failed.every((j) => j.status === 'failed'));
    const noCluster = await cli(emu, ['list', 'live-edge']);
    assert.equal(noCluster.code, 2);
    assert.match(noCluster.stderr, /live-edge needs --cluster-id/);
    const edge = await cli(emu, ['list', 'live-edge', '--cluster-id', SAMPLE_IDS.liveEdge.clusterId, '--since', '7d', '--status', 'running']);
    assert.equal(edge.code, 0, edge.stderr);
    assert.ok(edge.stdout.split('\n').slice(1).filter(Boolean).every((l) => l.startsWith('running')));
  });

  test('ICE: batch jobs are rows marked "[batch Script · 3 sub-jobs]"; --parent lists that batch\'s sub-jobs (30 days back by default)', async () => {
    const r = await cli(emu, ['list', 'ice', '--since', '45d', '--limit', '10000']);
    assert.equal(r.code, 0, r.stderr);
    const batchRows = r.stdout.split('\n').filter((l) => l.includes('[batch '));
    const batches = emu.state.iceBatches().filter((b) => b.startAt >= Date.now() - 45 * 86_400_000);
    assert.equal(batchRows.length, batches.length);
    assert.ok(batchRows.every((l) => /\[batch (Script|Smart_Mix) · 3 sub-jobs\] batch-\d+_\{index\}\.mp4/.test(l)), batchRows.join('\n'));
    const parent = batches[0]!;
    const subs = JSON.parse((await cli(emu, ['list', 'ice', '--parent', parent.id, '--json'])).stdout) as Job[];
    assert.deepEqual(subs.map((j) => j.id).sort(), emu.state.list('ice').filter((j) => j.masterJobId === parent.id).map((j) => j.id).sort());
    assert.ok(subs.every((j) => j.batch?.role === 'sub' && j.batch.parentId === parent.id));
    const table = await cli(emu, ['list', 'ice', '--parent', parent.id]);
    assert.equal(table.code, 0, table.stderr);
    assert.equal(table.stdout.trimEnd().split('\n').length, 1 + subs.length);
    const none = await cli(emu, ['list', 'ice', '--parent', 'ffffffffffffffffffffffffffffffff']);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /no sub-jobs of ffffffffffffffffffffffffffffffff in the last 30d/);
  });

  test('usage errors: ids given, a bad --since or --status, --since outside list', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['list', 'vod', '--parent', 'abc'], /--parent applies to ice only/],
      [['list', 'ice', '--parent', 'a b'], /--parent/],
      [['inspect', 'ice', 'abc', '--parent', 'abc'], /--parent applies to list only/],
      [['list', 'ice', 'abc'], /list takes no ids/],
      [['list', 'ice', '--since', '2w'], /--since takes a number and m, h or d/],
      [['list', 'ice', '--status', 'failled'], /--status must be one of .*did you mean failed\?/],
      [['inspect', 'ice', 'abc', '--since', '1d'], /--since applies to list only/],
    ];
    for (const [argv, re] of cases) {
      const r = await cli(emu, argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, re);
    }
  });

  test('MPC: the note says the v1 list is unconfirmed; VOD and Live editing say what their window selects', async () => {
    const r = await cli(emu, ['list', 'mpc-editing', '--since', '7d']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /unconfirmed/);
    const vod = await cli(emu, ['list', 'vod', '--since', '7d']);
    assert.equal(vod.code, 0, vod.stderr);
    assert.match(vod.stderr, /videos' creation time/);
    assert.ok(vod.stdout.includes(SAMPLE_IDS.vod.processing));
    const live = await cli(emu, ['list', 'live-editing', '--since', '7d']);
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stderr, /production studios/);
    assert.ok(live.stdout.includes(SAMPLE_IDS.liveEditing.showFailed));
  });
});
