import type { Expr, PathFunction, Segment } from './ast.js';
import { evaluationFault, shown } from './errors.js';
import { JDouble, JLong, XmlNodes, isJsonObject, makeNumber, numberKind, numericValue, type Value } from './values.js';

/**
 * JSONPath tails evaluated the way Jayway JsonPath (used by MI) does with its
 * default options: a definite path (only `.a`, `['a']`, `[0]`) yields one
 * value and fails with "No results for path" when nothing matches; an
 * indefinite path (`..`, `*`, filters, slices, several indexes) yields an
 * array of every match, possibly empty.
 */
export interface PathEnv {
  evaluate(expr: Expr): Value;
  /** Evaluates a filter against one candidate item. */
  test(segment: Extract<Segment, { kind: 'filter' }>, item: unknown): boolean;
}

/** Thrown when a definite path finds nothing; callers turn it into a fault or into "missing". */
export class PathNotFound extends Error {}

export function evaluatePath(root: Value, segments: readonly Segment[], env: PathEnv, rootName = '$'): Value {
  if (segments.length === 0) return root;
  if (root instanceof XmlNodes) {
    throw evaluationFault(`Could not evaluate JSONPath expression: ${rootName}${describePath(segments)} on non-JSON value`);
  }
  let current: unknown[] = [root];
  let definite = true;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment.kind === 'function') {
      const input = definite ? current[0] : current;
      current = [applyPathFunction(segment.name, input)];
      definite = true;
      continue;
    }
    const next: unknown[] = [];
    const stillDefinite: boolean = definite && isDefiniteStep(segment);
    for (const node of current) step(segment, node, next, env, stillDefinite);
    if (stillDefinite && next.length === 0) {
      throw new PathNotFound(`No results for path: ${rootName}${describePath(segments.slice(0, i + 1))}`);
    }
    current = next;
    definite = stillDefinite;
  }
  return definite ? current[0] : current;
}

function isDefiniteStep(segment: Segment): boolean {
  if (segment.kind === 'child') return true;
  if (segment.kind !== 'select') return false;
  if (segment.items.length === 1) return true;
  // Several property names select a map (definite); several indexes select a list.
  return segment.items.every((item) => item.kind === 'literal' && typeof item.value === 'string');
}

function step(segment: Segment, node: unknown, out: unknown[], env: PathEnv, strict: boolean): void {
  switch (segment.kind) {
    case 'child':
      if (isJsonObject(node) && Object.hasOwn(node, segment.name)) out.push(node[segment.name]);
      return;
    case 'wildcard':
      if (Array.isArray(node)) out.push(...node);
      else if (isJsonObject(node)) out.push(...Object.values(node));
      return;
    case 'scan':
      for (const descendant of descendantsOrSelf(node)) {
        if (segment.then.kind === 'filter') {
          if (isJsonObject(descendant) && env.test(segment.then, descendant)) out.push(descendant);
        } else {
          step(segment.then, descendant, out, env, false);
        }
      }
      return;
    case 'select':
      select(segment.items.map((item) => env.evaluate(item)), node, out, strict);
      return;
    case 'slice':
      if (Array.isArray(node)) out.push(...slice(node, segment, env));
      return;
    case 'filter':
      if (Array.isArray(node)) {
        for (const item of node) if (env.test(segment, item)) out.push(item);
      } else if (isJsonObject(node) && env.test(segment, node)) {
        out.push(node);
      }
      return;
    case 'function':
      return;
  }
}

function select(keys: Value[], node: unknown, out: unknown[], strict: boolean): void {
  if (keys.length > 1 && keys.every((k) => typeof k === 'string')) {
    if (!isJsonObject(node)) return;
    const picked: Record<string, unknown> = {};
    for (const k of keys as string[]) if (Object.hasOwn(node, k)) picked[k] = node[k];
    out.push(picked);
    return;
  }
  for (const key of keys) {
    if (typeof key === 'string') {
      if (isJsonObject(node) && Object.hasOwn(node, key)) out.push(node[key]);
      continue;
    }
    const kind = numberKind(key);
    if (kind !== 'int' && kind !== 'long') {
      throw evaluationFault(`Invalid array index: ${shown(key)}`);
    }
    if (!Array.isArray(node)) {
      if (strict && !isJsonObject(node)) return;
      continue;
    }
    const raw = numericValue(key);
    const index = raw < 0 ? node.length + raw : raw;
    if (index >= 0 && index < node.length) out.push(node[index]);
  }
}

function slice(array: unknown[], segment: Extract<Segment, { kind: 'slice' }>, env: PathEnv): unknown[] {
  const bound = (e: Expr | undefined, fallback: number): number => {
    if (!e) return fallback;
    const v = env.evaluate(e);
    const kind = numberKind(v);
    if (kind !== 'int' && kind !== 'long') throw evaluationFault(`Invalid slice index: ${shown(v)}`);
    const n = numericValue(v);
    return n < 0 ? Math.max(0, array.length + n) : Math.min(n, array.length);
  };
  const from = bound(segment.from, 0);
  const to = bound(segment.to, array.length);
  const stepValue = segment.step ? numericValue(env.evaluate(segment.step)) : 1;
  if (!Number.isInteger(stepValue) || stepValue <= 0) throw evaluationFault(`Invalid slice step: ${stepValue}`);
  const result: unknown[] = [];
  for (let i = from; i < to; i += stepValue) result.push(array[i]);
  return result;
}

/** Pre-order walk: a node, then everything below it (Jayway's deep-scan order). */
function descendantsOrSelf(node: unknown): unknown[] {
  const result: unknown[] = [];
  const walk = (n: unknown): void => {
    result.push(n);
    if (Array.isArray(n)) n.forEach(walk);
    else if (isJsonObject(n)) Object.values(n).forEach(walk);
  };
  walk(node);
  return result;
}

/** Jayway's path functions (`.length()`, `.sum()` ...). Aggregates are doubles. */
export function applyPathFunction(name: PathFunction, input: unknown): Value {
  switch (name) {
    case 'length':
    case 'size':
      if (Array.isArray(input)) return input.length;
      if (typeof input === 'string') return input.length;
      if (isJsonObject(input)) return Object.keys(input).length;
      throw evaluationFault(`Invalid function call length() on ${shown(input)}`);
    case 'keys':
      if (isJsonObject(input)) return Object.keys(input);
      throw evaluationFault('Invalid function call keys() on a non-object value');
    case 'first':
    case 'last':
      if (Array.isArray(input) && input.length > 0) return name === 'first' ? input[0] : input[input.length - 1];
      throw evaluationFault(`Invalid function call ${name}() on ${shown(input)}`);
    default:
      return aggregate(name, input);
  }
}

function aggregate(name: 'min' | 'max' | 'avg' | 'sum' | 'stddev', input: unknown): Value {
  const numbers = (Array.isArray(input) ? input : [input]).filter((v) => numberKind(v) !== undefined).map(numericValue);
  if (numbers.length === 0) {
    throw evaluationFault('Aggregation function attempted to calculate value using empty array');
  }
  const sum = numbers.reduce((a, b) => a + b, 0);
  const avg = sum / numbers.length;
  const result = {
    min: Math.min(...numbers),
    max: Math.max(...numbers),
    sum,
    avg,
    stddev: Math.sqrt(numbers.reduce((acc, n) => acc + n * n, 0) / numbers.length - avg * avg),
  }[name];
  return makeNumber(result, 'double');
}

/** Jayway-style text of a path, for messages: `['a'][0]..['b']`. */
export function describePath(segments: readonly Segment[]): string {
  return segments.map(describeSegment).join('');
}

function describeSegment(segment: Segment): string {
  switch (segment.kind) {
    case 'child':
      return `['${segment.name}']`;
    case 'wildcard':
      return '[*]';
    case 'scan':
      return `..${describeSegment(segment.then)}`;
    case 'select':
      return `[${segment.items.map((i) => (i.kind === 'literal' ? literalText(i.value) : '?')).join(',')}]`;
    case 'slice':
      return '[:]';
    case 'filter':
      return '[?]';
    case 'function':
      return `.${segment.name}()`;
  }
}

function literalText(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (v instanceof JLong || v instanceof JDouble) return String(v.value);
  return String(v);
}
