/**
 * What the server itself says about a detected id (its standard hover, shown when no extension enriches it):
 * the kind(s) it may be, most likely first, the id, and the parameters found with it. The text is escaped: ids
 * come from the document.
 */
import { type ScannedJobId } from '../detect/detectJobIds.js';
import { KIND_LABEL } from '../kinds/index.js';
import { escapeMarkdown } from '../present/jobPresentation.js';

export function serverHoverMarkdown(m: ScannedJobId): string {
  const kinds = m.kinds.map((k) => `${escapeMarkdown(KIND_LABEL[k])} (\`${k}\`)`);
  const head = kinds.length === 1 ? kinds[0]! : `${kinds[0]!}, or ${kinds.slice(1).join(', or ')}`;
  const lines = [`**${head}**`, `Id: ${escapeMarkdown(m.id)}`];
  if (m.params.casterId) lines.push(`Caster: ${escapeMarkdown(m.params.casterId)}`);
  if (m.params.showId) lines.push(`Show: ${escapeMarkdown(m.params.showId)}`);
  if (m.params.clusterId) lines.push(`Cluster: ${escapeMarkdown(m.params.clusterId)}`);
  if (m.params.projectId) lines.push(`Project: ${escapeMarkdown(m.params.projectId)}`);
  if (m.region) lines.push(`Region: ${escapeMarkdown(m.region)}`);
  if (m.needs.length > 0) lines.push(`_Needs ${m.needs.map((n) => (n === 'casterId' ? 'its CasterId' : 'its ClusterId')).join(' and ')} to be looked up_`);
  if (m.source === 'tracked') lines.push('_Tracked_');
  return lines.join('  \n');
}
