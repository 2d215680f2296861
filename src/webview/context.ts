/** What every view is given by the app: the job on screen, the UI state, and the actions that go through the host. */
import { type InspectorTab, type JobPayload } from '../protocol/webview.js';
import { type HostConnection } from './host.js';
import { type TimelineSource } from './source.js';
import { type UiState } from './state.js';

export interface ClipKey {
  track: number;
  index: number;
}

export interface Ctx {
  readonly host: HostConnection;
  readonly state: UiState;
  /** Persists the UI state (debounced). */
  saveState(): void;
  payload(): JobPayload;
  revision(): number;
  /** Null when the job has no parsed timeline. */
  source(): TimelineSource | null;
  select(clip: ClipKey | null, opts?: { reveal?: boolean }): void;
  showTab(tab: InspectorTab): void;
  copy(text: string, what: string): void;
  open(url: string): void;
  /** Tells the host what is on screen (after paint). */
  reportRendered(): void;
  /** Screen-reader announcement. */
  announce(text: string): void;
}
