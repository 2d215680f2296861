/**
 * The zh-cn message bundle as the extension ships it, and a way to run code with it: the unit tests that check a
 * message in Chinese (and that English is unchanged outside it) share these.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setL10nBundle } from '../../src/util/l10n.js';

export const ZH_CN_BUNDLE = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** `f()` with the zh-cn catalog set; English again afterwards, whatever `f` did. */
export function inChinese<T>(f: () => T): T {
  setL10nBundle(ZH_CN_BUNDLE, 'zh-cn');
  try {
    return f();
  } finally {
    setL10nBundle(null);
  }
}

/** The same for an async `f`: English again once it settles. */
export async function inChineseAsync<T>(f: () => T | Promise<T>): Promise<T> {
  setL10nBundle(ZH_CN_BUNDLE, 'zh-cn');
  try {
    return await f();
  } finally {
    setL10nBundle(null);
  }
}
