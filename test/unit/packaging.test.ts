/**
 * `npm run package` makes a .vsix that holds only what users need: the bundles, the icon, the user guide as its
 * README, CHANGELOG, LICENSE and package.json. Packages the current build (dist/ must exist: `npm test` builds
 * first) with @vscode/vsce into a temp folder, with the same arguments as the `package` script, and reads the zip.
 * The .vscodeignore is an allowlist; this test is what keeps it honest, and it checks what a user sees of the
 * package: the README on the Extensions page is the user guide (not the developer README), the icon is a real
 * PNG of at least 128×128, and the manifest names a publisher, repository, issue tracker, homepage, keywords and
 * categories VS Code knows.
 * (vsce runs a `vscode:prepublish` script if package.json gets one; keep the production build in
 * `npm run package` instead, so this test does not rebuild dist/ under the other tests.)
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');

/** The GitHub project every URL of the manifest and the `package` script points at. */
const PROJECT = 'https://github.com/media-job-inspector/media-job-inspector';

/**
 * VS Code's extension categories (the list its manifest schema accepts, e.g. in 1.100's workbench: "AI", "Azure",
 * "Chat", …, "Visualization", "Other"). vsce 3.9 does not check categories itself; an unknown one is dropped by
 * the Marketplace.
 */
const VSCODE_CATEGORIES = [
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization', 'Other',
];

interface ZipEntry {
  name: string;
  /** Uncompressed size. */
  size: number;
  compressedSize: number;
  /** 0 stored, 8 deflate. */
  method: number;
  localHeaderOffset: number;
}

/** Entries from a zip's central directory (no zip64: a .vsix is far below 4 GB). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    out.push({ name: buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'), size, compressedSize, method, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The uncompressed bytes of one entry (stored or deflated). */
export function zipRead(buf: Buffer, e: ZipEntry): Buffer {
  const h = e.localHeaderOffset;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  const out = e.method === 0 ? Buffer.from(data) : e.method === 8 ? inflateRawSync(data) : null;
  if (!out) throw new Error(`${e.name}: compression method ${e.method} is not supported`);
  assert.equal(out.length, e.size, `${e.name}: size`);
  return out;
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Manifest {
  name: string;
  publisher?: string;
  version: string;
  icon?: string;
  main: string;
  repository?: { type?: string; url?: string } | string;
  bugs?: { url?: string } | string;
  homepage?: string;
  keywords?: string[];
  categories?: string[];
  scripts: Record<string, string>;
  contributes?: { viewsContainers?: Record<string, Array<{ icon?: string }>>; views?: Record<string, Array<{ icon?: string }>> };
}

function manifest(): Manifest {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** The arguments `npm run package` gives vsce after `vsce package` (the script is plain words, no quoting). */
function packageScriptArgs(): string[] {
  const script = manifest().scripts.package ?? '';
  const step = script.split('&&').map((s) => s.trim()).find((s) => s.startsWith('vsce package'));
  assert.ok(step, `the package script runs \`vsce package\`: ${script}`);
  assert.doesNotMatch(step, /["'\\$`]/, 'the vsce step of the package script is plain words (this test splits it on spaces)');
  return step.split(/\s+/).slice(2);
}

function optionValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

interface Packaged {
  names: string[];
  entries: Map<string, ZipEntry>;
  zip: Buffer;
  output: string;
  args: string[];
  bytes: number;
}

let packaged: Packaged | null = null;

/** Packages once per test file run. */
function packageVsix(): Packaged {
  packaged ??= packageOnce();
  return packaged;
}

function packageOnce(): Packaged {
  assert.ok(existsSync(join(ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'mji-vsix-'));
  try {
    const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const out = join(dir, 'ext.vsix');
    const args = packageScriptArgs();
    const r = spawnSync(process.execPath, [vsce, 'package', ...args, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'], // a vsce question (missing LICENSE, repository…) fails instead of hanging
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CI: 'true' },
    });
    const output = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, `vsce package ${args.join(' ')} failed:\n${output}`);
    const zip = readFileSync(out);
    const list = zipEntries(zip);
    return { names: list.map((e) => e.name).sort(), entries: new Map(list.map((e) => [e.name, e])), zip, output, args, bytes: zip.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function read(p: Packaged, name: string): Buffer {
  const e = p.entries.get(name);
  assert.ok(e, `${name} is not in the .vsix:\n${p.names.join('\n')}`);
  return zipRead(p.zip, e);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(relative(ROOT, p).split('\\').join('/'));
  }
  return out;
}

/** Markdown links and images: `[text](target)` / `![alt](target)`, with the `!` kept. */
function markdownLinks(md: string): Array<{ image: boolean; target: string }> {
  return [...md.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({ image: m[1] === '!', target: m[2]! }));
}

test('the .vsix holds only what users need', { timeout: 150_000 }, () => {
  const { names, output } = packageVsix();

  // What ships. vsce renames the README (here: the user guide) and CHANGELOG to lower case, LICENSE to LICENSE.txt.
  const allowed = /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/((extension|cloud-core|server|language-client|detector)\.js|webview\/(inspector\.(js|css)|codicon\.(css|ttf)))|media\/[^/]+\.(png|svg)|l10n\/bundle\.l10n\.[a-z-]+\.json|package\.nls(\.[a-z-]+)?\.json))$/;
  const unexpected = names.filter((n) => !allowed.test(n));
  assert.deepEqual(unexpected, [], `unexpected files in the .vsix:\n${unexpected.join('\n')}`);

  // What must never ship (named, so a broken allowlist says exactly what leaked).
  const forbidden = [
    /^extension\/(src|test|node_modules|\.cache|artifacts|out|\.ci|scripts|bench|docs|\.vscode-test)\//,
    /^extension\/media\/screenshots\//, // linked by https URL from the readme, never loaded from the package
    /^extension\/media\/icon\.svg$/, // the icon's source
    /^extension\/(CONTRIBUTING|ARCHITECTURE|README)\.md$/, // (the user guide ships as extension/readme.md)
    /\.map$/, /\.ts$/, /fixtures/, /\.vsix$/, /^extension\/dist\/(cli\.js|preview\/)/,
  ];
  for (const re of forbidden) {
    const hits = names.filter((n) => re.test(n));
    assert.deepEqual(hits, [], `${re} must not ship`);
  }

  // What must ship.
  const required = ['extension/package.json', 'extension/readme.md', 'extension/dist/extension.js', 'extension/media/icon.png', 'extension/l10n/bundle.l10n.zh-cn.json', 'extension/package.nls.json', 'extension/package.nls.zh-cn.json'];
  if (existsSync(join(ROOT, 'CHANGELOG.md'))) required.push('extension/changelog.md');
  if (existsSync(join(ROOT, 'LICENSE'))) required.push('extension/LICENSE.txt');
  for (const f of required) assert.ok(names.includes(f), `${f} missing from the .vsix\n${names.join('\n')}\n${output}`);
  // Packaged without node_modules (--no-dependencies: everything is bundled), so it stays small.
  assert.ok(packageVsix().args.includes('--no-dependencies'));
});

test('every file the manifest and the bundle load at run time is in the .vsix', { timeout: 150_000 }, () => {
  const { names } = packageVsix();
  const pkg = manifest();
  const inVsix = (rel: string): boolean => names.includes(`extension/${rel.replace(/^\.\//, '')}`);
  assert.ok(inVsix(pkg.main), `main ${pkg.main}`);
  const icons = [
    ...Object.values(pkg.contributes?.viewsContainers ?? {}).flat(),
    ...Object.values(pkg.contributes?.views ?? {}).flat(),
  ]
    .map((c) => c.icon)
    .filter((i): i is string => !!i && !i.startsWith('$('));
  for (const i of icons) assert.ok(inVsix(i), `icon ${i}`);
  // The inspector panel's tab icon and its webview's local resources (src/views/inspectorPanel.ts).
  assert.ok(inVsix('media/media-jobs.svg'), 'media/media-jobs.svg (the inspector tab icon)');
  // Bundles the extension loads lazily by relative require (e.g. dist/core.js) must ship next to it.
  const bundle = readFileSync(join(ROOT, pkg.main), 'utf8');
  const relRequires = [...bundle.matchAll(/require\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g)].map((m) => m[1]!);
  for (const r of new Set(relRequires)) {
    const rel = join(dirname(pkg.main), r).split('\\').join('/');
    assert.ok(inVsix(rel), `dist/extension.js requires ${r}, which is not in the .vsix (add it to .vscodeignore's allowlist)`);
  }
});

test("the .vsix's README is the user guide, with working https links to the screenshots", { timeout: 150_000 }, () => {
  const p = packageVsix();
  const readmePath = optionValue(p.args, '--readme-path');
  assert.equal(readmePath, 'docs/USER_GUIDE.md', 'npm run package ships the user guide as the README (--readme-path)');
  const readme = read(p, 'extension/readme.md').toString('utf8');

  // A user's README: how to install, sign in, which permissions, where ids are, proxies, the CLI.
  for (const heading of ['## Install', '## Sign in', '## Permissions', '## Regions and endpoints', '## Where to find job ids', '## Proxies and corporate CAs', '## The media-jobs command line']) {
    assert.ok(readme.includes(`\n${heading}\n`), `the readme has a "${heading}" section`);
  }
  for (const needed of [
    'code --install-extension', 'Install from VSIX', 'SecretStorage', 'Import Credentials from Environment', 'Import aliyun CLI Profile',
    'ice:GetMediaProducingJob', 'vod:GetTranscodeTask', 'live:GetEditingJobInfo', 'live:GetEdgeTranscodeJob', 'mpc:editingTask:view',
    'HTTPS_PROXY', 'NO_PROXY', 'NODE_EXTRA_CA_CERTS', 'http.proxy', 'media-jobs inspect',
  ]) {
    assert.ok(readme.includes(needed), `the readme mentions ${needed}`);
  }
  // Not the developer README.
  for (const dev of ['apt-get', 'npm start', 'code-server', 'npm test', '../shared', 'sudo']) {
    assert.ok(!readme.includes(dev), `the readme of the .vsix must not say "${dev}" (development details live in CONTRIBUTING.md)`);
  }
  const repoReadme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.notEqual(readme.slice(0, 400), repoReadme.slice(0, 400), 'the .vsix must not ship the repository README');

  // Every permission the guide cites is documented at a public https page of the cloud.
  const permissionRows = readme.split('\n').filter((l) => /^\| .*`(ice|vod|live|mpc):[A-Za-z:]+`/.test(l));
  assert.equal(permissionRows.length, 5, 'one permissions row per job kind');
  for (const row of permissionRows) {
    assert.match(row, /\]\(https:\/\/(www\.alibabacloud\.com\/help\/en\/|support\.huaweicloud\.com\/)[^)]+\)/, `the row cites the cloud's documentation: ${row}`);
  }

  // Images: vsce rewrote the guide's relative links against --baseImagesUrl; each must be https on the project
  // and name a file of this repository (where GitHub serves it from), e.g. media/screenshots/tree.png.
  const images = markdownLinks(readme).filter((l) => l.image);
  assert.ok(images.length >= 3, `the readme shows the tree, a hover and the inspector (${images.length} images)`);
  const rawPrefix = `${PROJECT}/raw/HEAD/`;
  for (const img of images) {
    const url = new URL(img.target);
    assert.equal(url.protocol, 'https:', img.target);
    assert.ok(url.href.startsWith(rawPrefix), `${img.target} resolves to ${url.href}, not under ${rawPrefix}`);
    const file = decodeURIComponent(url.pathname.slice(new URL(rawPrefix).pathname.length));
    assert.ok(existsSync(join(ROOT, file)), `${img.target} names ${file}, which is not in the repository`);
    assert.ok(pngSize(readFileSync(join(ROOT, file))), `${file} is a PNG`);
  }
  for (const shot of ['tree', 'hover', 'inspector', 'accounts']) {
    assert.ok(images.some((i) => new URL(i.target).pathname.endsWith(`/media/screenshots/${shot}.png`)), `the readme shows media/screenshots/${shot}.png`);
  }

  // Other relative links of the guide point at files that exist (in docs/, as on GitHub).
  const guide = readFileSync(join(ROOT, readmePath), 'utf8');
  for (const l of markdownLinks(guide)) {
    if (/^[a-z]+:/i.test(l.target) || l.target.startsWith('#')) continue;
    const file = join(ROOT, dirname(readmePath), l.target.split('#')[0]!);
    assert.ok(existsSync(file), `${readmePath} links ${l.target}, which does not exist`);
  }
  // Anchors inside the guide name its own headings (GitHub's and VS Code's slugs: lower case, spaces to dashes).
  const slugs = new Set([...guide.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-')));
  for (const l of markdownLinks(guide).filter((x) => x.target.startsWith('#'))) {
    assert.ok(slugs.has(l.target.slice(1)), `${readmePath} links ${l.target}, which is no heading of it`);
  }
});

test('the changelog has no relative links (the docs/ base URLs of the readme would apply to it too)', () => {
  if (!existsSync(join(ROOT, 'CHANGELOG.md'))) return;
  const relative = markdownLinks(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).filter((l) => !/^[a-z]+:/i.test(l.target) && !l.target.startsWith('#'));
  assert.deepEqual(relative, [], 'vsce would rewrite these against …/docs; use absolute URLs in CHANGELOG.md');
});

test('the icon is a PNG of at least 128×128 px, and it ships', { timeout: 150_000 }, () => {
  const p = packageVsix();
  const pkg = manifest();
  assert.ok(pkg.icon, 'package.json has an icon');
  assert.match(pkg.icon, /\.png$/i, 'the Marketplace takes a PNG icon (not SVG)');
  const icon = read(p, `extension/${pkg.icon}`);
  assert.ok(icon.equals(readFileSync(join(ROOT, pkg.icon))), 'the shipped icon is the repository file');
  const size = pngSize(icon);
  assert.ok(size, `${pkg.icon} is a PNG (signature and IHDR)`);
  assert.ok(size.width >= 128 && size.height >= 128, `${pkg.icon} is ${size.width}×${size.height}; at least 128×128`);
  assert.equal(size.width, size.height, 'the icon is square');
  assert.ok(icon.length < 100 * 1024, `${pkg.icon} is ${icon.length} bytes: keep it small`);
  // vsce declares it in the VSIX manifest (the gallery and VS Code read it from there).
  const vsixManifest = read(p, 'extension.vsixmanifest').toString('utf8');
  assert.ok(vsixManifest.includes(`<Icon>extension/${pkg.icon}</Icon>`), 'extension.vsixmanifest names the icon');
});

test("the manifest's metadata: publisher, repository, issues, homepage, keywords, categories", { timeout: 150_000 }, () => {
  const p = packageVsix();
  const shipped = JSON.parse(read(p, 'extension/package.json').toString('utf8')) as Manifest;

  // The extension id is publisher.name; the tests and src/constants.ts use it.
  assert.equal(`${shipped.publisher}.${shipped.name}`, 'media-job-inspector.media-job-inspector');

  const repo = typeof shipped.repository === 'string' ? shipped.repository : shipped.repository?.url;
  assert.equal(repo, `${PROJECT}.git`, 'repository.url');
  const bugs = typeof shipped.bugs === 'string' ? shipped.bugs : shipped.bugs?.url;
  assert.equal(bugs, `${PROJECT}/issues`, 'bugs.url');
  assert.ok(shipped.homepage?.startsWith(PROJECT), `homepage ${shipped.homepage}`);
  // The readme's links are rewritten against the same project.
  assert.equal(optionValue(p.args, '--baseImagesUrl'), `${PROJECT}/raw/HEAD/docs`);
  assert.equal(optionValue(p.args, '--baseContentUrl'), `${PROJECT}/blob/HEAD/docs`);

  assert.ok(Array.isArray(shipped.keywords) && shipped.keywords.length >= 5, 'keywords');
  assert.ok(shipped.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
  for (const k of ['aliyun', 'huawei cloud', 'vod', 'mpc']) assert.ok(shipped.keywords.includes(k), `keyword ${k}`);

  const categories = shipped.categories ?? [];
  assert.ok(categories.length > 0, 'categories');
  for (const c of categories) assert.ok(VSCODE_CATEGORIES.includes(c), `category "${c}" is one VS Code knows`);
  assert.ok(!categories.includes('Other'), `categories ${JSON.stringify(categories)}: not "Other"`);

  // The VSIX manifest carries them to the gallery.
  const vsixManifest = read(p, 'extension.vsixmanifest').toString('utf8');
  assert.ok(vsixManifest.includes(`<Categories>${categories.join(',')}</Categories>`), 'categories in extension.vsixmanifest');
  assert.ok(vsixManifest.includes(`Value="${PROJECT}/issues"`), 'the issue tracker in extension.vsixmanifest');
});

test('the repository README starts with the two commands, then points users at the guide and developers at CONTRIBUTING.md', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const lines = readme.split('\n');
  assert.equal(lines[0], '# Media Job Inspector');
  const fence = lines.indexOf('```sh');
  assert.ok(fence > 0 && fence < 4, 'a shell code block at the top');
  assert.match(lines[fence + 1]!, /^npm ci && npm start +# /);
  assert.match(lines[fence + 2]!, /^npm test +# /);
  for (const link of ['](docs/USER_GUIDE.md', '](CONTRIBUTING.md)']) assert.ok(readme.includes(link), `README.md links ${link}`);
  // The repository stands alone: no links outside it.
  for (const f of ['README.md', 'CONTRIBUTING.md', 'docs/USER_GUIDE.md']) {
    assert.ok(!readFileSync(join(ROOT, f), 'utf8').includes('../shared'), `${f} must not point outside the repository`);
  }
  // Development setup is in CONTRIBUTING.md, not in front of users.
  assert.ok(!readme.includes('apt-get install'), 'README.md');
  assert.ok(readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8').includes('apt-get'), 'CONTRIBUTING.md explains the setup');
  // Every screenshot the READMEs show exists and is listed here.
  for (const f of filesUnder(join(ROOT, 'media', 'screenshots'))) assert.ok(pngSize(readFileSync(join(ROOT, f))), `${f} is a PNG`);
});
