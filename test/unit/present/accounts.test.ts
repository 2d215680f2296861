import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountsDescription, accountsStatus } from '../../../src/present/accounts.js';

test('the view title names each cloud\'s default account; nothing without profiles', () => {
  assert.equal(accountsDescription({ aliyun: { default: 'dev', count: 2 }, huawei: { default: 'default', count: 1 } }), 'Alibaba Cloud: dev · Huawei Cloud: default');
  assert.equal(accountsDescription({}), '');
  assert.equal(accountsDescription({ huawei: { default: 'a\u0007b', count: 1 } }), 'Huawei Cloud: a?b');
});

test('the status bar switch shows only where there is a choice, naming the cloud when both have one', () => {
  assert.equal(accountsStatus({ aliyun: { default: 'dev', count: 1 }, huawei: { default: 'default', count: 1 } }), null);
  assert.equal(accountsStatus({ aliyun: { default: 'customer', count: 2 }, huawei: { default: 'default', count: 1 } })?.text, '$(account) customer');
  const both = accountsStatus({ aliyun: { default: 'customer', count: 2 }, huawei: { default: 'hw-prod', count: 3 } })!;
  assert.equal(both.text, '$(account) Alibaba Cloud: customer · Huawei Cloud: hw-prod');
  assert.match(both.tooltip, /Click to switch/);
});
