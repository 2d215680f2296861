// withRetry with an instant fake clock and a pinned random: attempts, jitter bounds, hints, what is never retried.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, BadResponseError, ConfigError, NetworkError, SchemaError } from '../../../../src/clouds/errors.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryable, isThrottle, type RetryPolicy, withRetry } from '../../../../src/clouds/http/retry.js';
import { TruncatedResponseError } from '../../../../src/clouds/http/transport.js';
import { FakeClock, InstantClock } from './support.js';

const API = 'live:GetEditingJobInfo';
const net = (code = 'ECONNRESET'): NetworkError => new NetworkError(API, code, 'x');
const api = (code: string, status = 400, retryAfter: number | null = null): ApiError =>
  new ApiError('aliyun', API, code, 'm', status, 'r', retryAfter);

describe('isRetryable / isThrottle', () => {
  const cases: Array<[string, unknown, boolean, boolean]> = [
    // [label, error, retryable, throttle]
    ['reset', net('ECONNRESET'), true, false],
    ['refused', net('ECONNREFUSED'), true, false],
    ['timeout', net('TIMEOUT'), true, false],
    ['socket closed', net('UND_ERR_SOCKET'), true, false],
    ['aborted by the caller', net('ABORTED'), false, false],
    ['closed client', net('CLOSED'), false, false],
    ['untrusted certificate', net('SELF_SIGNED_CERT_IN_CHAIN'), false, false],
    ['HTML 502', new BadResponseError(API, 502, 'text/html', 'x', null), true, false],
    ['empty 200', new BadResponseError(API, 200, null, 'x', null), false, false],
    ['truncated 200', new TruncatedResponseError(API, 200, null, 'x', null), true, false],
    ['Throttling.User 400', api('Throttling.User'), true, true],
    ['Throttling.Api', api('Throttling.Api'), true, true],
    ['plain 429', api('Whatever', 429), true, true],
    ['APIGW.0308', new ApiError('huawei', API, 'APIGW.0308', 'm', 429, null), true, true],
    ['APIGW.0609 internal', new ApiError('huawei', API, 'APIGW.0609', 'm', 500, null), true, false],
    ['APIGW.0613 IAM unavailable', new ApiError('huawei', API, 'APIGW.0613', 'm', 503, null), true, false],
    ['ServiceUnavailable', api('ServiceUnavailable', 503), true, false],
    ['InternalError', api('InternalError', 500), true, false],
    ['InternalError with a 400', api('InternalError', 400), true, false],
    ['MPC.10050 500', new ApiError('huawei', API, 'MPC.10050', 'm', 500, null), true, false],
    ['504', api('GatewayTimeout', 504), true, false],
    ['501 not implemented', api('NotImplemented', 501), false, false],
    ['SignatureDoesNotMatch', api('SignatureDoesNotMatch'), false, false],
    ['SignatureDoesNotMatch even as 500', api('SignatureDoesNotMatch', 500), false, false],
    ['InvalidAccessKeyId.NotFound', api('InvalidAccessKeyId.NotFound', 404), false, false],
    ['InvalidTimeStamp.Expired', api('InvalidTimeStamp.Expired'), false, false],
    ['Forbidden.RAM', api('Forbidden.RAM', 403), false, false],
    ['JobNotFound', api('JobNotFound', 404), false, false],
    ['APIGW.0301', new ApiError('huawei', API, 'APIGW.0301', 'm', 401, null), false, false],
    ['APIGW.0101', new ApiError('huawei', API, 'APIGW.0101', 'm', 404, null), false, false],
    ['schema error', new SchemaError(API, 'Job.JobId', 'missing'), false, false],
    ['config error', new ConfigError('bad'), false, false],
    ['plain Error', new Error('boom'), false, false],
  ];
  for (const [label, e, retryable, throttle] of cases) {
    it(`${label}: retryable ${retryable}, throttle ${throttle}`, () => {
      assert.equal(isRetryable(e), retryable);
      assert.equal(isThrottle(e), throttle);
    });
  }
});

describe('backoff', () => {
  const policy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 200, throttleBaseDelayMs: 1_000, maxDelayMs: 20_000 };

  it('is full jitter: random() * min(cap, base * 2^(n-1)), with the throttle base after a throttle', () => {
    const half = (): number => 0.5;
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelayMs(n, net(), policy, half)), [100, 200, 400, 800]);
    assert.deepEqual([1, 2, 3].map((n) => backoffDelayMs(n, api('Throttling.User'), policy, half)), [500, 1_000, 2_000]);
    assert.deepEqual([1, 5, 9].map((n) => backoffDelayMs(n, net(), policy, () => 0)), [0, 0, 0]);
    const nearlyOne = (): number => 0.999_999;
    assert.equal(backoffDelayMs(3, net(), policy, nearlyOne), 799);
    assert.equal(backoffDelayMs(10, net(), policy, nearlyOne), 19_999, 'capped at maxDelayMs');
    assert.equal(backoffDelayMs(10, api('Throttling'), policy, nearlyOne), 19_999);
  });

  it('lets the server\'s retry-after win, clamped to maxDelayMs', () => {
    assert.equal(backoffDelayMs(1, api('Throttling.User', 400, 3), policy, () => 0), 3_000);
    assert.equal(backoffDelayMs(1, api('Throttling.User', 400, 600), policy, () => 0), 20_000);
  });
});

describe('withRetry', () => {
  it('calls the attempt afresh until it succeeds, numbering attempts, sleeping full-jitter delays', async () => {
    const clock = new InstantClock();
    const numbers: number[] = [];
    const requests: string[] = [];
    const retries: Array<{ attempt: number; delayMs: number }> = [];
    const result = await withRetry(
      async (n) => {
        numbers.push(n);
        // What a real caller does: build and sign a new request (fresh nonce) on every attempt.
        requests.push(`nonce-${n}-${clock.now()}`);
        if (n < 3) throw net();
        return 'done';
      },
      { clock, random: () => 0.5, onRetry: (i) => retries.push({ attempt: i.attempt, delayMs: i.delayMs }) },
    );
    assert.equal(result, 'done');
    assert.deepEqual(numbers, [1, 2, 3]);
    assert.equal(new Set(requests).size, 3, 'each attempt built its own request');
    assert.deepEqual(clock.sleeps, [100, 200]);
    assert.deepEqual(retries, [{ attempt: 1, delayMs: 100 }, { attempt: 2, delayMs: 200 }]);
  });

  it('stays within the full-jitter bounds for any random value', async () => {
    for (const r of [0, 0.1, 0.37, 0.5, 0.99, 0.999_999]) {
      const clock = new InstantClock();
      await assert.rejects(withRetry(async () => {
        throw net();
      }, { clock, random: () => r }));
      assert.equal(clock.sleeps.length, DEFAULT_RETRY_POLICY.maxAttempts - 1);
      clock.sleeps.forEach((d, i) => {
        const ceiling = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** i);
        assert.ok(d >= 0 && d < ceiling, `delay ${d} of retry ${i + 1} must be in [0, ${ceiling})`);
        assert.equal(d, Math.floor(r * ceiling));
      });
    }
  });

  it('honours retry-after from the server over the jitter', async () => {
    const clock = new InstantClock();
    let n = 0;
    await withRetry(async () => {
      if (++n === 1) throw api('Throttling.User', 400, 2);
      return n;
    }, { clock, random: () => 0.999 });
    assert.deepEqual(clock.sleeps, [2_000]);
  });

  it('throws a non-retryable error at once, unchanged, without sleeping', async () => {
    const clock = new InstantClock();
    const err = api('SignatureDoesNotMatch');
    let calls = 0;
    const thrown = await withRetry(async () => {
      calls++;
      throw err;
    }, { clock }).catch((e: unknown) => e);
    assert.equal(thrown, err);
    assert.equal(calls, 1);
    assert.deepEqual(clock.sleeps, []);
  });

  it('stops after maxAttempts and throws the last error unchanged', async () => {
    const clock = new InstantClock();
    const errors: NetworkError[] = [];
    const thrown = await withRetry(async (n) => {
      const e = net(n % 2 ? 'ECONNRESET' : 'TIMEOUT');
      errors.push(e);
      throw e;
    }, { clock, policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, random: () => 0 }).catch((e: unknown) => e);
    assert.equal(errors.length, 3);
    assert.equal(thrown, errors[2]);
  });

  it('uses the throttle base after throttles and the normal base otherwise, per attempt', async () => {
    const clock = new InstantClock();
    const sequence = [api('Throttling.User'), net(), api('Throttling')];
    await withRetry(async (n) => {
      const e = sequence[n - 1];
      if (e) throw e;
      return 'ok';
    }, { clock, random: () => 0.5 });
    // attempt 1 throttled: 0.5 * 1000; attempt 2 network: 0.5 * 400; attempt 3 throttled: 0.5 * 4000
    assert.deepEqual(clock.sleeps, [500, 200, 2_000]);
  });

  it('gives up when the signal aborts while waiting, throwing the last attempt\'s error', async () => {
    const clock = new FakeClock();
    const ctl = new AbortController();
    let calls = 0;
    const last = net('ECONNRESET');
    const p = withRetry(async () => {
      calls++;
      throw last;
    }, { clock, signal: ctl.signal, random: () => 0.5 }).catch((e: unknown) => e);
    await clock.advance(0); // first attempt fails, the retry sleeps 100 ms
    assert.equal(clock.pendingTimers, 1);
    ctl.abort();
    assert.equal(await p, last);
    assert.equal(calls, 1);
  });
});
