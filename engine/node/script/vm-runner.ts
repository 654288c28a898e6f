/**
 * The script mediator's sandbox on Node: each run gets a fresh V8 context
 * (node:vm) whose global object has no prototype and holds only the bridge
 * function, which the prelude captures and deletes. The run is synchronous
 * on the calling thread; V8's watchdog interrupts it (loops and promise jobs
 * alike, with microtaskMode 'afterEvaluate') when the time limit passes, so an
 * endless loop ends in a ScriptFailure and the runtime keeps serving.
 *
 * Closed doors: code generation from strings (eval, Function) is off, because
 * code made that way could use `import()`, whose failure is a host-realm
 * error; `import(` in a source is refused for the same reason. Promise
 * rejections nobody handles inside a sandbox are dropped instead of taking
 * the process down (see swallowSandboxRejections).
 *
 * Not bounded: memory. A script allocating without end can still exhaust the
 * process heap (a worker with resourceLimits would be needed for that).
 */
import vm from 'node:vm';
import { ScriptFailure, type ScriptJob, type ScriptRunner, type ScriptSyntaxProblem } from '../../mediators/script/runner.js';

const MAX_CACHED_SCRIPTS = 256;

/** `import(` with optional whitespace or comments between (keywords cannot contain escapes). */
const DYNAMIC_IMPORT = /\bimport(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*(?:\n|$))*\(/;

export function createNodeScriptRunner(): ScriptRunner {
  swallowSandboxRejections();
  const cache = new Map<string, vm.Script>();

  function compiled(code: string, filename: string): vm.Script {
    const cacheKey = `${filename}\u0000${code}`;
    let script = cache.get(cacheKey);
    if (!script) {
      if (DYNAMIC_IMPORT.test(code)) throw new ScriptFailure('syntax', `import() is not available in scripts (${filename})`);
      try {
        script = new vm.Script(code, { filename });
      } catch (e) {
        throw new ScriptFailure('syntax', `${errorText(e)} (${filename}${syntaxPosition(e, filename)})`);
      }
      if (cache.size >= MAX_CACHED_SCRIPTS) cache.delete(cache.keys().next().value!);
      cache.set(cacheKey, script);
    }
    return script;
  }

  return {
    check(code, filename): ScriptSyntaxProblem | undefined {
      if (DYNAMIC_IMPORT.test(code)) return { message: 'import() is not available in scripts', line: 1, col: 1 };
      try {
        new vm.Script(code, { filename });
        return undefined;
      } catch (e) {
        const pos = positionOf(e, filename);
        return { message: errorText(e), line: pos?.line ?? 1, col: pos?.col ?? 1 };
      }
    },

    run(job: ScriptJob) {
      const scripts = job.sources.map((s) => compiled(s.code, s.filename));
      const entry = job.entry ? compiled(`(${job.entry})`, 'entry') : undefined;
      const sandbox: Record<string, unknown> = Object.create(null);
      sandbox.__mediateBridge = guardedBridge(job.bridge);
      const context = vm.createContext(sandbox, {
        name: 'script-mediator',
        codeGeneration: { strings: false, wasm: false },
        microtaskMode: 'afterEvaluate',
      });
      const deadline = Date.now() + job.timeoutMs;
      const runOne = (script: vm.Script): unknown => {
        const remaining = Math.max(1, deadline - Date.now());
        return script.runInContext(context, { timeout: remaining, displayErrors: false, breakOnSigint: false });
      };
      try {
        // Without an entry the result is the completion value of the last source (an inline script's).
        let value: unknown;
        for (const s of scripts) value = runOne(s);
        if (entry) value = runOne(entry);
        return primitive(value);
      } catch (e) {
        if (e instanceof ScriptFailure) throw e;
        if (isTimeout(e)) throw new ScriptFailure('timeout', `Script execution timed out after ${job.timeoutMs} ms`);
        throw new ScriptFailure('error', errorText(e));
      }
    },
  };
}

/** The bridge never throws into the sandbox (a host Error would expose the host realm). */
function guardedBridge(bridge: ScriptJob['bridge']) {
  return function mediateBridge(op: unknown, args: unknown): string {
    try {
      if (typeof op !== 'string' || typeof args !== 'string') return '{"ok":false,"e":"bad bridge call"}';
      return bridge(op, args);
    } catch (e) {
      return JSON.stringify({ ok: false, e: errorText(e) });
    }
  };
}

function primitive(v: unknown): string | number | boolean | null | undefined {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

function isTimeout(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

/** Reads an error thrown inside the sandbox without trusting its shape (scripts may throw anything). */
function errorText(e: unknown): string {
  try {
    if (typeof e === 'object' && e !== null) {
      const name = (e as { name?: unknown }).name;
      const message = (e as { message?: unknown }).message;
      if (typeof message === 'string') return typeof name === 'string' && name ? `${name}: ${message}` : message;
    }
    return String(e);
  } catch {
    return 'script error';
  }
}

function positionOf(e: unknown, filename: string): { line: number; col: number } | undefined {
  const stack = typeof e === 'object' && e !== null ? (e as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return undefined;
  // V8 puts `filename:line` on the first line of a SyntaxError's stack, then the source line and a caret.
  const lines = stack.split('\n');
  const head = lines[0] ?? '';
  const m = head.startsWith(filename) ? /:(\d+)$/.exec(head) : null;
  if (!m) return undefined;
  const caret = lines[2] ?? '';
  const col = caret.indexOf('^');
  return { line: Number(m[1]), col: col >= 0 ? col + 1 : 1 };
}

function syntaxPosition(e: unknown, filename: string): string {
  const p = positionOf(e, filename);
  return p ? `:${p.line}:${p.col}` : '';
}

let rejectionGuardInstalled = false;

/**
 * A sandbox promise rejected without a handler reaches the process's
 * unhandledRejection event, which by default ends the process. Rejections of
 * promises from another realm (only sandboxes create those here) are dropped;
 * the host's own keep Node's default of failing loudly when nobody else listens.
 */
function swallowSandboxRejections(): void {
  if (rejectionGuardInstalled) return;
  rejectionGuardInstalled = true;
  process.on('unhandledRejection', (reason, promise) => {
    if (!(promise instanceof Promise)) return;
    if (process.listenerCount('unhandledRejection') === 1) throw reason;
  });
}
