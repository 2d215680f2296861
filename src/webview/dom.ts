/**
 * The only way the inspector builds DOM. Job data is untrusted, so text always goes in as text nodes
 * (`textContent`), attributes are limited to a fixed set of harmless names, and nothing here can set an event
 * handler attribute, a URL attribute (href, src, action) or inline style markup. There is no innerHTML anywhere
 * in the webview.
 */

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  /** Set as textContent. */
  text?: string;
  title?: string;
  role?: string;
  tabIndex?: number;
  /** `aria-*` attributes, without the prefix. */
  aria?: Record<string, string | number | boolean | null | undefined>;
  /** `data-*` attributes, without the prefix. */
  data?: Record<string, string | number | null | undefined>;
  /** Other attributes, from ALLOWED_ATTRS only. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

const ALLOWED_ATTRS = new Set(['type', 'disabled', 'hidden', 'colspan', 'rowspan', 'scope', 'for', 'name', 'value', 'placeholder', 'spellcheck', 'readonly', 'lang', 'dir', 'draggable']);

function setAttr(el: Element, name: string, value: string | number | boolean | null | undefined): void {
  if (value === null || value === undefined || value === false) return;
  el.setAttribute(name, value === true ? '' : String(value));
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  if (tag === ('script' as K) || tag === ('style' as K) || tag === ('iframe' as K) || tag === ('a' as K) || tag === ('img' as K) || tag === ('link' as K)) {
    throw new Error(`dom: <${tag}> is not built by the inspector`);
  }
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.id) el.id = props.id;
  if (props.title !== undefined) el.title = props.title;
  if (props.role) el.setAttribute('role', props.role);
  if (props.tabIndex !== undefined) el.tabIndex = props.tabIndex;
  if (props.aria) for (const [k, v] of Object.entries(props.aria)) setAttr(el, `aria-${k}`, v === true ? 'true' : v);
  if (props.data) for (const [k, v] of Object.entries(props.data)) setAttr(el, `data-${k}`, v);
  if (props.attrs) {
    for (const [k, v] of Object.entries(props.attrs)) {
      if (!ALLOWED_ATTRS.has(k)) throw new Error(`dom: attribute ${k} is not allowed`);
      setAttr(el, k, v);
    }
  }
  if (props.on) {
    for (const [ev, fn] of Object.entries(props.on)) if (fn) el.addEventListener(ev, fn as EventListener);
  }
  if (props.text !== undefined) el.textContent = props.text;
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

/** Removes every child. */
export function clear(el: Element): void {
  while (el.lastChild) el.removeChild(el.lastChild);
}

/** A codicon (from a fixed set of names in this bundle, never from job data). */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`;
  el.setAttribute('aria-hidden', 'true');
  return el;
}

/** A button with a codicon and/or a label; icon-only buttons carry an aria-label and a tooltip. */
export function button(opts: { icon?: string; label?: string; title?: string; class?: string; onClick: (e: MouseEvent) => void; aria?: Props['aria']; data?: Props['data'] }): HTMLButtonElement {
  const b = h('button', {
    class: `btn${opts.label ? '' : ' icon-only'}${opts.class ? ` ${opts.class}` : ''}`,
    title: opts.title ?? opts.label,
    attrs: { type: 'button' },
    aria: { label: opts.label ? undefined : opts.title, ...opts.aria },
    data: opts.data,
    on: { click: opts.onClick },
  });
  if (opts.icon) b.appendChild(icon(opts.icon));
  if (opts.label) b.appendChild(h('span', { text: opts.label }));
  return b;
}

/** Positions an element (CSSOM, which the CSP allows; there are no style attributes in markup). */
export function place(el: HTMLElement, left: number, width: number): void {
  el.style.left = `${left}px`;
  el.style.width = `${width}px`;
}
