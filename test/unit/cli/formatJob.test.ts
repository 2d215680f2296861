// `media-jobs inspect` without --json: the summary of a job, from the SDK example fixtures
// (test/fixtures/vod/sdk-example.json, test/fixtures/live-edge/sdk-example.json, test/fixtures/mpc-editing/sdk-model.json;
// their sources are in test/unit/clouds/adapters/sdkModel*.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatJob, statusWord, streamTable } from '../../../src/cli/format.js';
import { emptyStream, type Job } from '../../../src/model/job.js';
import { KINDS } from '../../../src/clouds/adapters/registry.js';
import { ctx, onlyJob, parseFixture, ref } from '../clouds/adapters/support.js';

function parseFixtureBody(body: unknown): Job {
  const job = KINDS.ice.parse(body, ctx()).jobs[0];
  assert.ok(job);
  return job;
}

function lines(job: Job): string[] {
  return formatJob(job).split('\n');
}

describe('formatJob', () => {
  it('VOD: the input, each output\'s template and times, the streams\' ffprobe fields, the cloud fields', () => {
    const out = lines(onlyJob('vod', 'sdk-example'));
    assert.ok(out.includes('  input       http://outin-40564*****e1403e7.oss-cn-shanghai.aliyuncs.com/customerTrans/5b95e568f8e*****47f38e/31f1184c-*****b2a2-f94-c213f.wmv'), out.join('\n'));
    const first = out.find((l) => l.startsWith('  output      38f0e513c88*****85515f9d50be188'));
    assert.ok(first, out.join('\n'));
    assert.match(first, / {2}template 174b0534fea3\*{5}b51c8f0ad1374 {2}created 2019-02-26T08:27:16Z {2}completed 2019-02-26T08:30:16Z$/);
    const head = out.findIndex((l) => l.trim().startsWith('OUTPUT'));
    assert.ok(head > 0);
    for (const col of ['LEVEL', 'PIX FMT', 'DAR', 'SAR', 'B-FRAMES', 'SAMPLE FMT', 'TIME BASE', 'START']) assert.ok(out[head]!.includes(col), `${col} in ${out[head]}`);
    const video = out[head + 1]!;
    for (const v of ['yuv420p', '9:16', '81:256', '1/15360', ' 30 ', ' 2 ']) assert.ok(video.includes(v), `${v} in ${video}`);
    const audio = out[head + 2]!;
    for (const v of ['fltp', '1/44100', '-0.04644 s']) assert.ok(audio.includes(v), `${v} in ${audio}`);
    const fields = out.indexOf('  cloud fields');
    assert.ok(fields > head, 'after the streams');
    const rest = out.slice(fields).join('\n');
    assert.match(rest, /^ {4}Transcode task\n {6}Trigger {2}Auto$/m);
    assert.match(rest, /^ {6}38f0e513c88\*{5}85515f9d50be188 {2}\{"Definition":"LD","Priority":"6","Encryption":\{"EncryptType":"AliyunVoDEncryption"\},"WatermarkIdList":\["9c1d0e5f2a3b4c5d6e7f8a9b0c1d2e3f"\]\}$/m);
    assert.match(rest, /^ {4}NonExistJobIds \(the API says these ids do not exist\) {2}\["c5f9e2a1b3d4\*{5}7f8e9d0c1b2a3f4e"\]$/m);
  });

  it('IMS: the online editing project (ProjectId) has its own line (test/fixtures/ice/sdk-example.json)', () => {
    const out = lines(onlyJob('ice', 'sdk-example'));
    assert.ok(out.includes('  project     ****fddd7748b58bf1d47e95****  (online editing project)'), out.join('\n'));
    assert.ok(out.includes('  template    ****6e76134d739cc3e85d3e****'), out.join('\n'));
  });

  it('IMS: a job named after its project or template (no output URL) prints that id once, not again as its name', () => {
    const byProject = lines(parseFixtureBody({ MediaProducingJob: { JobId: 'j1', Status: 'Success', ProjectId: 'p1' } }));
    assert.deepEqual(byProject.filter((l) => l.includes('p1')), ['  project     p1  (online editing project)']);
    const byTemplate = lines(parseFixtureBody({ MediaProducingJob: { JobId: 'j2', Status: 'Success', TemplateId: 't1' } }));
    assert.deepEqual(byTemplate.filter((l) => l.includes('t1')), ['  template    t1']);
    const named = lines(parseFixtureBody({ MediaProducingJob: { JobId: 'j3', Status: 'Success', ProjectId: 'p1', MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/out/a.mp4' } }));
    assert.ok(named.includes('  name        a.mp4'), named.join('\n'));
  });

  it('IMS: a timeline whose end is open (a running job, a clip without Out) prints its length as a lower bound', () => {
    const line = lines(onlyJob('ice', 'timeline-alignment')).find((l) => l.startsWith('  timeline'));
    assert.equal(line, '  timeline    4 tracks (2 video, 1 subtitle, 1 audio), 8 clips, ≥ 12 s (clips of unknown length)');
    const known = lines(onlyJob('ice', 'sdk-example')).find((l) => l.startsWith('  timeline'));
    assert.equal(known, '  timeline    4 tracks (1 video, 1 subtitle, 2 audio), 8 clips, 30.5 s');
  });

  it('IMS: an effect track of VideoTracks is counted apart from EffectTracks\' own', () => {
    const body = { MediaProducingJob: { JobId: 'j1', Status: 'Success', Timeline: JSON.stringify({
      VideoTracks: [{ VideoTrackClips: [{ MediaId: 'v', Out: 4 }] }, { Type: 'Effect', VideoTrackClips: [{ Type: 'VFX', SubType: 'shake' }] }],
      EffectTracks: [{ EffectTrackItems: [{ Type: 'Filter', SubType: 'm1' }] }],
    }) } };
    const job = parseFixtureBody(body);
    assert.equal(lines(job).find((l) => l.startsWith('  timeline')), '  timeline    3 tracks (1 video, 1 effect in video tracks, 1 effect), 3 clips, 4 s');
  });

  it('Live edge: status "0" reads NOT STARTED; the input stream and the stop time are shown', () => {
    const job = onlyJob('live-edge', 'sdk-example', ctx([ref('live-edge', '****20b48fb04483915d4f2cd8ac****', { clusterId: 'c1' })]));
    const out = lines(job);
    assert.equal(out[0], 'live-edge  ****20b48fb04483915d4f2cd8ac****  NOT STARTED (0)');
    assert.ok(out.includes('  input       rtmp://mydomain/app/stream1'));
    assert.ok(out.includes('  started     2023-07-25T02:48:58Z'));
    assert.ok(out.includes('  stopped     2023-07-25T05:48:58Z'));
    assert.ok(!out.includes('  cloud fields'), 'no extras: every field has its place');
    assert.match(lines({ ...job, rawStatus: '1', status: 'running' })[0]!, / {2}RUNNING \(1\)$/);
  });

  it('an output with a URL prints no storage location (MPC\'s is "bucket (region)", not a path)', () => {
    const refs = ['2c3d6a4e8f0b4a1c9d7e5f3a1b2c4d6e', '7f6e5d4c3b2a41908f7e6d5c4b3a2910'].map((id) => ref('mpc-editing', id, { projectId: 'p1' }, 'cn-north-4'));
    const [ok] = parseFixture('mpc-editing', 'sdk-model', ctx(refs, null, 'cn-north-4')).jobs;
    assert.ok(ok);
    const line = lines(ok).find((l) => l.startsWith('  output'));
    assert.ok(line?.includes('obs://acme-mpc-out/edits/2024/06/talk.mp4'), line);
    assert.doesNotMatch(line ?? '', /cn-north-4\)\/|storage|acme-mpc-out \(cn-north-4\)/);
    const noUrl = formatJob({ ...ok, outputs: [{ ...ok.outputs[0]!, url: null }] });
    assert.match(noUrl, /storage acme-mpc-out \(cn-north-4\) {2}file talk\.mp4/);
  });

  it('cloud fields are job data: one line each, no terminal controls, long values cut', () => {
    const job = onlyJob('live-edge', 'sdk-example');
    const text = formatJob({ ...job, extras: [{ title: 'evil\x1b]0;x\x07\nname', value: { k: `v\u202e${'x'.repeat(500)}` } }, { title: 'plain', value: 'one' }] });
    const out = text.split('\n');
    const at = out.indexOf('  cloud fields');
    assert.ok(at > 0);
    assert.equal(out[at + 1], '    evil]0;x name');
    assert.ok(out[at + 2]!.startsWith('      k  vxxx') && out[at + 2]!.endsWith('…') && out[at + 2]!.length < 220, out[at + 2]);
    assert.equal(out[at + 3], '    plain  one');
    for (const c of ['\u001b', '\u0007', '\u202e']) assert.ok(!text.includes(c), `no U+${c.charCodeAt(0).toString(16)}`);
  });

  it('statusWord (watch lines, list rows): the model\'s word, or the kind\'s own for its value', () => {
    assert.equal(statusWord({ kind: 'live-edge', status: 'stopped', rawStatus: '0' }), 'not started');
    assert.equal(statusWord({ kind: 'live-edge', status: 'running', rawStatus: '1' }), 'running');
    assert.equal(statusWord({ kind: 'vod', status: 'partial', rawStatus: 'CompletePartialSucc' }), 'partial');
  });

  it('streamTable leaves out the columns no stream fills (a stream saved before the ffprobe fields)', () => {
    const t = streamTable([{ ...emptyStream('audio'), codec: 'aac', channels: 2 }]);
    assert.equal(t[0], 'TYPE   CODEC  CHANNELS');
  });
});
