import { describe, it, expect } from 'vitest';
import { createNodeScriptRunner } from './vm-runner.js';
import { MC_PRELUDE } from '../../mediators/script/prelude.js';
import { ScriptFailure, type ScriptJob } from '../../mediators/script/runner.js';

const runner = createNodeScriptRunner();
const answerNothing: ScriptJob['bridge'] = () => '{"ok":false,"e":"not here"}';

function run(code: string, timeoutMs = 1000, bridge = answerNothing) {
  return runner.run({ sources: [{ code: MC_PRELUDE, filename: 'mc-prelude' }, { code, filename: 'user' }], bridge, timeoutMs });
}

function failureOf(f: () => unknown): ScriptFailure {
  try {
    f();
  } catch (e) {
    if (e instanceof ScriptFailure) return e;
    throw e;
  }
  throw new Error('expected a ScriptFailure');
}

describe('node script sandbox', () => {
  it('returns the completion value of the last source, or the entry value', () => {
    expect(run('var a = 2; a * 21')).toBe(42);
    const v = runner.run({ sources: [{ code: MC_PRELUDE, filename: 'p' }, { code: 'function f(mc) { return typeof mc.getPayloadJSON; }', filename: 'k' }], entry: '__mediateCall("f")', bridge: answerNothing, timeoutMs: 1000 });
    expect(v).toBe('function');
  });

  it('offers no host facilities: no require, process, timers, bridge global', () => {
    expect(run('[typeof require, typeof process, typeof setTimeout, typeof __mediateBridge, typeof module].join()')).toBe('undefined,undefined,undefined,undefined,undefined');
  });

  it('keeps constructor chains inside the sandbox (mc functions, thrown errors, stack overflows)', () => {
    // With code generation off, reaching a Function constructor cannot run code; none of them is the host's either.
    const probes = [
      'this.constructor',
      'mc.getPayloadJSON.constructor === Function',
      '(function(){ try { mc.getProperty("x") } catch (e) { return e.constructor === Error } })()',
      '(function f(){ try { return f() } catch (e) { return e instanceof RangeError } })()',
      '(function f(){ try { return f() } catch (e) { try { mc.getProperty("x") } catch (e2) { return e2 instanceof Error } } })()',
    ];
    expect(probes.map((p) => run(p))).toEqual([undefined, true, true, true, true]);
  });

  it('refuses eval/Function (which could reach import()) and import() itself', () => {
    expect(failureOf(() => run('eval("1")')).message).toContain('EvalError');
    expect(failureOf(() => run('new Function("return 1")()')).message).toContain('EvalError');
    const f = failureOf(() => run('import(/* x */ "fs")'));
    expect(f.kind).toBe('syntax');
    expect(f.message).toContain('import() is not available');
  });

  it('stops an endless loop and an endless promise chain after the time limit', () => {
    const loop = failureOf(() => run('while (true) {}', 150));
    expect(loop.kind).toBe('timeout');
    expect(loop.message).toBe('Script execution timed out after 150 ms');
    expect(failureOf(() => run('function again() { return Promise.resolve().then(again); } again(); 1', 150)).kind).toBe('timeout');
    expect(run('1 + 1')).toBe(2);
  });

  it('reports thrown values and syntax errors with their text', () => {
    const thrown = failureOf(() => run('throw new TypeError("bad input")'));
    expect(thrown.kind).toBe('error');
    expect(thrown.message).toBe('TypeError: bad input');
    expect(failureOf(() => run('throw "plain"')).message).toBe('plain');
    const syntax = failureOf(() => run('var = 1'));
    expect(syntax.kind).toBe('syntax');
    expect(syntax.message).toContain('SyntaxError');
    expect(runner.check('var x = 1;\nvar = 2;', 'f.js')).toMatchObject({ line: 2 });
    expect(runner.check('var x = 1;', 'f.js')).toBeUndefined();
  });

  it('does not share globals between runs', () => {
    run('leaked = 5');
    expect(run('typeof leaked')).toBe('undefined');
  });

  it('passes only strings through the bridge', () => {
    const seen: [string, string][] = [];
    const bridge: ScriptJob['bridge'] = (op, args) => {
      seen.push([op, args]);
      return '{"ok":true,"v":{"a":[1,2]}}';
    };
    expect(run('mc.getPayloadJSON().a.length', 1000, bridge)).toBe(2);
    expect(seen).toEqual([['getPayloadJSON', '[]']]);
  });
});
