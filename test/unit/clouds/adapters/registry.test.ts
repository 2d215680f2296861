import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SchemaError } from '../../../../src/clouds/errors.js';
import { KINDS, kindDefinition } from '../../../../src/clouds/adapters/registry.js';
import { JOB_KINDS } from '../../../../src/model/job.js';
import { KIND_CLOUD } from '../../../../src/kinds/index.js';
import { assertWellFormedJob, ctx, fixture, fixtureNames } from './support.js';

/** Fixtures whose body does not identify a job: they must be refused with a SchemaError. */
const REFUSED = new Set([
  'ice/missing-job-id', 'ice/missing-job', 'vod/missing-task-id', 'live-editing/missing-caster-id',
  'live-editing/invalid-json', 'live-edge/missing-job-id', 'live-edge/error-body', 'mpc-editing/missing-job-array',
]);

describe('kinds registry', () => {
  it('has exactly one definition per job kind, each describing itself consistently', () => {
    assert.deepEqual(Object.keys(KINDS).sort(), [...JOB_KINDS].sort());
    for (const kind of JOB_KINDS) {
      const def = kindDefinition(kind);
      assert.equal(def, KINDS[kind]);
      assert.equal(def.kind, kind);
      assert.equal(def.cloud, KIND_CLOUD[kind]);
      assert.match(def.api, /^[a-z]+:[A-Z][A-Za-z]+$/);
      assert.ok(def.rateLimit.capacity > 0 && def.rateLimit.perMs > 0);
      assert.ok(def.batchSize >= 1);
      assert.ok(def.retention.length > 0);
    }
    assert.equal(KINDS['mpc-editing'].batchSize, 10);
    assert.ok(Object.isFrozen(KINDS));
  });

  it('the product of every Alibaba call matches the API name', () => {
    const refs = {
      ice: { kind: 'ice', id: 'j1', region: 'cn-shanghai', params: {} },
      vod: { kind: 'vod', id: 't1', region: 'cn-shanghai', params: {} },
      'live-editing': { kind: 'live-editing', id: 'c1', region: 'cn-shanghai', params: {} },
      'live-edge': { kind: 'live-edge', id: 'e1', region: 'cn-shanghai', params: { clusterId: 'k1' } },
      'mpc-editing': { kind: 'mpc-editing', id: 'm1', region: 'cn-north-4', params: { projectId: 'p1' } },
    } as const;
    for (const kind of JOB_KINDS) {
      const def = KINDS[kind];
      const call = def.buildCall([refs[kind]], refs[kind].region);
      assert.equal(call.cloud, def.cloud);
      if (call.cloud === 'aliyun') assert.equal(`${call.product}:${call.action}`, def.api);
      else assert.equal(call.service, def.api.split(':')[0]);
    }
  });

  it('every fixture either maps to well-formed jobs or, when it lacks the job identity, is refused with a SchemaError', () => {
    let mapped = 0;
    for (const kind of JOB_KINDS) {
      const names = fixtureNames(kind);
      assert.ok(names.length >= 8, `${kind} has only ${names.length} fixtures`);
      for (const name of names) {
        const key = `${kind}/${name}`;
        const run = (): ReturnType<typeof KINDS[typeof kind]['parse']> => KINDS[kind].parse(fixture(kind, name), ctx());
        if (REFUSED.has(key)) {
          assert.throws(run, (e: unknown) => e instanceof SchemaError && e.api === KINDS[kind].api, key);
          continue;
        }
        const r = run();
        assert.ok(Array.isArray(r.jobs) && Array.isArray(r.missing), key);
        for (const job of r.jobs) {
          assertWellFormedJob(job);
          assert.equal(job.kind, kind, key);
          mapped++;
        }
      }
    }
    assert.ok(mapped >= 50, `only ${mapped} jobs mapped from fixtures`);
  });
});
