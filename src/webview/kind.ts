/**
 * A job's kind as the inspector reads it: its facts from the one kind table (src/kinds/), which also says what the
 * panel shows for the kind. A name the table lacks (a newer host's kind) has no facts and is shown as it came.
 */
import { KIND_INFO, type KindInfo } from '../kinds/index.js';
import { isJobKind } from '../model/job.js';
import * as l10n from '../util/l10n.js';

export function kindInfo(kind: string): KindInfo | undefined {
  return isJobKind(kind) ? KIND_INFO[kind] : undefined;
}

/** `IMS editing job`, or the name itself for a kind the table lacks. */
export function kindLabel(kind: string): string {
  const info = kindInfo(kind);
  return info ? l10n.label(info.label) : kind;
}
