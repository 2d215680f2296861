/**
 * VOD definition labels (`LD`, `SD`, `HD`, `FHD`, `2K`, `4K`, …) are template names, not measurements. This
 * says which picture heights a label stands for, so the inspector can flag an output whose real resolution
 * disagrees with its label (e.g. "HD" but 960×540). The short side is compared, so portrait video works too.
 */

/** Accepted short-side range (pixels) per label; labels not listed (OD, AUTO, SQ, HQ: original, adaptive, audio) are not checked. */
const RANGES: Readonly<Record<string, readonly [number, number, string]>> = {
  FD: [180, 400, '240p–360p'],
  LD: [320, 576, '360p–540p'],
  SD: [480, 768, '540p–720p'],
  HD: [700, 1100, '720p–1080p'],
  FHD: [1000, 1200, '1080p'],
  '2K': [1300, 1600, '1440p'],
  '4K': [1900, 2400, '2160p'],
};

export interface DefinitionCheck {
  /** What the label stands for, e.g. '720p–1080p'. */
  expected: string;
  /** What the output has, e.g. '960×540'. */
  actual: string;
}

/** The mismatch between a definition label and a resolution, or null (matches, unknown label, or no size). */
export function definitionMismatch(definition: string | null, width: number | null, height: number | null): DefinitionCheck | null {
  if (definition === null || width === null || height === null || width <= 0 || height <= 0) return null;
  const range = RANGES[definition.trim().toUpperCase()];
  if (range === undefined) return null;
  const short = Math.min(width, height);
  if (short >= range[0] && short <= range[1]) return null;
  return { expected: range[2], actual: `${width}×${height}` };
}
