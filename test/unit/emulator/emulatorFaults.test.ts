import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { aliyunV1, aliyunV3, eventually, huaweiListEditingJobs, json, send, type RawResponse } from './sdkRequests.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');

describe('injected faults behave as declared', () => {
  let emu: Emulator;
  const t = T0;
  beforeEach(async () => {
    emu = await startEmulator({ now: () => t });
  });
  afterEach(() => emu.close());

  const ice = (cred = emu.credentials.aliyun): Promise<RawResponse> =>
    aliyunV3(emu.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.succeeded }, cred, now: t });
  const vod = (): Promise<RawResponse> =>
    aliyunV1(emu.url, { action: 'GetTranscodeTask', version: '2017-03-21', params: { TranscodeTaskId: SAMPLE_IDS.vod.partial }, cred: emu.credentials.aliyun, now: t });
  const mpc = (): Promise<RawResponse> => huaweiListEditingJobs(emu.url, { jobIds: [SAMPLE_IDS.mpc.succeeded], cred: emu.credentials.huawei, now: t });

  it('latency: the answer is still the normal one, and the log says the fault applied', async () => {
    emu.faults.inject({ type: 'latency', ms: 30 });
    const r = await ice();
    assert.equal(r.status, 200);
    assert.equal(emu.requests.at(-1)?.fault, 'latency');
  });

  it('reset: status line and part of the body arrive, then the connection is reset', async () => {
    emu.faults.inject({ type: 'reset' });
    const r = await ice();
    assert.equal(r.status, 200);
    assert.equal(r.complete, false);
    assert.ok(r.error, 'the exchange fails');
    assert.ok(r.body.length < Number(r.headers['content-length']));
  });

  it('status5xx: the cloud\'s own error bodies (Alibaba InternalError/ServiceUnavailable, Huawei codes)', async () => {
    emu.faults.inject({ type: 'status5xx', status: 503, times: 1 });
    const a = await ice();
    assert.equal(a.status, 503);
    assert.equal(json(a)['Code'], 'ServiceUnavailable');
    emu.faults.inject({ type: 'status5xx', status: 500, times: 1 });
    const b = await ice();
    assert.equal(b.status, 500);
    assert.equal(json(b)['Code'], 'InternalError');
    assert.ok(json(b)['RequestId']);
    emu.faults.inject({ type: 'status5xx', status: 504, times: 1 });
    const h = await mpc();
    assert.equal(h.status, 504);
    assert.equal(json(h)['error_code'], 'APIGW.0201');
    assert.ok(h.headers['x-request-id']);
    assert.equal((await ice()).status, 200, 'times: 1 means once');
  });

  it('html502: a proxy\'s HTML page', async () => {
    emu.faults.inject({ type: 'html502' });
    const r = await mpc();
    assert.equal(r.status, 502);
    assert.match(r.headers['content-type'] ?? '', /^text\/html/);
    assert.match(r.body, /<title>502 Bad Gateway<\/title>/);
  });

  it('truncated: Content-Length promises more than is sent, then the connection ends', async () => {
    emu.faults.inject({ type: 'truncated' });
    const r = await vod();
    assert.equal(r.status, 200);
    assert.equal(r.complete, false);
    const declared = Number(r.headers['content-length']);
    assert.ok(Buffer.byteLength(r.body) > 0 && Buffer.byteLength(r.body) < declared, `${Buffer.byteLength(r.body)} of ${declared}`);
    assert.throws(() => JSON.parse(r.body));
  });

  it('empty200: 200 with an empty body', async () => {
    emu.faults.inject({ type: 'empty200' });
    const r = await ice();
    assert.deepEqual([r.status, r.body, r.complete], [200, '', true]);
  });

  it('wrongContentType: 200 text/plain, not JSON', async () => {
    emu.faults.inject({ type: 'wrongContentType' });
    const r = await mpc();
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /^text\/plain/);
    assert.throws(() => JSON.parse(r.body));
  });

  it('malformedJson: 200 application/json that does not parse', async () => {
    emu.faults.inject({ type: 'malformedJson' });
    const r = await ice();
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /application\/json/);
    assert.match(r.body, /^\{"RequestId"/);
    assert.throws(() => JSON.parse(r.body));
  });

  it('hang: no answer at all; close() still completes and the client sees the connection drop', async () => {
    emu.faults.inject({ type: 'hang' });
    const pending = ice();
    await eventually(() => emu.requests.some((r) => r.fault === 'hang'), 'the emulator received the request');
    assert.equal(emu.requests.at(-1)?.status, 0);
    await emu.close();
    const r = await pending;
    assert.equal(r.status, 0);
    assert.ok(r.error);
  });

  it('throttle: applies after the signature check, with the cloud\'s throttling answer', async () => {
    emu.faults.inject({ type: 'throttle', retryAfter: 2 });
    const bad = await ice({ ...emu.credentials.aliyun, accessKeySecret: 'wrong' });
    assert.equal(json(bad)['Code'], 'SignatureDoesNotMatch', 'a bad signature is still rejected first');
    const r = await ice();
    assert.equal(r.status, 400);
    assert.equal(json(r)['Code'], 'Throttling.User');
    assert.equal(r.headers['x-acs-retry-after'], '2');
    const h = await mpc();
    assert.equal(h.status, 429);
    assert.equal(json(h)['error_code'], 'APIGW.0308');
  });

  it('other faults apply before the signature check', async () => {
    emu.faults.inject({ type: 'status5xx', status: 502 });
    const r = await ice({ ...emu.credentials.aliyun, accessKeySecret: 'wrong' });
    assert.equal(r.status, 502);
  });

  it('match.api limits a fault to one API; times counts down; clear() removes the rest', async () => {
    emu.faults.inject({ type: 'status5xx', status: 500, times: 2, match: { api: 'vod:GetTranscodeTask' } });
    assert.equal((await ice()).status, 200);
    assert.equal((await vod()).status, 500);
    assert.equal((await vod()).status, 500);
    assert.equal((await vod()).status, 200);
    emu.faults.inject({ type: 'empty200' });
    assert.equal((await ice()).body, '');
    emu.faults.clear();
    assert.equal((await ice()).status, 200);
    assert.notEqual((await ice()).body, '');
  });

  it('faults also hit unrecognised requests when they match no particular API', async () => {
    emu.faults.inject({ type: 'html502', times: 1 });
    const r = await send(emu.url, { path: '/nowhere' });
    assert.equal(r.status, 502);
  });
});
