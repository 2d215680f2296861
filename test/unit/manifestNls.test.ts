/**
 * The manifest is localized the VS Code way (https://code.visualstudio.com/api/references/extension-manifest):
 * every string package.json shows users is a %key%, each key has its English in package.nls.json and its Chinese
 * in package.nls.zh-cn.json, and neither file holds a key package.json does not use. The rules are
 * scripts/nls-manifest.mjs's own (the script that converts new raw strings), so the two cannot drift.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as NlsScript from '../../scripts/nls-manifest.mjs';

const ROOT = join(__dirname, '..', '..');
const json = (name: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, name), 'utf8')) as Record<string, string>;
const script = (): Promise<typeof NlsScript> => import('../../scripts/nls-manifest.mjs');

test('every user-visible manifest string is a %key% with English and Chinese, and no nls key is unused', async () => {
  const { manifestStrings, manifestProblems } = await script();
  const pkg = json('package.json');
  const { raw, missingEn, missingZh, unusedEn, unusedZh } = manifestProblems(pkg, json('package.nls.json'), json('package.nls.zh-cn.json'));
  assert.deepEqual({ raw, missingEn, missingZh, unusedEn, unusedZh }, { raw: [], missingEn: [], missingZh: [], unusedEn: [], unusedZh: [] });
  // The scan reaches every kind of string: commands, settings, enum descriptions, views, the welcome text.
  const paths = manifestStrings(pkg).map((s) => s.path);
  assert.ok(paths.length >= 70, `manifest strings found: ${paths.length}`);
  for (const want of ['displayName', 'commands.mediaJobs.trackJob.title', 'commands.mediaJobs.trackJob.category', 'configuration.mediaJobs.notifications.enumDescriptions.failures', 'views.mediaJobs.jobs.name', 'viewsWelcome.mediaJobs.jobs.1', 'viewsContainers.activitybar.mediaJobs']) {
    assert.ok(paths.includes(want), `not scanned: ${want}`);
  }
});

test('the check fails on a raw title, a key missing in one language, and an unused key', async () => {
  const { manifestProblems } = await script();
  const pkg = {
    displayName: '%extension.displayName%',
    contributes: {
      commands: [{ command: 'x.a', title: 'Raw Title', category: '%category.X%' }],
      configuration: { title: '%configuration.title%', properties: { 'x.mode': { enum: ['on', 'off'], enumDescriptions: ['%x.mode.enum.on%', 'Off.'] } } },
    },
  };
  const en = { 'extension.displayName': 'X', 'category.X': 'X', 'configuration.title': 'X', 'x.mode.enum.on': 'On.', stale: 's' };
  const zh = { 'extension.displayName': '某', 'category.X': '某', 'x.mode.enum.on': '开。' };
  const p = manifestProblems(pkg, en, zh);
  assert.deepEqual(p.raw, ['commands.x.a.title: "Raw Title"', 'configuration.x.mode.enumDescriptions.off: "Off."']);
  assert.deepEqual(p.missingEn, []);
  assert.deepEqual(p.missingZh, ['configuration.title']);
  assert.deepEqual(p.unusedEn, ['stale']);
  assert.deepEqual(p.unusedZh, []);
});

test('the keys are named after the string\'s place, so a new string gets a predictable key', async () => {
  const { manifestStrings } = await script();
  const pkg = {
    contributes: {
      commands: [{ command: 'mediaJobs.newThing', title: 'New Thing', category: 'Media Jobs' }],
      configuration: { title: 'T', properties: { 'mediaJobs.x': { markdownDescription: 'M', enum: ['a'], enumDescriptions: ['A'], properties: { ice: { description: 'I' } } } } },
    },
  };
  assert.deepEqual(manifestStrings(pkg).map((s) => s.key), [
    'mediaJobs.newThing.title', 'category.MediaJobs', 'configuration.title',
    'mediaJobs.x.markdownDescription', 'mediaJobs.x.enum.a', 'mediaJobs.x.ice.description',
  ]);
});

test('the English nls texts are the manifest\'s English: the category every command shows, the extension name', () => {
  const en = json('package.nls.json');
  const pkg = json('package.json');
  assert.equal(en[pkg.displayName!.slice(1, -1)], 'Media Job Inspector');
  assert.equal(en['category.MediaJobs'], 'Media Jobs');
  assert.equal(json('package.nls.zh-cn.json')['category.MediaJobs'], '媒体作业');
});
