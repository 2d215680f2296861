/**
 * A hostile (or compromised) endpoint must not reach the user's terminal: its error Code, Message and
 * RequestId (JSON and XML bodies) and its job data carry terminal escapes (OSC retitling the window, CSI
 * clearing it, one-byte C1 CSI/OSC) and bidi overrides. Nothing the CLI writes, on stdout or stderr, in
 * errors, watch lines, summaries or --json, may contain one of those characters raw.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { runCli } from '../../../src/cli/main.js';
import { type Job } from '../../../src/model/job.js';
import { EMULATOR_CREDENTIALS } from '../../emulator/credentials.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** Every kind of trouble in one string: OSC retitle, CSI clear, C1 CSI and OSC, bidi override and isolate, CR, DEL, an LRM. */
const HOSTILE = `A${ESC}]0;pwned${BEL}B${ESC}[2JC\u009b31mD\u009d0;t\u009cE\u202eF\u2066G\rH\u007fI\u200eJ`;
const HOSTILE_XML = 'A&#27;]0;pwned&#7;B&#27;[2JC&#155;31mD&#157;0;t&#156;E&#8238;F&#8294;G&#13;H&#127;I&#8206;J';
/** Anything but a line feed that must never be written raw (tab is allowed: the usage text has none, but a terminal treats it harmlessly). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

type Reply = { status: number; contentType: string; body: string };
let reply: Reply = { status: 500, contentType: 'text/plain', body: '' };
let server: http.Server;
let endpoint = '';

const env = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.aliyun.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_CREDENTIALS.aliyun.accessKeySecret,
  HUAWEICLOUD_SDK_AK: EMULATOR_CREDENTIALS.huawei.ak,
  HUAWEICLOUD_SDK_SK: EMULATOR_CREDENTIALS.huawei.sk,
  HUAWEICLOUD_SDK_PROJECT_ID: EMULATOR_CREDENTIALS.huawei.projectId,
};

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const clock = { now: () => Date.now(), sleep: async () => {} };
  const code = await runCli([...argv, '--endpoint', endpoint], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env,
    clock,
  });
  return { code, stdout, stderr };
}

function assertClean(out: { stdout: string; stderr: string }, what: string): void {
  for (const [name, text] of [['stdout', out.stdout], ['stderr', out.stderr]] as const) {
    const m = FORBIDDEN.exec(text);
    assert.equal(m, null, `${what}: ${name} carries U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')}: ${JSON.stringify(text)}`);
  }
}

const JOB_ID = '9eeaf77ee09a4496e0ed7afceaa86dc3';

function iceJob(fields: Record<string, unknown>): string {
  return JSON.stringify({
    RequestId: HOSTILE,
    MediaProducingJob: {
      JobId: JOB_ID,
      ProjectId: 'f3464849a845d1f7c3a0579f09222a2b',
      MediaURL: `https://acme.oss-cn-shanghai.aliyuncs.com/out/${HOSTILE}.mp4`,
      Status: 'Failed',
      Code: HOSTILE,
      Message: HOSTILE,
      CreateTime: '2024-06-11T03:00:00Z',
      CompleteTime: '2024-06-11T03:00:22Z',
      ...fields,
    },
  });
}

describe('hostile error bodies and job data never reach the terminal raw', () => {
  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, { 'content-type': reply.contentType });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('Alibaba JSON error body: Code, Message and RequestId (inspect and watch)', async () => {
    reply = { status: 400, contentType: 'application/json', body: JSON.stringify({ Code: HOSTILE, Message: HOSTILE, RequestId: HOSTILE }) };
    const inspect = await cli(['inspect', 'ice', JOB_ID]);
    assert.equal(inspect.code, 1);
    assert.match(inspect.stderr, /A\]0;pwnedB\[2JC31mD0;tEFG ?HIJ/, 'the text is kept, only the dangerous characters go');
    assert.equal(inspect.stderr.trim().split('\n').length, 1, 'one line');
    assertClean(inspect, 'inspect');
    const watch = await cli(['watch', 'ice', JOB_ID]);
    assert.equal(watch.code, 1);
    assert.match(watch.stderr, /pwnedB\[2JC31mD/);
    assertClean(watch, 'watch');
  });

  test('Alibaba XML error body, with escapes as character references and raw', async () => {
    for (const text of [HOSTILE_XML, HOSTILE]) {
      reply = {
        status: 403,
        contentType: 'text/xml',
        body: `<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>${text}</RequestId><HostId>x</HostId><Code>${text}</Code><Message>${text}</Message></Error>`,
      };
      const run = await cli(['inspect', 'vod', JOB_ID, '--signature', 'v1']);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /pwnedB\[2JC31mD/);
      assertClean(run, 'xml');
    }
  });

  test('Huawei JSON error body', async () => {
    reply = { status: 400, contentType: 'application/json', body: JSON.stringify({ error_code: HOSTILE, error_msg: HOSTILE, request_id: HOSTILE }) };
    const run = await cli(['inspect', 'mpc-editing', JOB_ID]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /pwnedB\[2JC31mD/);
    assertClean(run, 'huawei');
  });

  test('an unreadable body with a hostile content type', async () => {
    // Node sends C1 bytes in a header value (it refuses C0 ones).
    reply = { status: 502, contentType: 'text/plain; x=\u009b31m\u009d0;t\u009c', body: HOSTILE };
    const run = await cli(['inspect', 'ice', JOB_ID]);
    assert.equal(run.code, 1);
    assertClean(run, 'bad response');
  });

  test('job data: the summary, the failed watch line and --json', async () => {
    reply = { status: 200, contentType: 'application/json', body: iceJob({}) };
    const summary = await cli(['inspect', 'ice', JOB_ID]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.match(summary.stdout, /FAILED/);
    assertClean(summary, 'summary');

    const watch = await cli(['watch', 'ice', JOB_ID]);
    assert.equal(watch.code, 4);
    assert.match(watch.stderr, /pwnedB\[2JC31mD/);
    assertClean(watch, 'watch');

    const json = await cli(['inspect', 'ice', JOB_ID, '--json']);
    assert.equal(json.code, 0, json.stderr);
    assertClean(json, '--json');
    assert.match(json.stdout, /\\u009b31m/, 'C1 controls are escaped, not dropped');
    assert.match(json.stdout, /\\u202e/);
    const jobs = JSON.parse(json.stdout) as Job[];
    assert.equal(jobs[0]?.error?.code, HOSTILE, 'the JSON round-trips to the exact data');
    assert.equal(jobs[0]?.requestId, HOSTILE);
  });

  test('a hostile status keeps the watch going and each line clean', async () => {
    let polls = 0;
    const bodies = [iceJob({ Status: `Processing${ESC}[2J`, Progress: 10 }), iceJob({ Status: 'Success' })];
    const orig = server.listeners('request')[0] as http.RequestListener;
    server.removeAllListeners('request');
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      reply = { status: 200, contentType: 'application/json', body: bodies[Math.min(polls++, bodies.length - 1)]! };
      orig(req, res);
    });
    try {
      const run = await cli(['watch', 'ice', JOB_ID, '--interval', '1']);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(run.stdout.trim().split('\n').length >= 2, run.stdout);
      assertClean(run, 'watch lines');
    } finally {
      server.removeAllListeners('request');
      server.on('request', orig);
    }
  });
});
