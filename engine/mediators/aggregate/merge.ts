/**
 * Building the aggregated message from the collected ones, as MI does:
 * XPath — the first message's envelope with every other message's matches
 * appended after its own matches, optionally wrapped in the element held by
 * `enclosingElementProperty`; JSONPath / `${}` — a JSON array of each
 * message's result (wrapped as `{ "<name>": [...] }` when the enclosing
 * property holds a name or an element).
 */
import type { MessageContext } from '../../core/context.js';
import { Message, bodyOf } from '../../core/message.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import type { CompiledExpression } from '../../expr/types.js';
import { newDocument, elementChildren, parseXmlStrict } from '../../xml/dom.js';

function nodesOf(v: unknown): Node[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.filter((n): n is Node => typeof n === 'object' && n !== null && typeof (n as Node).nodeType === 'number');
}

function enclosingElement(value: unknown, name: string): Element {
  if (typeof value === 'object' && value !== null && (value as Node).nodeType === 1) return value as Element;
  if (typeof value === 'string' && value.trim().startsWith('<')) {
    try {
      return parseXmlStrict(value).documentElement!;
    } catch {
      /* fall through to the fault below */
    }
  }
  if (value === undefined) throw new MediationFault(ErrorCodes.GENERIC, `Enclosing Element property: ${name} not found `);
  throw new MediationFault(ErrorCodes.GENERIC, `Enclosing Element defined in the property: ${name} is not an OMElement `);
}

export function mergeMessages(messages: readonly MessageContext[], expression: CompiledExpression | undefined, enclosingProperty: string | undefined): Message {
  const first = messages[0]!;
  if (expression && expression.language !== 'xpath') {
    const results = messages.map((m) => expression.evaluate(m));
    let json: unknown = results;
    if (enclosingProperty !== undefined) {
      const v = first.properties.get(enclosingProperty);
      const key = typeof v === 'string' ? v : v && typeof v === 'object' && (v as Node).nodeType === 1 ? (v as Element).localName : undefined;
      if (key === undefined) throw new MediationFault(ErrorCodes.GENERIC, `Enclosing Element property: ${enclosingProperty} not found `);
      json = { [key]: results };
    }
    const m = Message.fromJson(json);
    m.contentType = first.message.contentType?.includes('json') ? first.message.contentType : 'application/json';
    return m;
  }
  const doc = newDocument();
  doc.appendChild(doc.importNode(first.message.envelope().documentElement!, true));
  const merged = Message.empty();
  merged.soapVersion = first.message.soapVersion;
  merged.setEnvelope(doc);
  merged.contentType = first.message.payloadKind === 'json' ? 'application/xml' : first.message.contentType;
  const probe = first.fork(merged);
  const own = expression ? nodesOf(expression.evaluate(probe)) : elementChildren(bodyOf(doc)).slice(0, 1);
  const envelope = probe.message.envelopeForUpdate();
  const anchor = own[own.length - 1];
  const parent = anchor?.parentNode ?? bodyOf(envelope);
  let after: Node | null = anchor ? anchor.nextSibling : null;
  for (const m of messages.slice(1)) {
    const matches = expression ? nodesOf(expression.evaluate(m)) : elementChildren(bodyOf(m.message.envelope())).slice(0, 1);
    for (const n of matches) {
      const imported = envelope.importNode(n, true);
      parent.insertBefore(imported, after);
      after = imported.nextSibling;
    }
  }
  if (enclosingProperty !== undefined) {
    const wrapper = envelope.importNode(enclosingElement(first.properties.get(enclosingProperty), enclosingProperty), true) as Element;
    // `<rs xmlns=""/>` written inside the Synapse config steps out of its namespace; the declaration is not content.
    if (wrapper.getAttribute('xmlns') === '') wrapper.removeAttribute('xmlns');
    const body = bodyOf(envelope);
    for (const c of Array.from({ length: body.childNodes.length }, (_, i) => body.childNodes.item(i)!)) wrapper.appendChild(c);
    body.appendChild(wrapper);
  }
  return probe.message;
}
