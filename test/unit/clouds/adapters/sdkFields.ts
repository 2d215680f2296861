/**
 * Field coverage of the official SDK response models: every field a model defines appears in a fixture, and
 * every field of that fixture is accounted for (normalized into a named place of the Job, or kept deliberately in
 * `raw` or the inspector's extras, with the reason). The tables are the code's half of ARCHITECTURE.md's
 * "fields kept in raw only" section.
 */
import assert from 'node:assert/strict';

/** Where a wire field goes: a normalized Job field (`outputs[].url`), `extras: <title>`, or `raw: <why>`. */
export type FieldTable = Readonly<Record<string, string>>;

/**
 * The leaf paths of a body: `job_array[].output.bucket`. Arrays are `[]` (all elements merged); an object that is
 * empty or a list that is empty is a leaf itself.
 */
export function leafPaths(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) out.add(p);
      for (const el of v) walk(el, `${p}[]`);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      if (entries.length === 0) out.add(p);
      for (const [k, x] of entries) walk(x, p === '' ? k : `${p}.${k}`);
    } else {
      out.add(p);
    }
  };
  walk(value, prefix);
  return out;
}

/**
 * Asserts that the fixture has every field of the SDK model (`modelFields`, copied from the model file), and
 * that the table names a destination for exactly the fixture's fields.
 */
export function assertCovered(name: string, body: unknown, modelFields: readonly string[], table: FieldTable): void {
  const leaves = leafPaths(body);
  const covered = (field: string): boolean => [...leaves].some((l) => l === field || l.startsWith(`${field}.`) || l.startsWith(`${field}[]`));
  assert.deepEqual(modelFields.filter((f) => !covered(f)), [], `${name}: SDK model fields missing from the fixture`);
  assert.deepEqual([...leaves].filter((l) => !Object.hasOwn(table, l)).sort(), [], `${name}: fixture fields with no destination in the table`);
  assert.deepEqual(Object.keys(table).filter((k) => !leaves.has(k)).sort(), [], `${name}: table rows for fields the fixture lacks`);
  for (const [field, where] of Object.entries(table)) assert.ok(where.trim().length > 0, `${name}: ${field} has an empty destination`);
}

/** The table's rows kept in `raw` only (for ARCHITECTURE.md and the test output). */
export function rawOnly(table: FieldTable): string[] {
  return Object.entries(table).filter(([, where]) => where.startsWith('raw:')).map(([f, where]) => `${f}: ${where.slice(4).trim()}`);
}
