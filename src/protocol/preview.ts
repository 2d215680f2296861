/** What the standalone preview page (scripts/inspector-preview.ts) tells its stand-in host (webview/preview/previewHost.ts). */
import { type TrackedJob } from '../model/trackedJob.js';

export interface PreviewOptions {
  theme?: 'light' | 'dark' | 'high-contrast';
  /** The UI state the webview starts with (as if restored), e.g. `{ tab: 'timeline' }`. */
  state?: Record<string, unknown>;
  /** Overrides of the tracked job (lastError, watched, snapshotTrimmed, …). */
  tracked?: Partial<TrackedJob>;
  /** Milliseconds each answer waits, to mimic the channel (default 0). */
  latencyMs?: number;
  /**
   * Milliseconds after the page starts before the first job goes out (default 0). The benchmark uses it so the
   * stand-in host's own start-up (reading a 50 MB job, and collecting that garbage) is over before the webview's
   * work is timed: in VS Code the host is another process and has the job before the panel opens.
   */
  holdJobMs?: number;
}
