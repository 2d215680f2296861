/**
 * Chain "persist", window 3 of 3 (restarted after window 2 wrote garbage over the saved state): the garbage is
 * kept under the backup key, the problem is reported (loadProblem, the log, a warning on screen), and the list
 * starts empty.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hasHarness, screenshot, uiText, waitFor } from '../helpers.js';
import { shownTree, testApi } from '../jobs.js';
import { GARBAGE, STATE_KEYS } from './persist.js';

const TOAST = '.notifications-toasts .notification-toast';

suite('persist-3: a corrupt saved state', () => {
  test('is kept under the backup key and reported; the list starts empty', async () => {
    const api = await testApi();
    const problem = api.loadProblem();
    assert.ok(problem, 'store.load() reported a problem');
    assert.equal(problem.backupKey, STATE_KEYS.jobsBackup);
    assert.equal(STATE_KEYS.jobsBackup, 'mediaJobs.trackedJobs.backup');
    assert.match(problem.message, /format version 99/);
    assert.deepEqual(api.globalState.get(STATE_KEYS.jobsBackup), GARBAGE, 'the garbage, as it was, under the backup key');
    assert.deepEqual(api.store.all(), []);
    assert.deepEqual(JSON.parse(readFileSync(api.listFile, 'utf8')), { version: 2, jobs: [] }, 'a clean state replaces it (so it is reported once)');
    assert.ok(api.logger.recent.some((l) => l.includes('saved state:') && l.includes(STATE_KEYS.jobsBackup)), 'logged with the backup key');
    assert.deepEqual((await shownTree(api)).map((r) => r.label), []);
    if (hasHarness()) {
      const toast = await waitFor(async () => (await uiText(TOAST))?.find((t) => t.includes('could not be read')), 10_000, {
        message: 'the warning on screen',
      });
      assert.match(toast, /kept as a backup/);
      assert.match(toast, /Show Logs/);
      await screenshot('corrupt-state-warning', { waitForSelector: TOAST, waitForText: 'could not be read' });
    }
  });
});
