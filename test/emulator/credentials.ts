/**
 * The emulator's accounts. Fixed values, so the demo can print env lines once and tests can name them.
 * The STS token and secrets deliberately contain `+`, `/` and `=`: they must survive percent-encoding.
 * None of these are real credentials; they only open the loopback emulator.
 */

export interface EmulatorCredentials {
  aliyun: { accessKeyId: string; accessKeySecret: string };
  /** A second Alibaba Cloud account (another RAM user), so two accounts can be polled side by side. */
  aliyun2: { accessKeyId: string; accessKeySecret: string };
  aliyunSts: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  huawei: { ak: string; sk: string; projectId: string };
  /** Huawei temporary AK/SK: requests must carry X-Security-Token. */
  huaweiTemp: { ak: string; sk: string; securityToken: string; projectId: string };
  /** A second Huawei Cloud account (same project id: the emulator serves one project). */
  huawei2: { ak: string; sk: string; projectId: string };
  /** RAM roles `AssumeRole` can assume, and which AccessKeys (or assumed roles) are trusted to assume each. */
  roles: ReadonlyArray<{ arn: string; maxSessionSeconds: number; trusted: readonly string[] }>;
}

export const EMULATOR_PROJECT_ID = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

export const EMULATOR_CREDENTIALS: EmulatorCredentials = {
  aliyun: { accessKeyId: 'LTAI5tEmuLat0rTestKey001', accessKeySecret: 'EmuLat0rAliyunSecret+/=000000' },
  aliyunSts: {
    accessKeyId: 'STS.NTEmuLat0rStsKey001',
    accessKeySecret: 'EmuLat0rStsSecret000000000000000',
    securityToken: 'CAIS8wF1q6Ft5B2yfSjIr5bTEmuLat0r+Sts/Token==',
  },
  huawei: { ak: 'HPUAEMULAT0R0TESTAK1', sk: 'EmuLat0rHuaweiSecretKey0000000000000000', projectId: EMULATOR_PROJECT_ID },
  huaweiTemp: {
    ak: 'HSTAEMULAT0R0TEMPAK1',
    sk: 'EmuLat0rHuaweiTempSecretKey000000000000',
    securityToken: 'gQpjbi1ub3J0aC00EmuLat0rTempSecurityToken+/=',
    projectId: EMULATOR_PROJECT_ID,
  },
  aliyun2: { accessKeyId: 'LTAI5tEmuLat0rSecondKey02', accessKeySecret: 'EmuLat0rAliyunSecondSecret+/=02' },
  huawei2: { ak: 'HPUAEMULAT0R0SECOND2', sk: 'EmuLat0rHuaweiSecondSecretKey00000000002', projectId: EMULATOR_PROJECT_ID },
  roles: [
    // Trusted by the first account's RAM user; the second role may be assumed from the first (role chaining).
    { arn: 'acs:ram::1234567890123456:role/media-reader', maxSessionSeconds: 3600, trusted: ['LTAI5tEmuLat0rTestKey001'] },
    { arn: 'acs:ram::6543210987654321:role/customer-media', maxSessionSeconds: 3600, trusted: ['role:acs:ram::1234567890123456:role/media-reader'] },
  ],
};

export interface AliyunKey {
  secret: string;
  /** Present for STS keys: requests must carry exactly this token. */
  securityToken: string | null;
  /** Temporary keys from AssumeRole: when they stop working (ms, emulator clock), and which role they act as. */
  expiresAt?: number;
  role?: string;
}

export interface HuaweiKey {
  sk: string;
  securityToken: string | null;
  projectId: string;
}

export function aliyunKeys(c: EmulatorCredentials): Map<string, AliyunKey> {
  return new Map([
    [c.aliyun.accessKeyId, { secret: c.aliyun.accessKeySecret, securityToken: null }],
    [c.aliyunSts.accessKeyId, { secret: c.aliyunSts.accessKeySecret, securityToken: c.aliyunSts.securityToken }],
    [c.aliyun2.accessKeyId, { secret: c.aliyun2.accessKeySecret, securityToken: null }],
  ]);
}

export function huaweiKeys(c: EmulatorCredentials): Map<string, HuaweiKey> {
  return new Map([
    [c.huawei.ak, { sk: c.huawei.sk, securityToken: null, projectId: c.huawei.projectId }],
    [c.huaweiTemp.ak, { sk: c.huaweiTemp.sk, securityToken: c.huaweiTemp.securityToken, projectId: c.huaweiTemp.projectId }],
    [c.huawei2.ak, { sk: c.huawei2.sk, securityToken: null, projectId: c.huawei2.projectId }],
  ]);
}

/** The emulator's main accounts as the environment variables the extension and `media-jobs` read. */
export function credentialEnv(emu: { credentials: EmulatorCredentials }): Record<string, string> {
  const c = emu.credentials;
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: c.aliyun.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: c.aliyun.accessKeySecret,
    HUAWEICLOUD_SDK_AK: c.huawei.ak,
    HUAWEICLOUD_SDK_SK: c.huawei.sk,
    HUAWEICLOUD_SDK_PROJECT_ID: c.huawei.projectId,
  };
}
