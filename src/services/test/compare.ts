/**
 * assertEquals as MI judges it: expected and actual are normalised the same
 * way and then compared as strings. Normalising: trim; strip one surrounding
 * CDATA section; XML is re-serialised through a DOM (no declaration, `xmlns=""`
 * dropped), JSON is re-written with object keys sorted; then every whitespace
 * character is removed. So formatting, indentation and JSON key order never
 * matter, and, as in MI, neither does whitespace inside values.
 *
 * On a mismatch we also say where the two differ (a JSON path, or the first
 * differing spot of the normalised text), which MI does not.
 */
import { parseDocument } from './xml.js';

export type Normalised = { kind: 'xml' | 'json' | 'text'; text: string; json?: unknown };

export function normalise(value: string): Normalised {
  let v = value.trim();
  const cdata = /^<!\[CDATA\[([\s\S]*)\]\]>$/.exec(v);
  if (cdata) v = cdata[1]!.trim();
  if (v.startsWith('<')) {
    const doc = parseDocument(v);
    if (doc.ok) return { kind: 'xml', text: squeeze(doc.root.toString().replace(/ xmlns=""/g, '')) };
  }
  if (v !== '') {
    try {
      const json: unknown = JSON.parse(v);
      return { kind: 'json', text: squeeze(JSON.stringify(sortKeys(json))), json };
    } catch {
      // not JSON: plain text
    }
  }
  return { kind: 'text', text: squeeze(v) };
}

export interface Judgement {
  equal: boolean;
  /** Where they differ, when they do. */
  reason?: string;
}

export function judgeEquals(expected: string, actual: string | null): Judgement {
  if (actual === null) return { equal: false, reason: 'the expression has no value' };
  const e = normalise(expected);
  const a = normalise(actual);
  if (e.text === a.text) return { equal: true };
  if (e.kind === 'json' && a.kind === 'json') {
    if (!isContainer(e.json) || !isContainer(a.json)) return { equal: false, reason: `expected ${show(e.json)}, got ${show(a.json)}` };
    const at = firstJsonDifference(e.json, a.json, '$');
    if (at) return { equal: false, reason: `JSON differs at ${at}` };
  }
  if (e.kind !== a.kind) return { equal: false, reason: `expected ${article(e.kind)}, got ${article(a.kind)}` };
  let i = 0;
  while (i < e.text.length && i < a.text.length && e.text[i] === a.text[i]) i++;
  const snippet = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 12), i + 24));
  return { equal: false, reason: `${e.kind === 'xml' ? 'XML' : 'text'} differs at character ${i + 1} of the normalised form: expected ${snippet(e.text)}, got ${snippet(a.text)}` };
}

function article(kind: Normalised['kind']): string {
  return kind === 'xml' ? 'XML' : kind === 'json' ? 'JSON' : 'plain text';
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function squeeze(s: string): string {
  return s.replace(/\s+/g, '');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** A JSON path where the values differ (with the two values), or undefined when only whitespace inside strings differs. */
function firstJsonDifference(e: unknown, a: unknown, at: string): string | undefined {
  if (Array.isArray(e) && Array.isArray(a)) {
    for (let i = 0; i < Math.max(e.length, a.length); i++) {
      if (i >= e.length) return `${at}[${i}]: not expected, got ${show(a[i])}`;
      if (i >= a.length) return `${at}[${i}]: expected ${show(e[i])}, missing`;
      const d = firstJsonDifference(e[i], a[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (e && a && typeof e === 'object' && typeof a === 'object' && !Array.isArray(e) && !Array.isArray(a)) {
    const eo = e as Record<string, unknown>;
    const ao = a as Record<string, unknown>;
    for (const k of [...new Set([...Object.keys(eo), ...Object.keys(ao)])].sort()) {
      const path = /^[A-Za-z_$][\w$]*$/.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`;
      if (!(k in ao)) return `${path}: expected ${show(eo[k])}, missing`;
      if (!(k in eo)) return `${path}: not expected, got ${show(ao[k])}`;
      const d = firstJsonDifference(eo[k], ao[k], path);
      if (d) return d;
    }
    return undefined;
  }
  const same = typeof e === 'string' && typeof a === 'string' ? squeeze(e) === squeeze(a) : JSON.stringify(e) === JSON.stringify(a);
  return same ? undefined : `${at}: expected ${show(e)}, got ${show(a)}`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
