/** Raw JSON tab: the response body pretty-printed with nested JSON strings decoded; Copy goes through the host. */
import { type Ctx } from '../context.js';
import { button, h } from '../dom.js';
import { num, plural } from '../format.js';
import { JsonLines } from './json.js';
import { emptyState } from './widgets.js';

export function renderRaw(ctx: Ctx): HTMLElement {
  const p = ctx.payload();
  const root = h('div', { class: 'raw-tab' });
  if (!p.hasRaw) {
    root.appendChild(emptyState('json', p.job ? 'The response body is not kept across restarts' : 'No response yet', [
      p.tracked.refreshing ? 'Fetching the job again…' : 'Refresh the job to see the body as the cloud sent it.',
    ], [button({ icon: 'refresh', label: 'Refresh', onClick: () => ctx.host.send({ type: 'refresh' }) })]));
    return root;
  }
  const note = h('span', { class: 'muted small', text: 'JSON held in strings (Timeline, UserData, stream lists, …) is shown decoded.' });
  const toolbar = h('div', { class: 'raw-toolbar', role: 'toolbar', aria: { label: 'Raw JSON' } },
    button({ icon: 'copy', label: 'Copy decoded', class: 'secondary small', onClick: () => ctx.host.send({ type: 'copyRaw', decoded: true }) }),
    button({ icon: 'copy', label: 'Copy as received', class: 'secondary small', onClick: () => ctx.host.send({ type: 'copyRaw', decoded: false }) }),
    note);
  const lines = new JsonLines('Response body', (top) => {
    ctx.state.scroll.raw = top;
    ctx.saveState();
  });
  const status = h('div', { class: 'muted small raw-info', text: 'Loading…', role: 'status' });
  root.append(toolbar, status, lines.el);
  const rev = ctx.revision();
  void ctx.host.request<'raw'>({ type: 'requestRaw' }).then((m) => {
    if (rev !== ctx.revision()) return;
    status.textContent = m.truncated
      ? `Showing the first ${plural(m.text.length, 'character')} of ${num(m.totalChars, 0)}; Copy copies all of it.`
      : `${plural(m.totalChars, 'character')}`;
    lines.setText(m.text, ctx.state.scroll.raw ?? 0);
  });
  return root;
}
