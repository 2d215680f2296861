// Types of scripts/nls-manifest.mjs for test/unit/manifestNls.test.ts.
export interface ManifestString { path: string; key: string; value: string; set(value: string): void }
export function manifestStrings(pkg: unknown): ManifestString[];
export function unwrap(value: string): { key?: string };
export function manifestProblems(
  pkg: unknown,
  nls: Record<string, string>,
  nlsZh: Record<string, string>,
): { raw: string[]; missingEn: string[]; missingZh: string[]; unusedEn: string[]; unusedZh: string[]; used: Set<string> };
