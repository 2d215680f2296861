import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoint as resolve, validateEndpoint } from '../../../src/clouds/endpoints.js';
import { ConfigError } from '../../../src/clouds/errors.js';
import { ENDPOINTS, type EndpointProduct } from '../../../src/clouds/adapters/registry.js';

/** A product's origin for a region, from the adapters' tables. */
const resolveEndpoint = (product: EndpointProduct, region: string, override?: string): string =>
  resolve({ product, origins: ENDPOINTS[product] }, region, override);

test('regional hosts and the documented quirks', () => {
  assert.equal(resolveEndpoint('ice', 'cn-beijing'), 'https://ice.cn-beijing.aliyuncs.com');
  assert.equal(resolveEndpoint('vod', 'cn-hangzhou'), 'https://vod.cn-shanghai.aliyuncs.com');
  assert.equal(resolveEndpoint('live', 'cn-shanghai'), 'https://live.aliyuncs.com');
  assert.equal(resolveEndpoint('live', 'ap-southeast-1'), 'https://live.ap-southeast-1.aliyuncs.com');
  assert.equal(resolveEndpoint('live', 'eu-central-1'), 'https://live.eu-central-1.aliyuncs.com');
  assert.equal(resolveEndpoint('mpc', 'cn-north-4'), 'https://mpc.cn-north-4.myhuaweicloud.com');
  assert.equal(resolveEndpoint('mpc', 'cn-north-1'), 'https://mts.cn-north-1.myhuaweicloud.com');
});

test('a region missing from the table is a clear error unless an endpoint is given', () => {
  assert.throws(() => resolveEndpoint('ice', 'xx-nowhere-1'), (e: unknown) =>
    e instanceof ConfigError && /xx-nowhere-1/.test(e.message) && /cn-shanghai/.test(e.hint ?? ''));
  assert.equal(resolveEndpoint('ice', 'xx-nowhere-1', 'https://gw.example.com'), 'https://gw.example.com');
});

test('endpoint overrides: https anywhere, http only to loopback, no path, no userinfo', () => {
  assert.equal(validateEndpoint('https://ice-vpc.cn-shanghai.aliyuncs.com/'), 'https://ice-vpc.cn-shanghai.aliyuncs.com');
  assert.equal(validateEndpoint('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.equal(validateEndpoint('http://localhost:1'), 'http://localhost:1');
  assert.equal(validateEndpoint('http://[::1]:9'), 'http://[::1]:9');
  for (const bad of ['http://evil.example.com', 'http://127.0.0.1.evil.com', 'ftp://x', 'not a url', 'https://a/b', 'https://u:p@h', 'https://h/?q=1', 'file:///etc/passwd']) {
    assert.throws(() => validateEndpoint(bad), ConfigError, bad);
  }
});
