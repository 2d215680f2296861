/** package.json contributions and the code agree: command ids, settings, view, menus. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, VIEW_ID } from '../../src/constants.js';

const ROOT = join(__dirname, '..', '..');
// The English of the manifest's %key% placeholders (package.nls.json), as VS Code shows them without a language pack.
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const english = (s: string): string => s.replace(/^%([^%\s]+)%$/, (whole, key: string) => nls[key] ?? whole);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string; title: string; category: string }>;
    views: Record<string, Array<{ id: string }>>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    configuration: Array<{ properties: Record<string, { scope?: string }> }>;
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  engines: { vscode: string };
};

test('every contributed command is in constants.ts and the other way round, all in category "Media Jobs"', () => {
  const contributed = pkg.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(COMMANDS).sort());
  for (const c of pkg.contributes.commands) assert.equal(english(c.category), 'Media Jobs', c.command);
});

test('menus only name contributed commands', () => {
  const ids = new Set(Object.values(COMMANDS) as string[]);
  for (const [menu, items] of Object.entries(pkg.contributes.menus)) {
    for (const i of items) assert.ok(ids.has(i.command), `${menu}: ${i.command}`);
  }
});

test('the view is contributed', () => {
  assert.ok(Object.values(pkg.contributes.views).flat().some((v) => v.id === VIEW_ID));
});

test('settings that steer signed requests cannot come from a workspace', () => {
  const props = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Record<string, { scope?: string }>;
  for (const key of ['mediaJobs.endpoints', 'mediaJobs.signatureVersion']) {
    assert.equal(props[key]?.scope, 'application', key);
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(key), key);
  }
  for (const key of Object.keys(props)) assert.match(key, /^mediaJobs\./);
  assert.equal(pkg.engines.vscode, '^1.100.0');
});
