/**
 * XDG base directories inside the project's `.cache/` for a program we start (code-server, Chromium), so that
 * nothing it writes (code-server's config.yaml with a password, Chromium's crash-report settings, dconf's
 * cache) lands in the user's ~/.config, ~/.local or ~/.cache. `.ci/run` checks that fresh XDG folders stay
 * untouched.
 */
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export function isolatedXdgEnv(name: string): Record<string, string> {
  const home = join(ROOT, '.cache', `${name}-home`);
  return {
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_STATE_HOME: join(home, 'state'),
  };
}

/** process.env with the XDG folders of `name`: for a child process such as Chromium. */
export function envWithIsolatedXdg(name: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return { ...env, ...isolatedXdgEnv(name) };
}
