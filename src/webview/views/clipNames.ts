/** What the timeline, the clips table and the clip details call a track and a clip (`Video 1`, the media id). */
import { baseName, oneLine } from '../format.js';

export { TRACK_LABEL, trackName } from '../../present/trackNames.js';

export function clipName(c: { mediaId: string | null; mediaUrl: string | null; text: string | null; clipType: string | null }): string {
  return c.mediaId ?? baseName(c.mediaUrl) ?? (c.text !== null ? oneLine(c.text, 80) : null) ?? c.clipType ?? 'clip';
}
