/**
 * The emulator's accounts. Fixed values, so the demo can print env lines once and tests can name them.
 * The STS token and secrets deliberately contain `+`, `/` and `=`: they must survive percent-encoding.
 * None of these are real credentials; they only open the loopback emulator.
 */

export interface EmulatorCredentials {
  aliyun: { accessKeyId: string; accessKeySecret: string };
  aliyunSts: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  huawei: { ak: string; sk: string; projectId: string };
  /** Huawei temporary AK/SK: requests must carry X-Security-Token. */
  huaweiTemp: { ak: string; sk: string; securityToken: string; projectId: string };
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
};

export interface AliyunKey {
  secret: string;
  /** Present for STS keys: requests must carry exactly this token. */
  securityToken: string | null;
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
  ]);
}

export function huaweiKeys(c: EmulatorCredentials): Map<string, HuaweiKey> {
  return new Map([
    [c.huawei.ak, { sk: c.huawei.sk, securityToken: null, projectId: c.huawei.projectId }],
    [c.huaweiTemp.ak, { sk: c.huaweiTemp.sk, securityToken: c.huaweiTemp.securityToken, projectId: c.huaweiTemp.projectId }],
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
