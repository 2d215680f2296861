/** Text about accounts (profiles) for the view title and the status bar. Pure. */
import { CLOUD_LABEL } from '../kinds/index.js';
import { CLOUDS, type CloudId } from '../model/job.js';
import * as l10n from '../util/l10n.js';

/** Profile names are the user's text: no control characters, at most 64 characters. */
function printableName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 63)}…` : clean;
}

/** Each cloud's default profile and how many profiles it has (only clouds with at least one). */
export type AccountCounts = Partial<Record<CloudId, { default: string | null; count: number }>>;

/** The view's description: the default account of each cloud that has profiles, e.g. "Alibaba Cloud: dev". */
export function accountsDescription(a: AccountCounts): string {
  return CLOUDS.flatMap((c) => {
    const x = a[c];
    return x && x.default ? [l10n.t('{0}: {1}', l10n.label(CLOUD_LABEL[c]), printableName(x.default))] : [];
  }).join(' · ');
}

/** The status bar item: shown once some cloud has more than one profile (one account needs no switch). */
export function accountsStatus(a: AccountCounts): { text: string; tooltip: string } | null {
  // Only the clouds with a choice: their default account, named with its cloud when both have one.
  const choosing = CLOUDS.filter((c) => (a[c]?.count ?? 0) > 1 && a[c]?.default);
  if (choosing.length === 0) return null;
  const names = choosing.map((c) => (choosing.length > 1 ? l10n.t('{0}: {1}', l10n.label(CLOUD_LABEL[c]), printableName(a[c]!.default!)) : printableName(a[c]!.default!)));
  return {
    text: `$(account) ${names.join(' · ')}`,
    tooltip: l10n.t('Media Jobs default accounts: {0}. Click to switch.', accountsDescription(a)),
  };
}
