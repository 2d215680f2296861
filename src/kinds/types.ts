/**
 * What one job kind is, as plain data every layer may read (host, server, webview, CLI). PURE: no node, no
 * vscode, no zod; imports only types from src/model/. The wire format and the calls stay in src/clouds/kinds/.
 */
import { type CloudId, type JobKind, type JobParams } from '../model/job.js';

/** An identity parameter a reference of this kind may carry besides its id. */
export interface KindParam {
  name: keyof JobParams;
  /** The `media-jobs` option that sets it (without the leading `--`). */
  cliFlag: string;
  /** True when a reference of this kind cannot be fetched without it. */
  required: boolean;
  /** Asked by Track a Job… after the ids (absent: not asked there). */
  trackPrompt?: string;
  /** What the prompt's validation calls it (`ClusterId is empty`). */
  what?: string;
}

export interface KindInfo {
  kind: JobKind;
  cloud: CloudId;
  /** `IMS editing job`: the kind in a sentence or a title. */
  label: string;
  /** Codicon id for the inspector's header. */
  icon: string;
  /** The prompt for the ids in Track a Job…. */
  idPrompt: string;
  /** Identity parameters, in the order Track a Job… asks for them. */
  params: readonly KindParam[];
  /** The API the status comes from (`GetEditingJobInfo reports no times`). */
  api: string;
  /** The console page the job is found on; `regionQuery` appends `?region=<region>` when the region is known. */
  console: { url: string; regionQuery: boolean };
}
