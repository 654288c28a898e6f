/**
 * The value model of `${}` evaluation. MI works on Java types (Integer, Long,
 * Double, String, Boolean, Gson JSON, XML nodes) and several behaviours depend
 * on the Java type (int/int division, `4.0` printing, isNumber(now()) ...), so
 * numbers computed by the evaluator keep their Java kind:
 * - a plain JS number is a JSON number: int when integral and within int range,
 *   long when integral beyond it, double otherwise;
 * - `JLong` / `JDouble` are numbers the evaluator produced with that Java type;
 * - `XmlNodes` is a node-set from xpath() or an XML variable.
 * Everything else is plain JSON (string, boolean, null, object, array).
 */

export class JLong {
  constructor(readonly value: number) {}
}

export class JDouble {
  constructor(readonly value: number) {}
}

/** XML content: DOM nodes plus the string MI shows for them. */
export class XmlNodes {
  constructor(
    readonly nodes: readonly Node[],
    readonly text: string,
  ) {}
}

export type Value = unknown;

export type NumberKind = 'int' | 'long' | 'double';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export function isIntRange(n: number): boolean {
  return Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX;
}

export function numberKind(v: Value): NumberKind | undefined {
  if (v instanceof JDouble) return 'double';
  if (v instanceof JLong) return 'long';
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return 'double';
    return isIntRange(v) ? 'int' : 'long';
  }
  return undefined;
}

export function isNumeric(v: Value): boolean {
  return numberKind(v) !== undefined;
}

export function numericValue(v: Value): number {
  if (v instanceof JDouble || v instanceof JLong) return v.value;
  if (typeof v === 'number') return v;
  throw new TypeError('not a number');
}

/** A number of the given Java kind, in the canonical representation above. */
export function makeNumber(n: number, kind: NumberKind): Value {
  if (kind === 'double') return Number.isInteger(n) || !Number.isFinite(n) ? new JDouble(n) : n;
  if (kind === 'long') return isIntRange(n) ? new JLong(n) : n;
  return n;
}

export function isJsonObject(v: Value): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JLong) && !(v instanceof JDouble) && !(v instanceof XmlNodes);
}

/** Java's Double.toString. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e');
  const m = mantissa!.includes('.') ? mantissa! : `${mantissa}.0`;
  const e = exponent!.startsWith('+') ? exponent!.slice(1) : exponent!;
  return `${m}E${e}`;
}

/** Plain JSON (or DOM nodes) for callers outside the evaluator. */
export function toPlain(v: Value): unknown {
  if (v instanceof JLong || v instanceof JDouble) return v.value;
  if (v instanceof XmlNodes) return v.nodes;
  if (v === undefined) return null;
  return v;
}

/** JSON text with Java-typed numbers unwrapped (Gson prints JSON compactly). */
export function toJsonText(v: Value): string {
  return JSON.stringify(v, (_key, inner: unknown) => toPlain(inner)) ?? 'null';
}

/**
 * MI's ExpressionResult.asString: strings as they are, numbers in Java form,
 * JSON as compact text, XML as its serialisation, null as null.
 */
export function asString(v: Value): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof JDouble) return javaDoubleToString(v.value);
  if (v instanceof JLong) return String(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : javaDoubleToString(v);
  if (v instanceof XmlNodes) return v.text;
  return toJsonText(v);
}

export function describeType(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (isNumeric(v)) return 'number';
  if (Array.isArray(v)) return 'array';
  if (v instanceof XmlNodes) return 'xml';
  return 'object';
}

/** Java Integer.parseInt / Long.parseLong / Double.parseDouble chain; undefined when none applies. */
export function parseJavaNumber(text: string): Value | undefined {
  if (/^[+-]?\d+$/.test(text)) {
    const n = Number(text);
    if (isIntRange(n)) return n;
    if (Math.abs(n) <= 9223372036854775807) return n;
    return new JDouble(n);
  }
  const m = /^\s*([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?\s*$/.exec(text);
  if (!m) return undefined;
  const n = m[2] === 'NaN' ? NaN : Number(`${m[1]}${m[2]}`);
  return makeNumber(m[1] === '-' && m[2] === 'NaN' ? NaN : n, 'double');
}

/** Java Integer.parseInt only. */
export function parseJavaInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return isIntRange(n) ? n : undefined;
}
