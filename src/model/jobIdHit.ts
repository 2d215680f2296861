/**
 * A job id found in a text, in the one shape every layer passes on: the detector (src/detect/), the language
 * server's answers (src/protocol/lsp.ts), the hover (src/present/jobHoverMarkdown.ts, src/views/), the links and
 * the commands (src/commands/). Types only. `refOfHit` (src/kinds/refs.ts) turns a hit into the `JobRef` of a
 * kind, or says which parameter it still needs.
 */
import { type JobKind, type JobParams } from './job.js';

export interface JobIdHit {
  id: string;
  /** The kinds this id may be, most likely first (more than one when the context does not tell). */
  kinds: JobKind[];
  /** Parameters found nearby (clusterId for live-edge, casterId for a live-editing task or showId for a caster, MPC projectId). */
  params: JobParams;
  /** A region name found nearby (or the tracked job's region), if any. */
  region?: string;
  /** Parameters the id cannot be fetched without that the context did not give (a ShowId needs its CasterId). */
  needs: Array<keyof JobParams>;
  /** Why it matched: the key it followed (`JobId`, `--job_id`, …), `media-jobs` arguments, or `tracked`. */
  source: string;
}

/** A position in a document: 0-based line and UTF-16 character (as in LSP). */
export interface TextPosition {
  line: number;
  character: number;
}

/** A range of a document, end exclusive (as in LSP). */
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

/** A hit with where it is in its document (what the language server answers). */
export interface JobIdHitInDocument extends JobIdHit {
  range: TextRange;
}

/**
 * What `mediaJobs.openJobReference` takes (hover links, document links, CodeLenses: written into command URIs and
 * validated back by parseJobReferenceArgs, src/protocol/commandArgs.ts): a hit without its place and source, with
 * `needs` left out when empty, and what to do with it.
 */
export interface JobReferenceArgs extends Pick<JobIdHit, 'id' | 'kinds' | 'params' | 'region'> {
  /** Parameters the id cannot be fetched without (asked for); absent: none. */
  needs?: JobIdHit['needs'];
  /** inspect (default): track and open the inspector; track: track only; copy: copy the id; console: open the cloud console. */
  action?: 'inspect' | 'track' | 'copy' | 'console' | 'command';
}

