// Every reference is checked once, by the client, before any request: ids and identity parameters usable, the
// required ones (src/kinds/, `required`) present, the project resolved. A bad reference never reaches an adapter's
// buildCall and never costs a request; the other references of the fetch are still asked for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudClient } from '../../../src/clouds/client.js';
import { ConfigError } from '../../../src/clouds/errors.js';
import { type HttpRequest, type Transport } from '../../../src/clouds/http/transport.js';
import { type JobKind, type JobParams } from '../../../src/model/job.js';
import { type JobRef } from '../../../src/model/jobRef.js';

const CREDENTIALS = {
  aliyun: { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 'not-a-real-secret-000000' },
  huawei: { ak: 'HWAKEMULATORTEST0001', sk: 'not-a-real-secret-000000' },
};
const ref = (kind: JobKind, id: string, params: JobParams = {}, region = ''): JobRef => ({ kind, id, region, params });

/** A client whose transport records requests and answers none of them usefully. */
function client(credentials: ConstructorParameters<typeof CloudClient>[0]['credentials'] = CREDENTIALS): { c: CloudClient; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const transport: Transport = {
    send: async (req) => {
      sent.push(req);
      return { status: 500, headers: {}, body: '' };
    },
    close: async () => {},
  };
  return { c: new CloudClient({ credentials, transport, retry: { maxAttempts: 1, baseDelayMs: 1, throttleBaseDelayMs: 1, maxDelayMs: 1 } }), sent };
}

async function problem(r: JobRef, credentials?: ConstructorParameters<typeof CloudClient>[0]['credentials']): Promise<ConfigError> {
  const { c, sent } = client(credentials);
  const [o] = await c.fetch([r]);
  assert.ok(o?.error instanceof ConfigError, `${JSON.stringify(r)}: ${String(o?.error)}`);
  assert.equal(sent.length, 0, 'no request for a bad reference');
  return o.error;
}

describe('references are checked once, before any request', () => {
  it('unusable ids', async () => {
    assert.match((await problem(ref('ice', 'a b'))).message, /^ice: job id contains a space/);
    assert.equal((await problem(ref('ice', 'a&b=c'))).hint, 'copy the id exactly as the cloud shows it');
    assert.match((await problem(ref('mpc-editing', '../x', { projectId: 'p1' }))).message, /job id contains a character/);
  });

  it('unusable identity parameters, given or resolved from the credentials', async () => {
    assert.match((await problem(ref('live-editing', 'show-1', { casterId: 'a/b' }))).message, /^live-editing: casterId contains a character/);
    assert.match((await problem(ref('live-editing', 'caster-1', { showId: '' }))).message, /showId is empty/);
    assert.match((await problem(ref('mpc-editing', 'j1', { projectId: '../x' }))).message, /projectId contains a character/);
    const withBadProject = { ...CREDENTIALS, huawei: { ...CREDENTIALS.huawei, projectId: '../x' } };
    assert.match((await problem(ref('mpc-editing', 'j1'), withBadProject)).message, /projectId contains a character/);
  });

  it('required parameters (KindInfo.params `required`) and the Huawei project', async () => {
    const e = await problem(ref('live-edge', 'job-1'));
    assert.equal(e.message, 'live-edge needs clusterId besides the job id');
    assert.equal(e.hint, 'give --cluster-id');
    assert.match((await problem(ref('mpc-editing', 'j1'))).message, /^mpc-editing needs a project id for region cn-north-4/);
  });

  it('a bad reference does not hold up the good ones of the same fetch', async () => {
    const { c, sent } = client();
    const [bad, good] = await c.fetch([ref('ice', 'a b'), ref('ice', 'good1')]);
    assert.ok(bad?.error instanceof ConfigError);
    assert.ok(good?.error !== null && !(good?.error instanceof ConfigError), 'the good one was asked for (and failed on the 500)');
    assert.equal(sent.length, 1);
  });
});
