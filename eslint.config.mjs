// Lint config. The layer rules are the important part: pure layers never import `vscode`, and each folder of
// src/ imports only the folders below it (LAYERS; ARCHITECTURE.md draws the same table).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'src');

/**
 * Folder of src/ → the folders it may import besides itself. Top-level files count as folders named after
 * them (`constants`, `extension`). A folder missing here is an error, so a new folder must take its place.
 */
const BASE = ['model', 'kinds', 'util'];
const HOST = [...BASE, 'constants', 'present', 'protocol', 'clouds'];
const LAYERS = {
  util: [],
  model: [],
  constants: [],
  // util/l10n.ts (pure, imports nothing): the id checks' messages are read by users.
  kinds: ['model', 'util'],
  detect: BASE,
  // constants.ts is plain ids (command ids for the hover's trusted links).
  present: [...BASE, 'constants'],
  protocol: [...BASE, 'present'],
  inspect: [...BASE, 'present', 'protocol'],
  webview: [...BASE, 'present', 'protocol'],
  clouds: BASE,
  // Taking a job elsewhere: the OTIO export and the copied commands (pure).
  export: [...BASE, 'present'],
  server: [...BASE, 'detect', 'present', 'protocol'],
  tracking: [...BASE, 'constants', 'present', 'clouds'],
  platform: [...BASE, 'constants', 'present', 'clouds'],
  cli: [...BASE, 'present', 'protocol', 'clouds', 'export', 'tracking', 'detect'],
  views: [...HOST, 'export', 'detect', 'inspect', 'tracking', 'platform'],
  client: [...HOST, 'export', 'detect', 'tracking', 'platform', 'views'],
  commands: [...HOST, 'export', 'detect', 'tracking', 'platform', 'views'],
  dev: [...HOST, 'export', 'detect', 'inspect', 'tracking', 'platform', 'views', 'client', 'commands'],
  app: [...HOST, 'export', 'detect', 'inspect', 'tracking', 'platform', 'views', 'client', 'commands', 'dev'],
  extension: [...HOST, 'export', 'detect', 'inspect', 'tracking', 'platform', 'views', 'client', 'commands', 'dev', 'app'],
};
/** Narrower exceptions, by file: the webview's browser preview plays the host, so it runs the host's session. */
const EXTRA = [{ files: 'webview/preview/', may: ['inspect'] }];
/** The files that read saved state back (globalState, SecretStorage) and validate it. */
const PERSISTENCE = ['tracking/savedFormat.ts', 'tracking/credentialsService.ts'];
/** Sibling bundles required at run time (dist/cloud-core.js, language-client.js, detector.js): not source imports. */
const BUNDLES = /^\.\/(cloud-core|language-client|detector)\.js$/;
/** Packages a folder may not import, with the reason. */
const PACKAGES = [
  { name: /^zod(\/|$)/, unless: (f) => f.startsWith('clouds/') || PERSISTENCE.includes(f), why: 'zod stays in src/clouds/ (wire schemas) and in what persists state (src/tracking/savedFormat.ts, credentialsService.ts).' },
];

function folderOf(relPath) {
  const parts = relPath.split(sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.[jt]s$/, '');
}

/** An inline rule: resolves each relative import of a src/ file and checks it against LAYERS. */
const layersPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = relative(SRC, context.filename);
        if (file.startsWith('..')) return {};
        const from = folderOf(file);
        const allowed = LAYERS[from];
        const check = (node, spec) => {
          if (typeof spec !== 'string') return;
          if (BUNDLES.test(spec)) return;
          if (!spec.startsWith('.')) {
            for (const p of PACKAGES) if (p.name.test(spec) && !p.unless(file.split(sep).join('/'))) context.report({ node, message: `'${spec}' is not imported here: ${p.why}` });
            return;
          }
          const target = relative(SRC, resolve(dirname(context.filename), spec));
          if (target.startsWith('..')) return;
          const to = folderOf(target);
          const t = target.split(sep).join('/');
          if ((t.startsWith('clouds/adapters/') || t.startsWith('clouds/kinds/')) && from !== 'clouds') {
            context.report({ node, message: `Only src/clouds/ imports the kind adapters (${t}); outside it, read src/kinds/ (KIND_INFO).` });
            return;
          }
          if (to === from) return;
          if (allowed === undefined) {
            context.report({ node, message: `src/${from}/ has no place in the layer table (eslint.config.mjs LAYERS).` });
            return;
          }
          const extra = EXTRA.some((e) => file.split(sep).join('/').startsWith(e.files) && e.may.includes(to));
          if (!allowed.includes(to) && !extra) {
            context.report({ node, message: `src/${from}/ may not import src/${to}/ (${t}): it imports only ${allowed.length ? allowed.join(', ') : 'nothing else in src/'} (see ARCHITECTURE.md).` });
          }
        };
        return {
          ImportDeclaration: (n) => check(n.source, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
          ExportAllDeclaration: (n) => check(n.source, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
          CallExpression: (n) => {
            if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') check(n.arguments[0], n.arguments[0].value);
          },
        };
      },
    },
  },
};

const pureLayers = ['src/kinds/**', 'src/model/**', 'src/detect/**', 'src/present/**', 'src/inspect/**', 'src/clouds/**', 'src/protocol/**', 'src/server/**', 'src/webview/**', 'src/cli/**', 'src/util/**', 'src/export/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'artifacts/**', '.cache/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/imports': 'error' },
  },
  {
    files: pureLayers,
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'This layer is pure: it must not import vscode (see ARCHITECTURE.md).' }],
      }],
    },
  },
  {
    // tracking/ holds state without UI: types from vscode are fine (they vanish at run time), values are not.
    files: ['src/tracking/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'tracking/ may only `import type` from vscode.', allowTypeImports: true }],
      }],
    },
  },
  {
    // One file per job kind, read by every layer including the webview bundle: plain data over model/ types.
    files: ['src/kinds/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/kinds/ is pure (see ARCHITECTURE.md).' }, { name: 'zod', message: 'src/kinds/ is pure: wire schemas stay in src/clouds/kinds/.' }],
        patterns: [
          { group: ['node:*'], message: 'src/kinds/ is read by the webview bundle.' },
          { group: ['../*', '!../model', '!../model/*', '!../util', '../util/*', '!../util/l10n.js'], message: 'src/kinds/ imports only src/kinds/, src/model/ and the message catalog (src/util/l10n.ts).' },
          { regex: '^(?!\\.{1,2}/)', message: 'src/kinds/ imports no packages, only src/kinds/ and src/model/.' },
        ],
      }],
    },
  },
  {
    files: ['src/webview/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview runs in a browser.' }, { name: 'undici', message: 'The webview runs in a browser.' }],
        patterns: [{ group: ['node:*'], message: 'The webview runs in a browser.' }],
      }],
    },
  },
);
