/**
 * The few parts of the `vscode` API the tree view uses, so src/views/jobsTree.ts runs under plain Node: importing
 * this module first makes `require('vscode')` return `fakeVscode`. Only what the tree needs; not a general mock.
 */
import Module from 'node:module';

type Listener<T> = (e: T) => void;

class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => void (this.listeners = this.listeners.filter((x) => x !== l)) };
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners = [];
  }
}

const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 } as const;

class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  accessibilityInformation?: { label: string };
  constructor(readonly label: string, readonly collapsibleState: number = TreeItemCollapsibleState.None) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  supportThemeIcons = false;
  constructor(readonly value: string) {}
}

/** setContext calls and other commands the code under test ran. */
export const executed: Array<{ command: string; args: unknown[] }> = [];

export const fakeVscode = {
  EventEmitter, TreeItem, TreeItemCollapsibleState, ThemeColor, ThemeIcon, MarkdownString,
  env: { language: 'en' },
  commands: {
    executeCommand: (command: string, ...args: unknown[]) => {
      executed.push({ command, args });
      return Promise.resolve(undefined);
    },
  },
};

const M = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = M._load;
M._load = function patchedLoad(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
  if (request === 'vscode') return fakeVscode;
  return load.call(this, request, parent, isMain);
};
