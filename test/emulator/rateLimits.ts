/**
 * Per-API, per-AccessKey token buckets at the documented rates. A bucket holds `limit` tokens and refills
 * continuously at limit/windowMs, so `limit` calls may come in one burst and the next must wait its share of
 * the window. Time comes from the injected clock.
 */

export type ApiName = 'ice:GetMediaProducingJob' | 'vod:GetTranscodeTask' | 'live:GetEditingJobInfo' | 'live:GetEdgeTranscodeJob' | 'mpc:ListEditingJobs'
  | 'ice:ListMediaProducingJobs' | 'live:ListEdgeTranscodeJob' | 'mpc:ListEditingJob'
  | 'vod:GetVideoList' | 'vod:ListTranscodeTask' | 'live:DescribeCasters' | 'ice:ListBatchMediaProducingJobs' | 'live:DescribeShowList'
  | 'sts:AssumeRole';

export const API_NAMES: readonly ApiName[] = [
  'ice:GetMediaProducingJob', 'vod:GetTranscodeTask', 'live:GetEditingJobInfo', 'live:GetEdgeTranscodeJob', 'mpc:ListEditingJobs',
  'ice:ListMediaProducingJobs', 'live:ListEdgeTranscodeJob', 'mpc:ListEditingJob',
  'vod:GetVideoList', 'vod:ListTranscodeTask', 'live:DescribeCasters', 'ice:ListBatchMediaProducingJobs', 'live:DescribeShowList',
  'sts:AssumeRole',
];

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Documented limits (each API's reference page, linked in src/clouds/adapters/): VOD 15/s, Live GetEditingJobInfo 10/s, GetEdgeTranscodeJob
 * 6000/min, MPC 100/min per tenant. ICE GetMediaProducingJob has no published limit; 10/s is the emulator's
 * assumption (configurable through EmulatorOptions.rateLimits).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ApiName, RateLimit>> = {
  'ice:GetMediaProducingJob': { limit: 10, windowMs: 1000 },
  'vod:GetTranscodeTask': { limit: 15, windowMs: 1000 },
  'live:GetEditingJobInfo': { limit: 10, windowMs: 1000 },
  'live:GetEdgeTranscodeJob': { limit: 6000, windowMs: 60_000 },
  'mpc:ListEditingJobs': { limit: 100, windowMs: 60_000 },
  // List calls: ListEdgeTranscodeJob 6000/min (its page); ICE's and MPC v1's are unpublished: the get calls' rates.
  'ice:ListMediaProducingJobs': { limit: 10, windowMs: 1000 },
  'live:ListEdgeTranscodeJob': { limit: 6000, windowMs: 60_000 },
  'mpc:ListEditingJob': { limit: 100, windowMs: 60_000 },
  // ListTranscodeTask and DescribeCasters: 15/s (their client.ts remarks); GetVideoList's is unpublished: VOD's 15/s.
  'vod:GetVideoList': { limit: 15, windowMs: 1000 },
  'vod:ListTranscodeTask': { limit: 15, windowMs: 1000 },
  'live:DescribeCasters': { limit: 15, windowMs: 1000 },
  // ListBatchMediaProducingJobs: unpublished, as ICE's other calls: 10/s.
  'ice:ListBatchMediaProducingJobs': { limit: 10, windowMs: 1000 },
  // DescribeShowList: 10/s (its reference page).
  'live:DescribeShowList': { limit: 10, windowMs: 1000 },
  // STS publishes no per-account QPS; the emulator's guess is generous, the client caches tokens anyway.
  'sts:AssumeRole': { limit: 100, windowMs: 1000 },
};

interface Bucket {
  tokens: number;
  last: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: Record<ApiName, RateLimit>;

  constructor(overrides: Partial<Record<ApiName, RateLimit>> = {}) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  limitOf(api: ApiName): RateLimit {
    return this.limits[api];
  }

  /** Takes one token; false when the bucket is empty (the call is throttled and costs nothing). */
  take(api: ApiName, accessKey: string, now: number): boolean {
    const { limit, windowMs } = this.limits[api];
    const id = `${api}\n${accessKey}`;
    const b = this.buckets.get(id) ?? { tokens: limit, last: now };
    // A clock that steps back (tests set it freely) refills nothing.
    const elapsed = Math.max(0, now - b.last);
    b.tokens = Math.min(limit, b.tokens + (elapsed * limit) / windowMs);
    b.last = Math.max(b.last, now);
    this.buckets.set(id, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
