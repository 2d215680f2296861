import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, parseCommandLine, UsageError } from '../../../src/cli/args.js';

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
  [['inspect', 'ice', 'a', '--bogus'], /^unknown option --bogus$/],
  [['inspect', 'ice', 'a', '--regoin', 'cn-shanghai'], /^unknown option --regoin \(did you mean --region\?\)$/],
  [['inspect', 'ice', 'a', '--proj', 'p'], /^unknown option --proj \(did you mean --project-id\?\)$/],
  [['inspect', 'ice', 'a', '-x'], /^unknown option -x$/],
  [['inspect', 'ice', 'a', '--region'], /^--region needs a value$/],
  [['inspect', 'ice', 'a', '--region', '--json'], /^--region needs a value$/],
  [['inspect', 'ice', 'a', '--json=yes'], /^--json takes no value$/],
  [['inspec', 'ice', 'a'], /unknown command "inspec" \(did you mean inspect\?\)/],
  [['inspect', 'iec', 'a'], /unknown kind "iec"; did you mean ice\?/],
  [['inspect', 'ice', 'bad id!'], /^ice job id "bad id!" contains a space; copy the id/],
  [['inspect', 'ice', 'a\u0007b'], /^ice job id "a\\u0007b" contains a control character/],
  [['inspect', 'ice', 'x'.repeat(500)], /^ice job id "x{40}…" is 500 characters long/],
  [['inspect', 'live-edge', 'a', '--cluster-id', 'c/1'], /^--cluster-id "c\/1" contains a character ids never have/],
  [['inspect', 'vod', 'a', '--region', 'Mars 1'], /^--region "Mars 1" is not a region name/],
  [['inspect', 'vod', 'a', '--region', 'xx-mars-1'], /^region "xx-mars-1" has no known vod endpoint \(known regions: .*cn-shanghai.*\); or give --endpoint$/],
  [['inspect', 'ice', 'a', '--endpoint', 'not a url'], /^--endpoint "not a url" is not a URL/],
  [['inspect', 'ice', 'a', '--endpoint', 'http://example.com'], /^--endpoint http:\/\/example\.com uses plain http/],
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

test('node\'s own parse errors never show through (no unbalanced quotes, no "positional argument" advice)', () => {
  for (const argv of [['--regoin'], ['inspect', 'ice', 'a', '--regoin=x'], ['-Z']]) {
    assert.throws(() => parseCommandLine(argv), (e: unknown) => e instanceof UsageError && !/['"]|positional/.test(e.message));
  }
});

test('a region the table lacks is fine with --endpoint, and a known one without', () => {
  const withEndpoint = parseCommandLine(['inspect', 'vod', 'a', '--region', 'xx-mars-1', '--endpoint', 'https://vod.example.com']);
  assert.equal(withEndpoint.type === 'inspect' && withEndpoint.options.region, 'xx-mars-1');
  const known = parseCommandLine(['inspect', 'mpc-editing', 'a', '--region', 'cn-north-4']);
  assert.equal(known.type === 'inspect' && known.options.region, 'cn-north-4');
});

test('closest: transpositions, prefixes, and nothing for far-off words', () => {
  assert.equal(closest('regoin', ['region', 'endpoint']), 'region');
  assert.equal(closest('endpoit', ['region', 'endpoint']), 'endpoint');
  assert.equal(closest('clus', ['cluster-id', 'show-id']), 'cluster-id');
  assert.equal(closest('frobnicate', ['region', 'endpoint']), null);
});
