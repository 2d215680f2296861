/** The selected clip: its placement and media in words, then its full JSON exactly as in the Timeline. */
import { type TimelineClip } from '../../model/job.js';
import * as l10n from '../../util/l10n.js';
import { clipCaption, type TrackSummary } from '../../present/timelineIndex.js';
import { type Ctx } from '../context.js';
import { button, h, icon } from '../dom.js';
import { duration, isWebUrl, num, timecode } from '../format.js';
import { type LocatedClip } from '../source.js';
import { jsonBlock } from './json.js';
import { clipName, trackName } from './clipNames.js';
import { chip, copyable, facts, missing } from './widgets.js';

export function clipDetails(ctx: Ctx, found: LocatedClip, track: TrackSummary | undefined): HTMLElement {
  const c = found.clip;
  const length = c.timelineIn !== null && c.timelineOut !== null ? c.timelineOut - c.timelineIn : null;
  const src = c.in !== null || c.out !== null ? `${c.in !== null ? timecode(c.in) : '0:00.000'} → ${c.out !== null ? timecode(c.out) : l10n.t('end of source')}` : null;
  const placement = c.timelineIn !== null
    ? h('span', {}, `${timecode(c.timelineIn)} → ${c.timelineOut !== null ? timecode(c.timelineOut) : l10n.t('end unknown')}`,
      c.derivedPlacement ? chip('derived', { class: 'small derived-chip', icon: 'symbol-operator', title: l10n.t('Not given in the Timeline: computed by laying clips end to end, from a referenced clip (ReferenceClipId), or from the job\'s Duration for a clip that runs to the end') }) : null)
    : missing(l10n.t('No position could be derived for this clip'));
  const mediaUrl = c.mediaUrl;
  const rows = facts([
    [l10n.t('Track'), track ? `${trackName(track)}${track.main ? ' (main)' : ''}` : `track ${found.track + 1}`],
    [l10n.t('Clip'), `#${found.index + 1} in the Timeline's order`],
    [l10n.t('Type'), c.clipType ?? missing(l10n.t('The Timeline gives no Type (a media clip by default)'))],
    c.mediaId !== null ? [l10n.t('Media ID'), copyable(ctx, c.mediaId, l10n.t('media id'))] : null,
    mediaUrl !== null ? [l10n.t('Media URL'), h('span', { class: 'copyable' },
      h('span', { class: 'mono value-text', text: mediaUrl }),
      button({ icon: 'copy', title: l10n.t('Copy media URL'), class: 'inline', onClick: () => ctx.copy(mediaUrl, l10n.t('media URL')) }),
      isWebUrl(mediaUrl) ? button({ icon: 'link-external', title: l10n.t('Open {0}', mediaUrl), class: 'inline', onClick: () => ctx.open(mediaUrl) }) : null)] : null,
    c.mediaId === null && mediaUrl === null && c.text === null ? [l10n.t('Media'), h('span', { class: 'flag-text' }, icon('warning'), ` ${l10n.t('none: this clip names neither a media id nor a URL')}`)] : null,
    c.text !== null ? [l10n.t('Text'), h('span', { class: 'clip-text', text: c.text })] : null,
    captionRow(c),
    layoutRow(l10n.t('Layout'), c.raw),
    fontRow(l10n.t('Font'), c.raw),
    captionEffect(c) !== null ? layoutRow(l10n.t('Caption layout'), captionEffect(c) ?? {}) : null,
    captionEffect(c) !== null ? fontRow(l10n.t('Caption font'), captionEffect(c) ?? {}) : null,
    [l10n.t('Source In → Out'), src ?? missing(l10n.t('The Timeline gives no In/Out: the whole source'))],
    [l10n.t('On the output'), placement],
    [l10n.t('Length'), length !== null ? duration(length) : missing()],
    c.speed !== null ? [l10n.t('Speed'), `${num(c.speed)}×`] : null,
    c.duration !== null ? [l10n.t('Duration'), duration(c.duration)] : null,
    [l10n.t('Effects'), c.effects.length > 0
      ? h('span', { class: 'effects' }, ...c.effects.map((e) => chip(`${e.type}${e.subType ? `/${e.subType}` : ''}${e.durationSeconds !== null ? ` ${num(e.durationSeconds)} s` : ''}`, { class: 'small' })))
      : h('span', { class: 'muted', text: 'none' })],
  ], l10n.t('Selected clip'));
  const json = c.raw;
  return h('section', { class: 'clip-details', aria: { label: l10n.t('Selected clip: {0}', clipName(c)) } },
    h('div', { class: 'section-head' },
      h('h2', {}, icon('symbol-field'), h('span', { text: l10n.t('Selected clip · {0}', clipName(c)) })),
      h('div', { class: 'section-actions' },
        button({ icon: 'copy', label: l10n.t('Copy JSON'), class: 'secondary small', onClick: () => ctx.copy(JSON.stringify(json, null, 2), 'clip JSON') }),
        ctx.state.tab !== 'timeline' ? button({ icon: 'graph-line', label: l10n.t('Show on timeline'), class: 'secondary small', onClick: () => {
          ctx.showTab('timeline');
          ctx.select({ track: found.track, index: found.index }, { reveal: true });
        } }) : null)),
    h('div', { class: 'clip-details-body' }, rows,
      h('div', { class: 'clip-json' }, h('div', { class: 'muted small', text: l10n.t('As in the Timeline') }), jsonBlock(json, l10n.t('Clip JSON')))));
}

/** The clip's caption effect (its first Text effect), whose Content is drawn over the clip. */
function captionEffect(c: TimelineClip): Record<string, unknown> | null {
  const effects = Array.isArray(c.effects) ? c.effects : [];
  const e = effects.find((x) => typeof x.type === 'string' && x.type.toLowerCase() === 'text');
  return e !== undefined && e.raw !== null && typeof e.raw === 'object' ? e.raw : null;
}

/** A scalar of the Timeline as text (a string or a finite number; anything else is not shown here: it is in the JSON). */
function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return num(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return null;
}

/** `label value` pairs of the fields present, as text nodes; null when none is. */
function pairs(o: Record<string, unknown>, fields: ReadonlyArray<readonly [string, string]>): HTMLElement | null {
  const parts = fields.map(([key, label]) => [label, scalar(o[key])] as const).filter(([, v]) => v !== null);
  if (parts.length === 0) return null;
  return h('span', { class: 'clip-pairs' }, ...parts.map(([label, v]) => h('span', { class: 'clip-pair' }, h('span', { class: 'muted', text: `${label} ` }), h('span', { class: 'mono value-text', text: v ?? '' }))));
}

/**
 * The caption a Text effect draws over the clip (IMS "Effect configuration", Text: Content, with its own
 * TimelineIn/Out when it does not span the clip). Job data: a text node only.
 */
function captionRow(c: TimelineClip): [string, HTMLElement] | null {
  const text = clipCaption(c);
  if (text === null) return null;
  const e = captionEffect(c) ?? {};
  const tIn = typeof e.TimelineIn === 'number' ? e.TimelineIn : null;
  const tOut = typeof e.TimelineOut === 'number' ? e.TimelineOut : null;
  return [l10n.t('Caption'), h('span', { class: 'clip-caption-wrap' },
    h('span', { class: 'clip-caption clip-text', text }),
    tIn !== null || tOut !== null ? h('span', { class: 'muted small', text: ` (${tIn !== null ? timecode(tIn) : l10n.t('clip start')} → ${tOut !== null ? timecode(tOut) : l10n.t('clip end')})` }) : null)];
}

/** Where the clip sits in the picture: X/Y (fractions below 1, else pixels), Width/Height, AdaptMode. */
function layoutRow(label: string, o: Record<string, unknown>): [string, HTMLElement] | null {
  const el = pairs(o, [['X', 'X'], ['Y', 'Y'], [l10n.t('Width'), l10n.t('Width')], [l10n.t('Height'), l10n.t('Height')], ['AdaptMode', 'AdaptMode'], [l10n.t('Alignment'), l10n.t('Alignment')], ['TextWidth', l10n.t('Text width')]]);
  return el !== null ? [label, el] : null;
}

/** Text styling of a text or subtitle clip, or of a caption: font, size, colour, outline, bold/italic/underline. */
function fontRow(label: string, o: Record<string, unknown>): [string, HTMLElement] | null {
  const face = o.FontFace !== null && typeof o.FontFace === 'object' && !Array.isArray(o.FontFace) ? o.FontFace as Record<string, unknown> : {};
  const styles = ([l10n.t('Bold'), l10n.t('Italic'), l10n.t('Underline')] as const).filter((k) => face[k] === true).map((k) => k.toLowerCase());
  const base = pairs(o, [[l10n.t('Font'), l10n.t('Font')], ['FontSize', l10n.t('Size')], ['FontColor', l10n.t('Colour')], ['FontColorOpacity', l10n.t('Opacity')], [l10n.t('Outline'), l10n.t('Outline')], ['OutlineColour', l10n.t('Outline colour')], ['EffectColorStyle', l10n.t('Style')]]);
  if (base === null && styles.length === 0) return null;
  return [label, h('span', { class: 'clip-font' }, base, styles.length > 0 ? h('span', { class: 'clip-pair muted', text: styles.join(', ') }) : null)];
}
