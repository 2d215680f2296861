/** Ids shared by package.json contributions and the code; a unit test keeps the two in step. */
export const EXTENSION_ID = 'media-job-inspector.media-job-inspector';
export const VIEW_ID = 'mediaJobs.jobs';
export const RECENT_VIEW_ID = 'mediaJobs.recent';
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
  /** Profiles: several accounts per cloud (src/commands/profiles.ts). */
  addProfile: 'mediaJobs.addProfile',
  switchDefaultProfile: 'mediaJobs.switchDefaultProfile',
  renameProfile: 'mediaJobs.renameProfile',
  removeProfile: 'mediaJobs.removeProfile',
  importAllAliyunCliProfiles: 'mediaJobs.importAllAliyunCliProfiles',
  filterJobs: 'mediaJobs.filterJobs',
  clearFilter: 'mediaJobs.clearFilter',
  toggleGrouping: 'mediaJobs.toggleGrouping',
  showLogs: 'mediaJobs.showLogs',
  /** Hover links, document links and CodeLenses on a job id found in a document (src/commands/jobReference.ts). */
  openJobReference: 'mediaJobs.openJobReference',
  /** The Recent Jobs view (src/commands/recent.ts). */
  browseRecentJobs: 'mediaJobs.browseRecentJobs',
  recentRefresh: 'mediaJobs.recent.refresh',
  recentSetWindow: 'mediaJobs.recent.setWindow',
  recentFilterStatus: 'mediaJobs.recent.filterStatus',
  recentLoadMore: 'mediaJobs.recent.loadMore',
  recentTrack: 'mediaJobs.recent.track',
  recentInspect: 'mediaJobs.recent.inspect',
  recentCopyId: 'mediaJobs.recent.copyId',
  recentOpenInConsole: 'mediaJobs.recent.openInConsole',
  recentCopyCommand: 'mediaJobs.recent.copyCommand',
  recentAddRegion: 'mediaJobs.recent.addRegion',
  recentChangeRegion: 'mediaJobs.recent.changeRegion',
  recentRemoveRegion: 'mediaJobs.recent.removeRegion',
  recentAddCluster: 'mediaJobs.recent.addCluster',
  recentRemoveCluster: 'mediaJobs.recent.removeCluster',
  recentNoteAction: 'mediaJobs.recent.noteAction',
  /** Taking a job elsewhere (src/commands/exportCommands.ts). */
  exportTimelineOtio: 'mediaJobs.exportTimelineOtio',
  copyAsAliyunCommand: 'mediaJobs.copyAsAliyunCommand',
  copyAsHcloudCommand: 'mediaJobs.copyAsHcloudCommand',
  copyAsMediaJobsCommand: 'mediaJobs.copyAsMediaJobsCommand',
  compareJobs: 'mediaJobs.compareJobs',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Context keys used in `when` clauses. */
export const CONTEXT = {
  hasJobs: 'mediaJobs.hasJobs',
  filtered: 'mediaJobs.filtered',
  /** The cloud of the inspector panel in front (its title menu offers that cloud's CLI command), and whether its kind has timelines. */
  inspectorCloud: 'mediaJobs.inspectorCloud',
  inspectorHasTimeline: 'mediaJobs.inspectorHasTimeline',
} as const;

/** globalState keys. */
export const STATE_KEYS = {
  jobs: 'mediaJobs.trackedJobs',
  jobsBackup: 'mediaJobs.trackedJobs.backup',
  /** The Recent Jobs view's window, filter, regions and cluster ids (src/tracking/recentPrefs.ts). */
  recent: 'mediaJobs.recent',
} as const;

/** SecretStorage keys. */
export const SECRET_KEYS = {
  aliyun: 'mediaJobs.credentials.aliyun',
  huawei: 'mediaJobs.credentials.huawei',
} as const;
