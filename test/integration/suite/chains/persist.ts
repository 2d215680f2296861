/**
 * What the windows of the "persist" chain share (not a suite): the state keys, the garbage window 2 writes, and
 * where window 1 leaves what it saved for window 2 to compare (in the chain's HOME, which every window shares).
 */
import { join } from 'node:path';
import { ENV } from '../helpers.js';

export { STATE_KEYS } from '../../../../src/constants.js';

/** An unknown version with the wrong shape: what a newer or broken extension might have left. */
export const GARBAGE = { version: 99, jobs: 'x' } as const;

/** JSON of the state window 1 saved. */
export function expectedStateFile(): string {
  const home = process.env[ENV.home];
  if (!home) throw new Error('HOME is not set');
  return join(home, 'persist-expected-state.json');
}
