/**
 * Exact decimal arithmetic on the printed (Java) form of doubles. MI computes
 * double `+ - * %` with BigDecimal, so `0.1 + 0.2` is `0.3` there, not
 * `0.30000000000000004`.
 */

interface Decimal {
  readonly digits: bigint;
  readonly scale: number;
}

function parseDecimal(text: string): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]?\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const fraction = m[3] ?? '';
  let digits = BigInt(`${m[1]}${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

function toNumber(digits: bigint, scale: number): number {
  const negative = digits < 0n;
  let s = (negative ? -digits : digits).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, '0');
    s = `${s.slice(0, s.length - scale)}.${s.slice(s.length - scale)}`;
  }
  return Number(`${negative ? '-' : ''}${s}`);
}

export type DecimalOp = '+' | '-' | '*' | '%';

/** `left op right` computed exactly from the decimal texts; the result rounded to a double. */
export function decimalArithmetic(left: string, right: string, op: DecimalOp): number {
  const a = parseDecimal(left);
  const b = parseDecimal(right);
  if (op === '*') return toNumber(a.digits * b.digits, a.scale + b.scale);
  const [x, y, scale] = align(a, b);
  if (op === '+') return toNumber(x + y, scale);
  if (op === '-') return toNumber(x - y, scale);
  return toNumber(x % y, scale);
}

/** True when the text is a finite decimal this module can compute with. */
export function isDecimalText(text: string): boolean {
  return /^-?\d+(?:\.\d+)?(?:E[+-]?\d+)?$/.test(text);
}

/** BigDecimal(text).setScale(places, HALF_UP) as a double: MI's round(x, places). */
export function roundHalfUp(text: string, places: number): number {
  const d = parseDecimal(text);
  if (d.scale <= places) return toNumber(d.digits, d.scale);
  const divisor = 10n ** BigInt(d.scale - places);
  const negative = d.digits < 0n;
  const magnitude = negative ? -d.digits : d.digits;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return toNumber(negative ? -q : q, places);
}
