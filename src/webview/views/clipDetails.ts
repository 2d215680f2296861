/** The selected clip: its placement and media in words, then its full JSON exactly as in the Timeline. */
import { type TrackSummary } from '../../present/timelineIndex.js';
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
  const src = c.in !== null || c.out !== null ? `${c.in !== null ? timecode(c.in) : '0:00.000'} → ${c.out !== null ? timecode(c.out) : 'end of source'}` : null;
  const placement = c.timelineIn !== null
    ? h('span', {}, `${timecode(c.timelineIn)} → ${c.timelineOut !== null ? timecode(c.timelineOut) : 'end unknown'}`,
      c.derivedPlacement ? chip('derived', { class: 'small', icon: 'symbol-operator', title: 'Not given in the Timeline: computed by laying clips end to end (or from a referenced clip)' }) : null)
    : missing('No position could be derived for this clip');
  const mediaUrl = c.mediaUrl;
  const rows = facts([
    ['Track', track ? `${trackName(track)}${track.main ? ' (main)' : ''}` : `track ${found.track + 1}`],
    ['Clip', `#${found.index + 1} in the Timeline's order`],
    ['Type', c.clipType ?? missing('The Timeline gives no Type (a media clip by default)')],
    c.mediaId !== null ? ['Media ID', copyable(ctx, c.mediaId, 'media id')] : null,
    mediaUrl !== null ? ['Media URL', h('span', { class: 'copyable' },
      h('span', { class: 'mono value-text', text: mediaUrl }),
      button({ icon: 'copy', title: 'Copy media URL', class: 'inline', onClick: () => ctx.copy(mediaUrl, 'media URL') }),
      isWebUrl(mediaUrl) ? button({ icon: 'link-external', title: `Open ${mediaUrl}`, class: 'inline', onClick: () => ctx.open(mediaUrl) }) : null)] : null,
    c.mediaId === null && mediaUrl === null && c.text === null ? ['Media', h('span', { class: 'flag-text' }, icon('warning'), ' none: this clip names neither a media id nor a URL')] : null,
    c.text !== null ? ['Text', h('span', { class: 'clip-text', text: c.text })] : null,
    ['Source In → Out', src ?? missing('The Timeline gives no In/Out: the whole source')],
    ['On the output', placement],
    ['Length', length !== null ? duration(length) : missing()],
    c.speed !== null ? ['Speed', `${num(c.speed)}×`] : null,
    c.duration !== null ? ['Duration', duration(c.duration)] : null,
    ['Effects', c.effects.length > 0
      ? h('span', { class: 'effects' }, ...c.effects.map((e) => chip(`${e.type}${e.subType ? `/${e.subType}` : ''}${e.durationSeconds !== null ? ` ${num(e.durationSeconds)} s` : ''}`, { class: 'small' })))
      : h('span', { class: 'muted', text: 'none' })],
  ], 'Selected clip');
  const json = c.raw;
  return h('section', { class: 'clip-details', aria: { label: `Selected clip: ${clipName(c)}` } },
    h('div', { class: 'section-head' },
      h('h2', {}, icon('symbol-field'), h('span', { text: `Selected clip · ${clipName(c)}` })),
      h('div', { class: 'section-actions' },
        button({ icon: 'copy', label: 'Copy JSON', class: 'secondary small', onClick: () => ctx.copy(JSON.stringify(json, null, 2), 'clip JSON') }),
        ctx.state.tab !== 'timeline' ? button({ icon: 'graph-line', label: 'Show on timeline', class: 'secondary small', onClick: () => {
          ctx.showTab('timeline');
          ctx.select({ track: found.track, index: found.index }, { reveal: true });
        } }) : null)),
    h('div', { class: 'clip-details-body' }, rows,
      h('div', { class: 'clip-json' }, h('div', { class: 'muted small', text: 'As in the Timeline' }), jsonBlock(json, 'Clip JSON'))));
}
