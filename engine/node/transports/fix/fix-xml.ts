/**
 * FIX messages in the XML form MI's FIX transport puts in the SOAP body and reads back:
 *
 *   <message inSession="FIX.4.0:SYNAPSE->EXEC" counter="11">
 *     <header><field id="8">FIX.4.0</field>…</header>
 *     <body><field id="11">…</field>…</body>
 *     <trailer><field id="10">160</field></trailer>
 *   </message>
 *
 * Header and trailer hold the standard header/trailer tags, the body the rest, each section in
 * ascending tag order as MI prints them (QuickFIX keeps fields sorted; repeating groups are
 * written flat here, as no data dictionary is loaded). Reading accepts `<message>` anywhere in
 * the payload (SOAP envelope or not); tags 8, 9, 10, 34, 49, 52 and 56 are the sending session's
 * to set, so they are left out of what `fromFixXml` returns.
 */
import { parseXmlStrict, elementChildren, textOf, attr } from '../../../xml/dom.js';
import type { FixField, FixMessage } from './codec.js';
import { HEADER_TAGS, TRAILER_TAGS } from './session.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toFixXml(m: FixMessage, origin?: { inSession: string; counter: number }): string {
  const section = (tags: FixField[]) => (tags.length ? tags.map(([t, v]) => `<field id="${t}">${escape(v)}</field>`).join('') : '');
  const sorted = [...m.fields].sort((a, b) => a[0] - b[0]);
  const header = sorted.filter(([t]) => HEADER_TAGS.has(t));
  const trailer = sorted.filter(([t]) => TRAILER_TAGS.has(t));
  const body = sorted.filter(([t]) => !HEADER_TAGS.has(t) && !TRAILER_TAGS.has(t));
  const attrs = origin ? ` inSession="${escape(origin.inSession)}" counter="${origin.counter}"` : '';
  return `<message${attrs}><header>${section(header)}</header><body>${section(body)}</body><trailer>${section(trailer)}</trailer></message>`;
}

/** Tags the sending session writes itself. */
const SESSION_OWNED = new Set([8, 9, 10, 34, 49, 52, 56]);

export class FixXmlError extends Error {}

/** The application fields of the first `<message>` in `xml` (MsgType first); throws FixXmlError naming the field at fault. */
export function fromFixXml(xml: string): { fields: FixField[]; beginString?: string } {
  let doc: Document;
  try {
    doc = parseXmlStrict(xml);
  } catch (e) {
    throw new FixXmlError(`the payload is not XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const message = findMessage(doc.documentElement);
  if (!message) throw new FixXmlError('the payload has no <message> element (MI\'s FIX XML form)');
  const fields: FixField[] = [];
  let beginString: string | undefined;
  for (const section of elementChildren(message)) {
    for (const f of elementChildren(section)) {
      if (f.localName !== 'field') continue;
      const id = attr(f, 'id') ?? '';
      if (!/^\d{1,9}$/.test(id)) throw new FixXmlError(`<${section.localName}> has a <field> whose id "${id}" is not a tag number`);
      const value = textOf(f);
      if (value.includes('\x01')) throw new FixXmlError(`field ${id} contains SOH`);
      const tag = Number(id);
      if (tag === 8) beginString = value;
      if (SESSION_OWNED.has(tag)) continue;
      fields.push([tag, value]);
    }
  }
  const msgType = fields.findIndex(([t]) => t === 35);
  if (msgType < 0) throw new FixXmlError('the <message> has no MsgType field (id="35") in its header');
  const [mt] = fields.splice(msgType, 1);
  return { fields: [mt!, ...fields], beginString };
}

function findMessage(el: Element | null): Element | undefined {
  if (!el) return undefined;
  if (el.localName === 'message' && elementChildren(el).some((c) => c.localName === 'header' || c.localName === 'body')) return el;
  for (const c of elementChildren(el)) {
    const found = findMessage(c);
    if (found) return found;
  }
  return undefined;
}
