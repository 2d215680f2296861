/**
 * A tiny typed event emitter with the same shape as `vscode.EventEmitter`, so pure code (the job store, the
 * poller, the credentials service) can raise events that the vscode glue hands on unchanged as `vscode.Event`s.
 */

export interface Disposable {
  dispose(): void;
}

/** A subscription function, the shape of `vscode.Event<T>`. */
export type Event<T> = (listener: (e: T) => void) => Disposable;

export class Emitter<T> {
  // A Set keeps subscription order and makes unsubscribing O(1); a listener subscribed twice gets two entries.
  private listeners = new Set<{ fn: (e: T) => void }>();
  private disposed = false;

  /** @param onListenerError where a throwing listener's error goes (default: console.error, the host's log). */
  constructor(private readonly onListenerError: (err: unknown) => void = (err) => console.error(err)) {}

  /** Subscribes; the returned disposable unsubscribes. Subscribing to a disposed emitter is a no-op. */
  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose: () => undefined };
    const entry = { fn: listener };
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  };

  /**
   * Calls every listener with `e`. A throwing listener does not stop the others (one broken view must not
   * starve the status bar); its error goes to `onListenerError`.
   */
  fire(e: T): void {
    if (this.disposed) return;
    // Copy first: a listener may unsubscribe (or subscribe) while we iterate.
    for (const entry of [...this.listeners]) {
      try {
        entry.fn(e);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  /** Drops every listener; later `fire` calls do nothing. */
  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
