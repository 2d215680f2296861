/**
 * The credential checks and the profile list's messages in zh-cn (src/tracking/credentialsService.ts,
 * profilesService.ts): the words are Chinese, the field names as the consoles spell them (AccessKey ID, AK, SK),
 * the limits and the profile names as given. English is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialsService, type SecretStore, type StoredAliyun } from '../../../src/tracking/credentialsService.js';
import { ProfilesService } from '../../../src/tracking/profilesService.js';
import { setL10nBundle } from '../../../src/util/l10n.js';
import { ZH_CN_BUNDLE } from '../../support/l10n.js';

const ALI: StoredAliyun = { accessKeyId: 'LTAI5tFakeKeyId0000000001', accessKeySecret: 'FakeSecretValue0000000000000001' };

class MemorySecrets implements SecretStore {
  readonly data = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.data.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.data.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.data.delete(key);
    return Promise.resolve();
  }
}

async function message(p: () => Promise<unknown>, lang: 'en' | 'zh-cn'): Promise<string> {
  if (lang === 'zh-cn') setL10nBundle(ZH_CN_BUNDLE, 'zh-cn');
  try {
    await p();
  } catch (e) {
    return (e as Error).message;
  } finally {
    setL10nBundle(null);
  }
  assert.fail('accepted');
}

test('the key checks: Chinese words around the console\'s field names, English as before', async () => {
  const svc = new CredentialsService(new MemorySecrets());
  const cases: Array<[() => Promise<unknown>, string, string]> = [
    [() => svc.setAliyun({ ...ALI, accessKeyId: '' }), 'The AccessKey ID is empty', 'AccessKey ID为空'],
    [() => svc.setAliyun({ ...ALI, accessKeySecret: 'short' }), 'The AccessKey secret is too short (5 characters; at least 8)', 'AccessKey Secret太短（5 个字符；至少 8 个）'],
    [() => svc.setAliyun({ ...ALI, accessKeyId: ALI.accessKeySecret }), 'The AccessKey ID and secret are the same value; paste each in its own box', 'AccessKey ID 与 AccessKey Secret 的值相同；请分别粘贴到各自的输入框'],
    [() => svc.setAliyun({ ...ALI, defaultRegion: 'shanghai please' }), 'The default region is not a region name (regions look like cn-shanghai or cn-north-4)', '默认地域不是地域名（地域形如 cn-shanghai 或 cn-north-4）'],
    [() => svc.setAliyun({ ...ALI, roles: [{ roleArn: 'arn:x', roleSessionName: 'media-jobs', durationSeconds: 3600 }] }), 'The role: the ARN does not look like acs:ram::<account id>:role/<name>', '角色：ARN 不符合 acs:ram::<account id>:role/<name> 的格式'],
  ];
  for (const [run, en, zh] of cases) {
    assert.equal(await message(run, 'en'), en);
    assert.equal(await message(run, 'zh-cn'), zh);
  }
});

test('the profile list: a taken or unknown name in both languages, the cloud named as its console does', async () => {
  const secrets = new MemorySecrets();
  const state = new Map<string, unknown>();
  const kv = { get: <T>(k: string): T | undefined => state.get(k) as T | undefined, update: (k: string, v: unknown) => { state.set(k, v); return Promise.resolve(); } };
  const profiles = new ProfilesService(secrets, kv, new CredentialsService(secrets));
  await profiles.add('aliyun', 'dev', ALI);
  assert.equal(await message(() => profiles.add('aliyun', 'dev', ALI), 'en'), 'There is already a Alibaba Cloud profile named "dev"');
  assert.equal(await message(() => profiles.add('aliyun', 'dev', ALI), 'zh-cn'), '已有名为 "dev" 的阿里云配置');
  assert.equal(await message(() => profiles.remove('huawei', 'nobody'), 'en'), 'No Huawei Cloud profile named "nobody"');
  assert.equal(await message(() => profiles.remove('huawei', 'nobody'), 'zh-cn'), '没有名为 "nobody" 的华为云配置');
});
