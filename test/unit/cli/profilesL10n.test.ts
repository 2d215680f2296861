/**
 * zh-cn for what `media-jobs profiles` prints and for the problems found in ~/.aliyun/config.json (the CLI's chain,
 * src/clouds/aliyun/cliConfig.ts, and the extension's import, src/tracking/aliyunCliConfig.ts) and the STS role checks:
 * the words are Chinese; profile names, modes, field names (source_profile, sts_token…), ARNs and key ids stay.
 * English is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/main.js';
import { parseAliyunCliProfiles } from '../../../src/clouds/aliyun/cliConfig.js';
import { checkRole } from '../../../src/clouds/aliyun/sts.js';
import { checkProfileName } from '../../../src/clouds/profiles.js';
import { parseAliyunCliConfig } from '../../../src/tracking/aliyunCliConfig.js';
import { inChinese } from '../../support/l10n.js';

const TEXT = readFileSync(join(__dirname, '../../fixtures/aliyun-cli/config.json'), 'utf8');
const PATH = '/home/u/.aliyun/config.json';

async function profiles(lang: string): Promise<string[]> {
  let stdout = '';
  const code = await runCli(['profiles', '--lang', lang], {
    stdout: (s) => (stdout += s), stderr: () => undefined, env: {},
    readAliyunConfig: () => Promise.resolve({ path: PATH, text: TEXT }),
  });
  assert.equal(code, 0);
  return stdout.split('\n');
}

test('media-jobs profiles in zh-cn: the cloud heading, the descriptions and the problems are Chinese; names, modes and ids stay', async () => {
  const zh = await profiles('zh-cn');
  assert.equal(zh[0], '阿里云：');
  assert.ok(zh.includes(`  * dev  (${PATH})  AK, AccessKey LTAI…y001, 地域 cn-shanghai`), zh.join('\n'));
  assert.ok(zh.includes(`    reader  (${PATH})  RamRoleArn, 角色 acs:ram::1234567890123456:role/media-reader, AccessKey LTAI…y001, 地域 cn-shanghai`));
  assert.ok(zh.includes(`    ecs  (${PATH})  不可用：配置 "ecs" 使用模式 "EcsRamRole"，暂不支持（支持：AK, StsToken, RamRoleArn, ChainableRamRoleArn）`));
  assert.ok(zh.includes(`    loop-a  (${PATH})  不可用：配置 "loop-a" 的 source_profile 形成循环（loop-a → loop-b → loop-a）`));
  assert.ok(zh.includes(`    half  (${PATH})  不可用：配置 "half"（模式 AK）缺少 access_key_id 或 access_key_secret`));
  assert.ok(zh.includes('* = 未给出 --profile 时所用的'));
  const en = await profiles('en');
  assert.equal(en[0], 'Alibaba Cloud:');
  assert.ok(en.includes(`  * dev  (${PATH})  AK, key LTAI…y001, region cn-shanghai`));
  assert.ok(en.includes(`    loop-a  (${PATH})  unusable: profile "loop-a" has a source_profile cycle (loop-a → loop-b → loop-a)`));
});

test('a chain into a cycle reports the cycle itself in both languages (a flag, not the words, says it is one)', () => {
  const text = JSON.stringify({
    profiles: [
      { name: 'top', mode: 'ChainableRamRoleArn', source_profile: 'loop-a', ram_role_arn: 'acs:ram::1234567890123456:role/top' },
      { name: 'loop-a', mode: 'ChainableRamRoleArn', source_profile: 'loop-b', ram_role_arn: 'acs:ram::1234567890123456:role/a' },
      { name: 'loop-b', mode: 'ChainableRamRoleArn', source_profile: 'loop-a', ram_role_arn: 'acs:ram::1234567890123456:role/b' },
      { name: 'broken-source', mode: 'ChainableRamRoleArn', source_profile: 'half', ram_role_arn: 'acs:ram::1234567890123456:role/c' },
      { name: 'half', mode: 'AK', access_key_id: 'LTAI5tHalfProfileKey0001' },
    ],
  });
  const problem = (name: string): string | null => {
    const c = parseAliyunCliProfiles(text);
    assert.ok(!('error' in c));
    return c.entries.find((e) => e.name === name)!.problem;
  };
  assert.equal(problem('top'), 'profile "top" has a source_profile cycle (top → loop-a → loop-b → loop-a)');
  assert.equal(inChinese(() => problem('top')), '配置 "top" 的 source_profile 形成循环（top → loop-a → loop-b → loop-a）');
  assert.equal(problem('broken-source'), 'profile "broken-source": its source_profile: profile "half" (mode AK) lacks access_key_id or access_key_secret');
  assert.equal(inChinese(() => problem('broken-source')), '配置 "broken-source"：其 source_profile：配置 "half"（模式 AK）缺少 access_key_id 或 access_key_secret');
  assert.deepEqual(inChinese(() => parseAliyunCliProfiles('{')), { error: 'aliyun CLI 配置不是有效的 JSON' });
});

test('the extension\'s import of ~/.aliyun/config.json: its reasons in zh-cn, English unchanged', () => {
  const sts = JSON.stringify({ current: 'ci', profiles: [{ name: 'ci', mode: 'StsToken', access_key_id: 'STS.x', access_key_secret: 'y' }] });
  assert.deepEqual(parseAliyunCliConfig(sts), { ok: false, reason: 'profile "ci" (mode StsToken) has no sts_token' });
  assert.deepEqual(inChinese(() => parseAliyunCliConfig(sts)), { ok: false, reason: '配置 "ci"（模式 StsToken）没有 sts_token' });
  assert.deepEqual(inChinese(() => parseAliyunCliConfig(TEXT, 'nobody')), {
    ok: false, reason: 'aliyun CLI 配置中没有名为 "nobody" 的配置（配置："dev", "customer", "ci", "reader", "customer-role", "legacy", "ecs", "oidc", "sso", "external", "loop-a", "loop-b", "half"）',
  });
  assert.deepEqual(inChinese(() => parseAliyunCliConfig('{"profiles":[]}')), { ok: false, reason: 'aliyun CLI 配置中没有配置（请运行 `aliyun configure`）' });
  assert.match(inChinese(() => { const r = parseAliyunCliConfig(TEXT, 'reader'); return r.ok ? '' : r.reason; }), /^配置 "reader" 使用模式 "RamRoleArn"，本扩展无法导入/);
});

test('STS role checks and profile names: Chinese words, the ARN and the limits as given', () => {
  const role = { source: { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 's' }, roleArn: 'arn:bad', roleSessionName: 'media-jobs', durationSeconds: 3600 };
  assert.equal(checkRole(role)?.message, 'the role ARN "arn:bad" does not look like acs:ram::<account id>:role/<name>');
  assert.equal(inChinese(() => checkRole(role)?.message), '角色 ARN "arn:bad" 不符合 acs:ram::<account id>:role/<name> 的格式');
  const short = { ...role, roleArn: 'acs:ram::1234567890123456:role/r', durationSeconds: 60 };
  assert.equal(checkRole(short)?.message, 'the role session duration 60 s is below STS\'s minimum of 900 s');
  assert.equal(inChinese(() => checkRole(short)?.message), '角色会话时长 60 秒低于 STS 的最小值 900 秒');
  assert.equal(checkProfileName('x'.repeat(65)), 'A profile name has at most 64 characters');
  assert.equal(inChinese(() => checkProfileName('')), '需要配置名称');
});
