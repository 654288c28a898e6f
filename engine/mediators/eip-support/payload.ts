/** Small payload helpers shared by foreach and scatter-gather. */
import { Message, bodyOf, createEnvelope } from '../../core/message.js';
import { xmlElementToJson } from '../../xml/json-xml.js';

export function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as Node).nodeType === 'number';
}

export function nodesOf(v: unknown): Node[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.filter(isNode);
}

/** A message whose body is a copy of `node`. */
export function messageOfNode(node: Node, template: Message): Message {
  const doc = createEnvelope(template.soapVersion);
  bodyOf(doc).appendChild(doc.importNode(node, true));
  const m = Message.empty();
  m.soapVersion = template.soapVersion;
  m.setEnvelope(doc);
  m.contentType = template.payloadKind === 'json' || !template.contentType ? 'application/xml' : template.contentType;
  return m;
}

/** A message carrying one item of a collection: JSON stays JSON, nodes become the body. */
export function messageOfItem(item: unknown, template: Message): Message {
  if (isNode(item)) return messageOfNode(item, template);
  const m = Message.fromJson(structuredClone(item));
  m.contentType = 'application/json';
  return m;
}

/** A value as JSON (elements converted with MI's XML-to-JSON rules). */
export function asJson(v: unknown): unknown {
  if (isNode(v)) return v.nodeType === 1 ? xmlElementToJson(v as never) : v.textContent;
  if (Array.isArray(v) && v.length > 0 && v.every(isNode)) return v.length === 1 ? asJson(v[0]) : v.map(asJson);
  return v;
}
