/** Shortens long ids for labels: the first 8 and last 4 characters (`7c1e0a9b…a801`); short ids stay whole. */
export function shortId(id: string): string {
  return id.length > 16 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
