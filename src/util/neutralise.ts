/**
 * The one function that makes text from a cloud, a document or the workspace safe to put on a plain-text
 * surface of VS Code: a notification (showInformation/Warning/ErrorMessage), a status bar item, a tree label,
 * a quick pick item. Pure (no vscode), so every call site is unit-testable.
 *
 * What those surfaces interpret, and what this does about it:
 * - Notifications turn `[label](command:…)`, `[label](https://…)` and `[label](file:…)` into clickable links
 *   (VS Code's linkedText parser; a backslash before a bracket does not stop it). Every `](` becomes `] (`,
 *   which the parser needs adjacent: the text stays readable and no link can form.
 * - The status bar text and quick pick items (label, description, detail) draw `$(name)` as a theme icon;
 *   `\$(name)` shows the characters. Every `$(name)` becomes `\$(name)` (the default). Notification messages and tree
 *   labels and descriptions draw no icons (VS Code 1.100: NotificationMessageRenderer renders text nodes and
 *   links only; the custom tree's ResourceLabel is created without supportIcons): pass `{icons: false}` there,
 *   or the backslash shows. Notification BUTTONS do draw icons: never put outside text in a button label.
 * - C0/C1 controls, DEL and the bidirectional controls (src/util/unsafeChars.ts) are removed; line breaks and
 *   tabs become one space (every one of these surfaces is one line).
 * - `maxLength` (UTF-16 code units of the result, at least 1) cuts the text with `…`, never inside a surrogate
 *   pair and never inside an escaped icon.
 *
 * The result of neutralise is stable: neutralise(neutralise(x)) keeps it link-free and icon-free (the escape
 * is applied again, which still shows as text).
 */
import { oneLine } from './unsafeChars.js';

export interface NeutraliseOptions {
  /** Longest result, `…` included. */
  maxLength?: number;
  /** Whether the surface draws `$(name)` as an icon, so `$(` must be escaped (default true). */
  icons?: boolean;
}

/** What VS Code draws as a theme icon (ThemeIcon.iconNameExpression and iconModifierExpression). */
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

export function neutralise(text: string, o: NeutraliseOptions = {}): string {
  let out = oneLine(String(text)).replace(/\]\(/g, '] (');
  const icons = o.icons ?? true;
  if (icons) out = out.replace(ICON, '\\$&');
  const max = o.maxLength;
  if (max !== undefined && Number.isFinite(max) && out.length > Math.max(1, Math.floor(max))) {
    let cut = Math.max(1, Math.floor(max)) - 1;
    // Not between the halves of a surrogate pair.
    if (cut > 0 && /[\ud800-\udbff]/.test(out.charAt(cut - 1))) cut -= 1;
    let head = out.slice(0, cut);
    // Not inside an escaped icon: its backslash would show, or escape whatever the surface puts after it.
    if (icons) head = head.replace(/\\(?:\$(?:\([A-Za-z0-9-]*(?:~[A-Za-z]*)?)?)?$/, '');
    out = `${head}…`;
  }
  return out;
}

/**
 * VS Code's linkedText pattern (src/vs/base/common/linkedText.ts): what a notification turns into a link.
 * For tests and assertions: neutralised text never matches it.
 */
export const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** Whether a notification would render a link somewhere in this text. */
export function hasNotificationLink(text: string): boolean {
  NOTIFICATION_LINK.lastIndex = 0;
  const found = NOTIFICATION_LINK.test(text);
  NOTIFICATION_LINK.lastIndex = 0;
  return found;
}
