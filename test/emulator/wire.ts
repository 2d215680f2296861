/**
 * Responses as the two clouds write them: Alibaba's `{RequestId, HostId, Code, Message, Recommend}` error bodies
 * (JSON, or XML when a V1 request asks for it or leaves Format out, since XML is the RPC default), Huawei's
 * `{error_code, error_msg, request_id}` with the X-Request-Id header.
 */
import { randomUUID } from 'node:crypto';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The cloud's error code, for the request log; null on success. */
  errorCode: string | null;
}

/** Upper-case UUID, like Alibaba's RequestId values. */
export function aliyunRequestId(): string {
  return randomUUID().toUpperCase();
}

/** 32 lower-case hex digits, like the request ids Huawei's API gateway returns. */
export function huaweiRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

export type AliyunFormat = 'JSON' | 'XML';

/** What every Alibaba answer needs to know about its request. */
export interface AliyunContext {
  requestId: string;
  /** The endpoint the client called (its Host header), as Alibaba echoes it in HostId. */
  hostId: string;
  /** Product code for the Recommend link (`ICE`, `vod`, `live`), when the action was recognised. */
  product: string | null;
  /** Action name, for the XML root element of successful V1 XML answers. */
  action: string | null;
  format: AliyunFormat;
}

const JSON_TYPE = 'application/json;charset=utf-8';
const XML_TYPE = 'text/xml;charset=utf-8';

export function aliyunOk(ctx: AliyunContext, payload: Record<string, unknown>): WireResponse {
  const body = { RequestId: ctx.requestId, ...payload };
  if (ctx.format === 'XML') {
    return {
      status: 200,
      headers: { 'content-type': XML_TYPE, 'x-acs-request-id': ctx.requestId },
      body: xmlDocument(`${ctx.action ?? 'Response'}Response`, body),
      errorCode: null,
    };
  }
  return { status: 200, headers: { 'content-type': JSON_TYPE, 'x-acs-request-id': ctx.requestId }, body: JSON.stringify(body), errorCode: null };
}

export function aliyunError(ctx: AliyunContext, status: number, code: string, message: string, extraHeaders: Record<string, string> = {}): WireResponse {
  const recommend = `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}${ctx.product ? `&product=${ctx.product}` : ''}&requestId=${ctx.requestId}`;
  const body = { RequestId: ctx.requestId, HostId: ctx.hostId, Code: code, Message: message, Recommend: recommend };
  const headers = { 'x-acs-request-id': ctx.requestId, ...extraHeaders };
  if (ctx.format === 'XML') {
    return { status, headers: { 'content-type': XML_TYPE, ...headers }, body: xmlDocument('Error', body), errorCode: code };
  }
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body), errorCode: code };
}

export function huaweiOk(requestId: string, payload: Record<string, unknown>): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': requestId },
    body: JSON.stringify(payload),
    errorCode: null,
  };
}

export function huaweiError(requestId: string, status: number, code: string, message: string): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'x-request-id': requestId },
    body: JSON.stringify({ error_code: code, error_msg: message, request_id: requestId }),
    errorCode: code,
  };
}

/**
 * A small JSON → XML rendering in the style of Alibaba's RPC XML answers: one element per key, array items
 * repeated under the array's name. Good enough to tell a client that forgot `Format=JSON` what it got.
 */
export function xmlDocument(root: string, value: unknown): string {
  return `<?xml version='1.0' encoding='UTF-8'?><${root}>${xmlInner(value)}</${root}>`;
}

function xmlInner(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<item>${xmlInner(v)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (Array.isArray(v) ? v.map((item) => `<${k}>${xmlInner(item)}</${k}>`).join('') : `<${k}>${xmlInner(v)}</${k}>`))
      .join('');
  }
  return escapeXml(String(value));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** What an API handler decides, before it is written in its cloud's shape. */
export type ApiOutcome =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; status: number; code: string; message: string };

export function apiFailure(status: number, code: string, message: string): ApiOutcome {
  return { ok: false, status, code, message };
}
