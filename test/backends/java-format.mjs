// Java-compatible text for values the original (Java) backends print, so the
// stand-ins' payloads look like the real ones: doubles always carry a fraction
// or an exponent (`7000.0`, `5.7E7`), dates use `Date.toString()` layout.

/**
 * Formats a number the way Java's `Double.toString` does: plain notation for
 * magnitudes in [1e-3, 1e7), otherwise `d.ddddE±n`; integral values keep `.0`.
 * @param {number} value
 * @returns {string}
 */
export function javaDouble(value) {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const plain = String(value);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e');
  const withFraction = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${withFraction}E${exponent.replace('+', '')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `java.util.Date#toString()` layout, rendered in UTC: `Mon Jul 01 16:12:23 UTC 2024`.
 * @param {Date} date
 * @returns {string}
 */
export function javaDateString(date) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}
