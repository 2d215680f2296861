/**
 * `media-jobs export` against the emulator (in-process runCli): the OTIO file on stdout or in --out, what it holds
 * on stderr, the usage errors (a kind without a timeline, two ids, a bad --format or --rate), and a job without a
 * timeline or with an unreadable one as a clear failure that writes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { credentialEnv } from '../../emulator/credentials.js';

describe('media-jobs export against the emulator', () => {
  let emu: Emulator;
  const files = new Map<string, string>();
  async function cli(argv: string[], endpoint = true): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...argv, ...(endpoint ? ['--endpoint', emu.url] : [])], {
      stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: credentialEnv(emu),
      writeFile: async (path, text) => {
        if (path.includes('readonly')) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        files.set(path, text);
      },
    });
    return { code, stdout, stderr };
  }
  before(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
  });
  after(async () => {
    await emu.close();
  });

  test('stdout gets the .otio JSON (a Timeline.1 of the job), stderr what it holds', async () => {
    const r = await cli(['export', 'ice', SAMPLE_IDS.ice.captioned, '--format', 'otio']);
    assert.equal(r.code, 0, r.stderr);
    const otio = JSON.parse(r.stdout) as { OTIO_SCHEMA: string; metadata: { aliyun_ice: { job_id: string; duration: number; rate: number } }; tracks: { children: unknown[] } };
    assert.equal(otio.OTIO_SCHEMA, 'Timeline.1');
    assert.equal(otio.metadata.aliyun_ice.job_id, SAMPLE_IDS.ice.captioned);
    assert.equal(otio.metadata.aliyun_ice.duration, 30.5);
    assert.equal(otio.metadata.aliyun_ice.rate, 30);
    assert.ok(otio.tracks.children.length >= 3);
    assert.match(r.stdout, /^\{\n {4}"OTIO_SCHEMA": "Timeline\.1"/, 'indented as OTIO writes');
    assert.match(r.stderr, /^media-jobs: \d+ tracks, \d+ clips/);
  });

  test('--out writes the file, --rate sets the rate; a file that cannot be written is an error', async () => {
    const r = await cli(['export', 'ice', SAMPLE_IDS.ice.succeeded, '--out', 'job.otio', '--rate', '25']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^media-jobs: wrote job\.otio \(OpenTimelineIO, 25 per second\): /);
    const otio = JSON.parse(files.get('job.otio') ?? 'null') as { global_start_time: { rate: number } };
    assert.equal(otio.global_start_time.rate, 25);
    const denied = await cli(['export', 'ice', SAMPLE_IDS.ice.succeeded, '--out', 'readonly/job.otio']);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /cannot write readonly\/job\.otio: EACCES/);
  });

  test('a job without a timeline, or with an unreadable one, fails with the reason and writes nothing', async () => {
    const template = await cli(['export', 'ice', SAMPLE_IDS.ice.template, '--out', 'template.otio']);
    assert.equal(template.code, 1);
    assert.match(template.stderr, /has no Timeline \(it was made from a template: its ClipsParam holds the values\)/);
    const bad = await cli(['export', 'ice', SAMPLE_IDS.ice.badTimeline]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /the Timeline of .* could not be read/);
    assert.equal(bad.stdout, '');
    assert.ok(!files.has('template.otio'));
  });

  test('usage errors: a kind without timelines, two ids, another format, a bad rate, export options elsewhere', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export', 'vod', 'a'.repeat(32)], /vod jobs have no timeline to export \(export supports ice\)/],
      [['export', 'ice', 'a'.repeat(32), 'b'.repeat(32)], /export takes one id/],
      [['export', 'ice', 'a'.repeat(32), '--format', 'edl'], /--format must be otio/],
      [['export', 'ice', 'a'.repeat(32), '--rate', '0'], /--rate must be a positive number/],
      [['inspect', 'ice', 'a'.repeat(32), '--out', 'x.otio'], /--out applies to export only/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv, false);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
    }
  });
});
