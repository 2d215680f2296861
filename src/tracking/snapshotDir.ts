/**
 * Where the job store keeps one file per tracked job (its last snapshot): a folder behind a small interface, so
 * the store runs in plain Node tests against a temp dir or memory, and the extension against
 * `context.globalStorageUri` (https://code.visualstudio.com/api/references/vscode-api#ExtensionContext.globalStorageUri).
 *
 * Why files and not globalState: VS Code keeps all of an extension's globalState as one value and writes (and
 * re-parses) the whole of it on every update, so a snapshot kept there makes every change cost every job. A file
 * per job makes a change cost that job. Why not one database file: nothing in VS Code's Node runtime gives one
 * without a native module, and the store reads and writes whole snapshots by key, which files do well.
 *
 * Writes are atomic: the text goes to a temp file beside the target, is flushed to disk, then renamed over it
 * (rename replaces a file atomically on the same file system, POSIX rename(2) and Windows MoveFileEx). A crash
 * at any point leaves either the old file or the new one, never half of one; a temp file left behind is never
 * read as a snapshot, and `list()` reports it so it can be cleaned up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface SnapshotDirEntry {
  name: string;
  /** Last modification, ms since the epoch. */
  mtimeMs: number;
}

export interface SnapshotDir {
  /** The file's text, or undefined when there is none. */
  read(name: string): Promise<string | undefined>;
  /** Replaces the file atomically (temp file, flushed, renamed over it). */
  write(name: string, text: string): Promise<void>;
  /** Deletes the file (nothing when absent). */
  remove(name: string): Promise<void>;
  /** Moves a file aside (an unreadable snapshot kept for a look, never read again). */
  moveAside(name: string, to: string): Promise<void>;
  /** Every file in the folder, temp files included. */
  list(): Promise<SnapshotDirEntry[]>;
}

/** The file of a job key: a hash, because keys hold `|` and case matters (case-insensitive file systems). */
export function snapshotFileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`;
}

/** True for a name `snapshotFileName` makes. */
export function isSnapshotFileName(name: string): boolean {
  return /^[0-9a-f]{32}\.json$/.test(name);
}

/** The temp files of `write()`: `<name>.<random>.tmp`. */
export function isTempFileName(name: string): boolean {
  return name.endsWith('.tmp');
}

/** A SnapshotDir on disk, created on the first write. */
export function nodeSnapshotDir(dir: string): SnapshotDir {
  let made: Promise<unknown> | null = null;
  const ensure = (): Promise<unknown> => (made ??= mkdir(dir, { recursive: true }).catch((e: unknown) => {
    made = null;
    throw e;
  }));
  return {
    async read(name) {
      try {
        return await readFile(join(dir, name), 'utf8');
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
    async write(name, text) {
      await ensure();
      const tmp = join(dir, `${name}.${randomBytes(6).toString('hex')}.tmp`);
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(text, 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        await rename(tmp, join(dir, name));
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw e;
      }
    },
    async remove(name) {
      await rm(join(dir, name), { force: true });
    },
    async moveAside(name, to) {
      try {
        await rename(join(dir, name), join(dir, to));
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (e) {
        if (isNotFound(e)) return [];
        throw e;
      }
      const out: SnapshotDirEntry[] = [];
      for (const name of names) {
        try {
          out.push({ name, mtimeMs: (await stat(join(dir, name))).mtimeMs });
        } catch {
          // gone meanwhile (another window pruned it)
        }
      }
      return out;
    },
  };
}

/** A SnapshotDir in memory: the default when no folder is given (the CLI, tests). */
export class MemorySnapshotDir implements SnapshotDir {
  readonly files = new Map<string, { text: string; mtimeMs: number }>();
  /** Bytes of every write, for tests and bench/scale. */
  bytesWritten = 0;
  writes = 0;
  constructor(private readonly now: () => number = Date.now) {}
  async read(name: string): Promise<string | undefined> {
    return this.files.get(name)?.text;
  }
  async write(name: string, text: string): Promise<void> {
    this.bytesWritten += Buffer.byteLength(text);
    this.writes++;
    this.files.set(name, { text, mtimeMs: this.now() });
  }
  async remove(name: string): Promise<void> {
    this.files.delete(name);
  }
  async moveAside(name: string, to: string): Promise<void> {
    const f = this.files.get(name);
    if (!f) return;
    this.files.delete(name);
    this.files.set(to, f);
  }
  async list(): Promise<SnapshotDirEntry[]> {
    return [...this.files].map(([name, f]) => ({ name, mtimeMs: f.mtimeMs }));
  }
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ENOENT';
}
