/**
 * The inspector webview's HTML, shared by the panel host and the standalone preview so both load the same bundle
 * under the same Content Security Policy: nothing but the page's nonce'd scripts, styles and fonts from the
 * webview's own resource root, images only from there or data: URLs, and nothing else (no remote resources, no
 * inline script, no inline style markup, no eval). Pure: no vscode import.
 */

export interface InspectorHtmlOptions {
  /** `webview.cspSource` (the preview uses `file:`). */
  cspSource: string;
  /** Fresh per page, from a cryptographic random source (base64 or hex). */
  nonce: string;
  /** Script URLs, loaded in order, each carrying the nonce. */
  scripts: string[];
  /** Stylesheet URLs. */
  styles: string[];
  title: string;
  /** The preview sets the theme class itself (VS Code sets it on the real webview's body). */
  bodyClass?: string;
  /** The page's language (`en`, `zh-cn`). */
  lang?: string;
  /** Non-executable JSON data blocks (the preview's job); `<` is escaped so the text cannot close the element. */
  dataBlocks?: Array<{ id: string; json: string }>;
}

export function inspectorCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** Escapes text for an HTML attribute value or element text. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON for a `<script type="application/json">` block: no `<` survives, so `</script>` cannot end the block. */
export function jsonForDataBlock(json: string): string {
  return json.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function inspectorHtml(o: InspectorHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('inspectorHtml: the nonce must be at least 16 base64/hex characters');
  const styles = o.styles.map((href) => `  <link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  const scripts = o.scripts.map((src) => `  <script nonce="${o.nonce}" src="${escapeHtml(src)}"></script>`).join('\n');
  const data = (o.dataBlocks ?? []).map((d) => `  <script type="application/json" id="${escapeHtml(d.id)}">${jsonForDataBlock(d.json)}</script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(inspectorCsp(o.cspSource, o.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(o.title)}</title>
${styles}
</head>
<body${o.bodyClass ? ` class="${escapeHtml(o.bodyClass)}"` : ''}>
  <div id="app" aria-busy="true"><p class="boot">Loading the job…</p></div>
${data}
${scripts}
</body>
</html>
`;
}
