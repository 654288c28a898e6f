/** Property type conversion as MI's PropertyMediator does it. */
import { MediationFault } from '../../core/errors.js';
import { parseXmlStrict, serializeStandalone } from '../../xml/dom.js';

export const PROPERTY_TYPES = ['STRING', 'INTEGER', 'BOOLEAN', 'DOUBLE', 'FLOAT', 'LONG', 'SHORT', 'OM', 'JSON'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export function convertPropertyValue(raw: unknown, type: PropertyType, name: string): unknown {
  if (type === 'OM') {
    if (raw && typeof raw === 'object' && (raw as Node).nodeType === 1) return raw;
    if (Array.isArray(raw) && raw[0] && (raw[0] as Node).nodeType === 1) return raw[0];
    try {
      return parseXmlStrict(String(raw)).documentElement;
    } catch (e) {
      throw new MediationFault(0, `Unable to convert the value of property ${name} to OM: ${(e as Error).message}`);
    }
  }
  const s = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : isNode(raw) ? serializeStandalone(raw) : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
  switch (type) {
    case 'STRING':
      return s;
    case 'BOOLEAN':
      return s.trim().toLowerCase() === 'true';
    case 'INTEGER':
    case 'LONG':
    case 'SHORT': {
      if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new MediationFault(0, `Unable to convert the value '${s}' of property ${name} to ${type}`);
      const n = Number(s.trim());
      if (type === 'SHORT' && (n < -32768 || n > 32767)) throw new MediationFault(0, `Value '${s}' of property ${name} is out of range for SHORT`);
      if (type === 'INTEGER' && (n < -2147483648 || n > 2147483647)) throw new MediationFault(0, `Value '${s}' of property ${name} is out of range for INTEGER`);
      return n;
    }
    case 'DOUBLE':
    case 'FLOAT': {
      const n = Number(s.trim());
      if (s.trim() === '' || Number.isNaN(n)) throw new MediationFault(0, `Unable to convert the value '${s}' of property ${name} to ${type}`);
      return n;
    }
    case 'JSON':
      if (typeof raw === 'object' && raw !== null && (raw as Node).nodeType === undefined) return raw;
      try {
        return JSON.parse(s);
      } catch {
        return s;
      }
  }
}

/** A DOM node is text to the string types; JSON.stringify would walk into its document and fail. */
function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).nodeType === 'number';
}
