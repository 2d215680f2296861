/**
 * The official SDK cores, as the emulator uses them to compute the signature it expects. Using the vendors'
 * own code keeps the emulator independent of the product's signers (src/clouds/aliyun, src/clouds/huawei):
 * a bug in ours cannot be mirrored here.
 *
 * Both packages are CommonJS. Loaded from a CommonJS-compiled module, the namespace's `default` is the class;
 * loaded from real ESM, `default` is `module.exports` and the class sits one level deeper. Both are handled.
 */
import * as openApiUtilModule from '@alicloud/openapi-util';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import type { IHttpRequest } from '@huaweicloud/huaweicloud-sdk-core/http/IHttpRequest.js';
import type { ICredential } from '@huaweicloud/huaweicloud-sdk-core/auth/ICredential.js';

type OpenApiUtil = typeof openApiUtilModule.default;
const loaded = openApiUtilModule as unknown as { default: OpenApiUtil & { default?: OpenApiUtil } };

/** `@alicloud/openapi-util`'s Client: getRPCSignature (V1), getAuthorization (V3), hash, hexEncode. */
export const openApiUtil: OpenApiUtil = loaded.default.default ?? loaded.default;

/** The request shape `getAuthorization` reads (a Tea Request; only these four fields are used). */
export type TeaRequestLike = { method: string; pathname: string; query: Record<string, string>; headers: Record<string, string> };

/** V1: Base64(HMAC-SHA1(secret + '&', METHOD&%2F&enc(canonical query))) via the official core. */
export function officialRpcSignature(params: Record<string, string>, method: string, secret: string): string {
  return openApiUtil.getRPCSignature(params, method, secret);
}

/** V3: the whole `Authorization` value the official core computes for this request. */
export function officialAcs3Authorization(req: TeaRequestLike, payloadHash: string, accessKeyId: string, secret: string): string {
  return openApiUtil.getAuthorization(
    req as unknown as Parameters<OpenApiUtil['getAuthorization']>[0],
    'ACS3-HMAC-SHA256',
    payloadHash,
    accessKeyId,
    secret,
  );
}

/**
 * AKSKSigner with one hook: it remembers the canonical request it built, so the emulator can echo it in
 * `verify aksk signature fail` answers as the real gateway does. Static members are looked up through `this`
 * inside `sign`, so overriding the builder is enough.
 */
class EchoingAkskSigner extends AKSKSigner {
  static lastCanonicalRequest = '';
  protected static override buildCanonicalRequest(
    method: string | undefined,
    canonicalURI: string | undefined,
    canonicalQueryString: string,
    canonicalHeaders: string,
    signedHeaderNames: string,
    payloadHash: string | undefined,
  ): string {
    const r = super.buildCanonicalRequest(method, canonicalURI, canonicalQueryString, canonicalHeaders, signedHeaderNames, payloadHash);
    EchoingAkskSigner.lastCanonicalRequest = r;
    return r;
  }
}

export interface HuaweiSignInput {
  method: string;
  /** `http://host/path` — the signer reads the path from it. */
  endpoint: string;
  query: Record<string, string[]>;
  /**
   * Headers to sign, keyed as the SDK expects: `X-Sdk-Date` and `X-Sdk-Content-Sha256` in that exact case
   * (the signer looks them up case-sensitively), everything else lower-case.
   */
  headers: Record<string, string>;
}

/** Huawei SDK-HMAC-SHA256 via the official core: the Authorization value and the canonical request behind it. */
export function officialHuaweiAuthorization(input: HuaweiSignInput, ak: string, sk: string): { authorization: string; canonicalRequest: string } {
  const query: Record<string, string[]> = {};
  // The signer sorts array values in place; hand it copies.
  for (const [k, v] of Object.entries(input.query)) query[k] = [...v];
  const request: IHttpRequest = { endpoint: input.endpoint, method: input.method, queryParams: query, headers: { ...input.headers } };
  const credential = { getAk: () => ak, getSk: () => sk } as unknown as ICredential;
  const signed = EchoingAkskSigner.sign(request, credential) as Record<string, string>;
  return { authorization: signed['Authorization'] ?? '', canonicalRequest: EchoingAkskSigner.lastCanonicalRequest };
}
