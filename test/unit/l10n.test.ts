/**
 * Localization: every message the source passes to l10n.t (src/util/l10n.ts, the same keys and `{n}` placeholders
 * as vscode.l10n.t) has a translation in l10n/bundle.l10n.zh-cn.json with the same placeholders, the bundle holds
 * no key the source no longer uses, and t() fills placeholders and falls back to the English key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { l10nLocale, setL10nBundle, t } from '../../src/util/l10n.js';
import { CLOUD_LABEL, KIND_INFO } from '../../src/kinds/index.js';
import { JOB_KINDS, JOB_STATUSES, TRACK_TYPES } from '../../src/model/job.js';
import { STATUS_LABEL } from '../../src/present/status.js';
import { TRACK_LABEL } from '../../src/present/trackNames.js';
import { WINDOW_PRESETS } from '../../src/present/recentWindow.js';
import { COUNT_WORDS } from '../../src/webview/format.js';
import { KINDS } from '../../src/clouds/adapters/registry.js';
import { listableKinds, listerOf } from '../../src/clouds/adapters/listRegistry.js';
import { SCHEMA_MESSAGES } from '../../src/clouds/adapters/wire.js';

/** The fixed label tables shown through l10n.label (not literals at the call): each value needs a translation. */
const LABEL_TABLES: Record<string, readonly string[]> = {
  kinds: JOB_KINDS.map((k) => KIND_INFO[k].label),
  'kinds\' own statuses': JOB_KINDS.flatMap((k) => Object.values(KIND_INFO[k].statusLabels ?? {})),
  'kinds\' name labels': JOB_KINDS.flatMap((k) => KIND_INFO[k].nameLabel ?? []),
  'kinds\' failure hints': JOB_KINDS.flatMap((k) => { const h = KIND_INFO[k].failureHint; return h ? [h.place, h.console, ...(h.paramLabel ? [h.paramLabel] : [])] : []; }),
  'kinds\' running phases': JOB_KINDS.flatMap((k) => Object.values(KIND_INFO[k].runningPhases ?? {})),
  statuses: Object.values(STATUS_LABEL),
  // The inspector's title names a status by the model's word (`ice 7c1e… · succeeded`).
  'status words': [...JOB_STATUSES],
  clouds: Object.values(CLOUD_LABEL),
  tracks: Object.values(TRACK_LABEL),
  'recent windows': WINDOW_PRESETS.map((p) => p.label),
  'track types': [...TRACK_TYPES],
  'the kinds\' unconfirmed CLI syntax': JOB_KINDS.flatMap((k) => (KIND_INFO[k].cloudCli.unconfirmed ? [KIND_INFO[k].cloudCli.unconfirmed!] : [])),
  counts: COUNT_WORDS.flatMap((w) => [`{0} ${w}`, `{0} ${w}s`]),
  'retention windows (not-found hint)': JOB_KINDS.map((k) => KINDS[k].retention),
  'our schemas\' check messages (shown through issueMessage)': Object.values(SCHEMA_MESSAGES),
  'list sources\' notes': listableKinds().flatMap((k) => (listerOf(k)?.note !== undefined ? [listerOf(k)!.note!] : [])),
};

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The keys of every `l10n.t('…')` call (single-quoted literals, escapes read as TypeScript reads them). */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bl10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) keys.set(m[1]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)), file);
    // A call whose message is not a literal cannot be checked (nor extracted by VS Code's tooling).
    for (const m of text.matchAll(/\bl10n\.t\(\s*([^'\s)])/g)) assert.fail(`${file}: l10n.t( with a non-literal message (${m[1]}…)`);
  }
  return keys;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]!).sort();

test('every l10n.t message and every label of the label tables has a zh-cn translation with the same placeholders; no stale key', () => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = usedKeys();
  assert.ok(used.size >= 150, `messages found: ${used.size}`);
  const missing = [...used.keys()].filter((k) => !Object.hasOwn(bundle, k));
  assert.deepEqual(missing, [], 'untranslated messages');
  for (const [table, values] of Object.entries(LABEL_TABLES)) {
    const untranslated = values.filter((v) => !Object.hasOwn(bundle, v));
    assert.deepEqual(untranslated, [], `untranslated ${table}`);
  }
  const labels = new Set(Object.values(LABEL_TABLES).flat());
  const stale = Object.keys(bundle).filter((k) => !used.has(k) && !labels.has(k));
  assert.deepEqual(stale, [], 'translations of messages no longer in the source');
  for (const [k, v] of Object.entries(bundle)) {
    assert.equal(typeof v, 'string');
    assert.ok(v.trim().length > 0, `an empty translation for ${k}`);
    assert.deepEqual(placeholders(v), placeholders(k), `the placeholders of ${JSON.stringify(k)}`);
  }
});

test('package.json points VS Code at the l10n folder', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { l10n?: string };
  assert.equal(pkg.l10n, './l10n');
});

test('t() translates from the bundle, fills {n}, falls back to the key, and ignores non-string entries', () => {
  try {
    setL10nBundle({ 'Refresh': '刷新', '{0} of {1}': '第 {0} 个，共 {1} 个', bad: 3 }, 'zh-cn');
    assert.equal(l10nLocale(), 'zh-cn');
    assert.equal(t('Refresh'), '刷新');
    assert.equal(t('{0} of {1}', 2, 5), '第 2 个，共 5 个');
    assert.equal(t('Not translated {0}', 'x'), 'Not translated x');
    assert.equal(t('bad'), 'bad');
    assert.equal(t('{0} and {3}', 'a'), 'a and {3}', 'a missing argument leaves its placeholder');
  } finally {
    setL10nBundle(null);
  }
  assert.equal(t('Refresh'), 'Refresh');
});

test('the id checks speak the catalog\'s language (Track prompts, the CLI, the client all show them)', async () => {
  const { validateId } = await import('../../src/kinds/refs.js');
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.equal(validateId('a b', t('job id')), 'job id contains a space');
  try {
    setL10nBundle(bundle, 'zh-cn');
    assert.equal(validateId('a b', t('job id')), '作业 ID包含空格');
    assert.equal(validateId(''), 'ID为空');
  } finally {
    setL10nBundle(null);
  }
});
