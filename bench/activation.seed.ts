/**
 * Window 1 of bench/activation.ts --jobs N (not part of the integration run): leaves N tracked jobs saved for the
 * next window, a restart of VS Code, to activate with.
 *
 * The jobs are real snapshots: it tracks one sample job of four kinds from the emulator (an ICE job with a 2,000-clip
 * Timeline, a finished and a running ICE job, a running VOD task, a Live edge job, an MPC editing job), fetches
 * them, and gives each snapshot N/6 copies under new ids (the same shape, the last six characters of the id
 * changed). Each copy is saved as the store saves any job: an entry in the list in globalState and its snapshot file.
 * The poll interval is set to an hour, so the next window's first minutes are activation and restore, not polling.
 */
import * as assert from 'node:assert/strict';
import { SAMPLE_IDS, allFetched, setSetting, testApi, trackJob, useEmulatorCredentials } from '../test/integration/suite/jobs.js';
import { type Job } from '../src/model/job.js';
import { type JobRef } from '../src/model/jobRef.js';

const N = Number(process.env.MJI_BENCH_JOBS ?? '1000');

/**
 * The template's id with its last six characters replaced by `n` in hex (every sample id ends in hex digits; the
 * sample ids of one kind differ only there, so `n` counts over all copies).
 */
function variant(id: string, n: number): string {
  return `${id.slice(0, -6)}${n.toString(16).padStart(6, '0')}`;
}

suite('bench: seed tracked jobs', () => {
  test(`${N} tracked jobs are saved`, async function () {
    this.timeout(600_000);
    const api = await testApi();
    await setSetting(api, 'pollIntervalSeconds', 3600, (s) => s.pollIntervalMs === 3_600_000);
    await useEmulatorCredentials(api);
    await trackJob(api, 'ice', [SAMPLE_IDS.ice.largeTimeline, SAMPLE_IDS.ice.succeeded, SAMPLE_IDS.ice.processing]);
    await trackJob(api, 'vod', [SAMPLE_IDS.vod.processing]);
    await trackJob(api, 'live-edge', [SAMPLE_IDS.liveEdge.running], [SAMPLE_IDS.liveEdge.clusterId]);
    await trackJob(api, 'mpc-editing', [SAMPLE_IDS.mpc.waiting], ['']);
    const templates = await allFetched(api, 60_000);
    assert.equal(templates.length, 6);

    const per = Math.ceil(N / templates.length);
    const refs: JobRef[] = [];
    const jobs: Job[] = [];
    for (let i = 1; refs.length < N && i <= per; i++) {
      for (const t of templates) {
        if (refs.length >= N) break;
        const id = variant(t.ref.id, 0x100000 + refs.length);
        refs.push({ ...t.ref, id });
        jobs.push({ ...t.snapshot!, id });
      }
    }
    const added = api.store.add(refs);
    api.store.applyOutcomes(added.map((t, i) => ({ key: t.key, outcome: { ref: t.ref, jobs: [jobs[i]!], error: null } })), new Date());
    await api.store.flush();
    assert.equal(api.store.size, N + templates.length, 'every copy is tracked');
    assert.ok(api.store.all().every((t) => t.snapshot !== null), 'with its snapshot');
    // flush() wrote the list's file and the job files: the next window reads them.
  });
});
