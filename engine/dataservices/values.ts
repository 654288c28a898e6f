/**
 * Values crossing the data-service boundary: request text → bound SQL value by
 * the param's sqlType (every type MI lists), and column value → the text MI
 * writes (Java's toString of the JDBC value) or the JSON value it emits.
 */
import type { ColumnKind, SqlValue } from './driver.js';

export class IncompatibleParameterError extends Error {}

const INTEGER_TYPES = new Set(['INTEGER', 'SMALLINT', 'TINYINT', 'INT']);
const BIG_TYPES = new Set(['BIGINT', 'LONG']);
const FLOAT_TYPES = new Set(['DOUBLE', 'FLOAT', 'REAL']);
const DECIMAL_TYPES = new Set(['NUMERIC', 'DECIMAL', 'MONEY', 'SMALLMONEY']);
const BOOLEAN_TYPES = new Set(['BOOLEAN', 'BIT']);
const BINARY_TYPES = new Set(['BINARY', 'BLOB', 'VARBINARY', 'LONG VARBINARY', 'IMAGE']);
const TEXT_TYPES = new Set(['STRING', 'CHAR', 'VARCHAR', 'NVARCHAR', 'TEXT', 'CLOB', 'ANYURI', 'QUERY_STRING', 'UUID', 'INETADDRESS', 'SQLXML', 'VARINT']);
const TEMPORAL_TYPES = new Set(['DATE', 'TIME', 'TIMESTAMP']);

export const KNOWN_SQL_TYPES: ReadonlySet<string> = new Set([...INTEGER_TYPES, ...BIG_TYPES, ...FLOAT_TYPES, ...DECIMAL_TYPES, ...BOOLEAN_TYPES, ...BINARY_TYPES, ...TEXT_TYPES, ...TEMPORAL_TYPES, 'ORACLE_REF_CURSOR', 'STRUCT', 'ARRAY']);

/** Converts one request value to what the driver binds; a value that does not fit its sqlType is MI's INCOMPATIBLE_PARAMETERS_ERROR. */
export function toSqlValue(text: string | null, sqlType: string, name: string): SqlValue {
  if (text === null) return null;
  const t = sqlType.toUpperCase();
  if (INTEGER_TYPES.has(t)) {
    const v = text.trim();
    if (!/^[+-]?\d+$/.test(v)) throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType ${t}`);
    return Number(v);
  }
  if (BIG_TYPES.has(t)) {
    const v = text.trim();
    if (!/^[+-]?\d+$/.test(v)) throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType ${t}`);
    const n = BigInt(v);
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
  }
  if (FLOAT_TYPES.has(t)) {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n)) throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType ${t}`);
    return n;
  }
  if (DECIMAL_TYPES.has(t)) {
    // Kept as text so no precision is lost; the database converts it.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType ${t}`);
    return text.trim();
  }
  if (BOOLEAN_TYPES.has(t)) {
    const v = text.trim().toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType ${t}`);
  }
  if (BINARY_TYPES.has(t)) {
    const clean = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new IncompatibleParameterError(`parameter '${name}' of sqlType ${t} must be base64`);
    return base64ToBytes(clean);
  }
  if (t === 'DATE' && !/^\d{4}-\d{2}-\d{2}/.test(text.trim())) throw new IncompatibleParameterError(`Error in converting value '${text}' of parameter '${name}' to sqlType DATE (expected yyyy-MM-dd)`);
  return text;
}

/** The text of a column value as MI writes it into XML. */
export function columnText(value: SqlValue, kind: ColumnKind | undefined): string {
  if (value === null) return '';
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    // A DOUBLE/FLOAT column prints like Java's Double.toString: 15500 -> "15500.0".
    if (kind === 'float' && Number.isFinite(value)) return javaDouble(value);
    return String(value);
  }
  if (kind === 'boolean' && (value === '1' || value === '0')) return value === '1' ? 'true' : 'false';
  return value;
}

function javaDouble(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e7) return `${v}.0`;
  const s = String(v);
  if (/e/.test(s)) {
    const [m, e] = s.split('e');
    return `${m!.includes('.') ? m : `${m}.0`}E${Number(e)}`;
  }
  if (Math.abs(v) >= 1e7) {
    const exp = Math.floor(Math.log10(Math.abs(v)));
    const mant = v / 10 ** exp;
    const ms = String(mant);
    return `${ms.includes('.') ? ms : `${ms}.0`}E${exp}`;
  }
  return s;
}

const JSON_NUMBER_XSD = new Set(['integer', 'int', 'long', 'short', 'byte', 'decimal', 'double', 'float', 'nonNegativeInteger', 'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte']);

/** The JSON value of a column: typed xsdTypes become numbers/booleans, strings stay strings, NULL is null. */
export function jsonValue(text: string | null, xsdType: string): unknown {
  if (text === null) return null;
  if (JSON_NUMBER_XSD.has(xsdType)) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (xsdType === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buf = 0;
  let bits = 0;
  let j = 0;
  for (const ch of clean) {
    buf = (buf << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (buf >> bits) & 0xff;
    }
  }
  return out.subarray(0, j);
}
