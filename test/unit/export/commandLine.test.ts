/**
 * Copy as a command: the cloud CLI's command and the media-jobs command for every kind (and a caster's task, a
 * Huawei project from the credentials, an endpoint override), quoted for a POSIX shell; `media-jobs inspect
 * --print-command` prints the same without sending anything, and no secret of the environment reaches the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cloudCliCommand, mediaJobsCommand, shellWord } from '../../../src/export/commandLine.js';
import { parseCommandLine } from '../../../src/cli/args.js';
import { runCli } from '../../../src/cli/main.js';
import { type JobRef } from '../../../src/model/jobRef.js';

const ID = '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801';
const ref = (kind: JobRef['kind'], id: string, params: JobRef['params'] = {}, region = 'cn-shanghai'): JobRef => ({ kind, id, region, params });

test('aliyun CLI commands: ICE with --force, VOD, a Live caster and one of its tasks, an edge job with its cluster', () => {
  assert.equal(cloudCliCommand(ref('ice', ID)).text, `aliyun ice GetMediaProducingJob --JobId ${ID} --region cn-shanghai --force`);
  assert.equal(cloudCliCommand(ref('vod', 'a'.repeat(32), {}, 'ap-southeast-1')).text, `aliyun vod GetTranscodeTask --TranscodeTaskId ${'a'.repeat(32)} --region ap-southeast-1`);
  const caster = 'c0ffee00-1111-2222-3333-444444444444';
  const show = 'dead0000-1111-2222-3333-444444444444';
  assert.equal(cloudCliCommand(ref('live-editing', caster)).text, `aliyun live GetEditingJobInfo --CasterId ${caster} --region cn-shanghai`);
  // A tracked task: its id is the ShowId, the caster in its parameters.
  assert.equal(cloudCliCommand(ref('live-editing', show, { casterId: caster })).text, `aliyun live GetEditingJobInfo --CasterId ${caster} --ShowId ${show} --region cn-shanghai`);
  const edge = cloudCliCommand(ref('live-edge', 'e1e1e1e1-1111-2222-3333-444444444444', { clusterId: 'cluster-a1' }));
  assert.equal(edge.text, 'aliyun live GetEdgeTranscodeJob --JobId e1e1e1e1-1111-2222-3333-444444444444 --ClusterId cluster-a1 --region cn-shanghai');
  assert.deepEqual(edge.notes, [], 'nothing unconfirmed about a validated Live call');
  assert.ok(cloudCliCommand(ref('ice', ID)).notes.some((n) => n.startsWith('UNCONFIRMED')), 'ICE says what was not confirmed');
});

test('hcloud commands: the project from the reference or the credentials, or a note that the profile decides', () => {
  const id = '5f3c9a1e7b2d4c6e8f0a1b2c3d4e5a01';
  assert.equal(cloudCliCommand(ref('mpc-editing', id, { projectId: 'p1' }, 'cn-north-4')).text, `hcloud MPC ListEditingJobs --job_id.1=${id} --project_id=p1 --cli-region=cn-north-4`);
  assert.equal(cloudCliCommand(ref('mpc-editing', id, {}, 'cn-north-4'), { projectId: 'p2' }).text, `hcloud MPC ListEditingJobs --job_id.1=${id} --project_id=p2 --cli-region=cn-north-4`);
  const none = cloudCliCommand(ref('mpc-editing', id, {}, 'cn-north-4'));
  assert.equal(none.text, `hcloud MPC ListEditingJobs --job_id.1=${id} --cli-region=cn-north-4`);
  assert.ok(none.notes.some((n) => /profile/.test(n)));
  assert.ok(none.notes.some((n) => /^UNCONFIRMED: KooCLI/.test(n)));
});

test('media-jobs commands take the same options as the CLI parses back to the same reference', () => {
  const caster = 'c0ffee00-1111-2222-3333-444444444444';
  const show = 'dead0000-1111-2222-3333-444444444444';
  const cases: Array<[JobRef, string]> = [
    [ref('ice', ID), `media-jobs inspect ice ${ID} --region cn-shanghai`],
    [ref('live-editing', show, { casterId: caster }), `media-jobs inspect live-editing ${caster} --show-id ${show} --region cn-shanghai`],
    [ref('live-edge', 'e1', { clusterId: 'cluster-a1' }), 'media-jobs inspect live-edge e1 --cluster-id cluster-a1 --region cn-shanghai'],
    [ref('mpc-editing', 'm1', { projectId: 'p1' }, 'cn-north-4'), 'media-jobs inspect mpc-editing m1 --project-id p1 --region cn-north-4'],
  ];
  for (const [r, text] of cases) {
    const c = mediaJobsCommand(r);
    assert.equal(c.text, text);
    // What the CLI reads back from those words is the same job.
    const parsed = parseCommandLine(c.text.split(' ').slice(1));
    assert.equal(parsed.type, 'inspect');
    if (parsed.type !== 'inspect') continue;
    assert.equal(parsed.refs[0]!.region, r.region);
    if (r.kind === 'live-editing') assert.deepEqual([parsed.refs[0]!.id, parsed.refs[0]!.params.showId], [caster, show]);
    else assert.deepEqual([parsed.refs[0]!.id, parsed.refs[0]!.params], [r.id, r.params]);
  }
  assert.equal(mediaJobsCommand(ref('ice', ID), { endpoint: 'http://127.0.0.1:8080' }).text, `media-jobs inspect ice ${ID} --region cn-shanghai --endpoint http://127.0.0.1:8080`);
  assert.equal(cloudCliCommand(ref('ice', ID), { endpoint: 'https://ice-vpc.cn-shanghai.aliyuncs.com/' }).text, `aliyun ice GetMediaProducingJob --JobId ${ID} --region cn-shanghai --endpoint ice-vpc.cn-shanghai.aliyuncs.com --force`);
});

test('a job tracked with a named profile names it: --profile for aliyun and media-jobs, --cli-profile= for hcloud', () => {
  assert.equal(cloudCliCommand(ref('ice', ID), { profile: 'prod' }).text, `aliyun ice GetMediaProducingJob --JobId ${ID} --region cn-shanghai --profile prod --force`);
  assert.equal(cloudCliCommand(ref('ice', ID), { profile: 'default' }).text, `aliyun ice GetMediaProducingJob --JobId ${ID} --region cn-shanghai --force`, 'the default needs no flag');
  assert.equal(cloudCliCommand(ref('mpc-editing', 'm1', { projectId: 'p1' }, 'cn-north-4'), { profile: 'cust a' }).text, "hcloud MPC ListEditingJobs --job_id.1=m1 --project_id=p1 --cli-region=cn-north-4 '--cli-profile=cust a'");
  assert.equal(mediaJobsCommand(ref('ice', ID), { profile: 'prod' }).text, `media-jobs inspect ice ${ID} --region cn-shanghai --profile prod`);
  assert.equal(mediaJobsCommand(ref('mpc-editing', 'm1', { projectId: 'p1' }, 'cn-north-4'), { profile: 'prod' }).text, 'media-jobs inspect mpc-editing m1 --project-id p1 --region cn-north-4', 'media-jobs reads Huawei keys from the environment only');
});

test('shellWord: plain words as they are, anything else single-quoted so a shell reads it back unchanged', () => {
  assert.equal(shellWord('cn-shanghai'), 'cn-shanghai');
  for (const w of ["it's", 'a b', '$(rm -rf /)', '`x`', 'a;b', '"q"', '*']) {
    const quoted = shellWord(w);
    assert.notEqual(quoted, w);
    assert.equal(execFileSync('sh', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }), w);
  }
});

test('media-jobs inspect --print-command prints the cloud commands and sends nothing; no secret in them', async () => {
  let stdout = '';
  let stderr = '';
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tExampleKeyId000000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'Sup3rSecretValueThatMustNeverShow0000', HUAWEICLOUD_SDK_AK: 'HWAKEXAMPLE0000000000', HUAWEICLOUD_SDK_SK: 'HwSecretKeyThatMustNeverShow000000000000', HUAWEICLOUD_SDK_PROJECT_ID: 'proj9' };
  // An endpoint nobody listens on: a request would fail; none is made.
  const code = await runCli(['inspect', 'ice', ID, 'b'.repeat(32), '--print-command', '--endpoint', 'http://127.0.0.1:9'], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env });
  assert.equal(code, 0, stderr);
  assert.deepEqual(stdout.trimEnd().split('\n'), [
    `aliyun ice GetMediaProducingJob --JobId ${ID} --region cn-shanghai --endpoint 127.0.0.1:9 --force`,
    `aliyun ice GetMediaProducingJob --JobId ${'b'.repeat(32)} --region cn-shanghai --endpoint 127.0.0.1:9 --force`,
  ]);
  assert.match(stderr, /^media-jobs: note: UNCONFIRMED: /m);
  let hw = '';
  assert.equal(await runCli(['inspect', 'mpc-editing', 'm1', '--print-command'], { stdout: (s) => (hw += s), stderr: () => undefined, env }), 0);
  assert.equal(hw, 'hcloud MPC ListEditingJobs --job_id.1=m1 --project_id=proj9 --cli-region=cn-north-4\n');
  for (const secret of [env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, env.HUAWEICLOUD_SDK_SK, env.ALIBABA_CLOUD_ACCESS_KEY_ID, env.HUAWEICLOUD_SDK_AK]) {
    assert.ok(!stdout.includes(secret) && !stderr.includes(secret) && !hw.includes(secret));
  }
});
