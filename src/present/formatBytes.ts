/**
 * A byte count for people, in binary units (1 KB = 1024 B, as the clouds' consoles count): `512 B`, `2.36 MB`,
 * `20.0 MB`. One function for the CLI, the tree tooltips and the inspector, so a size reads the same everywhere.
 */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(Math.abs(v) < 10 ? 2 : 1)} ${units[i]}`;
}
