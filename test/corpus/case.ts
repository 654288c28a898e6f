/**
 * The shape of one corpus case module (test/corpus/cases/<category>/<case>.ts).
 * A module describes a documentation example of ../shared/corpus/<category>/<case>:
 * which of its artifact files to deploy and with which fixes, which stand-in
 * backends to start, the requests to send and the documented results to assert.
 */
import type { CaseRun } from './runtime.js';

export type BackendKind = 'stock-quote' | 'hospital' | 'recording' | 'echo';

export interface BackendSpec {
  kind: BackendKind;
  /** Options passed to the stand-in's start() (port is always 0). */
  options?: Record<string, unknown>;
}

/** Rewrites an artifact's text before deployment; `t` gives backend URLs. */
export type Edit = (text: string, t: CaseRun) => string;

export type ArtifactSpec =
  /** A file of the corpus case folder, deployed under its own name (or `as`), after the edits. */
  | { file: string; as?: string; edits?: Edit[] }
  /** Our own construction (e.g. a wrapper around a documentation snippet), labelled by `why`. */
  | { name: string; why: string; text: (t: CaseRun) => string };

export interface CorpusCase {
  /** `<category>/<case>`, the folder under ../shared/corpus. */
  id: string;
  title: string;
  status: 'pass' | 'not-yet';
  /** For 'not-yet': what is missing, precisely (e.g. "needs the store mediator"). */
  reason?: string;
  /** Where the documentation is wrong and the test follows MI's real behaviour instead. */
  docsWrong?: string[];
  /** Where Mediate deliberately differs from MI (the test asserts Mediate's behaviour and says why). */
  deviates?: string[];
  backends?: Record<string, BackendSpec>;
  artifacts: ArtifactSpec[];
  /** Registry resources: path under the project's registry/ folder (e.g. `conf/schema/x.json`) -> corpus file. */
  registry?: Record<string, string>;
  /** Files (artifact names after `as`) that MI refuses too; every other file must deploy. */
  expectRefused?: string[];
  /**
   * Milliseconds the documented results may take, when the case keeps the page's own timing (a
   * 15 s poll interval, say) and 30 s leaves too little margin on a loaded machine.
   */
  timeoutMs?: number;
  /** Sends the documented requests and asserts the documented results. */
  run(t: CaseRun): Promise<void>;
  /**
   * For 'not-yet': asserts that the reason still holds (e.g. the mediator is still
   * unknown to the deployer). Runs before run(), which must then fail.
   */
  blocker?(t: CaseRun): void | Promise<void>;
}

export function defineCase(c: CorpusCase): CorpusCase {
  if (c.status === 'not-yet' && !c.reason) throw new Error(`${c.id}: a not-yet case needs a reason`);
  return c;
}

const SYNAPSE_NS = 'http://ws.apache.org/ns/synapse';

/** The docs print the artifact without the Synapse namespace; MI needs it on the root element. */
export const addSynapseNs: Edit = (text) =>
  text.includes(SYNAPSE_NS) ? text : text.replace(/<([A-Za-z]+)(\s|>|\/)/, `<$1 xmlns="${SYNAPSE_NS}"$2`);

/** Points a documented backend address (e.g. `http://localhost:9000`) at a stand-in started by the test. */
export function backendAt(documented: string, backend: string): Edit {
  return (text, t) => text.split(documented).join(t.backendUrl(backend));
}

/** Plain text substitution, for documented typos and placeholders. */
export function replace(from: string | RegExp, to: string): Edit {
  return (text) => (typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to));
}
