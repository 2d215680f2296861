/**
 * How the services react to each other and to the window: settings and credentials rebuild the cloud
 * clients, notifications follow the poller, and a window that regains focus re-reads what other windows saved.
 */
import * as vscode from 'vscode';
import { SECRET_KEYS } from '../constants.js';
import { errorText } from '../util/errorText.js';
import { secretsOf, type Services } from './services.js';

export function wireServices(s: Services, secrets: vscode.SecretStorage): vscode.Disposable[] {
  return [
    s.poller.onDidTransition((e) => s.notifier.onTransition(e)),
    s.settings.onDidChange(({ settings, accessChanged }) => {
      s.logger.setLevel(settings.logLevel);
      s.tree.setGrouping(settings.groupBy);
      void s.accounts.update();
      if (accessChanged) {
        s.access.invalidate();
        s.recent.tree.reloadAll();
      }
    }),
    // Any profile's keys, or the list of profiles, changed (the legacy slot's changes come through here too).
    s.profiles.onDidChange(() => {
      s.access.invalidate();
      // Lists read with the old keys (or none) are another account's: read them again where shown.
      s.recent.tree.reloadAll();
      void s.profiles.accounts().then((a) => s.logger.setSecrets([...a.aliyun.values(), ...a.huawei.values()].flatMap(secretsOf)));
      s.poller.wake();
    }),
    // Another window changed a secret (today's keys, or a profile's slot under them): read them again.
    secrets.onDidChange((e) => {
      if ((Object.values(SECRET_KEYS) as string[]).some((k) => e.key === k || e.key.startsWith(`${k}.`))) s.profiles.invalidate();
    }),
    vscode.window.onDidChangeWindowState((e) => {
      // Another window may have tracked or dropped jobs meanwhile: show them now, not at this window's next save.
      if (e.focused) void s.store.sync().catch((err: unknown) => s.logger.error(`reading the tracked list: ${errorText(err)}`));
      s.poller.wake();
    }),
    s.view.onDidChangeVisibility(() => s.poller.wake()),
  ];
}
