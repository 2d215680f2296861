/**
 * The webview's side of the channel to its host: typed sends, requests answered by `reqId`, and the persisted
 * UI state (getState/setState, which VS Code keeps across hide/show and reloads). The VS Code API object stays
 * private to this module, as the webview guide asks.
 */
import { type HostMessage, isHostMessage, type WebviewMessage } from '../protocol/webview.js';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type RequestMessage = Extract<WebviewMessage, { reqId: number }>;
type Answer = Extract<HostMessage, { reqId: number }>;
/** A request without the fields the connection fills in. */
export type RequestBody = RequestMessage extends infer M ? (M extends RequestMessage ? Omit<M, 'reqId' | 'revision'> : never) : never;

export class HostConnection {
  private readonly api: VsCodeApi;
  private nextReq = 1;
  private readonly pending = new Map<number, (m: Answer) => void>();
  /** The revision of the job on screen; requests carry it, answers for another one are dropped. */
  revision = 0;
  onJob: (m: Extract<HostMessage, { type: 'job' }>) => void = () => undefined;
  onDone: (m: Extract<HostMessage, { type: 'done' }>) => void = () => undefined;

  constructor() {
    this.api = acquireVsCodeApi();
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
  }

  send(m: WebviewMessage): void {
    this.api.postMessage(m);
  }

  /** Sends a request and resolves with its answer (never rejects; a superseded request simply never resolves). */
  request<T extends Answer['type']>(body: RequestBody): Promise<Extract<Answer, { type: T }>> {
    const reqId = this.nextReq++;
    return new Promise((resolve) => {
      this.pending.set(reqId, resolve as (m: Answer) => void);
      this.send({ ...body, reqId, revision: this.revision } as WebviewMessage);
    });
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(s: unknown): void {
    this.api.setState(s);
  }

  private receive(data: unknown): void {
    if (!isHostMessage(data)) return;
    switch (data.type) {
      case 'job':
        this.revision = data.revision;
        // Answers still in flight belong to the previous revision: their callers ask again.
        this.pending.clear();
        this.onJob(data);
        return;
      case 'done':
        this.onDone(data);
        return;
      case 'window':
      case 'rows':
      case 'clip':
      case 'raw': {
        const resolve = this.pending.get(data.reqId);
        if (!resolve) return;
        this.pending.delete(data.reqId);
        if (data.revision !== this.revision) return;
        resolve(data);
        return;
      }
      default: {
        const never: never = data;
        void never;
      }
    }
  }
}
