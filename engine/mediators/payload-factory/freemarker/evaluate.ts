/**
 * Renders a parsed template against the model. Missing values are errors
 * (FreeMarker's InvalidReferenceException) unless guarded with `!` or `??`.
 * Numbers print in FreeMarker's default en_US format (grouping, at most 3
 * fraction digits); `?c` prints them for computers. Booleans print only
 * with `?c` or `?string`.
 */
import type { Expr, TemplateNode } from './ast.js';
import { XmlNode, XmlNodeList, type ModelHash } from './model.js';

export class FreemarkerRuntimeError extends Error {}

type Scope = Map<string, unknown>;
interface LoopState {
  index: number;
  size: number;
}

class Missing {
  constructor(readonly what: string) {}
}

export function renderTemplate(nodes: TemplateNode[], model: Map<string, unknown>): string {
  const scope: Scope = new Map(model);
  const out: string[] = [];
  renderNodes(nodes, scope, new Map(), out);
  return out.join('');
}

function renderNodes(nodes: TemplateNode[], scope: Scope, loops: Map<string, LoopState>, out: string[]): void {
  for (const n of nodes) {
    switch (n.k) {
      case 'text':
        out.push(n.text);
        break;
      case 'interp':
        out.push(display(need(evaluate(n.expr, scope, loops), n.source)));
        break;
      case 'assign':
        scope.set(n.name, need(evaluate(n.expr, scope, loops), n.name));
        break;
      case 'if': {
        const branch = n.branches.find((b) => truthy(evaluate(b.cond, scope, loops)));
        if (branch) renderNodes(branch.body, scope, loops, out);
        else if (n.otherwise) renderNodes(n.otherwise, scope, loops, out);
        break;
      }
      case 'list': {
        const items = asSequence(need(evaluate(n.seq, scope, loops), 'list'));
        if (items.length === 0) {
          if (n.otherwise) renderNodes(n.otherwise, scope, loops, out);
          break;
        }
        const inner = new Map(scope);
        const innerLoops = new Map(loops);
        items.forEach((item, index) => {
          inner.set(n.item, item);
          innerLoops.set(n.item, { index, size: items.length });
          renderNodes(n.body, inner, innerLoops, out);
          if (n.sep && index < items.length - 1) renderNodes(n.sep, inner, innerLoops, out);
        });
        break;
      }
    }
  }
}

function need(v: unknown, what: string): unknown {
  if (v instanceof Missing || v === undefined || v === null) throw new FreemarkerRuntimeError(`The following has evaluated to null or missing: ==> ${v instanceof Missing ? v.what : what}`);
  return v;
}

function describe(e: Expr): string {
  switch (e.k) {
    case 'var':
      return e.name;
    case 'dot':
      return `${describe(e.target)}.${e.name}`;
    case 'index':
      return `${describe(e.target)}[...]`;
    default:
      return 'expression';
  }
}

function member(target: unknown, name: string | number): unknown {
  if (target instanceof XmlNode || target instanceof XmlNodeList) return typeof name === 'number' ? (target instanceof XmlNodeList ? target.nodes[name] : undefined) : target.get(name);
  if (Array.isArray(target)) return typeof name === 'number' ? target[name] : undefined;
  if (target !== null && typeof target === 'object') {
    if (typeof (target as ModelHash).get === 'function' && !(target instanceof Map)) return (target as ModelHash).get(String(name));
    return Object.prototype.hasOwnProperty.call(target, name) ? (target as Record<string, unknown>)[String(name)] : undefined;
  }
  return undefined;
}

function evaluate(e: Expr, scope: Scope, loops: Map<string, LoopState>): unknown {
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'var':
      return scope.has(e.name) ? scope.get(e.name) : new Missing(e.name);
    case 'dot':
    case 'index': {
      const target = evaluate(e.target, scope, loops);
      if (target instanceof Missing) return target;
      if (target === undefined || target === null) return new Missing(describe(e.target));
      const key = e.k === 'dot' ? e.name : (evaluate(e.index, scope, loops) as string | number);
      const v = member(target, key);
      return v === undefined || v === null ? new Missing(describe(e)) : v;
    }
    case 'default': {
      const v = evaluate(e.target, scope, loops);
      if (v instanceof Missing || v === undefined || v === null) return e.fallback ? evaluate(e.fallback, scope, loops) : '';
      return v;
    }
    case 'exists': {
      const v = evaluate(e.target, scope, loops);
      return !(v instanceof Missing || v === undefined || v === null);
    }
    case 'not':
      return !truthy(evaluate(e.operand, scope, loops));
    case 'neg':
      return -toNumber(need(evaluate(e.operand, scope, loops), 'operand'));
    case 'seq':
      return e.items.map((i) => need(evaluate(i, scope, loops), 'item'));
    case 'builtin':
      return builtin(e, scope, loops);
    case 'bin':
      return binary(e.op, e.left, e.right, scope, loops);
  }
}

function binary(op: string, l: Expr, r: Expr, scope: Scope, loops: Map<string, LoopState>): unknown {
  if (op === '&&') return truthy(evaluate(l, scope, loops)) && truthy(evaluate(r, scope, loops));
  if (op === '||') return truthy(evaluate(l, scope, loops)) || truthy(evaluate(r, scope, loops));
  const a = scalar(need(evaluate(l, scope, loops), describe(l)));
  const b = scalar(need(evaluate(r, scope, loops), describe(r)));
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '+':
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      return display(a) + display(b);
    case '-':
      return toNumber(a) - toNumber(b);
    case '*':
      return toNumber(a) * toNumber(b);
    case '/':
      return toNumber(a) / toNumber(b);
    case '%':
      return toNumber(a) % toNumber(b);
    default: {
      if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) throw new FreemarkerRuntimeError(`cannot compare ${typeof a} with ${typeof b} using ${op}`);
      const x = a as number | string;
      const y = b as number | string;
      return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
    }
  }
}

/** XML nodes compare and print as their text. */
function scalar(v: unknown): unknown {
  return v instanceof XmlNode || v instanceof XmlNodeList ? v.text() : v;
}

function toNumber(v: unknown): number {
  const s = scalar(v);
  if (typeof s === 'number') return s;
  throw new FreemarkerRuntimeError(`expected a number, but this has evaluated to ${typeName(s)}`);
}

function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (v instanceof Missing) throw new FreemarkerRuntimeError(`The following has evaluated to null or missing: ==> ${v.what}`);
  throw new FreemarkerRuntimeError(`a condition must be a boolean, but this has evaluated to ${typeName(v)}`);
}

function typeName(v: unknown): string {
  if (Array.isArray(v) || v instanceof XmlNodeList) return 'a sequence';
  if (v === null || v === undefined) return 'null';
  return typeof v === 'object' ? 'a hash' : `a ${typeof v}`;
}

function asSequence(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof XmlNodeList) return v.nodes;
  throw new FreemarkerRuntimeError(`<#list> needs a sequence, but this has evaluated to ${typeName(v)}`);
}

/** FreeMarker's default number format (en_US "number": grouping, up to 3 fraction digits). */
function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** `?c`: computer format. */
function computerNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n);
}

function display(v: unknown): string {
  const s = scalar(v);
  if (typeof s === 'string') return s;
  if (typeof s === 'number') return formatNumber(s);
  if (typeof s === 'boolean') throw new FreemarkerRuntimeError("can't convert a boolean to string automatically; use ?c or ?string('yes', 'no')");
  throw new FreemarkerRuntimeError(`expected a string or number for \${...}, but this has evaluated to ${typeName(s)}`);
}

/** `?json_string`: JSON string escaping, plus FreeMarker's `<\/` and `\u003C!` guards for HTML embedding. */
function jsonString(s: string): string {
  return JSON.stringify(s).slice(1, -1).replace(/<\//g, '<\\/').replace(/<!/g, '\\u003C!');
}

function builtin(e: Extract<Expr, { k: 'builtin' }>, scope: Scope, loops: Map<string, LoopState>): unknown {
  if (['index', 'counter', 'has_next', 'is_first', 'is_last'].includes(e.name)) {
    const loop = e.target.k === 'var' ? loops.get(e.target.name) : undefined;
    if (!loop) throw new FreemarkerRuntimeError(`?${e.name} needs a #list loop variable`);
    return e.name === 'index' ? loop.index : e.name === 'counter' ? loop.index + 1 : e.name === 'has_next' ? loop.index < loop.size - 1 : e.name === 'is_first' ? loop.index === 0 : loop.index === loop.size - 1;
  }
  const raw = evaluate(e.target, scope, loops);
  if (e.name === 'has_content') {
    if (raw instanceof Missing || raw === undefined || raw === null) return false;
    const s = scalar(raw);
    if (typeof s === 'string' || Array.isArray(s)) return s.length > 0;
    return true;
  }
  const v = need(raw, describe(e.target));
  const args = e.args.map((a) => need(evaluate(a, scope, loops), 'argument'));
  const s = scalar(v);
  switch (e.name) {
    case 'string':
      if (typeof s === 'boolean') return args.length === 2 ? String(s ? args[0] : args[1]) : String(s);
      return display(s);
    case 'c':
      if (typeof s === 'number') return computerNumber(s);
      if (typeof s === 'boolean') return String(s);
      return display(s);
    case 'json_string':
      return jsonString(display(s));
    case 'xml':
      return display(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    case 'size':
      if (Array.isArray(v)) return v.length;
      if (v instanceof XmlNodeList) return v.nodes.length;
      if (v && typeof v === 'object') return Object.keys(v).length;
      throw new FreemarkerRuntimeError(`?size needs a sequence or hash, but this has evaluated to ${typeName(v)}`);
    case 'length':
      return display(s).length;
    case 'upper_case':
      return display(s).toUpperCase();
    case 'lower_case':
      return display(s).toLowerCase();
    case 'cap_first': {
      const t = display(s);
      return t.charAt(0).toUpperCase() + t.slice(1);
    }
    case 'trim':
      return display(s).trim();
    case 'number': {
      const n = Number(display(s));
      if (Number.isNaN(n)) throw new FreemarkerRuntimeError(`?number: '${display(s)}' is not a number`);
      return n;
    }
    case 'is_string':
      return typeof s === 'string';
    case 'is_number':
      return typeof s === 'number';
    case 'is_boolean':
      return typeof s === 'boolean';
    case 'is_sequence':
      return Array.isArray(v) || v instanceof XmlNodeList;
    case 'is_hash':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'children':
      if (v instanceof XmlNode || v instanceof XmlNodeList) {
        const node = v instanceof XmlNode ? v : v.nodes[0];
        return node ? node.children() : [];
      }
      throw new FreemarkerRuntimeError('?children needs an XML node');
    case 'keys':
    case 'values':
      if (v && typeof v === 'object' && !Array.isArray(v)) return e.name === 'keys' ? Object.keys(v) : Object.values(v);
      throw new FreemarkerRuntimeError(`?${e.name} needs a hash`);
    case 'first':
    case 'last': {
      const seq = asSequence(v);
      return e.name === 'first' ? seq[0] : seq[seq.length - 1];
    }
  }
  throw new FreemarkerRuntimeError(`?${e.name} is not supported`);
}
