/**
 * Error hints and error lines in zh-cn: the advice is Chinese, while the error code, the API name, the HTTP status,
 * the request id and the cloud's own message stay exactly as the cloud sent them. English is unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hintForError, jobErrorHint, withHint } from '../../../src/clouds/errorHints.js';
import { ApiError, describeError, NetworkError } from '../../../src/clouds/errors.js';
import { KINDS } from '../../../src/clouds/adapters/registry.js';
import type * as CoreEntry from '../../../src/clouds/coreEntry.js';
import { ZH_CN_BUNDLE, inChinese } from '../../support/l10n.js';

const ICE = 'ice:GetMediaProducingJob';
const ctx = { api: ICE, retention: '1 year', region: 'cn-shanghai' };

test('zh-cn: a RAM permission hint is Chinese and names the permission as the cloud spells it', () => {
  const e = new ApiError('aliyun', ICE, 'Forbidden.RAM', 'User not authorized to operate on the specified resource.', 403, 'REQ-1');
  const zh = inChinese(() => hintForError(e, ctx));
  assert.equal(zh, 'RAM 用户或角色缺少权限 ice:GetMediaProducingJob；请在 RAM 控制台授予（允许 "ice:GetMediaProducingJob" 的策略）');
  assert.equal(hintForError(e, ctx), 'the RAM user or role lacks permission ice:GetMediaProducingJob; grant it in the RAM console (a policy allowing "ice:GetMediaProducingJob")');
});

test('zh-cn: the error line keeps code, status, request id and the cloud\'s message; only our words change', () => {
  const e = inChinese(() => withHint(new ApiError('aliyun', ICE, 'InvalidParameter.JobId', 'The specified parameter "JobId" is not valid.', 400, 'REQ-2'), ctx));
  const zh = inChinese(() => describeError(e));
  assert.equal(zh, 'ice:GetMediaProducingJob 失败：InvalidParameter.JobId（HTTP 400）：The specified parameter "JobId" is not valid.; 请求 ID REQ-2; 提示：请求因无效被拒绝：请检查作业 ID 及其附加参数');
  const en = withHint(new ApiError('aliyun', ICE, 'InvalidParameter.JobId', 'The specified parameter "JobId" is not valid.', 400, 'REQ-2'), ctx);
  assert.equal(describeError(en), 'ice:GetMediaProducingJob failed: InvalidParameter.JobId (HTTP 400): The specified parameter "JobId" is not valid.; request id REQ-2; hint: the request was rejected as invalid: check the job id and its extra parameters');
});

test('zh-cn: not-found, throttling, network and job hints are Chinese with their figures filled in', () => {
  inChinese(() => {
    assert.equal(hintForError(new ApiError('aliyun', ICE, 'JobNotFound', 'm', 404, null), ctx), '未找到，或早于此 API 的保留期 (1 year)；请检查 ID 和地域（地域 cn-shanghai）');
    assert.equal(hintForError(new ApiError('aliyun', ICE, 'Throttling.User', 'm', 400, null), { ...ctx, attempts: 4 }), '被云端限流，已重试 3 次：请放慢（调大轮询间隔或同时跟踪更少的作业）');
    assert.match(hintForError(new NetworkError(ICE, 'ENOTFOUND', 'getaddrinfo ENOTFOUND ice.cn-x.aliyuncs.com'), ctx) ?? '', /^主机名无法解析/);
    assert.equal(jobErrorHint({ code: 'InvalidParameter.Timeline', message: 'bad' }), '作业因无效被拒绝：请检查消息中提到的模板和参数');
  });
});

test('zh-cn: an adapter\'s own advice (MPC codes) and a kind\'s retention window are Chinese; the MPC code stays', () => {
  const mpc = { api: 'mpc:ListEditingJobs', retention: KINDS['mpc-editing'].retention, region: 'cn-north-4', apiHint: KINDS['mpc-editing'].apiErrorHint };
  inChinese(() => {
    assert.equal(hintForError(new ApiError('huawei', mpc.api, 'MPC.10053', 'file not found', 400, null), mpc), 'MPC.10053: 在 OBS 中找不到输入文件；请检查桶和对象路径');
    assert.equal(hintForError(new ApiError('huawei', mpc.api, 'MPC.19999', 'other', 400, null), mpc), 'MPC 服务错误 MPC.19999；请查看 MPC 错误码列表');
    assert.match(hintForError(new ApiError('aliyun', ICE, 'JobNotFound', 'm', 404, null), { ...ctx, retention: KINDS.ice.retention }) ?? '', /保留期 \(一年\)/);
    assert.equal(jobErrorHint({ code: 'InvalidParameter', message: 'bad' }, KINDS.ice.jobHints), '作业因无效被拒绝：请检查消息中提到的 Timeline、模板参数或输出设置');
  });
  assert.equal(hintForError(new ApiError('huawei', mpc.api, 'MPC.10053', 'file not found', 400, null), mpc), 'MPC.10053: the input file was not found in OBS; check the bucket and object path');
  assert.equal(jobErrorHint({ code: 'InvalidParameter', message: 'bad' }, KINDS.ice.jobHints), 'the job was rejected as invalid: check the Timeline, the template parameters or the output settings named in the message');
});

test('dist/cloud-core.js has its own catalog: the host feeds it through the bundle\'s setL10nBundle', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, as extension.ts loads it
  const core = require(join(__dirname, '..', '..', '..', 'dist', 'cloud-core.js')) as typeof CoreEntry;
  const message = (): string => {
    try {
      core.validateEndpoint('http://example.com');
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };
  try {
    core.setL10nBundle(ZH_CN_BUNDLE, 'zh-cn');
    assert.equal(message(), 'endpoint http://example.com 使用了明文 http');
  } finally {
    core.setL10nBundle(null);
  }
  assert.equal(message(), 'endpoint http://example.com uses plain http');
});
