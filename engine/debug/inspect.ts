/**
 * Reading and changing a paused message the way MI's debugger does
 * (debug-protocol.md A.3, A.6): property dumps per scope, single properties,
 * variables, and `Envelope`, which replaces the payload.
 */
import type { MessageContext } from '../core/context.js';
import { serializeStandalone, serializeXml, parseXmlStrict, SOAP11_NS, SOAP12_NS } from '../xml/dom.js';
import { parseJsonText, serializeJson } from '../xml/json-xml.js';
import { headerOf } from '../core/message.js';

export type PropertyContext = 'all' | 'axis2' | 'synapse' | 'default' | 'axis2-client' | 'transport' | 'operation';

/** A value as JSON can carry it: strings stay, XML nodes are serialized, other objects are kept when JSON-safe. */
export function jsonValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object' && (v as Node).nodeType !== undefined) return serializeStandalone(v as Node);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonValue(x)]));
  try {
    return JSON.parse(JSON.stringify(v)) as unknown;
  } catch {
    return String(v);
  }
}

function mapDump(m: Map<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of m) out[k] = jsonValue(v);
  return out;
}

function messageType(ctx: MessageContext): string {
  return String(ctx.axis2.get('messageType') ?? ctx.message.contentType ?? '');
}

/** The payload as MI's `Envelope` shows it: JSON text for JSON messages, else the SOAP envelope. */
export async function envelopeText(ctx: MessageContext): Promise<string> {
  if (!ctx.message.isBuilt) await ctx.message.build();
  const m = ctx.message;
  if (messageType(ctx).includes('json') && m.payloadKind === 'json') return serializeJson(m.json());
  if (m.payloadKind === 'empty' && messageType(ctx).includes('json')) return '';
  return serializeXml(m.envelope().documentElement!);
}

async function axis2Dump(ctx: MessageContext): Promise<Record<string, unknown>> {
  const envelope = await envelopeText(ctx);
  const soapHeader: Record<string, string> = {};
  const header = headerOf(ctx.message.envelope(), false);
  for (let n = header?.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) soapHeader[(n as Element).localName!] = n.textContent ?? '';
  const out: Record<string, unknown> = {
    To: ctx.to ?? '',
    From: '',
    WSAction: ctx.soapAction ?? '',
    SOAPAction: ctx.soapAction ?? '',
    ReplyTo: '',
    MessageID: ctx.messageId,
    Direction: ctx.isResponse ? 'response' : 'request',
    Envelope: envelope,
    SoapHeader: soapHeader,
    TransportHeaders: ctx.transportHeaders.toRecord(),
    ExcessTransportHeaders: null,
    MessageType: jsonValue(ctx.axis2.get('messageType') ?? ctx.message.contentType ?? null),
    ContentType: jsonValue(ctx.axis2.get('ContentType') ?? ctx.message.contentType ?? null),
  };
  // MI lists only axis2 properties the debugger itself set; every axis2 property is more useful and keeps the shape.
  for (const [k, v] of ctx.axis2) if (!(k in out)) out[k] = jsonValue(v);
  return out;
}

/** `get properties`: the dump for one context, in MI's response shape. */
export async function propertiesOf(ctx: MessageContext, context: string): Promise<unknown> {
  switch (context) {
    case 'all':
      return [{ 'axis2-properties': await axis2Dump(ctx) }, { 'synapse-properties': mapDump(ctx.properties) }];
    case 'axis2':
      return { 'axis2-properties': await axis2Dump(ctx) };
    case 'synapse':
    case 'default':
      return { 'synapse-properties': mapDump(ctx.properties) };
    case 'axis2-client':
      return { 'axis2Client-properties': mapDump(ctx.axis2Client) };
    case 'transport':
      return { 'axis2Transport-properties': ctx.transportHeaders.toRecord() };
    case 'operation':
      return { 'axis2Operation-properties': mapDump(ctx.operation) };
    default:
      return undefined;
  }
}

/** `get property`: `{name: value-or-null}` (MI answers synapse-scope values only when they are JSON objects; we always answer). */
export async function propertyOf(ctx: MessageContext, context: string, name: string): Promise<Record<string, unknown> | undefined> {
  if (context === 'axis2') {
    const dump = await axis2Dump(ctx);
    return { [name]: name in dump ? dump[name] : null };
  }
  if (context === 'synapse' || context === 'default') return { [name]: jsonValue(ctx.properties.get(name)) };
  if (context === 'axis2-client') return { [name]: jsonValue(ctx.axis2Client.get(name)) };
  if (context === 'transport') return { [name]: jsonValue(ctx.transportHeaders.get(name)) };
  if (context === 'operation') return { [name]: jsonValue(ctx.operation.get(name)) };
  return undefined;
}

/** `set property`; returns false when the context is not one MI knows or the Envelope does not parse. */
export async function setPropertyOf(ctx: MessageContext, context: string, name: string, value: string): Promise<boolean> {
  switch (context) {
    case 'default':
    case 'synapse':
      ctx.properties.set(name, value);
      return true;
    case 'axis2':
      setAxis2(ctx, name, value);
      return true;
    case 'axis2-client':
      ctx.axis2Client.set(name, value);
      return true;
    case 'transport':
      ctx.transportHeaders.set(name, value);
      return true;
    case 'operation':
      ctx.operation.set(name, value);
      return true;
    case 'Envelope':
    case 'envelope':
      return replacePayload(ctx, value);
    default:
      return false;
  }
}

/** `clear property`. */
export function clearPropertyOf(ctx: MessageContext, context: string, name: string): boolean {
  switch (context) {
    case 'default':
    case 'synapse':
      ctx.properties.delete(name);
      return true;
    case 'axis2':
    case 'axis2-client':
    case 'transport':
    case 'operation':
      ctx.removeProperty(context, name);
      return true;
    default:
      return false;
  }
}

function setAxis2(ctx: MessageContext, name: string, value: string): void {
  switch (name) {
    case 'To':
      ctx.to = value;
      return;
    case 'WSAction':
    case 'SOAPAction':
      ctx.soapAction = value;
      return;
    case 'Direction':
      ctx.isResponse = value === 'response';
      return;
    case 'From':
    case 'ReplyTo':
    case 'MessageID':
      return; // addressing fields we do not model; MI sets them on the Axis2 context
    case 'MessageType':
    case 'messageType':
      // As MI: the message type also becomes ContentType and the Content-Type header.
      ctx.axis2.set('messageType', value);
      ctx.axis2.set('ContentType', value);
      ctx.transportHeaders.set('Content-Type', value);
      return;
    default:
      ctx.axis2.set(name, value);
  }
}

/** Replaces the payload by the current content type, as MI: JSON, plain text, or XML (a whole SOAP envelope or a body element). */
export async function replacePayload(ctx: MessageContext, text: string): Promise<boolean> {
  if (!ctx.message.isBuilt) await ctx.message.build();
  const type = messageType(ctx);
  try {
    if (type.includes('json')) {
      ctx.message.setJson(parseJsonText(text));
      return true;
    }
    if (type.startsWith('text/plain')) {
      ctx.message.setText(text);
      return true;
    }
    if (text.trim() === '') {
      ctx.message.setXmlBody(null);
      return true;
    }
    const doc = parseXmlStrict(text);
    const root = doc.documentElement!;
    if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) ctx.message.setEnvelope(doc);
    else ctx.message.setXmlBody(root);
    return true;
  } catch {
    return false;
  }
}

export function variablesOf(ctx: MessageContext): Record<string, unknown> {
  return mapDump(ctx.variables);
}
