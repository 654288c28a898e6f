// JSON writing that keeps Java's double formatting (`7000.0`, `5.7E7`), which
// JSON.stringify would lose. Wrap a number with `double()` to mark it a Java
// double; plain numbers are written as JSON.stringify writes them (ints).
import { javaDouble } from './java-format.mjs';

export class JavaDouble {
  /** @param {number} value */
  constructor(value) {
    this.value = value;
  }
}

/** @param {number} value */
export const double = (value) => new JavaDouble(value);

/**
 * Serializes like JSON.stringify (compact, insertion order, undefined members
 * skipped) except that JavaDouble values keep Java's text form.
 * @param {unknown} value
 * @returns {string}
 */
export function toJavaJson(value) {
  if (value instanceof JavaDouble) return Number.isFinite(value.value) ? javaDouble(value.value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJavaJson(v))).join(',')}]`;
  const members = Object.entries(value)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .map(([k, v]) => `${JSON.stringify(k)}:${toJavaJson(v)}`);
  return `{${members.join(',')}}`;
}
