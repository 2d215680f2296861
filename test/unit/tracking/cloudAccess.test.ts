// CloudAccess over a fake core: Sign Out while the credentials are being read, or while a request waits, must not
// leave the removed keys in use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FetchOutcome } from '../../../src/clouds/client.js';
import { type Credentials } from '../../../src/clouds/credentials.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { type AccessConfig, CloudAccess, type CoreModule } from '../../../src/tracking/cloudAccess.js';
import { CredentialsService, type SecretStore } from '../../../src/tracking/credentialsService.js';

const OLD = { accessKeyId: 'LTAI5tFakeOldKey000001', accessKeySecret: 'FakeOldSecret0000000000001' };
const NEW = { accessKeyId: 'LTAI5tFakeNewKey000002', accessKeySecret: 'FakeNewSecret0000000000002' };
const REF: JobRef = { kind: 'ice', id: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', region: 'cn-shanghai', params: {} };

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const config = (credentials: Credentials): AccessConfig => ({
  credentials, signature: 'v3', endpoints: {}, defaultRegions: { aliyun: 'cn-shanghai', huawei: 'cn-north-4' },
});

/** A core whose clients record the keys each request is signed with; `hold` makes requests wait until aborted or released. */
function fakeCore() {
  const signedWith: Array<string | null> = [];
  const built: Credentials[] = [];
  let hold: Promise<void> | null = null;
  class FakeClient {
    constructor(readonly opts: { credentials: Credentials }) {
      built.push(opts.credentials);
    }
    async fetch(refs: readonly JobRef[], signal?: AbortSignal): Promise<FetchOutcome[]> {
      if (hold) {
        const aborted = new Promise<void>((r) => signal?.addEventListener('abort', () => r(), { once: true }));
        await Promise.race([hold, aborted]);
      }
      if (signal?.aborted) return refs.map((ref) => ({ ref, jobs: [], error: null }));
      // "Signing": what a real client reads from its options at that moment.
      signedWith.push(this.opts.credentials.aliyun?.accessKeyId ?? null);
      return refs.map((ref) => ({ ref, jobs: [], error: null }));
    }
    regionOf(ref: JobRef): string {
      return ref.region;
    }
    async close(): Promise<void> {}
  }
  class FakeLimiters {}
  const core = { CloudClient: FakeClient, RateLimiters: FakeLimiters, describeError: String } as unknown as CoreModule;
  return { core, signedWith, built, setHold: (p: Promise<void> | null) => void (hold = p) };
}

test('Sign Out while the credentials are being read: the read is discarded and nothing is signed with the removed keys', async () => {
  const { core, signedWith, built } = fakeCore();
  const firstRead = deferred<AccessConfig>();
  const reads: Array<Promise<AccessConfig>> = [firstRead.promise, Promise.resolve(config({}))];
  let readCount = 0;
  const access = new CloudAccess(() => core, () => reads[readCount++]!);

  const fetching = access.fetch([REF]);
  await new Promise((r) => setImmediate(r));
  assert.equal(readCount, 1, 'the read is in flight');
  access.invalidate(); // Sign Out
  firstRead.resolve(config({ aliyun: OLD })); // the read that started before it finishes with the old keys
  await fetching;

  assert.equal(readCount, 2, 'the configuration was read again');
  assert.deepEqual(built, [{}], 'no client was built from the stale read');
  assert.deepEqual(signedWith, [null]);
  await access.fetch([REF]);
  assert.deepEqual(signedWith, [null, null], 'later requests use the new client');
});

test('Sign Out while a request waits: it is aborted before it signs, and asked again with the current configuration', async () => {
  const { core, signedWith, built, setHold } = fakeCore();
  let current = config({ aliyun: OLD });
  const access = new CloudAccess(() => core, async () => current);
  await access.fetch([REF]);
  assert.deepEqual(signedWith, [OLD.accessKeyId]);

  const never = deferred<void>();
  setHold(never.promise); // e.g. waiting for a rate-limit token
  const fetching = access.fetch([REF]);
  await new Promise((r) => setImmediate(r));
  current = config({ aliyun: NEW });
  setHold(null);
  access.invalidate(); // new keys (or none) replace the old ones
  never.resolve(); // the wait would end now: a request still holding the old client would sign with the old keys
  await fetching;
  assert.deepEqual(signedWith, [OLD.accessKeyId, NEW.accessKeyId], 'the waiting request never signed with the old keys');
  assert.equal(built.length, 2);
});

test('a failed configuration read is not cached: the next request reads again', async () => {
  const { core, signedWith } = fakeCore();
  let fail = true;
  const access = new CloudAccess(() => core, async () => {
    if (fail) throw new Error('SecretStorage is locked');
    return config({ aliyun: NEW });
  });
  await assert.rejects(access.fetch([REF]), /locked/);
  fail = false;
  await access.fetch([REF]);
  assert.deepEqual(signedWith, [NEW.accessKeyId]);
});

test('CredentialsService: a read in flight when Sign Out completes does not hand out the removed keys', async () => {
  const stored = new Map<string, string>([['mediaJobs.credentials.aliyun', JSON.stringify({ v: 1, ...OLD })]]);
  let gate: Promise<void> | null = null;
  const secrets: SecretStore = {
    async get(key) {
      const value = stored.get(key); // read before the delete lands
      if (gate) await gate;
      return value;
    },
    async store(key, value) {
      stored.set(key, value);
    },
    async delete(key) {
      stored.delete(key);
    },
  };
  const service = new CredentialsService(secrets);
  const slow = deferred<void>();
  gate = slow.promise;
  const reading = service.get();
  await new Promise((r) => setImmediate(r));
  gate = null;
  await service.signOut();
  slow.resolve();
  const got = await reading;
  assert.equal(got.aliyun, undefined, 'the stale read was done again after Sign Out');
  assert.deepEqual(await service.status(), { aliyun: false, huawei: false, windowOnly: false });
});
