/** True for the protocols of web links (`https:`, `http:`), as `URL.protocol` spells them. */
export function isHttpProtocol(protocol: string): boolean {
  return protocol === 'https:' || protocol === 'http:';
}

/** True when the text starts like an http(s) URL (`http://`, `HTTPS://`); it is not parsed. */
export function startsLikeHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** The last path segment of a URL (or OSS/OBS path), without query or fragment, decoded; else null. */
export function fileNameFromUrl(url: string | null): string | null {
  if (url === null) return null;
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const afterScheme = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const seg = afterScheme.split('/').filter((p) => p !== '').pop();
  if (seg === undefined) return null;
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}
