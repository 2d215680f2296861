/**
 * The inspector app: receives the job from the host, renders the header, the tab bar and the active tab, keeps
 * the UI state (tab, scroll, zoom, selection, sort) across live updates, and reports what it painted.
 */
import { type HostMessage, INSPECTOR_TABS, type InspectorTab, type JobPayload } from '../protocol/webview.js';
import * as l10n from '../util/l10n.js';
import { type ClipKey, type Ctx } from './context.js';
import { button, clear, h, icon } from './dom.js';
import { num, plural } from './format.js';
import { type HostConnection } from './host.js';
import { kindInfo, kindLabel } from './kind.js';
import { LocalSource, RemoteSource, type TimelineSource } from './source.js';
import { defaultState, readState, type UiState } from './state.js';
import { ClipsTable } from './views/clipsTable.js';
import { renderHeader } from './views/header.js';
import { decodedValue, renderOverview } from './views/overview.js';
import { renderRaw } from './views/raw.js';
import { renderStreams } from './views/streams.js';
import { TimelineTab } from './views/timeline.js';
import { banner, emptyState } from './views/widgets.js';

const TAB_TITLE: Readonly<Record<InspectorTab, string>> = {
  overview: l10n.t('Overview'), timeline: l10n.t('Timeline'), clips: l10n.t('Clips'), clipsParam: 'ClipsParam', streams: l10n.t('Streams'), raw: l10n.t('Raw JSON'),
};
const TAB_ICON: Readonly<Record<InspectorTab, string>> = {
  overview: 'info', timeline: 'graph-line', clips: 'list-flat', clipsParam: 'symbol-namespace', streams: 'pulse', raw: 'json',
};

export class App implements Ctx {
  state: UiState;
  private data: JobPayload | null = null;
  private rev = 0;
  private src: TimelineSource | null = null;
  /** When the render being reported started: the job's arrival, or the tab switch. */
  private receivedAt = 0;
  private readonly root: HTMLElement;
  private readonly headerBox: HTMLElement;
  private readonly tabBar: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly live: HTMLElement;
  private readonly toast: HTMLElement;
  private timelineTab: TimelineTab | null = null;
  private clipsTable: ClipsTable | null = null;
  private saveTimer = 0;
  private toastTimer = 0;
  private reportQueued = false;
  private mountedTab: InspectorTab | null = null;

  constructor(readonly host: HostConnection, root: HTMLElement) {
    this.state = readState(host.getState());
    this.root = root;
    this.headerBox = h('div', { class: 'header-box' });
    this.tabBar = h('div', { class: 'tabs', role: 'tablist', aria: { label: l10n.t('Inspector sections') }, on: { keydown: (e) => this.onTabKey(e) } });
    this.panel = h('main', { class: 'tab-panel', id: 'tab-panel', role: 'tabpanel', tabIndex: -1, on: { scroll: () => this.onPanelScroll() } });
    this.live = h('div', { class: 'sr-only', aria: { live: 'polite' }, role: 'status' });
    this.toast = h('div', { class: 'toast', role: 'status', aria: { live: 'polite' } });
  }

  start(): void {
    this.host.onJob = (m) => this.onJob(m);
    this.host.onDone = (m) => this.showToast(m.message, m.ok);
    window.addEventListener('error', (e) => this.host.send({ type: 'log', level: 'error', message: `${e.message} (${e.filename}:${e.lineno})`.slice(0, 3_000) }));
    window.addEventListener('unhandledrejection', (e) => this.host.send({ type: 'log', level: 'error', message: `unhandled rejection: ${String(e.reason)}`.slice(0, 3_000) }));
    this.host.send({ type: 'ready' });
  }

  // ---- Ctx ----------------------------------------------------------------------------------------------------

  payload(): JobPayload {
    if (this.data === null) throw new Error('no job yet');
    return this.data;
  }

  revision(): number {
    return this.rev;
  }

  source(): TimelineSource | null {
    return this.src;
  }

  saveState(): void {
    if (this.saveTimer) return;
    this.saveTimer = window.setTimeout(() => {
      this.saveTimer = 0;
      this.host.setState(this.state);
    }, 80);
  }

  select(clip: ClipKey | null, opts: { reveal?: boolean } = {}): void {
    this.state.selected = clip;
    this.saveState();
    this.timelineTab?.showSelection(opts);
    this.clipsTable?.showSelection();
  }

  showTab(tab: InspectorTab): void {
    if (this.state.tab === tab) return;
    this.state.scroll[this.state.tab] = this.panel.scrollTop;
    this.state.tab = tab;
    this.saveState();
    this.receivedAt = performance.now();
    this.renderTabs();
    this.renderPanel(true);
  }

  copy(text: string, what: string): void {
    this.host.send({ type: 'copy', text, what });
  }

  open(url: string): void {
    this.host.send({ type: 'openExternal', url });
  }

  announce(text: string): void {
    this.live.textContent = text;
  }

  reportRendered(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    // After the browser has painted: two frames.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      this.reportQueued = false;
      this.host.send({
        type: 'rendered', revision: this.rev, status: this.data?.job?.status ?? 'none', tab: this.state.tab,
        ms: Math.max(0, performance.now() - this.receivedAt), elements: document.getElementsByTagName('*').length,
      });
    }));
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  private onJob(m: Extract<HostMessage, { type: 'job' }>): void {
    this.receivedAt = performance.now();
    const p = m.payload;
    if (this.state.jobKey !== null && this.state.jobKey !== p.key) this.state = defaultState();
    this.state.jobKey = p.key;
    this.saveState();
    this.data = p;
    this.rev = m.revision;
    const tl = p.timeline;
    this.src = tl.state === 'ok' ? (tl.inline ? new LocalSource(tl.inline, tl.summary) : new RemoteSource(this.host, tl.summary)) : null;
    if (this.root.childElementCount === 0 || this.root.querySelector('.boot')) {
      clear(this.root);
      this.root.append(this.headerBox, this.tabBar, this.panel, this.live, this.toast);
      this.root.removeAttribute('aria-busy');
    }
    document.title = `${kindLabel(p.tracked.ref.kind)} ${p.tracked.ref.id}`;
    clear(this.headerBox);
    this.headerBox.appendChild(renderHeader(this));
    this.renderTabs();
    this.renderPanel(false);
  }

  private tabBadge(tab: InspectorTab): { text: string; cls?: string; title?: string } | null {
    const p = this.data;
    if (!p?.job) return null;
    const tl = p.timeline;
    switch (tab) {
      case 'timeline':
        if (tl.state === 'error') return { text: '!', cls: 'error', title: l10n.t('The Timeline could not be read') };
        if (tl.state === 'ok') return { text: num(tl.summary.tracks.length, 0), title: plural(tl.summary.tracks.length, 'track') };
        return null;
      case 'clips':
        return tl.state === 'ok' ? { text: num(tl.summary.clipCount, 0), title: plural(tl.summary.clipCount, 'clip') } : null;
      case 'clipsParam':
        return p.job.clipsParam !== null && p.job.clipsParam !== undefined ? { text: typeof p.job.clipsParam === 'string' ? '!' : '•', cls: typeof p.job.clipsParam === 'string' ? 'error' : '' } : null;
      case 'streams':
        return p.job.streams.length > 0 ? { text: String(p.job.streams.length), title: plural(p.job.streams.length, 'stream') } : null;
      default:
        return null;
    }
  }

  private renderTabs(): void {
    clear(this.tabBar);
    for (const tab of INSPECTOR_TABS) {
      const selected = this.state.tab === tab;
      const badge = this.tabBadge(tab);
      this.tabBar.appendChild(h('button', {
        class: `tab${selected ? ' selected' : ''}`, role: 'tab', id: `tab-${tab}`, tabIndex: selected ? 0 : -1,
        attrs: { type: 'button' }, aria: { selected: selected ? 'true' : 'false', controls: 'tab-panel' }, data: { tab },
        on: { click: () => this.showTab(tab) },
      }, icon(TAB_ICON[tab]), h('span', { text: TAB_TITLE[tab] }), badge ? h('span', { class: `tab-badge${badge.cls ? ` ${badge.cls}` : ''}`, text: badge.text, title: badge.title }) : null));
    }
    this.panel.setAttribute('aria-labelledby', `tab-${this.state.tab}`);
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = INSPECTOR_TABS.indexOf(this.state.tab);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % INSPECTOR_TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + INSPECTOR_TABS.length) % INSPECTOR_TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = INSPECTOR_TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    this.showTab(INSPECTOR_TABS[next] as InspectorTab);
    (this.tabBar.querySelector(`#tab-${INSPECTOR_TABS[next]}`) as HTMLElement | null)?.focus();
  }

  private onPanelScroll(): void {
    this.state.scroll[this.state.tab] = this.panel.scrollTop;
    this.saveState();
  }

  /** Renders the active tab; on a live update, keeps the components that hold view state and the scroll position. */
  private renderPanel(tabChanged: boolean): void {
    const tab = this.state.tab;
    const scroll = this.state.scroll[tab] ?? 0;
    const p = this.payload();
    const sameTab = !tabChanged && this.mountedTab === tab;
    this.panel.className = `tab-panel tab-${tab}`;

    if (tab === 'timeline' && this.src !== null && p.job) {
      if (sameTab && this.timelineTab) {
        this.timelineTab.update(this.src);
        this.panel.scrollTop = scroll;
        if (!this.timelineTab.waitingForLanes) this.reportRendered();
        return;
      }
      this.teardown();
      const t = new TimelineTab(this, this.src);
      this.timelineTab = t;
      this.panel.appendChild(t.el);
      if (this.src.summary.tracks.length === 0) {
        t.waitingForLanes = false;
        this.panel.insertBefore(emptyState('graph-line', l10n.t('The Timeline has no clips'), [l10n.t('It parsed, but holds no tracks with clips.')]), t.el);
      }
      t.attached();
      this.mountedTab = tab;
      // Setting scrollTop forces a layout: only when there is a position to restore.
      if (scroll > 0) this.panel.scrollTop = scroll;
      if (!t.waitingForLanes) this.reportRendered();
      return;
    }
    if (tab === 'clips' && this.src !== null && p.job) {
      if (sameTab && this.clipsTable) {
        this.clipsTable.update(this.src);
        this.reportRendered();
        return;
      }
      this.teardown();
      const c = new ClipsTable(this, this.src);
      this.clipsTable = c;
      this.panel.appendChild(c.el);
      c.attached();
      this.mountedTab = tab;
      this.reportRendered();
      return;
    }
    this.teardown();
    this.mountedTab = tab;
    this.panel.appendChild(this.renderStatic(tab, p));
    if (scroll > 0 || this.panel.scrollTop !== 0) this.panel.scrollTop = scroll;
    this.reportRendered();
  }

  private teardown(): void {
    this.timelineTab?.destroy();
    this.clipsTable?.destroy();
    this.timelineTab = null;
    this.clipsTable = null;
    clear(this.panel);
  }

  private renderStatic(tab: InspectorTab, p: JobPayload): HTMLElement {
    switch (tab) {
      case 'overview':
        return renderOverview(this);
      case 'timeline':
      case 'clips':
        return this.timelineState(p, tab);
      case 'clipsParam':
        return this.renderClipsParam(p);
      case 'streams':
        return renderStreams(this);
      case 'raw':
        return renderRaw(this);
      default: {
        const never: never = tab;
        return h('div', { text: String(never) });
      }
    }
  }

  /** The Timeline and Clips tabs when there is no parsed timeline: say why, never a blank panel. */
  private timelineState(p: JobPayload, tab: 'timeline' | 'clips'): HTMLElement {
    const tl = p.timeline;
    const root = h('div', { class: 'timeline-state' });
    if (!p.job) {
      root.appendChild(emptyState('graph-line', l10n.t('No timeline yet'), [l10n.t('The job has not been fetched.')]));
      return root;
    }
    switch (tl.state) {
      case 'none': {
        const can = kindInfo(p.job.kind)?.inspector;
        const fromTemplate = can?.template === true && Boolean(p.job.templateId);
        const why = fromTemplate
          ? l10n.t('This job was produced from template {0}; its clips are in ClipsParam.', p.job.templateId ?? '')
          : can?.timeline === true ? l10n.t('The job carries no Timeline.') : l10n.t('{0}s have no timeline.', kindLabel(p.job.kind));
        root.appendChild(emptyState('graph-line', l10n.t('This job has no timeline'), [why],
          fromTemplate ? [button({ icon: 'symbol-namespace', label: l10n.t('Show ClipsParam'), class: 'secondary', onClick: () => this.showTab('clipsParam') })] : []));
        return root;
      }
      case 'pending':
        root.appendChild(emptyState('loading', l10n.t('Fetching the full timeline…'), [l10n.t('The saved snapshot kept no clips (to keep the saved state small); the job is being fetched again.')]));
        return root;
      case 'error': {
        root.appendChild(banner('error', l10n.t('The Timeline could not be read'), [
          h('span', { class: 'mono', text: tl.parseError }),
          l10n.t('The job itself is shown as the cloud sent it; below is the Timeline exactly as received.'),
        ], { id: 'timeline-error' }));
        if (tab === 'timeline') {
          const shown = tl.rawText.length < tl.rawTextLength ? ` (${l10n.t('the first {0} of {1} characters', num(tl.rawText.length, 0), num(tl.rawTextLength, 0))})` : ` (${plural(tl.rawTextLength, 'character')})`;
          root.appendChild(h('div', { class: 'section-head' },
            h('h2', {}, icon('file-code'), h('span', { text: `${l10n.t('Raw Timeline')}${shown}` })),
            h('div', { class: 'section-actions' }, button({ icon: 'copy', label: l10n.t('Copy'), class: 'secondary small', onClick: () => this.copy(tl.rawText, l10n.t('raw Timeline')) }))));
          root.appendChild(h('pre', { class: 'json-block plain raw-timeline', tabIndex: 0, text: tl.rawText, aria: { label: l10n.t('Raw Timeline text') } }));
        }
        return root;
      }
      case 'ok':
        return root;
      default: {
        const never: never = tl;
        return h('div', { text: String(never) });
      }
    }
  }

  private renderClipsParam(p: JobPayload): HTMLElement {
    const job = p.job;
    const root = h('div', { class: 'clips-param' });
    if (!job) {
      root.appendChild(emptyState('symbol-namespace', l10n.t('No ClipsParam yet'), [l10n.t('The job has not been fetched.')]));
      return root;
    }
    if (job.clipsParam === null || job.clipsParam === undefined) {
      root.appendChild(emptyState('symbol-namespace', l10n.t('This job has no ClipsParam'), [
        kindInfo(job.kind)?.inspector.template === true
          ? l10n.t('Only jobs produced from a template carry ClipsParam (the values that fill the template\'s placeholders).')
          : l10n.t('{0}s have no ClipsParam.', kindLabel(job.kind)),
      ]));
      return root;
    }
    root.appendChild(h('p', { class: 'muted small' }, job.templateId ? l10n.t('Values for template {0}, decoded from JSON.', job.templateId) : l10n.t('Decoded from JSON.')));
    root.appendChild(decodedValue(this, job.clipsParam, 'clipsParam', 'ClipsParam', ''));
    return root;
  }

  private showToast(text: string, ok: boolean): void {
    this.toast.textContent = '';
    this.toast.append(icon(ok ? 'check' : 'warning'), h('span', { text }));
    this.toast.className = `toast visible${ok ? '' : ' warn'}`;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => {
      this.toast.className = 'toast';
    }, 2_500);
  }
}
