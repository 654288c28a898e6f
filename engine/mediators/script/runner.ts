/**
 * What the script mediator needs from its host: running JavaScript in a
 * sandbox with a time limit. The host (engine/node/script/) implements it;
 * the engine injects it through RuntimeServices.scriptRunner.
 *
 * Contract of a sandbox:
 * - a fresh global scope per run, with the language's built-ins only
 *   (no require, process, module loading, timers, network or file access);
 * - the only way out is `bridge`, installed as the global `__mediateBridge`
 *   before the first source runs; it takes and returns strings only, so no
 *   host object ever becomes reachable from the script;
 * - the sources run in order, then `entry` (an expression) is evaluated and
 *   its value returned as a JSON-ish primitive (true/false/undefined ...);
 * - all of it, including promise jobs the script queues, stops after
 *   `timeoutMs` with a ScriptFailure of kind 'timeout'.
 */

export interface ScriptSource {
  code: string;
  /** Shown in error messages (registry key or `inline`). */
  filename: string;
}

export interface ScriptJob {
  sources: readonly ScriptSource[];
  /** Expression evaluated after the sources, e.g. `transform(mc)`; its value is returned. */
  entry?: string;
  bridge: (op: string, argsJson: string) => string;
  timeoutMs: number;
}

export interface ScriptRunner {
  /** Checks the syntax of `code` without running it; undefined when it parses. */
  check(code: string, filename: string): ScriptSyntaxProblem | undefined;
  /** Runs a job synchronously; throws ScriptFailure. Returns the entry value when primitive. */
  run(job: ScriptJob): string | number | boolean | null | undefined;
}

export interface ScriptSyntaxProblem {
  message: string;
  /** 1-based, relative to the start of the code. */
  line: number;
  col: number;
}

export type ScriptFailureKind = 'syntax' | 'error' | 'timeout';

/** A script that did not finish: it did not parse, threw, or ran out of time. */
export class ScriptFailure extends Error {
  constructor(
    readonly kind: ScriptFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'ScriptFailure';
  }
}
