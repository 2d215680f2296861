/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`, as both Alibaba signatures define it:
 * only `A–Z a–z 0–9 - _ . ~` stay literal, every other byte becomes `%XY` (upper-case hex),
 * so space is `%20` (never `+`), `*` is `%2A` and `/` is `%2F`.
 * Huawei's SDK-HMAC-SHA256 uses the same unreserved set, so its signer shares this function.
 *
 * Throws `URIError` on a lone UTF-16 surrogate: such a string has no UTF-8 form to sign.
 */
export function percentEncode(value: string): string {
  // encodeURIComponent already keeps exactly the unreserved set plus `! ' ( ) *`; encode those five too.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
