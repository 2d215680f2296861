/**
 * Listing 1,000 jobs of each browsable kind against the emulator at the documented rate limits: the requests made,
 * the wall time, and the ratio of requests to the fewest the page sizes allow (ceil(jobs / largest page), per
 * window where the API caps the window; VOD and Live editing: their parent list's pages plus one call per video or
 * studio, since neither lists tasks directly, and Live editing's DescribeShowList per studio; ICE: one batch-job
 * page per window and one sub-job count per batch job). Prints figures only.
 *
 *   node --import tsx bench/list.ts [jobs]
 */
import { CloudClient } from '../src/clouds/client.js';
import { listableKinds, listerOf } from '../src/clouds/adapters/listRegistry.js';
import { splitWindows } from '../src/clouds/listing.js';
import { startEmulator } from '../test/emulator/emulator.js';
import { SAMPLE_IDS } from '../test/emulator/sampleJobs.js';

const JOBS = Number(process.argv[2] ?? 1000);
const DAY = 86_400_000;

async function main(): Promise<void> {
  // History jobs are spread over 60 days; the samples add a few more.
  const emu = await startEmulator({ history: JOBS, enforceRateLimits: true });
  const endpoints = { ice: emu.url, vod: emu.url, 'live-editing': emu.url, 'live-edge': emu.url, 'mpc-editing': emu.url };
  const client = new CloudClient({ credentials: { aliyun: emu.credentials.aliyun, huawei: emu.credentials.huawei }, endpoints });
  const now = Date.now();
  const from = now - 61 * DAY;
  console.log(`listing ${JOBS} history jobs per kind over 61 days, documented rate limits enforced by the emulator`);
  console.log('kind          jobs   requests  minimum  ratio  time');
  for (const kind of listableKinds()) {
    const lister = listerOf(kind)!;
    const params = kind === 'live-edge' ? { clusterId: SAMPLE_IDS.liveEdge.clusterId } : {};
    const t0 = performance.now();
    let jobs = 0;
    let requests = 0;
    for await (const page of client.list(kind, { region: '', from, to: now, status: null, params, pageSize: lister.maxPageSize })) {
      jobs += page.jobs.length;
      requests += page.requests;
    }
    const ms = performance.now() - t0;
    const windows = splitWindows(from, now, lister.maxWindowMs).length;
    // VOD: a GetVideoList page per 100 videos, then one ListTranscodeTask per video; Live editing likewise per studio.
    const parents = kind === 'vod' ? new Set(emu.state.list('vod').filter((t) => t.startAt >= from).map((t) => String(t.fields?.['VideoId']))).size
      : kind === 'live-editing' ? emu.state.casterIds().length : 0;
    // Live editing: also one DescribeShowList per studio (for the show names). ICE: besides the jobs' pages, one
    // ListBatchMediaProducingJobs page per window and one sub-job count (ListMediaProducingJobs MasterJobId) per batch.
    const batches = kind === 'ice' ? emu.state.iceBatches().filter((b) => b.startAt >= from).length : 0;
    const minimum = kind === 'live-editing' ? Math.ceil(parents / lister.maxPageSize) + 2 * parents
      : parents > 0 ? Math.ceil(parents / lister.maxPageSize) + parents
        : Math.max(windows, Math.ceil((jobs - batches) / lister.maxPageSize)) + (batches > 0 ? windows + batches : 0);
    console.log(`${kind.padEnd(12)}  ${String(jobs).padStart(5)}  ${String(requests).padStart(8)}  ${String(minimum).padStart(7)}  ${(requests / minimum).toFixed(2).padStart(5)}  ${(ms / 1000).toFixed(2)} s`);
  }
  await client.close();
  await emu.close();
}

void main();
