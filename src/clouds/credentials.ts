/** Credentials as the cloud layer takes them. Where they come from (env, SecretStorage) is the caller's business. */
export interface AliyunCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS security token, with an `STS.` AccessKey id. */
  securityToken?: string;
}

export interface HuaweiCredentials {
  ak: string;
  sk: string;
  /** Temporary credentials' security token. */
  securityToken?: string;
  /** Project id to use where a job reference names none. */
  projectId?: string;
  /** Project id per region (Huawei projects are per region). */
  projectIds?: Readonly<Record<string, string>>;
}

/**
 * The Huawei project a request for `region` goes to: the reference's own, else the credentials' project for that
 * region, else their one project id; undefined when none is known. (The client's fetch and list, and the copied
 * hcloud command, all take it from here.)
 */
export function huaweiProjectId(own: string | undefined, huawei: HuaweiCredentials | undefined, region: string): string | undefined {
  return own || huawei?.projectIds?.[region] || huawei?.projectId || undefined;
}

export interface Credentials {
  aliyun?: AliyunCredentials;
  /**
   * A role to assume instead of `aliyun`'s keys: the client asks STS for temporary keys, signed with the
   * role's source keys, and keeps them until shortly before they expire (src/clouds/aliyun/sts.ts).
   */
  aliyunRole?: AliyunRoleCredentials;
  huawei?: HuaweiCredentials;
}

/**
 * An Alibaba Cloud RAM role to assume with STS `AssumeRole` (aliyun CLI modes RamRoleArn and ChainableRamRoleArn),
 * signed with `source`'s keys: a key pair (RamRoleArn) or another role (ChainableRamRoleArn's `source_profile`).
 * https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-assumerole
 */
export interface AliyunRoleCredentials {
  source: AliyunCredentials | AliyunRoleCredentials;
  roleArn: string;
  roleSessionName: string;
  /** 900 to the role's maximum session duration (3600 unless raised). */
  durationSeconds: number;
  /** STS region (sts.<region>.aliyuncs.com); absent: the central sts.aliyuncs.com. */
  stsRegion?: string;
  /** An STS endpoint given in full (the profile's sts_endpoint), validated like every endpoint. */
  stsEndpoint?: string;
}

export function isRoleCredentials(c: AliyunCredentials | AliyunRoleCredentials): c is AliyunRoleCredentials {
  return 'roleArn' in c;
}

/** The key pair at the bottom of a role chain (the one whose secret signs the first AssumeRole). */
export function rootKeys(c: AliyunCredentials | AliyunRoleCredentials): AliyunCredentials {
  let cur = c;
  // A chain is built by credentialChain.ts, which refuses cycles; the bound is defence in depth.
  for (let depth = 0; isRoleCredentials(cur) && depth < 16; depth++) cur = cur.source;
  if (isRoleCredentials(cur)) throw new Error('the role chain is too deep');
  return cur;
}
