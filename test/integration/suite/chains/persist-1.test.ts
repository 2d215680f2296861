/**
 * Chain "persist", window 1 of 3: tracks jobs of three kinds, watches one, and makes sure the state is saved
 * (the list's file under globalStorageUri and the job files beside it, which the next window, a restart of VS Code, reads).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { SAMPLE_IDS, allFetched, setSetting, testApi, trackJob, useEmulatorCredentials } from '../jobs.js';
import { STATE_KEYS, expectedStateFile } from './persist.js';

suite('persist-1: tracked jobs are saved', () => {
  test('jobs of three kinds, one watched, are saved with their snapshots', async () => {
    const api = await testApi();
    assert.equal(api.loadProblem(), null, 'a fresh profile has nothing to complain about');
    assert.equal(api.store.all().length, 0, 'a fresh profile tracks nothing');
    // No poll on its own until the chain is over: the next window must show exactly the snapshots saved here.
    await setSetting(api, 'pollIntervalSeconds', 3600, (s) => s.pollIntervalMs === 3_600_000);
    await useEmulatorCredentials(api);

    await trackJob(api, 'ice', [SAMPLE_IDS.ice.processing, SAMPLE_IDS.ice.succeeded]);
    await trackJob(api, 'live-edge', [SAMPLE_IDS.liveEdge.running], [SAMPLE_IDS.liveEdge.clusterId]);
    await trackJob(api, 'mpc-editing', [SAMPLE_IDS.mpc.waiting], ['']);
    const jobs = await allFetched(api);
    assert.equal(jobs.length, 4);
    const watched = jobs.find((t) => t.ref.id === SAMPLE_IDS.ice.processing)!;
    await vscode.commands.executeCommand('mediaJobs.watchJob', watched.key);
    assert.equal(api.store.get(watched.key)?.watched, true);

    await api.store.flush();
    const saved = JSON.parse(readFileSync(api.listFile, 'utf8')) as { version: number; jobs: Array<{ ref: { id: string }; watched: boolean; summary: unknown }> };
    assert.equal(saved.version, 2);
    assert.deepEqual(saved, api.store.serialize(), 'what is saved is the whole list');
    assert.ok(saved.jobs.every((j) => j.summary !== null), 'with the summaries of their snapshots (the snapshots are files under globalStorageUri)');
    assert.ok(saved.jobs.some((j) => j.watched), 'and the watched flag');
    assert.equal(api.globalState.get(STATE_KEYS.jobs), undefined, 'globalState does not carry the list (it is a file beside the job files)');
    writeFileSync(expectedStateFile(), JSON.stringify(saved));
  });
});
