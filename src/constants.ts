/** Ids shared by package.json contributions and the code; a unit test keeps the two in step. */
export const EXTENSION_ID = 'media-job-inspector.media-job-inspector';
export const VIEW_ID = 'mediaJobs.jobs';
export const CONFIG_SECTION = 'mediaJobs';

export const COMMANDS = {
  trackJob: 'mediaJobs.trackJob',
  lookUpJobIdAtCursor: 'mediaJobs.lookUpJobIdAtCursor',
  refreshAll: 'mediaJobs.refreshAll',
  refreshJob: 'mediaJobs.refreshJob',
  stopTracking: 'mediaJobs.stopTracking',
  clearFinished: 'mediaJobs.clearFinished',
  copyJobId: 'mediaJobs.copyJobId',
  copyOutputUrl: 'mediaJobs.copyOutputUrl',
  openInConsole: 'mediaJobs.openInConsole',
  inspectJob: 'mediaJobs.inspectJob',
  openJobAsJson: 'mediaJobs.openJobAsJson',
  watchJob: 'mediaJobs.watchJob',
  unwatchJob: 'mediaJobs.unwatchJob',
  setCredentials: 'mediaJobs.setCredentials',
  setAliyunCredentials: 'mediaJobs.setAliyunCredentials',
  setHuaweiCredentials: 'mediaJobs.setHuaweiCredentials',
  importCredentialsFromEnv: 'mediaJobs.importCredentialsFromEnv',
  importAliyunCliProfile: 'mediaJobs.importAliyunCliProfile',
  signOut: 'mediaJobs.signOut',
  filterJobs: 'mediaJobs.filterJobs',
  clearFilter: 'mediaJobs.clearFilter',
  toggleGrouping: 'mediaJobs.toggleGrouping',
  showLogs: 'mediaJobs.showLogs',
  /** Hover links, document links and CodeLenses on a job id found in a document (src/commands/jobReference.ts). */
  openJobReference: 'mediaJobs.openJobReference',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Context keys used in `when` clauses. */
export const CONTEXT = {
  hasJobs: 'mediaJobs.hasJobs',
  filtered: 'mediaJobs.filtered',
} as const;

/** globalState keys. */
export const STATE_KEYS = {
  jobs: 'mediaJobs.trackedJobs',
  jobsBackup: 'mediaJobs.trackedJobs.backup',
} as const;

/** SecretStorage keys. */
export const SECRET_KEYS = {
  aliyun: 'mediaJobs.credentials.aliyun',
  huawei: 'mediaJobs.credentials.huawei',
} as const;
