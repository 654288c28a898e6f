/**
 * The first test of every element (DESIGN §3): parse with its descriptor,
 * serialize from the parsed form, and compare canonical forms; parsing the
 * output again must give the same canonical form. Fails on any diagnostic.
 */
import { parseXml, SYNAPSE_NS } from '../xml/dom.js';
import { ParseContext, parseMediator, parseElement } from '../model/parse.js';
import { serializeMediator, serializeNode } from '../model/serialize.js';
import { findArtifactDefinition } from '../artifacts/index.js';
import { canonicalXml } from '../model/canonical.js';
import { mediatorLookup } from '../runtime/compiler.js';

function parseOne(xml: string) {
  const wrapped = `<sequence xmlns="${SYNAPSE_NS}" name="rt">${xml}</sequence>`;
  const doc = parseXml(wrapped).doc;
  if (!doc) throw new Error(`not well-formed: ${xml}`);
  const el = [...Array.from({ length: doc.documentElement!.childNodes.length }, (_, i) => doc.documentElement!.childNodes.item(i))].find((n) => n!.nodeType === 1) as Element;
  const pc = new ParseContext('round-trip.xml', mediatorLookup);
  const node = parseMediator(el, pc);
  if (pc.diagnostics.length) throw new Error(`diagnostics for ${xml}: ${pc.diagnostics.map((d) => d.message).join('; ')}`);
  return { node, el };
}

/** Returns the canonical form of the serialized element; throws when the meaning changed. */
export function roundTrip(mediatorXml: string): string {
  const first = parseOne(mediatorXml);
  const written = serializeMediator(first.node, mediatorLookup, '');
  const second = parseOne(written);
  const before = canonicalXml(first.el);
  const after = canonicalXml(second.el);
  if (before !== after) throw new Error(`round trip changed the meaning:\n  in:  ${before}\n  out: ${after}\n  written: ${written}`);
  return after;
}

/**
 * Round trip of a whole artifact file through its descriptor. Unknown
 * mediators are kept as written (they round-trip untouched); other
 * diagnostics are returned for the caller to judge.
 */
export function roundTripArtifact(xml: string): { before: string; after: string; written: string; diagnostics: string[] } {
  const doc = parseXml(xml).doc;
  if (!doc) throw new Error('not well-formed');
  const root = doc.documentElement!;
  const def = findArtifactDefinition(root);
  if (!def) throw new Error(`not an artifact: <${root.nodeName}>`);
  const pc = new ParseContext('artifact.xml', mediatorLookup);
  const node = parseElement(root, def.descriptor, pc);
  const written = serializeNode(node, def.descriptor, mediatorLookup);
  const again = parseXml(written).doc;
  if (!again) throw new Error(`serializer wrote malformed XML:\n${written}`);
  return { before: canonicalXml(root), after: canonicalXml(again.documentElement!), written, diagnostics: pc.diagnostics.map((d) => `${d.code} ${d.message}`) };
}
