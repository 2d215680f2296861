/**
 * `media-jobs inspect` and `watch` end to end against the local emulator: real signing, real HTTP,
 * the emulator's signature checks, rate limits and faults. Runs the CLI in-process (runCli) so time can be
 * driven by a fake clock where a test needs jobs to move.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/main.js';
import { type Clock } from '../../../src/clouds/clock.js';
import { type Job } from '../../../src/model/job.js';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { credentialEnv } from '../../emulator/credentials.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function envFor(emu: Emulator, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...credentialEnv(emu), ...overrides };
}

async function cli(emu: Emulator, argv: string[], opts: { env?: Record<string, string | undefined>; clock?: Clock } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--endpoint', emu.url], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env: opts.env ?? envFor(emu),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  return { code, stdout, stderr };
}

function jobsOf(run: Run): Job[] {
  assert.equal(run.stderr, '', `unexpected stderr: ${run.stderr}`);
  return JSON.parse(run.stdout) as Job[];
}

/** Every secret the emulator accepts; none may ever be printed. */
function secretsOf(emu: Emulator): string[] {
  const c = emu.credentials;
  return [c.aliyun.accessKeySecret, c.aliyunSts.accessKeySecret, c.aliyunSts.securityToken, c.huawei.sk, c.huaweiTemp.sk, c.huaweiTemp.securityToken];
}

function assertNoSecrets(emu: Emulator, run: Run): void {
  for (const s of secretsOf(emu)) {
    assert.ok(!run.stdout.includes(s) && !run.stderr.includes(s), `secret leaked into output: ${s.slice(0, 4)}…`);
  }
}

describe('inspect against the emulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(async () => {
    await emu.close();
  });

  test('ice: every sample maps to the right status, with timeline and error', async () => {
    const ids = SAMPLE_IDS.ice;
    const run = await cli(emu, ['inspect', 'ice', ids.succeeded, ids.failed, ids.badTimeline, ids.template, ids.unknownStatus, ids.processing, '--json']);
    assert.equal(run.code, 0);
    const jobs = jobsOf(run);
    const byId = new Map(jobs.map((j) => [j.id, j]));
    assert.equal(byId.get(ids.succeeded)?.status, 'succeeded');
    assert.ok((byId.get(ids.succeeded)?.timeline?.tracks.length ?? 0) > 0);
    assert.equal(byId.get(ids.failed)?.status, 'failed');
    assert.equal(byId.get(ids.failed)?.error?.code, 'ExceededMaximumValue');
    const bad = byId.get(ids.badTimeline)!;
    assert.equal(bad.status, 'succeeded', 'a broken Timeline does not hide the job');
    assert.ok(bad.timeline?.parseError, 'the timeline carries its parse error');
    assert.equal(typeof byId.get(ids.template)?.clipsParam, 'object');
    assert.equal(byId.get(ids.unknownStatus)?.status, 'unknown');
    assert.equal(byId.get(ids.unknownStatus)?.rawStatus, 'Suspended');
    assert.equal(byId.get(ids.processing)?.progress, 45, 'Progress "45" (a string) becomes a number');
  });

  test('vod with signature V1: outputs, streams and the readable summary', async () => {
    const run = await cli(emu, ['inspect', 'vod', SAMPLE_IDS.vod.allSucceeded, '--signature', 'v1']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /SUCCEEDED \(CompleteAllSucc\)/);
    assert.match(run.stdout, /streams\n\s+OUTPUT\s+TYPE\s+CODEC/);
    assert.match(run.stdout, /audio\s+aac/);
    assert.ok(emu.requests.some((r) => r.api === 'vod:GetTranscodeTask' && r.signatureVersion === 'v1' && r.status === 200));
    // The emulator serves the SDK model's fields: input, per-job template and times, ffprobe fields, the extras.
    assert.match(run.stdout, /^ {2}input {7}https:\/\/outin-demo\.oss-cn-shanghai\.aliyuncs\.com\/sv\//m);
    assert.match(run.stdout, /^ {2}output .* template a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6 {2}created \S+ {2}completed \S+/m);
    assert.match(run.stdout, /PIX FMT.*SAMPLE FMT.*TIME BASE/);
    assert.match(run.stdout, /video .*yuv420p .*16:9 .*1\/15360/);
    assert.match(run.stdout, /^ {4}Transcode task\n {6}Trigger {2}\w+$/m);
    assert.match(run.stdout, /"Priority":"6","Encryption":\{"EncryptType":"AliyunVoDEncryption"\},"WatermarkIdList":\["9c1d0e5f2a3b4c5d6e7f8a9b0c1d2e3f"\]/);
  });

  test('live-editing: a caster id gives one job per editing task, whatever shape EditingTasksInfo has', async () => {
    const L = SAMPLE_IDS.liveEditing;
    for (const caster of [L.casterStringArray, L.casterStringObject, L.casterInlineArray]) {
      const jobs = jobsOf(await cli(emu, ['inspect', 'live-editing', caster, '--json']));
      assert.ok(jobs.length >= 1, caster);
      for (const j of jobs) assert.equal(j.params.casterId, caster);
    }
    const inline = jobsOf(await cli(emu, ['inspect', 'live-editing', L.casterInlineArray, '--json']));
    assert.deepEqual(new Set(inline.map((j) => j.id)), new Set([L.showInitializing, L.showEditing, L.showSucceeded, L.showUnknown]));
    const one = jobsOf(await cli(emu, ['inspect', 'live-editing', L.casterInlineArray, '--show-id', L.showSucceeded, '--json']));
    assert.deepEqual(one.map((j) => [j.id, j.status]), [[L.showSucceeded, 'succeeded']]);
  });

  test('live-edge needs the cluster id and maps "0"/"1"', async () => {
    const E = SAMPLE_IDS.liveEdge;
    const jobs = jobsOf(await cli(emu, ['inspect', 'live-edge', E.running, E.stopped, '--cluster-id', E.clusterId, '--json']));
    assert.deepEqual(jobs.map((j) => j.status), ['running', 'stopped']);
    assert.deepEqual(jobs.map((j) => j.inputs?.map((i) => i.url)), [['rtmp://push.live-demo.example.com/app/news-main'], ['rtmp://push.live-demo.example.com/app/sports-backup']]);
    // The running job stopped once before it started again; the other never ran.
    assert.ok(jobs[0]?.stoppedAt && jobs[0].startedAt && jobs[0].stoppedAt < jobs[0].startedAt, JSON.stringify(jobs[0]));
    assert.equal(jobs[1]?.stoppedAt, null);
    const text = await cli(emu, ['inspect', 'live-edge', E.stopped, '--cluster-id', E.clusterId]);
    assert.match(text.stdout, /NOT STARTED \(0\)/);
    assert.match(text.stdout, /^ {2}input {7}rtmp:\/\/push\.live-demo\.example\.com\/app\/sports-backup$/m);
  });

  test('mpc-editing batches ten ids a request and reports the missing one', async () => {
    const M = SAMPLE_IDS.mpc;
    const known = [M.waiting, M.processing, M.succeeded, M.failed, M.cancelled, M.movingToFailed];
    const missing = Array.from({ length: 6 }, (_, i) => `5f3c9a1e7b2d4c6e8a0b1c2d3e4f9${String(i).padStart(3, '0')}`);
    const before = emu.requests.filter((r) => r.api === 'mpc:ListEditingJobs').length;
    const run = await cli(emu, ['inspect', 'mpc-editing', ...known, ...missing, '--json']);
    const calls = emu.requests.filter((r) => r.api === 'mpc:ListEditingJobs').length - before;
    assert.equal(calls, 2, '12 ids → 2 requests');
    assert.equal(run.code, 1, 'missing ids make the exit non-zero');
    const jobs = JSON.parse(run.stdout) as Job[];
    assert.equal(jobs.length, known.length);
    assert.equal(jobs.find((j) => j.id === M.failed)?.error?.code, 'MPC.10052');
    const lines = run.stderr.trim().split('\n');
    assert.equal(lines.length, missing.length);
    for (const l of lines) assert.match(l, /JobNotFound.*request id .*hint: not found/);
  });

  test('not found: one line with the code, the request id and the hint', async () => {
    const run = await cli(emu, ['inspect', 'ice', 'ffffffffffffffffffffffffffffffff']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /JobNotFound \(HTTP 404\).*request id [0-9A-F-]{36}.*hint: not found, or older than this API's retention window/);
  });

  test('a wrong secret is SignatureDoesNotMatch with a hint, and nothing secret is printed', async () => {
    for (const signature of ['v1', 'v3']) {
      const run = await cli(emu, ['inspect', 'ice', SAMPLE_IDS.ice.succeeded, '--signature', signature], {
        env: envFor(emu, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret-at-all' }),
      });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /SignatureDoesNotMatch.*hint: check the AccessKey secret/);
      assert.ok(!run.stderr.includes('not-the-secret-at-all'));
      assert.ok(!run.stderr.includes('Signature='), 'the server string to sign is redacted');
      assertNoSecrets(emu, run);
    }
  });

  test('STS credentials and Huawei temporary credentials are accepted', async () => {
    const c = emu.credentials;
    const sts = await cli(emu, ['inspect', 'ice', SAMPLE_IDS.ice.succeeded, '--json'], {
      env: envFor(emu, {
        ALIBABA_CLOUD_ACCESS_KEY_ID: c.aliyunSts.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: c.aliyunSts.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: c.aliyunSts.securityToken,
      }),
    });
    assert.equal(jobsOf(sts)[0]?.status, 'succeeded');
    const temp = await cli(emu, ['inspect', 'mpc-editing', SAMPLE_IDS.mpc.succeeded, '--json'], {
      env: envFor(emu, {
        HUAWEICLOUD_SDK_AK: c.huaweiTemp.ak,
        HUAWEICLOUD_SDK_SK: c.huaweiTemp.sk,
        HUAWEICLOUD_SDK_SECURITY_TOKEN: c.huaweiTemp.securityToken,
      }),
    });
    assert.equal(jobsOf(temp)[0]?.status, 'succeeded');
    assertNoSecrets(emu, sts);
    assertNoSecrets(emu, temp);
  });

  test('bad ids and regions are usage errors (exit 2), missing credentials exit 3, all before any request', async () => {
    const before = emu.requests.length;
    for (const id of ['a b', 'a/b', 'a\u0007b', 'x'.repeat(500), 'bad id!']) {
      const run = await cli(emu, ['inspect', 'ice', id]);
      assert.equal(run.code, 2, id);
      assert.match(run.stderr, /^media-jobs: ice job id ".*" (contains|is \d+ characters)/);
      assert.equal(run.stderr.match(/\bice\b/g)?.length, 1, `the kind is named once: ${run.stderr}`);
      assert.equal(run.stderr.split('\n').length, 2, 'one line');
    }
    const noCreds = await runCli(['inspect', 'mpc-editing', 'abc'], { stdout: () => {}, stderr: (s) => assert.match(s, /HUAWEICLOUD_SDK_AK/), env: {} });
    assert.equal(noCreds, 3);
    for (const [region, pattern] of [
      ['xx-mars-1', /region "xx-mars-1" has no known vod endpoint.*--endpoint/],
      ['cn shanghai', /--region "cn shanghai" is not a region name/],
    ] as const) {
      let stderr = '';
      const code = await runCli(['inspect', 'vod', 'abc', '--region', region], { stdout: () => {}, stderr: (s) => (stderr += s), env: envFor(emu) });
      assert.equal(code, 2, region);
      assert.match(stderr, pattern);
    }
    assert.equal(emu.requests.length, before, 'no request was made');
  });

  test('usage errors exit 2 with one line that points at --help, not the whole usage', async () => {
    for (const [argv, pattern] of [
      [['inspect', 'nope', 'x'], /unknown kind "nope"/],
      [['inspect', 'ice', 'x', '--regoin', 'cn-shanghai'], /unknown option --regoin \(did you mean --region\?\)/],
      [[], /no command given/],
    ] as const) {
      let stderr = '';
      let stdout = '';
      const code = await runCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: {} });
      assert.equal(code, 2);
      assert.match(stderr, pattern);
      assert.match(stderr, /^media-jobs: [^\n]*; run 'media-jobs --help'\n$/, stderr);
      assert.equal(stdout, '');
    }
  });

  test('a secret too short to be real is not masked (messages stay readable), and a warning says so without showing it', async () => {
    for (const secret of ['e', 'Zq7xK']) {
      const run = await cli(emu, ['inspect', 'ice', SAMPLE_IDS.ice.succeeded], { env: envFor(emu, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret }) });
      assert.equal(run.code, 1);
      const [warning, error, ...rest] = run.stderr.trim().split('\n');
      assert.equal(warning, 'media-jobs: warning: ALIBABA_CLOUD_ACCESS_KEY_SECRET is shorter than 8 characters, too short to be a real secret; it is not masked in output');
      assert.match(error!, /^media-jobs: ice \S+: ice:GetMediaProducingJob failed: SignatureDoesNotMatch/, 'not m****dia-jobs');
      assert.deepEqual(rest, []);
      assert.ok(!run.stderr.includes('Zq7xK'));
    }
    const ok = await cli(emu, ['inspect', 'ice', SAMPLE_IDS.ice.succeeded, '--json']);
    assert.equal(ok.stderr, '', 'no warning for real secrets');
  });
});

describe('failure paths against emulator faults', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ enforceRateLimits: false });
  });
  after(async () => {
    await emu.close();
  });
  const id = SAMPLE_IDS.ice.succeeded;

  for (const [fault, pattern] of [
    ['html502', /unreadable response \(HTTP 502, text\/html/],
    ['truncated', /unreadable response.*(truncated|cut off|incomplete|ended)/i],
    ['empty200', /unreadable response \(HTTP 200.*empty/i],
    ['wrongContentType', /unreadable response \(HTTP 200, text\/plain/],
    ['malformedJson', /unreadable response \(HTTP 200.*(JSON|json)/],
    ['reset', /network error|unreadable response/],
  ] as const) {
    test(`${fault}: a clear one-line error, exit 1`, async () => {
      emu.faults.clear();
      emu.faults.inject({ type: fault });
      const run = await cli(emu, ['inspect', 'ice', id]);
      emu.faults.clear();
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, pattern);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  test('a server that never answers: TIMEOUT once --timeout is spent (retries included)', async () => {
    emu.faults.clear();
    emu.faults.inject({ type: 'hang' });
    const run = await cli(emu, ['inspect', 'ice', id, '--timeout', '0.3']);
    emu.faults.clear();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /network error TIMEOUT/);
  });

  test('transient 503s and a throttling storm are retried to success', async () => {
    emu.faults.clear();
    emu.faults.inject({ type: 'status5xx', status: 503, times: 2 });
    const a = await cli(emu, ['inspect', 'ice', id, '--json']);
    assert.equal(a.code, 0, a.stderr);
    emu.faults.inject({ type: 'throttle', times: 2 });
    const b = await cli(emu, ['inspect', 'ice', id, '--json']);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(jobsOf(b)[0]?.status, 'succeeded');
    const throttled = emu.requests.filter((r) => r.errorCode === 'Throttling.User').length;
    assert.equal(throttled, 2);
  });
});

describe('watch against the emulator on a fake clock', () => {
  /** One clock for the emulator and the CLI; sleeping advances it, so a minute of job time takes milliseconds. */
  function fakeClock(): Clock & { t: number } {
    const c = {
      t: Date.now(),
      now: () => c.t,
      sleep: async (ms: number) => {
        c.t += ms;
      },
    };
    return c;
  }

  test('ICE Queuing → Processing → Success: prints each change, exits 0', async () => {
    const clock = fakeClock();
    const emu = await startEmulator({ now: clock.now });
    try {
      const run = await cli(emu, ['watch', 'ice', SAMPLE_IDS.ice.movingToSuccess, '--interval', '5'], { clock });
      assert.equal(run.code, 0, run.stderr);
      const lines = run.stdout.trim().split('\n');
      assert.match(lines[0]!, /queued \(Queuing\)/);
      assert.match(lines.at(-1)!, /succeeded \(Success\)/);
      assert.ok(lines.some((l) => /running \(Processing\) \d+%/.test(l)));
      // Each line is a change: no two consecutive lines are the same state.
      const states = lines.map((l) => l.replace(/^\S+\s+/, ''));
      for (let i = 1; i < states.length; i++) assert.notEqual(states[i], states[i - 1]);
    } finally {
      await emu.close();
    }
  });

  test('MPC WAITING → PROCESSING → FAILED exits 4 with the error; VOD partial exits 4', async () => {
    const clock = fakeClock();
    const emu = await startEmulator({ now: clock.now });
    try {
      const mpc = await cli(emu, ['watch', 'mpc-editing', SAMPLE_IDS.mpc.movingToFailed], { clock });
      assert.equal(mpc.code, 4);
      assert.match(mpc.stdout, /queued \(WAITING\)[\s\S]*running \(PROCESSING\)[\s\S]*failed \(FAILED\)/);
      assert.match(mpc.stderr, /MPC\.10053/);
      const vod = await cli(emu, ['watch', 'vod', SAMPLE_IDS.vod.movingToPartial, '--interval', '3'], { clock });
      assert.equal(vod.code, 4);
      assert.match(vod.stdout, /partial \(CompletePartialSucc\)/);
    } finally {
      await emu.close();
    }
  });

  test('MPC CANCELED ends watch with exit 5 (cancelled is terminal, and no failure)', async () => {
    const clock = fakeClock();
    const emu = await startEmulator({ now: clock.now });
    try {
      const run = await cli(emu, ['watch', 'mpc-editing', SAMPLE_IDS.mpc.cancelled], { clock });
      assert.equal(run.code, 5);
      assert.match(run.stdout, /cancelled \(CANCELED\)/);
      assert.equal(run.stderr, '');
    } finally {
      await emu.close();
    }
  });

  test('watch never polls faster than the rate limit allows, and survives a throttling storm', async () => {
    const clock = fakeClock();
    const emu = await startEmulator({ now: clock.now });
    try {
      emu.faults.inject({ type: 'throttle', times: 3 });
      const run = await cli(emu, ['watch', 'mpc-editing', SAMPLE_IDS.mpc.movingToFailed, '--interval', '0.01'], { clock });
      assert.equal(run.code, 4);
      const times = emu.requests.filter((r) => r.api === 'mpc:ListEditingJobs' && r.errorCode === null).map((r) => r.time);
      for (let i = 1; i < times.length; i++) {
        assert.ok(times[i]! - times[i - 1]! >= 600, `MPC allows 100/min: polls ${times[i]! - times[i - 1]!} ms apart`);
      }
    } finally {
      await emu.close();
    }
  });

  test('watch stops at once on errors polling cannot fix', async () => {
    const clock = fakeClock();
    const emu = await startEmulator({ now: clock.now });
    try {
      const run = await cli(emu, ['watch', 'ice', 'ffffffffffffffffffffffffffffffff'], { clock });
      assert.equal(run.code, 1);
      assert.match(run.stderr, /JobNotFound/);
    } finally {
      await emu.close();
    }
  });
});
