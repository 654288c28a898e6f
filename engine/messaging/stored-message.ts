/**
 * The one serialised form of a stored message, shared by every message-store
 * backend (memory, JDBC, resequence, RabbitMQ, JMS). It keeps what MI keeps of
 * a message context when it stores one: the payload in its own format (an XML
 * envelope stays XML, JSON stays JSON, text and binary keep their content),
 * the message type, the transport headers, the synapse (default) and axis2
 * scope properties, the ids and the time it was stored. A processor later
 * rebuilds a context from it and sends exactly what was stored.
 *
 * The encoding is JSON text (UTF-8 bytes for binary columns); `v` is the
 * format version. decodeStoredMessage() refuses anything malformed with an
 * error naming the field at fault; it never returns a half-read message.
 */
import { MessageContext } from '../core/context.js';
import { HeaderMap } from '../core/headers.js';
import { Message, type SoapVersion } from '../core/message.js';
import type { RuntimeServices } from '../core/services.js';
import { base64Decode, base64Encode, fromUtf8, utf8 } from '../core/bytes.js';
import { parseXmlStrict, serializeXml } from '../xml/dom.js';
import { parseJsonText, serializeJson } from '../xml/json-xml.js';

export const STORED_MESSAGE_FORMAT_VERSION = 1;

/** A property value as stored: its type is kept so a string "1" stays a string and an XML node stays XML. */
export type StoredValue =
  | { t: 'string'; v: string }
  | { t: 'number'; v: number }
  | { t: 'boolean'; v: boolean }
  | { t: 'json'; v: unknown }
  | { t: 'xml'; v: string };

export type StoredPayload =
  | { kind: 'empty' }
  | { kind: 'json'; json: string }
  | { kind: 'xml'; envelope: string; soapVersion: SoapVersion; arrivedAsSoap: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; base64: string };

export interface StoredMessage {
  v: number;
  /** MI's message id (`urn:uuid:...`); the key backends ack and delete by. */
  messageId: string;
  /** Epoch milliseconds when the store mediator handed it over. */
  storedAt: number;
  /** The store it was first written to (a failover store keeps the original's name here). */
  storeName: string;
  /** Content-Type the body arrived with or was last set to. */
  contentType?: string;
  /** The axis2 `messageType` property, when set (also kept among axis2 properties). */
  messageType?: string;
  payload: StoredPayload;
  /** Transport headers in order, original spelling. */
  headers: [string, string][];
  /** Synapse (default) scope properties. */
  properties: Record<string, StoredValue>;
  /** Axis2 scope properties. */
  axis2: Record<string, StoredValue>;
  to?: string;
  soapAction?: string;
  /** Axis2's "doing REST" flag of the original exchange (decides how SOAP goes out as JSON). */
  doingRest: boolean;
  /** The original request's method and URL (shown by the store browser). */
  inbound: { method: string; url: string; transport: string };
}

export class StoredMessageFormatError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`stored message: ${field}: ${message}`);
    this.name = 'StoredMessageFormatError';
  }
}

/** Properties a stored copy must not carry (runtime-only objects with no meaning after a restart). */
const TRANSIENT_PROPERTIES = new Set(['TRANSPORT_HEADERS']);

/** Captures a context as MI's store mediator does: the payload fully built, then copied. */
export async function captureStoredMessage(ctx: MessageContext, storeName: string, now: number): Promise<StoredMessage> {
  await ctx.message.build();
  const messageType = ctx.axis2.get('messageType');
  return {
    v: STORED_MESSAGE_FORMAT_VERSION,
    messageId: ctx.messageId,
    storedAt: now,
    storeName,
    contentType: ctx.message.contentType,
    messageType: typeof messageType === 'string' ? messageType : undefined,
    payload: payloadOf(ctx.message),
    headers: ctx.transportHeaders.entries(),
    properties: storeScope(ctx.properties),
    axis2: storeScope(ctx.axis2),
    to: ctx.to,
    soapAction: ctx.soapAction,
    doingRest: ctx.doingRest,
    inbound: { method: ctx.inbound.method, url: ctx.inbound.url, transport: ctx.inbound.transport },
  };
}

function payloadOf(message: Message): StoredPayload {
  switch (message.payloadKind) {
    case 'json':
      return { kind: 'json', json: serializeJson(message.json()) };
    case 'xml':
      return { kind: 'xml', envelope: serializeXml(message.envelope().documentElement!), soapVersion: message.soapVersion, arrivedAsSoap: message.arrivedAsSoap };
    case 'text':
      return { kind: 'text', text: message.text() };
    case 'binary':
      return { kind: 'binary', base64: base64Encode(message.serialize('application/octet-stream').bytes) };
    default:
      return { kind: 'empty' };
  }
}

function storeScope(scope: Map<string, unknown>): Record<string, StoredValue> {
  const out: Record<string, StoredValue> = {};
  for (const [name, value] of scope) {
    if (TRANSIENT_PROPERTIES.has(name)) continue;
    const stored = storedValue(value);
    // An own property even for names like __proto__ (a plain assignment would set the prototype and lose it).
    if (stored) Object.defineProperty(out, name, { value: stored, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Undefined for values that cannot outlive the process (functions, runtime objects). */
function storedValue(value: unknown): StoredValue | undefined {
  if (typeof value === 'string') return { t: 'string', v: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { t: 'number', v: value } : { t: 'string', v: String(value) };
  if (typeof value === 'boolean') return { t: 'boolean', v: value };
  if (value === null) return { t: 'json', v: null };
  if (typeof value === 'object') {
    if (typeof (value as Node).nodeType === 'number') return { t: 'xml', v: serializeXml(value as Node) };
    try {
      return { t: 'json', v: JSON.parse(JSON.stringify(value)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function restoredValue(value: StoredValue): unknown {
  if (value.t === 'xml') return parseXmlStrict(value.v).documentElement;
  return value.v;
}

/** The message body a stored message describes, ready for mediation (built). */
export function restorePayload(stored: StoredMessage): Message {
  const p = stored.payload;
  let m: Message;
  switch (p.kind) {
    case 'json':
      m = Message.fromJson(parseJsonText(p.json));
      break;
    case 'xml': {
      m = Message.empty();
      m.setEnvelope(parseXmlStrict(p.envelope));
      m.arrivedAsSoap = p.arrivedAsSoap;
      m.soapVersion = p.soapVersion;
      break;
    }
    case 'text':
      m = Message.empty();
      m.setText(p.text);
      break;
    case 'binary':
      m = Message.empty();
      m.setBinary(base64Decode(p.base64));
      break;
    default:
      m = Message.empty();
  }
  m.contentType = stored.contentType;
  return m;
}

/** A fresh context holding a stored message, as a processor sees it when it takes the message from its store. */
export function restoreContext(stored: StoredMessage, services: RuntimeServices): MessageContext {
  const ctx = new MessageContext(services, restorePayload(stored), { ...stored.inbound }, new HeaderMap(stored.headers));
  ctx.messageId = stored.messageId;
  for (const [k, v] of Object.entries(stored.properties)) ctx.properties.set(k, restoredValue(v));
  for (const [k, v] of Object.entries(stored.axis2)) ctx.axis2.set(k, restoredValue(v));
  ctx.to = stored.to;
  ctx.soapAction = stored.soapAction;
  ctx.doingRest = stored.doingRest;
  return ctx;
}

export function encodeStoredMessage(message: StoredMessage): string {
  return JSON.stringify(message);
}

export function encodeStoredMessageBytes(message: StoredMessage): Uint8Array {
  return utf8(encodeStoredMessage(message));
}

/** Reads the encoded form back; throws StoredMessageFormatError naming the field at fault. */
export function decodeStoredMessage(encoded: string | Uint8Array): StoredMessage {
  const text = typeof encoded === 'string' ? encoded : fromUtf8(encoded);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StoredMessageFormatError('(document)', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return checkStoredMessage(raw);
}

function checkStoredMessage(raw: unknown): StoredMessage {
  if (!isRecord(raw)) throw new StoredMessageFormatError('(document)', 'expected an object');
  if (raw.v !== STORED_MESSAGE_FORMAT_VERSION) throw new StoredMessageFormatError('v', `unsupported format version ${JSON.stringify(raw.v)} (this runtime reads ${STORED_MESSAGE_FORMAT_VERSION})`);
  requireType(raw, 'messageId', 'string');
  requireType(raw, 'storedAt', 'number');
  requireType(raw, 'storeName', 'string');
  requireType(raw, 'doingRest', 'boolean');
  optionalType(raw, 'contentType', 'string');
  optionalType(raw, 'messageType', 'string');
  optionalType(raw, 'to', 'string');
  optionalType(raw, 'soapAction', 'string');
  checkPayload(raw.payload);
  if (!Array.isArray(raw.headers) || !raw.headers.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string')) {
    throw new StoredMessageFormatError('headers', 'expected a list of [name, value] string pairs');
  }
  checkScope(raw.properties, 'properties');
  checkScope(raw.axis2, 'axis2');
  const inbound = raw.inbound;
  if (!isRecord(inbound) || typeof inbound.method !== 'string' || typeof inbound.url !== 'string' || typeof inbound.transport !== 'string') {
    throw new StoredMessageFormatError('inbound', 'expected {method, url, transport} strings');
  }
  return raw as unknown as StoredMessage;
}

function checkPayload(p: unknown): void {
  if (!isRecord(p)) throw new StoredMessageFormatError('payload', 'expected an object');
  switch (p.kind) {
    case 'empty':
      return;
    case 'json':
      requireType(p, 'json', 'string', 'payload.json');
      return;
    case 'xml':
      requireType(p, 'envelope', 'string', 'payload.envelope');
      requireType(p, 'arrivedAsSoap', 'boolean', 'payload.arrivedAsSoap');
      if (p.soapVersion !== '1.1' && p.soapVersion !== '1.2') throw new StoredMessageFormatError('payload.soapVersion', "expected '1.1' or '1.2'");
      return;
    case 'text':
      requireType(p, 'text', 'string', 'payload.text');
      return;
    case 'binary':
      requireType(p, 'base64', 'string', 'payload.base64');
      return;
    default:
      throw new StoredMessageFormatError('payload.kind', `unknown payload kind ${JSON.stringify(p.kind)}`);
  }
}

const VALUE_TYPES = new Set(['string', 'number', 'boolean', 'json', 'xml']);

function checkScope(scope: unknown, field: string): void {
  if (!isRecord(scope)) throw new StoredMessageFormatError(field, 'expected an object');
  for (const [name, value] of Object.entries(scope)) {
    if (!isRecord(value) || typeof value.t !== 'string' || !VALUE_TYPES.has(value.t) || !('v' in value)) {
      throw new StoredMessageFormatError(`${field}.${name}`, 'expected {t, v} with t one of string, number, boolean, json, xml');
    }
    if ((value.t === 'string' || value.t === 'xml') && typeof value.v !== 'string') throw new StoredMessageFormatError(`${field}.${name}`, `a ${value.t} value must be a string`);
    if (value.t === 'number' && typeof value.v !== 'number') throw new StoredMessageFormatError(`${field}.${name}`, 'a number value must be a number');
    if (value.t === 'boolean' && typeof value.v !== 'boolean') throw new StoredMessageFormatError(`${field}.${name}`, 'a boolean value must be a boolean');
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireType(o: Record<string, unknown>, key: string, type: string, field = key): void {
  if (typeof o[key] !== type) throw new StoredMessageFormatError(field, `expected a ${type}, got ${o[key] === undefined ? 'nothing' : typeof o[key]}`);
}

function optionalType(o: Record<string, unknown>, key: string, type: string): void {
  if (o[key] !== undefined && typeof o[key] !== type) throw new StoredMessageFormatError(key, `expected a ${type} or nothing, got ${typeof o[key]}`);
}

/** A short text view of the payload for logs and the store browser. */
export function payloadPreview(stored: StoredMessage): string {
  const p = stored.payload;
  switch (p.kind) {
    case 'json':
      return p.json;
    case 'xml':
      return p.envelope;
    case 'text':
      return p.text;
    case 'binary':
      return `(binary, ${Math.floor((p.base64.length * 3) / 4)} bytes, base64) ${p.base64}`;
    default:
      return '';
  }
}
