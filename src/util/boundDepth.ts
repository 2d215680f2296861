/**
 * Bounded nesting for JSON values. JSON.parse takes any depth (V8's parser is iterative), but JSON.stringify,
 * structured clone and every recursive walk do not: about 5,000 levels (10 KB of `[[[[…`) make JSON.stringify
 * throw "Maximum call stack size exceeded". Everything that parses text from outside (a response body, JSON held
 * in a string) goes through `parseJsonBounded`, so no value anywhere in the extension or the CLI is deeper than
 * `MAX_JSON_DEPTH` levels below the point where it was parsed; what is deeper is replaced by a marker string.
 *
 * Pure, no dependencies; recursion is bounded by the depth limit, so any input is safe.
 */

/** Levels of arrays and objects kept below a parsed root (the root container is level 1). No real answer comes close. */
export const MAX_JSON_DEPTH = 64;

/** What replaces an array or object nested deeper than `maxDepth` levels. */
export function tooDeepMarker(maxDepth: number = MAX_JSON_DEPTH): string {
  return `[nested deeper than ${maxDepth} levels: omitted]`;
}

/**
 * True when the value holds arrays or objects more than `maxDepth` levels inside one another (the value itself,
 * if it is one, is level 1). Stops at the first level too deep; recursion never goes below `maxDepth + 1`.
 */
export function deeperThan(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  const walk = (v: object, level: number): boolean => {
    if (level > maxDepth) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'object' && x !== null && walk(x, level + 1)) return true;
      }
      return false;
    }
    // for…in, not Object.keys: no array per object, which matters on a 100,000-clip Timeline.
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      const x: unknown = (v as Record<string, unknown>)[k];
      if (typeof x === 'object' && x !== null && walk(x, level + 1)) return true;
    }
    return false;
  };
  return typeof value === 'object' && value !== null && walk(value, 1);
}

/**
 * The value with every array or object nested deeper than `maxDepth` levels replaced by `tooDeepMarker(maxDepth)`.
 * Returns the same reference when nothing is too deep; otherwise copies only the containers on the way to a
 * replaced part (the input is never modified). Only own enumerable properties are kept in a copied object, which
 * is all JSON has.
 */
export function boundDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): unknown {
  const marker = tooDeepMarker(maxDepth);
  const walk = (v: unknown, level: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (level > maxDepth) return marker;
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        const y = walk(x, level + 1);
        if (y !== x && out === null) out = v.slice(0, i);
        if (out !== null) out.push(y);
      }
      return out ?? v;
    }
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | null = null;
    const keys = Object.keys(o);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const x = o[k];
      const y = walk(x, level + 1);
      if (y !== x && out === null) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j]!, o[keys[j]!]);
      }
      if (out !== null) setOwn(out, k, y);
    }
    return out ?? v;
  };
  return walk(value, 1);
}

/** `o[k] = v` that also works for a key named `__proto__` (JSON.parse makes it an own property; `=` would not). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/**
 * JSON.parse with nesting bounded (see `boundDepth`). Throws exactly what JSON.parse throws for text that is not
 * JSON. The common case (nothing too deep) costs one allocation-free walk on top of the parse (a few percent).
 */
export function parseJsonBounded(text: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  return deeperThan(value, maxDepth) ? boundDepth(value, maxDepth) : value;
}

/**
 * JSON.stringify for values from outside that must be shown whatever they hold: nesting is bounded first, and
 * anything else JSON.stringify refuses (a cycle, a BigInt) gives a one-line JSON string saying why instead of an
 * exception. `undefined` at the top gives 'null'.
 */
export function stringifyBounded(value: unknown, indent?: number, maxDepth: number = MAX_JSON_DEPTH): string {
  try {
    return JSON.stringify(deeperThan(value, maxDepth) ? boundDepth(value, maxDepth) : value, null, indent) ?? 'null';
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return JSON.stringify(`[could not be shown as JSON: ${why.slice(0, 200)}]`);
  }
}
