/**
 * What one job kind is, as plain data every layer may read (host, server, webview, CLI). PURE: no node, no
 * vscode, no zod; imports only types from src/model/. The wire format and the calls stay in src/clouds/adapters/.
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
  // ---- The status API's call (read by the cloud core, src/clouds/) ----
  /** The API's version (`2020-11-09`; MPC: the path's `v2`). */
  apiVersion: string;
  /** Most ids one status request carries. */
  batchSize: number;
  /** The rate the client keeps to, per account: `requests` every `perSeconds` seconds (also the burst it allows). */
  rateLimit: { requests: number; perSeconds: number };
  // The inspector panel (src/webview/): what a job of this kind can carry, and what to say where it carries nothing.
  inspector: {
    /** Jobs may carry a Timeline; without one the Timeline tab says why, not that the kind has none. */
    timeline: boolean;
    /** Jobs may be produced from a template: they show a Template ID row and may carry ClipsParam (the template's values). */
    template: boolean;
    /** Jobs may carry SubJobMaterials (a section of the Overview). */
    subJobMaterials: boolean;
    /** The outputs are live streams, not files. */
    liveOutput: boolean;
    /** The Streams tab's note when the job reports no streams; `untilOutput`, when given, while the job has not (partly) succeeded. */
    noStreams: { note: string; untilOutput?: string };
  };

  // ---- References and wording (src/kinds/refs.ts, src/present/): what is said of one kind only ----------------
  /**
   * Tasks are listed per caster: a reference without this parameter names the whole caster (its id is the
   * CasterId, and one answer lists every task); with it, one task (its id is the ShowId). A job of such a kind is
   * always one task, so the reference that fetches it again keeps only this parameter. Absent: one job per id.
   */
  casterParam?: keyof JobParams;
  /**
   * Parameters a found id cannot be fetched without when the text does not give them, asked for by Look Up and
   * the hover's links (in this order): `always` for every id of the kind, else only when the detector says so
   * (`needs`). `prompt` may name the id as `{id}`; `what` is what validation calls it; `why` says why a hover
   * does not look the id up without it.
   */
  lookUpParams?: ReadonlyArray<{ name: keyof JobParams; always: boolean; prompt: string; what: string; why: string }>;
  /** What a job's `name` is called in its tooltip (absent: `Name`). */
  nameLabel?: string;
  /**
   * The label of a status for some of the kind's own values, where the SDK names it more precisely than the
   * shared vocabulary (edge "0" is `stopped` in the model, "Not started" to a reader): keyed by `rawStatus`.
   */
  statusLabels?: Readonly<Record<string, string>>;
  /** Words for `rawStatus` values while the job runs, shown before its progress. */
  runningPhases?: Readonly<Record<string, string>>;
  /** Where a failed job that reports no error may say why (absent: the job in its cloud console), and the parameter that names it there. */
  failureHint?: { place: string; param?: keyof JobParams; paramLabel?: string; console: string };
  /** The console page of one job from its snapshot's `name`, when the name matches `namePattern` (URL-encoded between `prefix` and `suffix`). */
  namePage?: { prefix: string; suffix: string; namePattern: RegExp };
  /**
   * The cloud's own CLI call that answers like the status API (Copy as aliyun CLI / hcloud Command; src/export/).
   * `idFlag` takes the job's id (a casterParam kind: the caster's id, and `taskFlag` the task's); `paramFlags` the
   * identity parameters; `force` when the CLI's bundled metadata lacks the API (it must skip its check);
   * `unconfirmed` what public sources did not establish.
   */
  cloudCli: {
    tool: 'aliyun' | 'hcloud';
    product: string;
    operation: string;
    idFlag: string;
    taskFlag?: string;
    paramFlags: Partial<Record<keyof JobParams, string>>;
    force?: boolean;
    unconfirmed?: string;
  };
}

/**
 * What tells a kind's ids in text (src/detect/detectJobIds.ts builds its tables from these once, at load). Kept
 * apart from KindInfo (in the same kind file) so the bundles that do not detect ids (cloud core, webview) do not
 * carry it. Markers, SDK names and sibling keys are regex sources without capture groups.
 */
export interface KindDetect {
  /**
   * The cloud product the kind belongs to. Kinds of one product share what names it: a marker of the product
   * (`live.cn-shanghai.aliyuncs.com`) says "one of its kinds".
   */
  product: {
    /** Its name, also its first word on its CLI's command line (`aliyun live …`). */
    name: string;
    /** The command-line tool that takes `name` as its first word (absent: none). */
    cli?: string;
    /** First labels of its API hosts (`live`, `live-vpc`). */
    hosts: readonly string[];
    /** Its SDK package names (`live20161101`). */
    sdks: readonly string[];
  };
  /** API names and other words that name this kind's jobs (`EdgeTranscodeJob`, `editing/jobs`). */
  markers: readonly string[];
  /** Keys of this kind's job objects that say little alone (`StreamInput`): they count when nothing stronger does. */
  siblingKeys: readonly string[];
  /**
   * Present when a generic job key (`JobId`, `jobId`, `job-id`…; `job_id`, `JOB_ID`) may name this kind's id, when
   * its context marks the kind. `guess`: the kind's rank among those such a key is taken for when nothing says
   * which (0 first; absent: not guessed).
   */
  jobKeys?: { guess?: { JobId?: number; job_id?: number } };
  /**
   * This kind's own keys, every spelling (unique across kinds). `id`: the value is an id of this kind whatever the
   * context; `param`: the value is that parameter of an id of this kind nearby. An id of such a key `needs` the
   * parameter another key of this kind nearby gives it, or is `narrowedBy` the one key of that parameter beside it
   * on its line. A generic key's id takes the kind's `params` from their keys (or `paramPatterns`), and needs the
   * `required` ones; a key of a required parameter nearby marks the kind.
   */
  keys: ReadonlyArray<{ names: readonly string[]; id?: boolean; param?: keyof JobParams; needs?: keyof JobParams; narrowedBy?: keyof JobParams }>;
  /** A parameter read from a line that contains `contains`, by `pattern`'s only group, before looking for its key. */
  paramPatterns?: ReadonlyArray<{ param: keyof JobParams; contains: string; pattern: string }>;
  /** The shapes of this kind's ids, for an id without context; `rank` orders the kinds of one shape (0 first). */
  idShapes: { shapes: ReadonlyArray<'hex32' | 'uuid' | 'number'>; rank: number };
}
