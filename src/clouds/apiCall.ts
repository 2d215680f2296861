/**
 * A request as a job kind describes it, before endpoints, credentials and signing are applied.
 * The adapters (clouds/adapters/) build these; the client (clouds/client.ts) signs and sends them.
 */

/** An Alibaba Cloud RPC call (`Action` + `Version` + parameters). */
export interface AliyunCall {
  cloud: 'aliyun';
  /** The endpoint product the adapter declares (its `endpoint.product`). */
  product: string;
  action: string;
  version: string;
  method: 'GET' | 'POST';
  /** The API's own parameters (JobId, RegionId, …); common parameters are added by the signer. */
  params: Record<string, string>;
}

/** A Huawei Cloud REST call. */
export interface HuaweiCall {
  cloud: 'huawei';
  /** The endpoint product (service) the adapter declares (its `endpoint.product`). */
  service: string;
  method: 'GET';
  /** Path with the project id filled in, e.g. `/v2/0123…/editing/jobs`. */
  path: string;
  /** Query pairs in order; repeated keys allowed (`job_id=a&job_id=b`). */
  query: Array<[string, string]>;
  projectId: string;
}

export type ApiCall = AliyunCall | HuaweiCall;
