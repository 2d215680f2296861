/**
 * Benchmark suite for bench/activation.ts (not part of the integration run): reads the extension's activation
 * time three ways and records them as metrics in the results file.
 *  - testApi:   `activationMs` from the test API (the extension's own performance.now() around activate()).
 *  - vscode:    what VS Code measured (code loading + activate call), read off "Developer: Show Running
 *               Extensions" in the rendered workbench.
 *  - testSide:  performance.now() around ext.activate() in this test, only meaningful when the extension was
 *               not active yet (it activates onStartupFinished, usually before the suite starts).
 */
import * as vscode from 'vscode';
import { extension, recordMetric, uiText, waitFor, hasHarness } from '../test/integration/suite/helpers.js';

suite('bench: activation', () => {
  test('activation time', async () => {
    const ext = extension<{ activationMs?: unknown; activationPhases?: unknown; ready?: Promise<void>; restoredMs?: () => number | null; activationGcMs?: () => number | null; activationCpuMs?: number | null; store?: { size: number } } | undefined>();
    const wasActive = ext.isActive;
    const t = performance.now();
    const api = await ext.activate();
    const testSide = performance.now() - t;
    recordMetric('wasActiveBeforeSuite', wasActive);
    if (!wasActive) recordMetric('testSideMs', testSide);
    if (api && typeof api.activationMs === 'number') recordMetric('testApiMs', api.activationMs);
    if (api && typeof api.activationCpuMs === 'number') recordMetric('cpuMs', api.activationCpuMs);
    if (api && Array.isArray(api.activationPhases)) recordMetric('phases', JSON.stringify(api.activationPhases));
    if (api && typeof api.ready === 'object' && typeof api.restoredMs === 'function') {
      // With saved jobs (bench/activation.ts --jobs N): how many came back, and when their files were read.
      await api.ready;
      recordMetric('trackedJobs', api.store?.size ?? 0);
      const gcMs = api.activationGcMs?.() ?? null;
      if (gcMs !== null) recordMetric('gcMs', gcMs);
      const restored = api.restoredMs();
      if (restored !== null) recordMetric('restoredMs', restored);
    }

    if (hasHarness()) {
      // The row shows the display name, or the id for an extension under development.
      const names = [(ext.packageJSON as { displayName: string }).displayName, ext.id].map((n) => n.toLowerCase());
      await vscode.commands.executeCommand('workbench.action.showRuntimeExtensions');
      const row = await waitFor(async () => {
        const rows = (await uiText('.runtime-extensions-editor .extension')) ?? [];
        return rows.find((r) => names.some((n) => r.toLowerCase().includes(n)) && /Activation: \d+ms/.test(r));
      }, 15_000, { message: `a Running Extensions row for ${ext.id}` });
      const m = /(Startup )?Activation: (\d+)ms/.exec(row);
      if (m) recordMetric('vscodeMs', Number(m[2]));
      recordMetric('vscodeRow', row.replace(/\s+/g, ' ').trim());
    }
  });
});
