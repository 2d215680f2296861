/**
 * `npm start` demo only (MEDIA_JOBS_DEMO=1, set by scripts/start.ts): imports the emulator's credentials
 * from the environment into SecretStorage when none are stored, and tracks the sample jobs listed in
 * MEDIA_JOBS_DEMO_TRACK when nothing is tracked yet.
 */
import { isJobKind } from '../model/job.js';
import { type JobRef } from '../model/jobRef.js';
import { type Logger } from '../platform/logger.js';
import { type CredentialsService } from '../tracking/credentialsService.js';
import { type JobStore } from '../tracking/jobStore.js';
import { isClusterId, type RecentPrefsStore } from '../tracking/recentPrefs.js';
import { accountKey } from '../views/recentJobsTree.js';

export interface DemoSeedDeps {
  credentials: CredentialsService;
  logger: Logger;
  store: JobStore;
  recent: { prefs: RecentPrefsStore };
}

export async function runDemoSeed(deps: DemoSeedDeps, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const status = await deps.credentials.status();
  const found = deps.credentials.importFromEnv(env);
  try {
    if (!status.aliyun && found.aliyun) await deps.credentials.setAliyun(found.aliyun);
    if (!status.huawei && found.huawei) await deps.credentials.setHuawei(found.huawei);
  } catch (e) {
    deps.logger.warn(`demo: credentials not imported: ${e instanceof Error ? e.message : String(e)}`);
  }
  await seedClusters(deps, env.MEDIA_JOBS_DEMO_CLUSTERS);
  if (deps.store.all().length > 0 || !env.MEDIA_JOBS_DEMO_TRACK) return;
  let list: unknown;
  try {
    list = JSON.parse(env.MEDIA_JOBS_DEMO_TRACK);
  } catch {
    deps.logger.warn('demo: MEDIA_JOBS_DEMO_TRACK is not JSON');
    return;
  }
  if (!Array.isArray(list)) return;
  const refs: JobRef[] = list.filter((r): r is JobRef =>
    typeof r === 'object' && r !== null && isJobKind((r as JobRef).kind) && typeof (r as JobRef).id === 'string' && typeof (r as JobRef).region === 'string');
  deps.store.add(refs.map((r) => ({ kind: r.kind, id: r.id, region: r.region, params: { ...(r.params ?? {}) } })));
  deps.logger.info(`demo: tracking ${refs.length} sample jobs`);
}

/** The Recent Jobs view's edge cluster ids (MEDIA_JOBS_DEMO_CLUSTERS, a JSON array), when none are remembered. */
async function seedClusters(deps: DemoSeedDeps, text: string | undefined): Promise<void> {
  if (!text) return;
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    deps.logger.warn('demo: MEDIA_JOBS_DEMO_CLUSTERS is not JSON');
    return;
  }
  const ids = Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string' && isClusterId(c)) : [];
  const account = accountKey('aliyun');
  if (ids.length === 0 || (deps.recent.prefs.current.clusters[account]?.length ?? 0) > 0) return;
  await deps.recent.prefs.update((p) => { p.clusters[account] = ids; });
}
