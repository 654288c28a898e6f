/**
 * The first test of every element (DESIGN §3): parse with its descriptor,
 * serialize from the parsed form, and compare canonical forms; parsing the
 * output again must give the same canonical form. Fails on any diagnostic.
 */
import { parseXml, SYNAPSE_NS } from '../xml/dom.js';
import { ParseContext, parseMediator } from '../model/parse.js';
import { serializeMediator } from '../model/serialize.js';
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
