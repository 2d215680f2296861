/**
 * JSON views: a highlighted block for small values, a collapsible tree (ClipsParam, UserData, SubJobMaterials,
 * cloud extras) and a virtualized line view for the whole response body (megabytes: only the visible lines are
 * in the DOM). All text goes in as text nodes; highlighting wraps tokens in spans by class.
 */
import { button, clear, h, icon } from '../dom.js';
import * as l10n from '../../util/l10n.js';

const TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b/g;

/** Appends one line of pretty JSON to `el`, with token spans. */
export function highlightLine(el: HTMLElement, line: string): void {
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(line); m !== null; m = TOKEN.exec(line)) {
    if (m.index > last) el.appendChild(document.createTextNode(line.slice(last, m.index)));
    let cls: string;
    if (m[1] !== undefined) cls = m[2] !== undefined ? 'j-key' : 'j-str';
    else if (m[3] !== undefined) cls = 'j-num';
    else if (m[4] !== undefined) cls = 'j-bool';
    else cls = 'j-null';
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = m[1] !== undefined ? m[1] : m[0];
    el.appendChild(span);
    if (m[2] !== undefined) el.appendChild(document.createTextNode(m[2]));
    last = m.index + m[0].length;
  }
  if (last < line.length) el.appendChild(document.createTextNode(line.slice(last)));
}

/** A `<pre>` of pretty JSON; highlighted when small, plain text (one node) when big. */
export function jsonBlock(value: unknown, label: string): HTMLElement {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? 'undefined';
  const pre = h('pre', { class: 'json-block', tabIndex: 0, role: 'region', aria: { label } });
  if (text.length > 20_000) {
    pre.textContent = text;
    return pre;
  }
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    highlightLine(pre, line);
    if (i < lines.length - 1) pre.appendChild(document.createTextNode('\n'));
  });
  return pre;
}

// ---- tree --------------------------------------------------------------------------------------------------

export interface TreeOptions {
  /** Stable prefix for the remembered open/closed state of nodes. */
  id: string;
  label: string;
  /** Remembered state (path → open) and how to save a change. */
  state: Record<string, boolean>;
  onToggle: () => void;
  /** Levels open by default. */
  openLevels?: number;
}

const CHILD_PAGE = 200;
const MAX_STRING = 400;

function typeOf(v: unknown): 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' || t === 'string' || t === 'number' || t === 'boolean' ? t : 'other';
}

function preview(v: unknown): HTMLElement {
  const t = typeOf(v);
  switch (t) {
    case 'object': {
      const keys = Object.keys(v as object);
      return h('span', { class: 'j-meta', text: `{${keys.length === 0 ? '' : ` ${keys.length === 1 ? l10n.t('{0} key', 1) : l10n.t('{0} keys', keys.length)} `}}` });
    }
    case 'array': {
      const n = (v as unknown[]).length;
      return h('span', { class: 'j-meta', text: `[${n === 0 ? '' : ` ${n === 1 ? l10n.t('{0} item', 1) : l10n.t('{0} items', n)} `}]` });
    }
    case 'string': {
      const s = JSON.stringify(v) ?? '';
      const shown = s.length > MAX_STRING ? `${s.slice(0, MAX_STRING - 2)}…"` : s;
      return h('span', { class: 'j-str', text: shown, title: s.length > MAX_STRING ? `${(v as string).length} characters` : undefined });
    }
    case 'number':
      return h('span', { class: 'j-num', text: String(v) });
    case 'boolean':
      return h('span', { class: 'j-bool', text: String(v) });
    case 'null':
      return h('span', { class: 'j-null', text: 'null' });
    default:
      return h('span', { class: 'j-meta', text: String(v) });
  }
}

/**
 * A collapsible tree of a JSON value (role=tree): each object or array node toggles with its button (or Enter /
 * Space / arrow keys); big arrays show their items a page at a time.
 */
export function jsonTree(value: unknown, o: TreeOptions): HTMLElement {
  const root = h('ul', { class: 'json-tree', role: 'tree', aria: { label: o.label } });
  const openLevels = o.openLevels ?? 2;
  const isOpen = (path: string, level: number): boolean => o.state[`${o.id}:${path}`] ?? level < openLevels;

  const makeNode = (key: string | null, v: unknown, path: string, level: number): HTMLLIElement => {
    const t = typeOf(v);
    const container = t === 'object' || t === 'array';
    const open = container && isOpen(path, level);
    const li = h('li', { role: 'treeitem', aria: { level: level + 1, expanded: container ? open : undefined } });
    const row = h('div', { class: 'jt-row' });
    if (container) {
      row.appendChild(h('button', {
        class: 'jt-toggle', attrs: { type: 'button' }, aria: { label: `${open ? l10n.t('Collapse') : l10n.t('Expand')} ${key ?? o.label}`, expanded: open },
        on: {
          click: () => {
            o.state[`${o.id}:${path}`] = !open;
            o.onToggle();
            const fresh = makeNode(key, v, path, level);
            li.replaceWith(fresh);
            (fresh.querySelector('.jt-toggle') as HTMLElement | null)?.focus();
          },
        },
      }, icon(open ? 'chevron-down' : 'chevron-right')));
    } else {
      row.appendChild(h('span', { class: 'jt-spacer' }));
    }
    if (key !== null) row.append(h('span', { class: 'j-key', text: key }), h('span', { class: 'j-punct', text: ': ' }));
    row.appendChild(preview(v));
    li.appendChild(row);
    if (open) {
      const ul = h('ul', { role: 'group' });
      const entries: Array<[string, unknown]> = t === 'array'
        ? (v as unknown[]).map((x, i) => [String(i), x])
        : Object.entries(v as Record<string, unknown>);
      const renderFrom = (start: number): void => {
        const end = Math.min(entries.length, start + CHILD_PAGE);
        for (let i = start; i < end; i++) {
          const [k, x] = entries[i] as [string, unknown];
          ul.appendChild(makeNode(t === 'array' ? `[${k}]` : k, x, `${path}/${k}`, level + 1));
        }
        if (end < entries.length) {
          const more = h('li', { role: 'none', class: 'jt-more' });
          more.appendChild(button({
            label: l10n.t('Show {0} more of {1}', Math.min(CHILD_PAGE, entries.length - end), entries.length - end), class: 'link-button',
            onClick: () => {
              more.remove();
              renderFrom(end);
            },
          }));
          ul.appendChild(more);
        }
      };
      renderFrom(0);
      li.appendChild(ul);
    }
    return li;
  };

  // An object or array shows its members at the top level (no row for the root itself).
  const top = typeOf(value);
  if (top === 'object' || top === 'array') {
    const entries: Array<[string, unknown]> = top === 'array'
      ? (value as unknown[]).map((x, i) => [String(i), x])
      : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) root.appendChild(h('li', { role: 'treeitem', class: 'jt-empty', text: top === 'array' ? l10n.t('(an empty list)') : l10n.t('(an empty object)') }));
    for (const [k, x] of entries.slice(0, 1000)) root.appendChild(makeNode(top === 'array' ? `[${k}]` : k, x, `/${k}`, 0));
    if (entries.length > 1000) root.appendChild(h('li', { role: 'none', class: 'jt-more', text: `… ${l10n.t('{0} more (see Raw JSON)', entries.length - 1000)}` }));
  } else {
    root.appendChild(makeNode(null, value, '', 0));
  }
  return root;
}

// ---- virtualized lines ---------------------------------------------------------------------------------------

const LINE_H = 18;

/**
 * Many lines of text in a scroller; only the lines in view (and a margin) are in the DOM.
 * The scroller is the returned element; `scrollTop` survives updates through `restore`.
 */
export class JsonLines {
  readonly el: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly body: HTMLElement;
  private lines: string[] = [];
  private rendered = { from: -1, to: -1 };
  private raf = 0;

  constructor(label: string, private readonly onScroll: (top: number) => void) {
    this.el = h('div', { class: 'lines-scroller', tabIndex: 0, role: 'region', aria: { label } });
    this.sizer = h('div', { class: 'lines-sizer' });
    this.body = h('pre', { class: 'lines-body json-block' });
    this.sizer.appendChild(this.body);
    this.el.appendChild(this.sizer);
    this.el.addEventListener('scroll', () => {
      this.onScroll(this.el.scrollTop);
      this.schedule();
    });
  }

  setText(text: string, scrollTop = 0): void {
    this.lines = text.split('\n');
    this.sizer.style.height = `${this.lines.length * LINE_H}px`;
    this.rendered = { from: -1, to: -1 };
    this.el.scrollTop = scrollTop;
    this.render();
  }

  private schedule(): void {
    if (this.raf) return;
    this.raf = requestAnimationFrame(() => {
      this.raf = 0;
      this.render();
    });
  }

  render(): void {
    const height = this.el.clientHeight || 600;
    const from = Math.max(0, Math.floor(this.el.scrollTop / LINE_H) - 20);
    const to = Math.min(this.lines.length, Math.ceil((this.el.scrollTop + height) / LINE_H) + 20);
    if (from === this.rendered.from && to === this.rendered.to) return;
    this.rendered = { from, to };
    clear(this.body);
    this.body.style.transform = `translateY(${from * LINE_H}px)`;
    const digits = String(this.lines.length).length;
    for (let i = from; i < to; i++) {
      const line = h('div', { class: 'line' });
      line.appendChild(h('span', { class: 'ln', text: String(i + 1).padStart(digits, ' '), aria: { hidden: true } }));
      const code = h('span', { class: 'lc' });
      const text = this.lines[i] ?? '';
      if (text.length > 4_000) code.textContent = text;
      else highlightLine(code, text);
      line.appendChild(code);
      this.body.appendChild(line);
    }
  }
}
