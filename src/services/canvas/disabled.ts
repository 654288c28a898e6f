/**
 * Disabling a mediator comments it out. XML forbids `--` inside a comment and
 * a comment ending in `-`, so an element that contains either is written with
 * a marker and a reversible escape; everything else is wrapped as it is, so
 * `<!--<log level="full"/>-->` (also what people write by hand) stays readable.
 */
import { scanXml, type ScannedElement } from './xml-scan.js';

const ESCAPED = '@mediate-escaped ';

export function commentOut(elementText: string): string {
  if (!elementText.includes('--') && !elementText.endsWith('-')) return `<!--${elementText}-->`;
  // Escape `&` first so that `&#45;` in the result can only come from our own escaping.
  let out = '';
  for (const c of elementText.replace(/&/g, '&amp;')) out += c === '-' && out.endsWith('-') ? '&#45;' : c;
  if (out.endsWith('-')) out = out.slice(0, -1) + '&#45;';
  return `<!--${ESCAPED}${out}-->`;
}

/** The element text a comment holds (inverse of commentOut), given the comment's inner text. */
export function uncomment(inner: string): string {
  if (inner.startsWith(ESCAPED)) return inner.slice(ESCAPED.length).replace(/&#45;/g, '-').replace(/&amp;/g, '&');
  return inner.trim();
}

/** The one element a comment's content is, when it is exactly one well-formed element; else undefined. */
export function commentedElement(inner: string): { text: string; element: ScannedElement } | undefined {
  const text = uncomment(inner);
  if (!text.startsWith('<') || text.startsWith('<!') || text.startsWith('<?')) return undefined;
  const doc = scanXml(text);
  if (!doc?.root) return undefined;
  const elements = doc.nodes.filter((n) => n.type === 'element');
  const stray = doc.nodes.some((n) => n.type !== 'element' && n.type !== 'text');
  if (elements.length !== 1 || stray || doc.root.start !== 0 || doc.root.end !== text.length) return undefined;
  return { text, element: doc.root };
}
