/** The command table: every contributed command id mapped to its handler factory. */
import * as vscode from 'vscode';
import { type CommandDeps } from './deps.js';
import { COMMANDS, type CommandId } from '../constants.js';
import { lookUpJobIdAtCursorCommand, trackJobCommand } from './track.js';
import { compareJobsCommand } from './compare.js';
import { copyAsCloudCommandCommand, copyAsMediaJobsCommandCommand, exportTimelineOtioCommand } from './exportCommands.js';
import { clearFinishedCommand, copyJobIdCommand, copyOutputUrlCommand, inspectJobCommand, openInConsoleCommand, openJobAsJsonCommand, refreshAllCommand, refreshJobCommand, stopTrackingCommand, watchJobCommand } from './jobActions.js';
import { importAliyunCliProfileCommand, importCredentialsFromEnvCommand, setAliyunCredentialsCommand, setCredentialsCommand, setHuaweiCredentialsCommand, signOutCommand } from './credentials.js';
import { addProfileCommand, importAllAliyunCliProfilesCommand, removeProfileCommand, renameProfileCommand, switchDefaultProfileCommand } from './profiles.js';
import { clearFilterCommand, filterJobsCommand, showLogsCommand, toggleGroupingCommand } from './viewOptions.js';
import { openJobReferenceCommand } from './jobReference.js';
import {
  browseRecentJobsCommand, recentAddClusterCommand, recentAddRegionCommand, recentChangeRegionCommand, recentCopyIdCommand, recentFilterStatusCommand,
  recentInspectCommand, recentLoadMoreCommand, recentNoteActionCommand, recentOpenInConsoleCommand, recentCopyCommandCommand, recentRefreshCommand, recentRemoveClusterCommand,
  recentRemoveRegionCommand, recentSetWindowCommand, recentTrackCommand,
} from './recent.js';
import { commandFailedMessage } from '../present/messages.js';
import * as l10n from '../util/l10n.js';

type Handler = (...args: unknown[]) => unknown;

export function commandTable(deps: CommandDeps): Record<CommandId, Handler> {
  return {
    [COMMANDS.trackJob]: trackJobCommand(deps),
    [COMMANDS.lookUpJobIdAtCursor]: lookUpJobIdAtCursorCommand(deps),
    [COMMANDS.refreshAll]: refreshAllCommand(deps),
    [COMMANDS.refreshJob]: refreshJobCommand(deps),
    [COMMANDS.stopTracking]: stopTrackingCommand(deps),
    [COMMANDS.clearFinished]: clearFinishedCommand(deps),
    [COMMANDS.copyJobId]: copyJobIdCommand(deps),
    [COMMANDS.copyOutputUrl]: copyOutputUrlCommand(deps),
    [COMMANDS.openInConsole]: openInConsoleCommand(deps),
    [COMMANDS.inspectJob]: inspectJobCommand(deps),
    [COMMANDS.openJobAsJson]: openJobAsJsonCommand(deps),
    [COMMANDS.exportTimelineOtio]: exportTimelineOtioCommand(deps),
    // One handler: the title says which CLI, the job's cloud decides it.
    [COMMANDS.copyAsAliyunCommand]: copyAsCloudCommandCommand(deps),
    [COMMANDS.copyAsHcloudCommand]: copyAsCloudCommandCommand(deps),
    [COMMANDS.copyAsMediaJobsCommand]: copyAsMediaJobsCommandCommand(deps),
    [COMMANDS.compareJobs]: compareJobsCommand(deps),
    [COMMANDS.watchJob]: watchJobCommand(deps, true),
    [COMMANDS.unwatchJob]: watchJobCommand(deps, false),
    [COMMANDS.setCredentials]: setCredentialsCommand(deps),
    [COMMANDS.setAliyunCredentials]: setAliyunCredentialsCommand(deps),
    [COMMANDS.setHuaweiCredentials]: setHuaweiCredentialsCommand(deps),
    [COMMANDS.importCredentialsFromEnv]: importCredentialsFromEnvCommand(deps),
    [COMMANDS.importAliyunCliProfile]: importAliyunCliProfileCommand(deps),
    [COMMANDS.signOut]: signOutCommand(deps),
    [COMMANDS.addProfile]: addProfileCommand(deps),
    [COMMANDS.switchDefaultProfile]: switchDefaultProfileCommand(deps),
    [COMMANDS.renameProfile]: renameProfileCommand(deps),
    [COMMANDS.removeProfile]: removeProfileCommand(deps),
    [COMMANDS.importAllAliyunCliProfiles]: importAllAliyunCliProfilesCommand(deps),
    [COMMANDS.filterJobs]: filterJobsCommand(deps),
    [COMMANDS.clearFilter]: clearFilterCommand(deps),
    [COMMANDS.toggleGrouping]: toggleGroupingCommand(deps),
    [COMMANDS.showLogs]: showLogsCommand(deps),
    [COMMANDS.openJobReference]: openJobReferenceCommand(deps),
    [COMMANDS.browseRecentJobs]: browseRecentJobsCommand(deps),
    [COMMANDS.recentRefresh]: recentRefreshCommand(deps),
    [COMMANDS.recentSetWindow]: recentSetWindowCommand(deps),
    [COMMANDS.recentFilterStatus]: recentFilterStatusCommand(deps),
    [COMMANDS.recentLoadMore]: recentLoadMoreCommand(deps),
    [COMMANDS.recentTrack]: recentTrackCommand(deps),
    [COMMANDS.recentInspect]: recentInspectCommand(deps),
    [COMMANDS.recentCopyId]: recentCopyIdCommand(deps),
    [COMMANDS.recentOpenInConsole]: recentOpenInConsoleCommand(deps),
    [COMMANDS.recentCopyCommand]: recentCopyCommandCommand(deps),
    [COMMANDS.recentAddRegion]: recentAddRegionCommand(deps),
    [COMMANDS.recentChangeRegion]: recentChangeRegionCommand(deps),
    [COMMANDS.recentRemoveRegion]: recentRemoveRegionCommand(deps),
    [COMMANDS.recentAddCluster]: recentAddClusterCommand(deps),
    [COMMANDS.recentRemoveCluster]: recentRemoveClusterCommand(deps),
    [COMMANDS.recentNoteAction]: recentNoteActionCommand(deps),
  };
}

/** Registers every command; a failing handler logs and shows one message instead of an unhandled rejection. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandTable(deps)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        deps.logger.error(`${id} failed: ${message}`);
        void vscode.window.showErrorMessage(commandFailedMessage(message), l10n.t('Show Logs')).then((c) => c && deps.logger.channel.show(true));
        return undefined;
      }
    }),
  );
}
