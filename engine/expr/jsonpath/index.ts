/**
 * `json-eval(<path>)`: Jayway JSONPath over the JSON payload, evaluated with
 * jsonpath-plus. Results follow SynapseJsonPath:
 * - a definite path (no `..`, `*`, filter, union or slice) yields the value
 *   itself, an indefinite one an array of matches (even of one);
 * - `$` / `$.` is the whole payload;
 * - strings print as themselves, objects and arrays as compact JSON, JSON
 *   null as "null", a path that matches nothing (or no payload) as "";
 * - a trailing `.length()`, `.size()`, `.min()` ... applies Jayway's
 *   function (length/size are integers, the statistics Java doubles);
 * - as a condition, the string value must be "true" (Boolean.parseBoolean).
 */
import { JSONPath } from 'jsonpath-plus';
import { ErrorCodes, MediationFault } from '../../core/errors.js';
import type { ExprContext } from '../context.js';
import type { CompiledExpression } from '../types.js';
import { javaDoubleToString } from '../xpath/java-text.js';
import { checkJsonPath, type CheckedPath, type PathFunction } from './syntax.js';

export function compileJsonPath(path: string): CompiledExpression {
  return new CompiledJsonPath(path, checkJsonPath(path));
}

/** Result of a path function, tagged so it prints as Jayway's Integer or Double. */
class FunctionResult {
  constructor(
    readonly value: number,
    readonly integer: boolean,
  ) {}
}

class CompiledJsonPath implements CompiledExpression {
  readonly language = 'jsonpath' as const;
  readonly readsPayload = true;

  constructor(
    readonly source: string,
    private readonly checked: CheckedPath,
  ) {}

  private run(ctx: ExprContext): unknown {
    const json = ctx.payloadJson();
    if (json === undefined) return undefined;
    const { path, definite, fn, wholePayload } = this.checked;
    let value: unknown;
    if (wholePayload) value = json;
    else {
      let matches: unknown[];
      try {
        matches = JSONPath({ path, json: json as object, wrap: true, resultType: 'value' }) as unknown[];
      } catch (e) {
        throw new MediationFault(ErrorCodes.GENERIC, `Error evaluating JSON Path <${this.source}>: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      value = definite ? matches[0] : matches;
    }
    return fn ? applyFunction(fn, value, this.source) : value;
  }

  /** The value (definite path), an array of matches (indefinite path), or undefined when nothing matched. */
  evaluate(ctx: ExprContext): unknown {
    const v = this.run(ctx);
    return v instanceof FunctionResult ? v.value : v;
  }

  evaluateString(ctx: ExprContext): string {
    const v = this.run(ctx);
    if (v === undefined) return '';
    if (v === null) return 'null';
    if (v instanceof FunctionResult) return v.integer ? String(v.value) : javaDoubleToString(v.value);
    if (typeof v === 'string') return v;
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  evaluateBoolean(ctx: ExprContext): boolean {
    return this.evaluateString(ctx).toLowerCase() === 'true';
  }
}

function applyFunction(fn: PathFunction, value: unknown, source: string): unknown {
  const fail = (why: string) => new MediationFault(ErrorCodes.GENERIC, `Error evaluating JSON Path <${source}>: ${fn}() ${why}`);
  if (value === undefined) return undefined;
  switch (fn) {
    case 'length':
    case 'size':
      if (Array.isArray(value) || typeof value === 'string') return new FunctionResult(value.length, true);
      if (value && typeof value === 'object') return new FunctionResult(Object.keys(value).length, true);
      throw fail('needs an array, object or string');
    case 'keys':
      if (value && typeof value === 'object' && !Array.isArray(value)) return Object.keys(value);
      throw fail('needs an object');
    case 'first':
    case 'last':
      if (!Array.isArray(value)) throw fail('needs an array');
      return fn === 'first' ? value[0] : value[value.length - 1];
    default: {
      if (!Array.isArray(value)) throw fail('needs an array of numbers');
      const nums = value.map((v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN)).filter((n) => !Number.isNaN(n));
      if (nums.length === 0) throw fail('found no numbers');
      const sum = nums.reduce((a, b) => a + b, 0);
      const avg = sum / nums.length;
      const result =
        fn === 'min' ? Math.min(...nums) : fn === 'max' ? Math.max(...nums) : fn === 'sum' ? sum : fn === 'avg' ? avg : Math.sqrt(nums.reduce((a, b) => a + (b - avg) ** 2, 0) / nums.length);
      return new FunctionResult(result, false);
    }
  }
}
