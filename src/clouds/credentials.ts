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

export interface Credentials {
  aliyun?: AliyunCredentials;
  huawei?: HuaweiCredentials;
}
