/**
 * escapeMarkdown and theme icons: VS Code renders a MarkdownString (supportThemeIcons) with marked and then
 * draws every `$(name)` left in the rendered text as an icon (`\$(name)` stays text). Job text must never place
 * an icon in a tooltip or hover, and bidi, C1 and control characters never pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankJob } from '../../../src/clouds/adapters/wire.js';
import { type JobRef } from '../../../src/model/jobRef.js';
import { jobKey } from '../../../src/kinds/refs.js';
import { escapeMarkdown, jobTooltipMarkdown } from '../../../src/present/jobPresentation.js';
import { type TrackedJob } from '../../../src/model/trackedJob.js';

/** CommonMark on text whose every punctuation character is escaped: a backslash before ASCII punctuation is consumed. */
function renderText(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** VS Code's markdownEscapeEscapedIcons (run on the source before marked), then marked, then renderLabelWithIcons. */
function drawnIcons(md: string): string[] {
  const pre = md.replace(/\\\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (m) => `\\${m}`);
  const rendered = renderText(pre);
  const out: string[] = [];
  for (const m of rendered.matchAll(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g)) if (!m[1]) out.push(m[2]!);
  return out;
}

/** The text a reader sees: the rendered text with escaped icons shown as their characters. */
function shownText(md: string): string {
  const rendered = renderText(md.replace(/\\\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (m) => `\\${m}`));
  return rendered.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (m, esc: string | undefined, name: string) => (esc ? `$(${name})` : `<icon ${name}>`));
}

test('the check sees what the old escaping let through', () => {
  // Before the fix escapeMarkdown gave `\$\(zap\)`: marked turns it into `$(zap)`, an icon.
  assert.deepEqual(drawnIcons('\\$\\(zap\\)'), ['zap']);
  // VS Code's own MarkdownString.appendText result renders as text.
  assert.deepEqual(drawnIcons('\\\\$\\(zap\\)'), []);
});

test('escapeMarkdown: `$(name)` renders as text, never as an icon', () => {
  for (const s of ['$(zap)', 'build $(sync~spin) now', '$(zap)$(zap)', '\\$(zap)', '\\\\$(zap)', '$$(zap)', '$(', '$(zap']) {
    const out = escapeMarkdown(s);
    assert.deepEqual(drawnIcons(out), [], `${s} → ${out}`);
    assert.equal(shownText(out), s, `${s} is shown as it is`);
  }
  assert.equal(escapeMarkdown('$(zap)'), '\\\\\\$\\(zap\\)');
});

test('escapeMarkdown strips bidi, C1 and control characters; line breaks and tabs become spaces', () => {
  const out = escapeMarkdown('a\u202eb\u2066c\u200fd\u061ce\u0085f\u009bg\u001bh\u0000i\u007fj\nk\r\n\tl\u2028m');
  assert.equal(shownText(out), 'abcdefghij k l m');
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
});

test('a job whose name and error carry icons and bidi controls: the tooltip shows them as text', () => {
  const ref: JobRef = { kind: 'ice', id: '7c1e0a9b5d3f4e21a8c6f0b2d4e6a801', region: 'cn-shanghai', params: {} };
  const t: TrackedJob = {
    key: jobKey(ref), ref,
    snapshot: {
      ...blankJob('ice', 'cn-shanghai', ref.id), status: 'failed', rawStatus: '$(check) Success',
      name: '$(zap) render \u202eevil', error: { code: '$(pass)', message: 'see $(link-external) \u0085' },
    },
    lastError: null, addedAt: '2024-06-01T11:00:00Z', lastCheckedAt: '2024-06-01T11:59:00Z', watched: false,
  };
  const md = jobTooltipMarkdown(t, Date.parse('2024-06-01T12:00:00Z'));
  assert.deepEqual(drawnIcons(md), []);
  assert.ok(shownText(md).includes('$(zap) render evil'), shownText(md));
  assert.doesNotMatch(md, /[\u0085\u202e]/);
});
