/**
 * call source/target (MI 4.4). The source picks the request payload (the
 * body, a property, an expression result or inline content) and an optional
 * contentType it is sent as; the target says where the response goes: the
 * body (as a plain call), or a property / variable, in which case the
 * message, its transport headers and content-type properties are restored
 * after the call so mediation continues with the original payload. HTTP_SC
 * and HTTP_SC_DESC keep the backend's status so the flow can inspect it.
 */
import type { CompileEnv } from '../../model/definition.js';
import type { MessageContext } from '../../core/context.js';
import type { CompiledExpression } from '../../expr/types.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { Message } from '../../core/message.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { baseMediaType } from '../../core/content-type.js';
import { parseXmlStrict, newDocument, SYNAPSE_NS, XMLNS_NS } from '../../xml/dom.js';

export type CallSource =
  | { type: 'body'; contentType?: string }
  | { type: 'property'; name: string; contentType?: string }
  | { type: 'custom'; expression: CompiledExpression; contentType?: string }
  | { type: 'inline'; element?: Element; text: string; contentType?: string };

export type CallTarget = { type: 'body' } | { type: 'property' | 'variable'; name: string };

export function compileSource(call: ConfigNode, env: CompileEnv): CallSource | undefined {
  const n = childNamed(call, 'source');
  if (!n) return undefined;
  const type = n.attrs.type ?? 'custom';
  const contentType = n.attrs.contentType?.trim() || undefined;
  const text = (n.raw ?? []).filter((c) => c.nodeType === 3 || c.nodeType === 4).map((c) => c.nodeValue ?? '').join('').trim();
  switch (type) {
    case 'body':
      return { type: 'body', contentType };
    case 'property':
      if (!text) env.report('SYN003', '<source type="property"> needs the property name as its text', n.loc);
      return { type: 'property', name: text, contentType };
    case 'inline': {
      const element = (n.raw ?? []).find((c): c is Element => c.nodeType === 1);
      if (!element && !text) env.report('SYN003', '<source type="inline"> needs inline XML or text content', n.loc);
      return { type: 'inline', element, text, contentType };
    }
    default: {
      if (!text) {
        env.report('SYN003', '<source type="custom"> needs an expression as its text', n.loc);
        return undefined;
      }
      const expression = env.expressionAt(text, n.loc, n.namespaces);
      return expression ? { type: 'custom', expression, contentType } : undefined;
    }
  }
}

export function compileTarget(call: ConfigNode, env: CompileEnv): CallTarget {
  const n = childNamed(call, 'target');
  if (!n) return { type: 'body' };
  const type = n.attrs.type ?? 'body';
  if (type === 'body') return { type: 'body' };
  const name = (n.text ?? '').trim();
  if (!name) env.report('SYN003', `<target type="${type}"> needs the ${type} name as its text`, n.loc);
  return { type: type as 'property' | 'variable', name };
}

export function sourceReadsPayload(s: CallSource | undefined): boolean {
  return !!s && (s.type === 'body' ? s.contentType !== undefined : s.type === 'custom' && s.expression.readsPayload);
}

/** Everything a non-body target call restores afterwards. */
interface Saved {
  message: Message;
  headers: MessageContext['transportHeaders'];
  axis2: Map<string, unknown>;
  isResponse: boolean;
}

const CONTENT_PROPS = ['messageType', 'ContentType', 'NO_ENTITY_BODY', 'REST_URL_POSTFIX', 'HTTP_METHOD'];

/** Sets up the outgoing payload; returns what to restore (undefined when nothing must be). */
export async function prepareRequest(ctx: MessageContext, source: CallSource | undefined, target: CallTarget): Promise<Saved | undefined> {
  const keep = target.type !== 'body';
  let saved: Saved | undefined;
  if (keep || (source && source.type !== 'body')) {
    if (!ctx.message.isBuilt) await ctx.message.build();
    saved = { message: ctx.message, headers: ctx.transportHeaders.clone(), axis2: new Map(CONTENT_PROPS.filter((k) => ctx.axis2.has(k)).map((k) => [k, ctx.axis2.get(k)])), isResponse: ctx.isResponse };
    ctx.message = source && source.type !== 'body' ? buildSourceMessage(ctx, source) : ctx.message.clone();
  }
  if (source?.contentType) {
    ctx.axis2.set('messageType', baseMediaType(source.contentType));
    ctx.axis2.set('ContentType', source.contentType);
  }
  return keep ? saved : undefined;
}

/** Puts the response where the target says and brings back the original message. */
export async function finishResponse(ctx: MessageContext, target: CallTarget, saved: Saved | undefined): Promise<void> {
  if (target.type === 'body' || !saved) return;
  if (!ctx.message.isBuilt) await ctx.message.build();
  const value = responseValue(ctx.message);
  if (target.type === 'property') ctx.properties.set(target.name, value);
  else ctx.variables.set(target.name, value);
  ctx.message = saved.message;
  ctx.transportHeaders = saved.headers;
  for (const k of CONTENT_PROPS) {
    if (saved.axis2.has(k)) ctx.axis2.set(k, saved.axis2.get(k));
    else ctx.axis2.delete(k);
  }
  ctx.isResponse = saved.isResponse;
}

function buildSourceMessage(ctx: MessageContext, source: Exclude<CallSource, { type: 'body' }>): Message {
  const ct = source.contentType;
  switch (source.type) {
    case 'property':
      return messageFromValue(ctx.getProperty('default', source.name), ct, `property ${source.name}`);
    case 'custom':
      return messageFromValue(source.expression.evaluate(ctx), ct, `expression ${source.expression.source}`);
    case 'inline':
      return source.element ? xmlMessage(withoutSynapseNamespace(source.element), ct) : messageFromValue(source.text, ct, 'inline source');
  }
}

function messageFromValue(v: unknown, contentType: string | undefined, what: string): Message {
  if (v === undefined || v === null) throw new MediationFault(ErrorCodes.GENERIC, `call source: ${what} has no value`);
  const nodes = Array.isArray(v) ? v : [v];
  const element = nodes.find((n): n is Element => !!n && typeof n === 'object' && (n as Node).nodeType === 1);
  if (element) return xmlMessage(element, contentType);
  if (Array.isArray(v) && v.length > 0 && nodes.every((n) => n && typeof n === 'object' && typeof (n as Node).nodeType === 'number')) {
    return textMessage(nodes.map((n) => (n as Node).textContent ?? '').join(''), contentType, what);
  }
  if (typeof v === 'object') return jsonMessage(v, contentType);
  return textMessage(String(v), contentType, what);
}

function textMessage(text: string, contentType: string | undefined, what: string): Message {
  const base = baseMediaType(contentType);
  const trimmed = text.trim();
  if (base.includes('json') || (!contentType && /^[[{]/.test(trimmed))) {
    try {
      return jsonMessage(JSON.parse(trimmed), contentType);
    } catch {
      if (base.includes('json')) throw new MediationFault(ErrorCodes.GENERIC, `call source: ${what} is not valid JSON`);
    }
  }
  if (base.includes('xml') || (!contentType && trimmed.startsWith('<'))) {
    try {
      return xmlMessage(parseXmlStrict(trimmed).documentElement!, contentType);
    } catch {
      if (base.includes('xml')) throw new MediationFault(ErrorCodes.GENERIC, `call source: ${what} is not well-formed XML`);
    }
  }
  const m = Message.empty();
  m.setText(text);
  m.contentType = contentType ?? 'text/plain';
  return m;
}

function jsonMessage(value: unknown, contentType: string | undefined): Message {
  const m = Message.fromJson(value);
  m.contentType = contentType ?? 'application/json';
  return m;
}

function xmlMessage(element: Element, contentType: string | undefined): Message {
  const m = Message.empty();
  m.setXmlBody(element);
  m.contentType = contentType ?? 'application/xml';
  return m;
}

/** The response as a property/variable value: XML as an element, JSON as its value, else text. */
function responseValue(m: Message): unknown {
  switch (m.payloadKind) {
    case 'json':
      return m.json();
    case 'xml': {
      const first = m.bodyElement();
      return first ? (first.cloneNode(true) as Element) : '';
    }
    case 'empty':
      return '';
    default:
      return m.text();
  }
}


/**
 * Inline XML written in a Synapse file inherits the Synapse default namespace;
 * the payload is meant without it (as payloadFactory treats its format).
 */
function withoutSynapseNamespace(element: Element): Element {
  const doc = newDocument();
  const copy = (src: Element): Element => {
    const ns = src.namespaceURI === SYNAPSE_NS ? null : src.namespaceURI;
    const out = doc.createElementNS(ns, ns ? src.nodeName : (src.localName ?? src.nodeName));
    for (let i = 0; i < src.attributes.length; i++) {
      const at = src.attributes.item(i)!;
      if (at.namespaceURI === XMLNS_NS && at.value === SYNAPSE_NS) continue;
      out.setAttributeNS(at.namespaceURI, at.name, at.value);
    }
    for (let n = src.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1) out.appendChild(copy(n as Element));
      else out.appendChild(doc.importNode(n, true));
    }
    return out;
  };
  const root = copy(element);
  doc.appendChild(root);
  return root;
}
