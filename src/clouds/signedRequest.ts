/** A request after signing, ready to hand to the HTTP layer. Shared by the Alibaba and Huawei signers. */
export interface SignedHttpRequest {
  method: string;
  /** Path and query exactly as to be sent, e.g. '/?JobId=abc' or '/' */
  pathAndQuery: string;
  /** Header names lower-case; includes 'host' */
  headers: Record<string, string>;
  body: string | null;
}
