/**
 * Reading the settings (settingsFrom over a fake configuration): what steers signed requests (endpoints, the
 * signature version, the default regions) comes from the user's value only; a workspace's value is ignored and
 * reported; a default region that is not a region name is replaced by the built-in one and reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessSettingsChanged, type ConfigReader, settingsFrom } from '../../../src/platform/settingsModel.js';

interface Layer { global?: unknown; workspace?: unknown; folder?: unknown }

/** A configuration like VS Code's: get() is the merged value (folder over workspace over user), inspect() each layer. */
function config(values: Record<string, Layer>): ConfigReader {
  return {
    get<T>(key: string, defaultValue: T): T {
      const l = values[key];
      return (l?.folder ?? l?.workspace ?? l?.global ?? defaultValue) as T;
    },
    inspect<T>(key: string) {
      const l = values[key];
      return l ? { globalValue: l.global as T, workspaceValue: l.workspace as T, workspaceFolderValue: l.folder as T } : undefined;
    },
  };
}

test('default regions: built-in without a setting, the user value when set', () => {
  assert.deepEqual(settingsFrom(config({})).defaultRegions, { aliyun: 'cn-shanghai', huawei: 'cn-north-4' });
  const s = settingsFrom(config({ 'defaultRegion.aliyun': { global: 'cn-beijing' }, 'defaultRegion.huawei': { global: 'ap-southeast-1' } }));
  assert.deepEqual(s.defaultRegions, { aliyun: 'cn-beijing', huawei: 'ap-southeast-1' });
  assert.deepEqual(s.endpointProblems, []);
});

test('default regions: a workspace (or folder) value never chooses the region of signed requests, and is reported', () => {
  const s = settingsFrom(config({
    'defaultRegion.aliyun': { global: 'cn-beijing', workspace: 'us-west-1' },
    'defaultRegion.huawei': { folder: 'la-south-2' },
  }));
  assert.deepEqual(s.defaultRegions, { aliyun: 'cn-beijing', huawei: 'cn-north-4' });
  assert.equal(s.endpointProblems.length, 2);
  assert.match(s.endpointProblems[0]!, /mediaJobs\.defaultRegion\.aliyun in workspace settings is ignored/);
  assert.match(s.endpointProblems[1]!, /mediaJobs\.defaultRegion\.huawei in workspace settings is ignored/);
});

test('default regions: a user value that is not a region name is not used', () => {
  for (const bad of ['evil.example.com/x', 'CN-SHANGHAI', 'cn-shanghai?x=1', 42, ['cn-beijing']]) {
    const s = settingsFrom(config({ 'defaultRegion.aliyun': { global: bad } }));
    assert.equal(s.defaultRegions.aliyun, 'cn-shanghai', String(bad));
    assert.match(s.endpointProblems.join(), /mediaJobs\.defaultRegion\.aliyun is not a region name/);
  }
});

test('endpoints and signature version: user value only, the workspace value reported', () => {
  const s = settingsFrom(config({
    endpoints: { global: { ice: 'http://127.0.0.1:8080/' }, workspace: { ice: 'http://127.0.0.1:9' } },
    signatureVersion: { workspace: 'v1' },
  }), ['ws/.vscode/settings.json']);
  assert.deepEqual(s.endpoints, { ice: 'http://127.0.0.1:8080' });
  assert.equal(s.signature, 'v3');
  assert.match(s.endpointProblems.join(), /mediaJobs\.endpoints in workspace settings \(ws\/\.vscode\/settings\.json\) is ignored/);
  const bad = settingsFrom(config({ endpoints: { global: { vod: 'http://evil.example', ice: 'https://u:p@x.example' } } }));
  assert.deepEqual(bad.endpoints, {});
  assert.equal(bad.endpointProblems.length, 2);
});

test('package.json: default regions are application-scoped and restricted in untrusted workspaces, like the endpoints', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    contributes: { configuration: { properties: Record<string, { scope?: string }> } | Array<{ properties: Record<string, { scope?: string }> }> };
  };
  const sections = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
  const props = Object.assign({}, ...sections.map((c) => c.properties)) as Record<string, { scope?: string }>;
  const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of ['mediaJobs.endpoints', 'mediaJobs.signatureVersion', 'mediaJobs.defaultRegion.aliyun', 'mediaJobs.defaultRegion.huawei']) {
    assert.ok(['application', 'machine'].includes(props[key]?.scope ?? ''), `${key} scope`);
    assert.ok(restricted.includes(key), `${key} restricted`);
  }
});

test('http.proxy: VS Code\'s proxy from user settings, with http.noProxy; off with http.proxySupport "off"', () => {
  const proxy = (http: Record<string, Layer>) => {
    const s = settingsFrom(config({}), [], config(http));
    return { proxy: s.proxy, problems: s.endpointProblems };
  };
  assert.equal(settingsFrom(config({})).proxy, null, 'no http section read: the environment decides');
  assert.equal(proxy({}).proxy, null);
  assert.deepEqual(proxy({ proxy: { global: 'http://proxy.corp.example:3128' }, noProxy: { global: ['.internal', ' ', 7] } }).proxy, {
    url: 'http://proxy.corp.example:3128/',
    noProxy: ['.internal'],
  });
  assert.equal(proxy({ proxy: { global: 'proxy.corp.example:3128' } }).proxy?.url, 'http://proxy.corp.example:3128/');
  assert.equal(proxy({ proxy: { global: 'http://proxy.corp.example:3128' }, proxySupport: { global: 'off' } }).proxy, null);
  // A workspace cannot route signed requests through its own proxy.
  assert.equal(proxy({ proxy: { workspace: 'http://attacker.example:8080' } }).proxy, null);
  // Not a URL: reported without echoing the value (it may hold a password), and not used.
  const bad = proxy({ proxy: { global: 'socks5://user:hunter2@proxy:1080' } });
  assert.equal(bad.proxy, null);
  assert.equal(bad.problems.length, 1);
  assert.doesNotMatch(bad.problems[0]!, /hunter2/);
});

test('accessSettingsChanged: endpoints, signature, default regions and proxy rebuild the clients; key order and other settings do not', () => {
  const base = settingsFrom(config({ endpoints: { global: { ice: 'https://ice.example.com', vod: 'https://vod.example.com' } } }));
  const reordered = settingsFrom(config({ endpoints: { global: { vod: 'https://vod.example.com', ice: 'https://ice.example.com' } } }));
  assert.equal(accessSettingsChanged(base, reordered), false);
  assert.equal(accessSettingsChanged(base, { ...base, pollIntervalMs: base.pollIntervalMs + 1000, logLevel: 'debug' }), false);
  assert.equal(accessSettingsChanged(base, { ...base, endpoints: { ice: 'https://ice.example.com' } }), true);
  assert.equal(accessSettingsChanged(base, { ...base, endpoints: { ...base.endpoints, vod: 'https://other.example.com' } }), true);
  assert.equal(accessSettingsChanged(base, { ...base, signature: base.signature === 'v3' ? 'v1' : 'v3' }), true);
  assert.equal(accessSettingsChanged(base, { ...base, defaultRegions: { ...base.defaultRegions, huawei: 'cn-east-3' } }), true);
  const proxied = { ...base, proxy: { url: 'http://proxy.example.com:3128', noProxy: ['localhost'] } };
  assert.equal(accessSettingsChanged(base, proxied), true);
  assert.equal(accessSettingsChanged(proxied, { ...proxied, proxy: { url: 'http://proxy.example.com:3128', noProxy: ['localhost'] } }), false);
  assert.equal(accessSettingsChanged(proxied, { ...proxied, proxy: { url: 'http://proxy.example.com:3128', noProxy: ['localhost', '127.0.0.1'] } }), true);
});
