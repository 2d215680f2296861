/**
 * Status mapping machinery: a kind's own status values → the model's one vocabulary (ARCHITECTURE.md, "The
 * normalized job"). Each adapter holds its table, from its API's reference page (linked in the adapter).
 * The cloud's value is always kept as text beside it; a value not in a table is `unknown`, never an error,
 * because clouds add states (a cancelled state, say) without notice. Tables are Maps (not plain objects), so
 * that `"constructor"` or `"__proto__"` can never look like a known status.
 */
import { type JobStatus } from '../../model/job.js';
import { rawText, toNumber } from './wire.js';

export interface MappedStatus {
  status: JobStatus;
  /** The cloud's own value as text; `''` when the body had none. */
  rawStatus: string;
}

/** For statuses documented as names (`Success`, `SUCCEEDED`). */
export function byName(table: ReadonlyMap<string, JobStatus>, raw: unknown): MappedStatus {
  const rawStatus = rawText(raw);
  const status = typeof raw === 'string' ? table.get(raw.trim()) : undefined;
  return { status: status ?? 'unknown', rawStatus };
}

/** For statuses documented as numbers that arrive as numbers or numeric strings (`3`, `"3"`, `"-1"`). */
export function byNumber(table: ReadonlyMap<number, JobStatus>, raw: unknown): MappedStatus {
  const rawStatus = rawText(raw);
  const n = toNumber(raw);
  const status = n !== null && Number.isInteger(n) ? table.get(n) : undefined;
  return { status: status ?? 'unknown', rawStatus };
}
