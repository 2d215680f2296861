/** Credentials from the standard environment variables of both clouds' CLIs and SDKs. */
import { type Credentials } from '../clouds/credentials.js';

export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  const out: Credentials = {};
  const id = env.ALIBABA_CLOUD_ACCESS_KEY_ID?.trim();
  const secret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET?.trim();
  if (id && secret) {
    out.aliyun = { accessKeyId: id, accessKeySecret: secret };
    const token = env.ALIBABA_CLOUD_SECURITY_TOKEN?.trim();
    if (token) out.aliyun.securityToken = token;
  }
  const ak = env.HUAWEICLOUD_SDK_AK?.trim();
  const sk = env.HUAWEICLOUD_SDK_SK?.trim();
  if (ak && sk) {
    out.huawei = { ak, sk };
    const project = env.HUAWEICLOUD_SDK_PROJECT_ID?.trim();
    if (project) out.huawei.projectId = project;
    const token = env.HUAWEICLOUD_SDK_SECURITY_TOKEN?.trim();
    if (token) out.huawei.securityToken = token;
  }
  return out;
}

/** Every secret in the credentials with the variable it came from, so output can be scrubbed of them. */
export function secretEntries(c: Credentials): Array<{ variable: string; value: string }> {
  const all: Array<[string, string | undefined]> = [
    ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', c.aliyun?.accessKeySecret],
    ['ALIBABA_CLOUD_SECURITY_TOKEN', c.aliyun?.securityToken],
    ['HUAWEICLOUD_SDK_SK', c.huawei?.sk],
    ['HUAWEICLOUD_SDK_SECURITY_TOKEN', c.huawei?.securityToken],
  ];
  return all.flatMap(([variable, value]) => (typeof value === 'string' && value.length > 0 ? [{ variable, value }] : []));
}

/** Every secret value in the credentials, so output can be checked (and scrubbed) for them. */
export function secretValues(c: Credentials): string[] {
  return secretEntries(c).map((e) => e.value);
}
