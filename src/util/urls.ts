/** True for the protocols of web links (`https:`, `http:`), as `URL.protocol` spells them. */
export function isHttpProtocol(protocol: string): boolean {
  return protocol === 'https:' || protocol === 'http:';
}

/** True when the text starts like an http(s) URL (`http://`, `HTTPS://`); it is not parsed. */
export function startsLikeHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}
