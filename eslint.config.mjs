// Lint config. The layer rule is the important part: pure layers never import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureLayers = ['src/kinds/**', 'src/model/**', 'src/detect/**', 'src/present/**', 'src/inspect/**', 'src/clouds/**', 'src/protocol/**', 'src/server/**', 'src/webview/**', 'src/cli/**', 'src/util/**'];

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
          { group: ['../*', '!../model', '!../model/*'], message: 'src/kinds/ imports only src/kinds/ and src/model/.' },
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
