/**
 * How JSON numbers keep their spelling.
 *
 * MI never re-formats a number it did not compute: a JSON payload that passes
 * through is copied byte for byte, JSON→XML writes the number token as it was
 * typed (`7000.0` → `<fee>7000.0</fee>`), and XML→JSON prints what Java's
 * `BigDecimal.toString()` gives for the element text (`25.0000` stays
 * `25.0000`, `1e5` becomes `1E+5`).
 *
 * We keep JSON values as plain JS values (numbers are `number`) so JSONPath,
 * scripts and comparisons see ordinary data. The spelling of a number lives in
 * a side table keyed by the object or array that holds it and the member key
 * (or index). A spelling is used only while the member still holds the same
 * numeric value, so a mediator that changes or moves a number simply gets the
 * JS spelling — never a stale one. Consequences:
 *  - a number read from JSON or XML prints back as it was spelled, as in MI;
 *  - a number a mediator computes prints the JS way (`7000`, `1e+21`);
 *  - copies made with `structuredClone`/`JSON.parse(JSON.stringify())` lose
 *    spellings (plain values again);
 *  - a bare scalar at the top level has no container, so it has no spelling
 *    (MI does not accept a bare scalar as a JSON payload anyway).
 */

type MemberKey = string | number;

const spellings = new WeakMap<object, Map<MemberKey, string>>();

/** Remembers that `container[key]` was written as `text` in the source. */
export function recordNumberSpelling(container: object, key: MemberKey, text: string): void {
  let byKey = spellings.get(container);
  if (byKey === undefined) {
    byKey = new Map();
    spellings.set(container, byKey);
  }
  byKey.set(key, text);
}

/**
 * The text to write for the number `value` held at `container[key]`: its
 * source spelling when that still denotes `value`, else the JS spelling.
 */
export function spellNumberAt(container: object | undefined, key: MemberKey, value: number): string {
  if (container !== undefined) {
    const text = spellings.get(container)?.get(key);
    if (text !== undefined && Number(text) === value) return text;
  }
  return spellNumber(value);
}

/** JS spelling of a number as JSON writes it; non-finite numbers have none (null). */
export function spellNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** The number syntax staxon's autoPrimitive accepts (no leading zeros, no `+`, no bare `.5`). */
const AUTO_PRIMITIVE_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function looksLikeAutoPrimitiveNumber(text: string): boolean {
  return AUTO_PRIMITIVE_NUMBER.test(text);
}

/**
 * `new BigDecimal(text).toString()` for text matching the autoPrimitive number
 * syntax: the scale is kept (`7000.0`, `25.0000`), an exponent is normalised
 * (`1e5` → `1E+5`, `3.630109155595136E7` → `36301091.55595136`, `1e-3` →
 * `0.001`), and zero loses its sign. Returns undefined for an exponent too
 * large for Java's int scale (BigDecimal would throw there).
 */
export function bigDecimalText(text: string): string | undefined {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (match === null) return undefined;
  const [, minus, integerDigits, fractionDigits = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  const scale = fractionDigits.length - exponent;
  if (!Number.isSafeInteger(exponent) || Math.abs(scale) > 2_147_483_647) return undefined;
  const coefficient = (integerDigits + fractionDigits).replace(/^0+(?=.)/, '');
  const sign = minus !== '' && coefficient !== '0' ? '-' : '';
  const adjustedExponent = coefficient.length - 1 - scale;
  if (scale >= 0 && adjustedExponent >= -6) {
    if (scale === 0) return sign + coefficient;
    if (coefficient.length > scale) {
      const point = coefficient.length - scale;
      return `${sign}${coefficient.slice(0, point)}.${coefficient.slice(point)}`;
    }
    return `${sign}0.${'0'.repeat(scale - coefficient.length)}${coefficient}`;
  }
  const mantissa = coefficient.length > 1 ? `${coefficient[0]}.${coefficient.slice(1)}` : coefficient;
  const exponentSign = adjustedExponent >= 0 ? '+' : '-';
  return `${sign}${mantissa}E${exponentSign}${Math.abs(adjustedExponent)}`;
}
