import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { ApiError } from '../../../src/clouds/errors.js';
import { type ListPage } from '../../../src/clouds/listing.js';
import { type Job } from '../../../src/model/job.js';
import { RecentSource } from '../../../src/tracking/recentSource.js';

const job = (id: string): Job => blankJob('ice', 'cn-shanghai', id);

/** A list of `pages` (each an array of ids, or an Error to throw), counting the pages read and the opens. */
function lister(pages: Array<string[] | Error>) {
  const counts = { opened: 0, read: 0, signals: [] as AbortSignal[] };
  const open = (signal: AbortSignal) => {
    counts.opened++;
    counts.signals.push(signal);
    return (async function* (): AsyncGenerator<ListPage, void, undefined> {
      for (const p of pages) {
        counts.read++;
        if (p instanceof Error) throw p;
        yield { jobs: p.map(job), requests: 1 };
      }
    })();
  };
  return { open, counts };
}

test('nothing is fetched until load; a pull stops at the page size and says there is more', async () => {
  const { open, counts } = lister([['a', 'b'], ['c', 'd'], ['e']]);
  let changes = 0;
  const s = new RecentSource({ open, pageSize: 3, onChange: () => changes++ });
  assert.equal(counts.opened, 0);
  assert.equal(s.state, 'idle');
  await s.load();
  assert.deepEqual(s.jobs.map((j) => j.id), ['a', 'b', 'c', 'd']);
  assert.equal(s.hasMore, true);
  assert.equal(counts.read, 2, 'the third page waits for Load more');
  assert.equal(s.state, 'ready');
  assert.ok(changes >= 2, 'loading and ready were announced');
  await s.more();
  assert.deepEqual(s.jobs.map((j) => j.id), ['a', 'b', 'c', 'd', 'e']);
  await s.more();
  assert.equal(s.hasMore, false, 'the end of the list is known once read');
  assert.equal(s.requests, 3);
  await s.more();
  assert.equal(counts.read, 3, 'nothing more is read after the end');
});

test('repeats across pages are dropped; empty windows are read past, up to the pull cap', async () => {
  const { open, counts } = lister([[], [], ['a'], ['a', 'b'], [], [], [], ['c']]);
  const s = new RecentSource({ open, pageSize: 10, maxPagesPerPull: 5, onChange: () => undefined });
  await s.load();
  assert.deepEqual(s.jobs.map((j) => j.id), ['a', 'b']);
  assert.equal(counts.read, 5, 'one pull reads at most maxPagesPerPull pages');
  assert.equal(s.hasMore, true);
  await s.more();
  assert.deepEqual(s.jobs.map((j) => j.id), ['a', 'b', 'c']);
  assert.equal(s.hasMore, false);
});

test('an error keeps what arrived and stops; load starts again from the newest', async () => {
  const err = new ApiError('aliyun', 'ice:ListMediaProducingJobs', 'Throttling.User', 'Request was denied due to user flow control.', 400, 'req-1');
  const { open, counts } = lister([['a'], err]);
  const s = new RecentSource({ open, pageSize: 5, onChange: () => undefined });
  await s.load();
  assert.equal(s.state, 'error');
  assert.equal(s.error, err);
  assert.deepEqual(s.jobs.map((j) => j.id), ['a']);
  assert.equal(s.hasMore, false);
  await s.more();
  assert.equal(counts.opened, 1, 'Load more does not reopen a failed list');
  await s.load();
  assert.equal(counts.opened, 2);
  assert.deepEqual(s.jobs.map((j) => j.id), ['a'], 'a reload starts empty, so nothing is listed twice');
});

test('a reload aborts the pull in flight and drops its late answers', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let opened = 0;
  const signals: AbortSignal[] = [];
  const open = (signal: AbortSignal) => {
    const n = ++opened;
    signals.push(signal);
    return (async function* (): AsyncGenerator<ListPage, void, undefined> {
      if (n === 1) await gate;
      yield { jobs: [job(`from-${n}`)], requests: 1 };
    })();
  };
  const s = new RecentSource({ open, pageSize: 1, onChange: () => undefined });
  const first = s.load();
  assert.equal(s.state, 'loading');
  const second = s.load();
  assert.equal(signals[0]!.aborted, true, 'the first pull is aborted');
  await second;
  release();
  await first;
  assert.deepEqual(s.jobs.map((j) => j.id), ['from-2']);
  assert.equal(s.state, 'ready');
});
