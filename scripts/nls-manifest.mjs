#!/usr/bin/env node
// The manifest's user-visible strings as `%key%` placeholders, the English in package.nls.json and the Chinese in
// package.nls.zh-cn.json (VS Code's convention: https://code.visualstudio.com/api/references/extension-manifest,
// https://github.com/microsoft/vscode-extension-samples/tree/main/l10n-sample).
//
//   node scripts/nls-manifest.mjs          converts every raw string of package.json to a %key% (the key named after
//                                          where the string sits, so a later addition gets the same kind of key),
//                                          adds its English to package.nls.json and lists what package.nls.zh-cn.json lacks
//   node scripts/nls-manifest.mjs --check  changes nothing; exits 1 when a string is raw or a key is missing/unused
//
// test/unit/manifestNls.test.ts runs the same rules (manifestStrings) so a raw string fails the unit tests.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = new URL('..', import.meta.url);

/** Field names VS Code shows to users (and localizes from package.nls.json) inside contributions. */
const TEXT_FIELDS = new Set(['title', 'shortTitle', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'altText']);
const LIST_FIELDS = new Set(['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']);

/**
 * Every user-visible string of the manifest: `{ path, key, value, set }`, the key it has (a %key%) or should get.
 * Keys are named after the string's place: `<commandId>.title`, `<setting>.description`, `<setting>.enum.<value>`,
 * `view.<id>.name`, `category.<Words>`, so the same string in the same place always gets the same key.
 */
export function manifestStrings(pkg) {
  const out = [];
  const add = (holder, field, key, path) => {
    const value = holder[field];
    if (typeof value === 'string') out.push({ path, key, value, set: (v) => { holder[field] = v; } });
  };
  add(pkg, 'displayName', 'extension.displayName', 'displayName');
  add(pkg, 'description', 'extension.description', 'description');
  const c = pkg.contributes ?? {};
  for (const [where, containers] of Object.entries(c.viewsContainers ?? {})) {
    for (const v of containers) add(v, 'title', `viewsContainer.${v.id}.title`, `viewsContainers.${where}.${v.id}`);
  }
  for (const views of Object.values(c.views ?? {})) {
    for (const v of views) {
      add(v, 'name', `view.${v.id}.name`, `views.${v.id}.name`);
      add(v, 'contextualTitle', `view.${v.id}.contextualTitle`, `views.${v.id}.contextualTitle`);
    }
  }
  const welcomeCount = new Map();
  for (const w of c.viewsWelcome ?? []) {
    const n = (welcomeCount.get(w.view) ?? 0) + 1;
    welcomeCount.set(w.view, n);
    add(w, 'contents', `viewsWelcome.${w.view}${n > 1 ? `.${n}` : ''}.contents`, `viewsWelcome.${w.view}.${n}`);
  }
  for (const cmd of c.commands ?? []) {
    add(cmd, 'title', `${cmd.command}.title`, `commands.${cmd.command}.title`);
    add(cmd, 'shortTitle', `${cmd.command}.shortTitle`, `commands.${cmd.command}.shortTitle`);
    // One key per category text: every command of a category shares it.
    if (typeof cmd.category === 'string') {
      const raw = unwrap(cmd.category);
      add(cmd, 'category', raw.key ?? `category.${words(cmd.category)}`, `commands.${cmd.command}.category`);
    }
  }
  const sections = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
  sections.forEach((s, i) => {
    add(s, 'title', sections.length > 1 ? `configuration.${i + 1}.title` : 'configuration.title', `configuration.${i}.title`);
    for (const [name, prop] of Object.entries(s.properties ?? {})) settingStrings(prop, name, add);
  });
  for (const w of c.walkthroughs ?? []) {
    add(w, 'title', `walkthrough.${w.id}.title`, `walkthroughs.${w.id}.title`);
    add(w, 'description', `walkthrough.${w.id}.description`, `walkthroughs.${w.id}.description`);
    for (const st of w.steps ?? []) {
      const k = `walkthrough.${w.id}.${st.id}`;
      add(st, 'title', `${k}.title`, `${k}.title`);
      add(st, 'description', `${k}.description`, `${k}.description`);
      if (st.media) add(st.media, 'altText', `${k}.altText`, `${k}.media.altText`);
    }
  }
  return out;
}

/** A setting's texts, and those of its nested properties (mediaJobs.endpoints.ice…) and enum values. */
function settingStrings(prop, name, add) {
  if (!prop || typeof prop !== 'object') return;
  for (const f of TEXT_FIELDS) add(prop, f, `${name}.${f}`, `configuration.${name}.${f}`);
  for (const f of LIST_FIELDS) {
    const list = prop[f];
    if (!Array.isArray(list)) continue;
    list.forEach((_, i) => {
      const value = Array.isArray(prop.enum) ? String(prop.enum[i]) : String(i);
      add(list, i, `${name}.${f === 'enumDescriptions' ? 'enum' : f}.${value}`, `configuration.${name}.${f}.${value}`);
    });
  }
  for (const [sub, p] of Object.entries(prop.properties ?? {})) settingStrings(p, `${name}.${sub}`, add);
  if (prop.items) settingStrings(prop.items, `${name}.items`, add);
}

/** `%key%` → { key }; anything else → {}. */
export function unwrap(value) {
  const m = /^%([^%\s]+)%$/.exec(value);
  return m ? { key: m[1] } : {};
}

/** 'Media Jobs' → 'MediaJobs' (a key part from a text). */
function words(text) {
  return text.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch) => (ch ? ch.toUpperCase() : '')).replace(/^./, (ch) => ch.toUpperCase());
}

/** What is wrong: raw strings, keys missing from an nls file, keys an nls file has that package.json does not use. */
export function manifestProblems(pkg, nls, nlsZh) {
  const strings = manifestStrings(pkg);
  const raw = strings.filter((s) => !unwrap(s.value).key).map((s) => `${s.path}: ${JSON.stringify(s.value)}`);
  const used = new Set(strings.map((s) => unwrap(s.value).key).filter(Boolean));
  const missing = (file) => [...used].filter((k) => typeof file[k] !== 'string' || file[k].trim() === '');
  const unused = (file) => Object.keys(file).filter((k) => !used.has(k));
  return { raw, missingEn: missing(nls), missingZh: missing(nlsZh), unusedEn: unused(nls), unusedZh: unused(nlsZh), used };
}

const read = (name) => JSON.parse(readFileSync(new URL(name, ROOT), 'utf8'));
const write = (name, value) => writeFileSync(new URL(name, ROOT), JSON.stringify(value, null, 2) + '\n');
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function main() {
  const check = process.argv.includes('--check');
  const pkg = read('package.json');
  const nls = (() => { try { return read('package.nls.json'); } catch { return {}; } })();
  const nlsZh = (() => { try { return read('package.nls.zh-cn.json'); } catch { return {}; } })();
  if (!check) {
    for (const s of manifestStrings(pkg)) {
      if (unwrap(s.value).key) continue;
      if (nls[s.key] !== undefined && nls[s.key] !== s.value) throw new Error(`${s.key}: package.nls.json already says ${JSON.stringify(nls[s.key])}, not ${JSON.stringify(s.value)}`);
      nls[s.key] = s.value;
      s.set(`%${s.key}%`);
    }
    write('package.json', pkg);
    write('package.nls.json', sortKeys(nls));
  }
  const p = manifestProblems(pkg, nls, nlsZh);
  const report = [
    ['raw strings in package.json', p.raw],
    ['keys missing from package.nls.json', p.missingEn],
    ['keys missing from package.nls.zh-cn.json', p.missingZh],
    ['unused keys in package.nls.json', p.unusedEn],
    ['unused keys in package.nls.zh-cn.json', p.unusedZh],
  ].filter(([, l]) => l.length > 0);
  for (const [what, list] of report) console.log(`${what}:\n  ${list.join('\n  ')}`);
  if (report.length > 0) process.exit(1);
  console.log(`${p.used.size} manifest strings, all localized`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
