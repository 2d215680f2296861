/** Raw JSON tab: the response body pretty-printed with nested JSON strings decoded; Copy goes through the host. */
import { type Ctx } from '../context.js';
import * as l10n from '../../util/l10n.js';
import { button, h } from '../dom.js';
import { num, plural } from '../format.js';
import { JsonLines } from './json.js';
import { emptyState } from './widgets.js';

export function renderRaw(ctx: Ctx): HTMLElement {
  const p = ctx.payload();
  const root = h('div', { class: 'raw-tab' });
  if (!p.hasRaw) {
    root.appendChild(emptyState('json', p.job ? l10n.t('The response body is not kept across restarts') : l10n.t('No response yet'), [
      p.tracked.refreshing ? l10n.t('Fetching the job again…') : l10n.t('Refresh the job to see the body as the cloud sent it.'),
    ], [button({ icon: 'refresh', label: l10n.t('Refresh'), onClick: () => ctx.host.send({ type: 'refresh' }) })]));
    return root;
  }
  const note = h('span', { class: 'muted small', text: l10n.t('JSON held in strings (Timeline, UserData, stream lists, …) is shown decoded.') });
  const toolbar = h('div', { class: 'raw-toolbar', role: 'toolbar', aria: { label: l10n.t('Raw JSON') } },
    button({ icon: 'copy', label: l10n.t('Copy decoded'), class: 'secondary small', onClick: () => ctx.host.send({ type: 'copyRaw', decoded: true }) }),
    button({ icon: 'copy', label: l10n.t('Copy as received'), class: 'secondary small', onClick: () => ctx.host.send({ type: 'copyRaw', decoded: false }) }),
    note);
  const lines = new JsonLines(l10n.t('Response body'), (top) => {
    ctx.state.scroll.raw = top;
    ctx.saveState();
  });
  const status = h('div', { class: 'muted small raw-info', text: l10n.t('Loading…'), role: 'status' });
  root.append(toolbar, status, lines.el);
  const rev = ctx.revision();
  void ctx.host.request<'raw'>({ type: 'requestRaw' }).then((m) => {
    if (rev !== ctx.revision()) return;
    status.textContent = m.truncated
      ? l10n.t('Showing the first {0} of {1}; Copy copies all of it.', plural(m.text.length, 'character'), num(m.totalChars, 0))
      : `${plural(m.totalChars, 'character')}`;
    lines.setText(m.text, ctx.state.scroll.raw ?? 0);
  });
  return root;
}
