/**
 * The CLI's language: `--lang` wins, else LC_ALL, LC_MESSAGES, LANG (POSIX order); Simplified Chinese locales give the
 * zh-cn catalog (bundled into dist/cli.js), anything else English, and English output is exactly what it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliLanguage, languageOfLocale, takeLangOption } from '../../../src/cli/lang.js';
import { runCli } from '../../../src/cli/main.js';
import { displayWidth, padDisplay } from '../../../src/cli/format.js';
import { setL10nBundle } from '../../../src/util/l10n.js';
import { useCliLanguage } from '../../../src/cli/lang.js';
import { listTable } from '../../../src/cli/list.js';
import { formatJob } from '../../../src/cli/format.js';
import { blankJob } from '../../../src/clouds/adapters/wire.js';

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  try {
    const code = await runCli(argv, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; }, env });
    return { code, out, err };
  } finally {
    setL10nBundle(null);
  }
}

test('locale names: Simplified Chinese ones are zh-cn, everything else English', () => {
  for (const v of ['zh_CN.UTF-8', 'zh_CN', 'zh-CN', 'zh_SG.UTF-8', 'zh_CN.GB18030', 'zh_CN@pinyin', 'zh', 'zh_Hans_CN.UTF-8', 'ZH_cn.utf8']) {
    assert.equal(languageOfLocale(v), 'zh-cn', v);
  }
  for (const v of ['C', 'POSIX', 'C.UTF-8', 'en_US.UTF-8', 'zh_TW.UTF-8', 'zh_HK', 'fr_FR', 'zhx']) assert.equal(languageOfLocale(v), 'en', v);
  assert.equal(languageOfLocale(''), null);
  assert.equal(languageOfLocale(undefined), null);
});

test('--lang wins, then LC_ALL, LC_MESSAGES, LANG; an empty variable is skipped', () => {
  assert.equal(cliLanguage(null, {}), 'en');
  assert.equal(cliLanguage(null, { LANG: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(cliLanguage(null, { LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }), 'en');
  assert.equal(cliLanguage(null, { LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(cliLanguage(null, { LC_ALL: '', LANG: 'zh_CN.UTF-8' }), 'zh-cn');
  assert.equal(cliLanguage('en', { LC_ALL: 'zh_CN.UTF-8' }), 'en');
  assert.equal(cliLanguage('zh-cn', { LANG: 'C' }), 'zh-cn');
});

test('--lang X and --lang=X are taken out anywhere before --; a wrong value is kept to report', () => {
  assert.deepEqual(takeLangOption(['inspect', '--lang', 'zh-cn', 'ice', 'x']), { value: 'zh-cn', invalid: null, rest: ['inspect', 'ice', 'x'] });
  assert.deepEqual(takeLangOption(['--lang=EN', 'list', 'ice']), { value: 'en', invalid: null, rest: ['list', 'ice'] });
  assert.deepEqual(takeLangOption(['--lang', 'fr']), { value: null, invalid: 'fr', rest: [] });
  assert.deepEqual(takeLangOption(['inspect', '--', '--lang', 'en']), { value: null, invalid: null, rest: ['inspect', '--', '--lang', 'en'] });
});

test('LANG=zh_CN.UTF-8 gives the Chinese usage and Chinese usage errors; ids and option names stay', async () => {
  const help = await cli(['--help'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(help.code, 0);
  assert.match(help.out, /^用法：\n/);
  assert.match(help.out, /\n选项：\n/);
  assert.match(help.out, / {2}--region R {10}地域（阿里云默认 cn-shanghai，华为云默认 cn-north-4）\n/);
  assert.match(help.out, /阿里云智能媒体服务 IMS GetMediaProducingJob（ID：JobId）/);
  const bad = await cli(['inspect'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(bad.code, 2);
  assert.equal(bad.err, "media-jobs: inspect 需要一个作业类型（ice, vod, live-editing, live-edge, mpc-editing）；请运行 'media-jobs --help'\n");
  const kind = await cli(['inspect', 'icee', 'x'], { LC_ALL: 'zh_CN.UTF-8' });
  assert.match(kind.err, /未知作业类型 "icee"；您是否要用 ice？/);
  const lang = await cli(['--lang', 'fr', '--help'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(lang.code, 2);
  assert.match(lang.err, /--lang 必须是 zh-cn 或 en，而不是 "fr"/);
});

test('--lang en wins over LANG, and English is exactly the output without any locale', async () => {
  const plain = await cli(['--help']);
  assert.match(plain.out, /^Usage:\n {2}media-jobs inspect <kind> <id\.\.\.> \[options\] {3}print jobs/);
  assert.equal((await cli(['--help', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).out, plain.out);
  assert.equal((await cli(['--help'], { LANG: 'en_US.UTF-8' })).out, plain.out);
  const bad = await cli(['inspect', '--lang=en'], { LC_ALL: 'zh_CN.UTF-8' });
  assert.equal(bad.err, "media-jobs: inspect needs a kind (ice, vod, live-editing, live-edge, mpc-editing); run 'media-jobs --help'\n");
  assert.equal((await cli(['--lang', 'zh-cn', 'inspect'])).err.includes('需要一个作业类型'), true, '--lang zh-cn without LANG');
});

test('columns are padded by display width: a Chinese character takes two', () => {
  assert.equal(displayWidth('状态'), 4);
  assert.equal(displayWidth('ID'), 2);
  assert.equal(displayWidth('（空）'), 6);
  assert.equal(padDisplay('名称', 6), '名称  ');
  assert.equal(padDisplay('name', 6), 'name  ');
});

test('dist/cli.js alone (no l10n folder beside it) speaks Chinese under LANG=zh_CN.UTF-8', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-lang-'));
  try {
    copyFileSync(join(__dirname, '..', '..', '..', 'dist', 'cli.js'), join(dir, 'cli.js'));
    const r = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(dir, 'cli.js'), 'inspect'], { env: { PATH: process.env.PATH ?? '', LANG: 'zh_CN.UTF-8' }, timeout: 30_000 }, (_e, stdout, stderr) => resolve({ stdout, stderr }));
    });
    assert.match(r.stderr, /inspect 需要一个作业类型/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('zh-cn: the list table\'s headings and the job summary\'s labels are Chinese, ids and values as they are, columns aligned', () => {
  const job = { ...blankJob('ice', 'cn-shanghai', 'a'.repeat(32)), name: '宣传片', createdAt: '2026-01-02T03:04:05Z', durationSeconds: 75 };
  try {
    useCliLanguage('zh-cn');
    const [head, row] = listTable([job]);
    assert.match(head ?? '', /^状态\s+ID\s+名称\s+创建时间\s+时长$/);
    // Every column starts at the same display column in the heading and the row.
    const starts = (line: string) => [...line.matchAll(/(?:^| {2})(\S)/g)].map((m) => displayWidth(line.slice(0, m.index + m[0].length - 1)));
    assert.deepEqual(starts(row ?? '').slice(0, 3), starts(head ?? '').slice(0, 3));
    const text = formatJob(job);
    assert.match(text, /\n {2}名称 {8}宣传片\n/);
    assert.match(text, /\n {2}地域 {8}cn-shanghai\n/);
    assert.match(text, /\n {2}时长 {8}1 分 15 秒$/);
    useCliLanguage('en');
    assert.match(listTable([job])[0] ?? '', /^STATUS\s+ID\s+NAME\s+CREATED\s+DURATION$/);
    assert.match(formatJob(job), /\n {2}name {8}宣传片\n/);
  } finally {
    setL10nBundle(null);
  }
});

test('zh-cn: the core\'s endpoint check reads in Chinese, still naming the option and the URL as given', async () => {
  const r = await cli(['inspect', 'ice', 'a'.repeat(32), '--endpoint', 'http://example.com'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(r.code, 2);
  assert.equal(r.err, "media-jobs: --endpoint http://example.com 使用了明文 http；明文 http 仅允许用于本机回环地址（127.0.0.1、localhost、::1）；请使用 https；请运行 'media-jobs --help'\n");
  const en = await cli(['inspect', 'ice', 'a'.repeat(32), '--endpoint', 'http://example.com']);
  assert.equal(en.err, "media-jobs: --endpoint http://example.com uses plain http; plain http is allowed only to loopback addresses (127.0.0.1, localhost, ::1); use https; run 'media-jobs --help'\n");
});

test('zh-cn: credential messages (no keys, an unknown --profile) are Chinese; variable and profile names stay', async () => {
  const none = await cli(['inspect', 'ice', 'a'.repeat(32)], { LANG: 'zh_CN.UTF-8' });
  assert.equal(none.code, 3);
  assert.match(none.err, /没有阿里云凭证; 提示：请设置 ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
  const unknown = await cli(['profiles', '--profile', 'nope'], { LANG: 'zh_CN.UTF-8' });
  assert.equal(unknown.code, 3);
  assert.match(unknown.err, /没有名为 "nope" 的配置（现有配置：无）/);
  const en = await cli(['profiles', '--profile', 'nope']);
  assert.match(en.err, /no profile named "nope" \(profiles: none\)/);
});
