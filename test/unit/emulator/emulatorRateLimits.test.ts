import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/emulator.js';
import { RateLimiter } from '../../emulator/rateLimits.js';
import { SAMPLE_IDS } from '../../emulator/sampleJobs.js';
import { aliyunV1, aliyunV3, huaweiListEditingJobs, json } from './sdkRequests.js';

const T0 = Date.parse('2025-03-01T08:00:00Z');

describe('rate limits per API per AccessKey, on the injected clock', () => {
  let emu: Emulator | undefined;
  let t = T0;
  const start = async (opts: EmulatorOptions = {}): Promise<Emulator> => {
    t = T0;
    emu = await startEmulator({ now: () => t, ...opts });
    return emu;
  };
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  const ice = (e: Emulator, cred = e.credentials.aliyun) =>
    aliyunV3(e.url, { action: 'GetMediaProducingJob', version: '2020-11-09', params: { JobId: SAMPLE_IDS.ice.init }, cred, now: t });

  it('ICE: the 11th request in the same second → 400 Throttling.User; after the clock advances it passes', async () => {
    const e = await start();
    for (let i = 0; i < 10; i++) assert.equal((await ice(e)).status, 200, `request ${i + 1}`);
    const throttled = await ice(e);
    assert.equal(throttled.status, 400);
    const b = json(throttled);
    assert.equal(b['Code'], 'Throttling.User');
    assert.equal(b['Message'], 'Request was denied due to user flow control.');
    assert.equal(throttled.headers['x-acs-retry-after'], undefined);
    t += 100; // one token's worth at 10/s
    assert.equal((await ice(e)).status, 200);
    assert.equal((await ice(e)).status, 400);
    t += 1000;
    assert.equal((await ice(e)).status, 200);
  });

  it('buckets are per AccessKey and per API', async () => {
    const e = await start();
    for (let i = 0; i < 10; i++) await ice(e);
    assert.equal((await ice(e)).status, 400);
    assert.equal((await ice(e, e.credentials.aliyunSts)).status, 200, 'another key has its own bucket');
    const vod = await aliyunV1(e.url, { action: 'GetTranscodeTask', version: '2017-03-21', params: { TranscodeTaskId: SAMPLE_IDS.vod.partial }, cred: e.credentials.aliyun, now: t });
    assert.equal(vod.status, 200, 'another API has its own bucket');
  });

  it('VOD allows 15 per second', async () => {
    const e = await start();
    const vod = () => aliyunV1(e.url, { action: 'GetTranscodeTask', version: '2017-03-21', params: { TranscodeTaskId: SAMPLE_IDS.vod.partial }, cred: e.credentials.aliyun, now: t });
    for (let i = 0; i < 15; i++) assert.equal((await vod()).status, 200);
    assert.equal(json(await vod())['Code'], 'Throttling.User');
  });

  it('MPC: the 101st request in a minute → 429 APIGW.0308; a token comes back after 600 ms', async () => {
    const e = await start();
    const mpc = () => huaweiListEditingJobs(e.url, { jobIds: [SAMPLE_IDS.mpc.waiting], cred: e.credentials.huawei, now: t });
    for (let i = 0; i < 100; i++) assert.equal((await mpc()).status, 200, `request ${i + 1}`);
    const r = await mpc();
    assert.equal(r.status, 429);
    const b = json(r);
    assert.equal(b['error_code'], 'APIGW.0308');
    assert.equal(b['error_msg'], 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute');
    t += 600;
    assert.equal((await mpc()).status, 200);
  });

  it('limits are configurable, and off when enforceRateLimits is false', async () => {
    const e = await start({ rateLimits: { 'ice:GetMediaProducingJob': { limit: 2, windowMs: 1000 } } });
    assert.equal((await ice(e)).status, 200);
    assert.equal((await ice(e)).status, 200);
    assert.equal((await ice(e)).status, 400);
    await e.close();
    const off = await start({ enforceRateLimits: false });
    for (let i = 0; i < 25; i++) assert.equal((await ice(off)).status, 200);
  });

  it('throttled requests are logged with their error code', async () => {
    const e = await start({ rateLimits: { 'ice:GetMediaProducingJob': { limit: 1, windowMs: 1000 } } });
    await ice(e);
    await ice(e);
    assert.deepEqual(e.requests.map((r) => [r.status, r.errorCode]), [[200, null], [400, 'Throttling.User']]);
  });
});

describe('RateLimiter', () => {
  it('refills continuously and never beyond the limit; a clock stepping back refills nothing', () => {
    const l = new RateLimiter({ 'live:GetEdgeTranscodeJob': { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 0), true);
    assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 0), false);
    assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 19_999), false);
    assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 20_000), true);
    assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 10_000), false);
    for (let i = 0; i < 3; i++) assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 10 * 60_000), true);
    assert.equal(l.take('live:GetEdgeTranscodeJob', 'k', 10 * 60_000), false);
  });

  it('documented defaults: edge 6000/min, live editing 10/s', () => {
    const l = new RateLimiter();
    assert.deepEqual(l.limitOf('live:GetEdgeTranscodeJob'), { limit: 6000, windowMs: 60_000 });
    assert.deepEqual(l.limitOf('live:GetEditingJobInfo'), { limit: 10, windowMs: 1000 });
  });
});
