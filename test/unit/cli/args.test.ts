import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../../../src/cli/args.js';

test('inspect takes a kind, several ids and the shared options', () => {
  const cmd = parseCommandLine(['inspect', 'mpc-editing', 'a', 'b', '--project-id', 'p1', '--region', 'cn-north-4', '--json']);
  assert.equal(cmd.type, 'inspect');
  if (cmd.type !== 'inspect') return;
  assert.deepEqual(cmd.refs.map((r) => r.id), ['a', 'b']);
  assert.deepEqual(cmd.refs[0]!.params, { projectId: 'p1' });
  assert.equal(cmd.options.region, 'cn-north-4');
  assert.equal(cmd.options.json, true);
  assert.equal(cmd.options.signature, 'v3');
});

test('watch takes one id and an interval', () => {
  const cmd = parseCommandLine(['watch', 'live-edge', 'j1', '--cluster-id', 'c1', '--interval', '2.5', '--signature', 'v1']);
  assert.equal(cmd.type, 'watch');
  if (cmd.type !== 'watch') return;
  assert.equal(cmd.intervalSeconds, 2.5);
  assert.deepEqual(cmd.ref.params, { clusterId: 'c1' });
  assert.equal(cmd.options.signature, 'v1');
});

for (const [argv, pattern] of [
  [[], /no command/],
  [['frobnicate'], /unknown command/],
  [['inspect'], /needs a kind/],
  [['inspect', 'ecs', 'x'], /unknown kind "ecs"/],
  [['inspect', 'ice'], /at least one id/],
  [['watch', 'ice', 'a', 'b'], /one id/],
  [['inspect', 'ice', 'a', '--signature', 'v2'], /v1 or v3/],
  [['inspect', 'live-edge', 'a'], /--cluster-id/],
  [['inspect', 'ice', 'a', '--cluster-id', 'c'], /live-edge only/],
  [['inspect', 'ice', 'a', '--bogus'], /bogus/],
  [['watch', 'ice', 'a', '--interval', '-1'], /--interval/],
  [['watch', 'ice', 'a', '--interval', 'soon'], /--interval/],
  [['inspect', 'ice', 'a', '--interval', '3'], /watch only/],
] as Array<[string[], RegExp]>) {
  test(`usage error for ${JSON.stringify(argv)}`, () => {
    assert.throws(() => parseCommandLine(argv), (e: unknown) => e instanceof UsageError && pattern.test(e.message));
  });
}

test('help and version', () => {
  assert.equal(parseCommandLine(['--help']).type, 'help');
  assert.equal(parseCommandLine(['help']).type, 'help');
  assert.equal(parseCommandLine(['-V']).type, 'version');
});
