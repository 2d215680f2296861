/**
 * The tracked list (the job store's `KeyValueStore`) in a file under `context.globalStorageUri`, not in globalState.
 *
 * Why: VS Code keeps all of an extension's globalState as one value. It hands the whole of it to the extension host
 * before activation, serializes and sends the whole of it to the window on every update, and logs "large extension
 * state detected … Consider to use 'storageUri' or 'globalStorageUri' to store this data on disk instead" past
 * 512 KB (https://code.visualstudio.com/api/extension-capabilities/common-capabilities#data-storage). The list
 * holds about 600 bytes a job, so it passes that at about 870 tracked jobs; at 5,000 it is 3 MB, and the extension
 * host then began activating 200–500 ms later in bench/activation.ts. A file costs only its own reads and writes.
 *
 * The keys given to the constructor live in files (`<key>.json` in the folder); any other key goes to the fallback
 * (globalState). Values are kept parsed in memory: `get` is synchronous as `Memento.get` is, and returns the same
 * object until the file changes (the store compares identities to skip a merge). `refresh()` reads the files
 * again: the store calls it before every list write and on window focus, because other windows write the same file.
 *
 * Migration: a key with no file yet reads the fallback's value (what today's globalState holds). The first write
 * puts the value in the file (atomically, see snapshotDir.ts), and only then removes it from the fallback, so a crash
 * in between leaves both, and the file wins. A file that is not JSON is returned as its text: the store then reports
 * the saved state as unreadable and keeps that text under its backup key, as it does for a corrupt globalState.
 */
import { type KeyValueStore } from './jobStore.js';
import { type SnapshotDir } from './snapshotDir.js';

interface Cached {
  text: string;
  value: unknown;
}

export class FileKeyValueStore implements KeyValueStore {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly dir: SnapshotDir,
    private readonly fallback: KeyValueStore,
    private readonly keys: readonly string[],
  ) {}

  /** The file name of a key (keys are this extension's constants: letters, digits and dots). */
  static fileName(key: string): string {
    return `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
  }

  get<T>(key: string): T | undefined {
    if (!this.keys.includes(key)) return this.fallback.get<T>(key);
    const c = this.cache.get(key);
    return c !== undefined ? (c.value as T) : this.fallback.get<T>(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    if (!this.keys.includes(key)) {
      await this.fallback.update(key, value);
      return;
    }
    if (value === undefined) {
      await this.dir.remove(FileKeyValueStore.fileName(key));
      this.cache.delete(key);
    } else {
      const text = JSON.stringify(value);
      await this.dir.write(FileKeyValueStore.fileName(key), text);
      this.cache.set(key, { text, value });
    }
    // The file holds it now: globalState need not carry (and ship to the window) the old copy any more.
    if (this.fallback.get(key) !== undefined) await this.fallback.update(key, undefined);
  }

  /** Reads the files again (another window may have written them); a file that did not change keeps its object. */
  async refresh(): Promise<void> {
    for (const key of this.keys) {
      const text = await this.dir.read(FileKeyValueStore.fileName(key));
      if (text === undefined) {
        this.cache.delete(key);
        continue;
      }
      if (this.cache.get(key)?.text === text) continue;
      let value: unknown;
      try {
        value = JSON.parse(text) as unknown;
      } catch {
        value = text; // not the expected shape: the store reports it and backs it up
      }
      this.cache.set(key, { text, value });
    }
  }
}
