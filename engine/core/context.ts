/**
 * The state of one message while it is mediated: the message, properties in
 * MI's scopes, variables, transport headers and the fault-handler stack.
 * It is also the ExprContext every expression reads from.
 */
import type { ExprContext, PropertyScope } from '../expr/context.js';
import { HeaderMap } from './headers.js';
import { Message } from './message.js';
import type { RuntimeServices } from './services.js';
import { serializeStandalone } from '../xml/dom.js';
import type { CompiledSequence } from '../model/definition.js';

/** MI's message id: `urn:uuid:` and a random (version 4) UUID, from the platform's generator (cheap: it batches its entropy). */
function newMessageId(): string {
  return `urn:uuid:${globalThis.crypto.randomUUID()}`;
}

/** The inbound request as the transport received it. */
export interface InboundInfo {
  method: string;
  /** Path and query as received, e.g. `/orders/12?x=1`. */
  url: string;
  remoteAddress?: string;
  transport: string; // 'http' | 'https' | 'internal' ...
}

export interface FlowOwner {
  /** `api:Name`, `proxy:Name`, `sequence:Name` ... for logs. */
  artifact: string;
  outSequence?: CompiledSequence;
  faultSequence?: CompiledSequence;
}

export interface TemplateFrame {
  params: Map<string, unknown>;
}

export class MessageContext implements ExprContext {
  message: Message;
  readonly services: RuntimeServices;
  readonly properties = new Map<string, unknown>();
  readonly axis2 = new Map<string, unknown>();
  transportHeaders: HeaderMap;
  // The id and the scopes most flows never touch are made on first use (a pass-through request makes none).
  private id: string | undefined;
  private axis2ClientScope: Map<string, unknown> | undefined;
  private operationScope: Map<string, unknown> | undefined;
  private variableScope: Map<string, unknown> | undefined;
  private frames: TemplateFrame[] | undefined;

  get messageId(): string {
    return (this.id ??= newMessageId());
  }
  /** A message taken back from a store keeps the id it was stored with, as in MI. */
  set messageId(id: string) {
    this.id = id;
  }
  get axis2Client(): Map<string, unknown> {
    return (this.axis2ClientScope ??= new Map());
  }
  /** Shared by a request and its responses (MI's operation context). */
  get operation(): Map<string, unknown> {
    return (this.operationScope ??= new Map());
  }
  set operation(scope: Map<string, unknown>) {
    this.operationScope = scope;
  }
  get variables(): Map<string, unknown> {
    return (this.variableScope ??= new Map());
  }
  get templateFrames(): TemplateFrame[] {
    return (this.frames ??= []);
  }
  inbound: InboundInfo;
  /** True once the message is a response (after a call/send returned, or loopback). */
  isResponse = false;
  /** True when this message was created for a fault. */
  isFault = false;
  to: string | undefined;
  soapAction: string | undefined;
  /** The artifact flow this message belongs to: where `send`/`loopback` continue and which fault sequence applies. */
  flow: FlowOwner | undefined;
  /** Sends the current message to the client; set by the transport. Undefined when there is no client (tasks, processors). */
  responder: ((ctx: MessageContext) => Promise<void>) | undefined;
  /** Axis2's "doing REST": false when the exchange began as a SOAP request (text/xml or application/soap+xml). */
  doingRest = true;
  /**
   * Work still running for this request after its flow returned (copies of a clone with
   * continueParent, aggregations waiting for copies). Shared by a message and its forks.
   */
  private pendingWork: Set<Promise<unknown>> | undefined;

  trackPending(work: Promise<unknown>): void {
    const set = (this.pendingWork ??= new Set());
    set.add(work);
    void work.then(
      () => set.delete(work),
      () => set.delete(work),
    );
  }

  /** Resolves once no tracked work of this request is running. */
  async drainPending(): Promise<void> {
    const set = this.pendingWork;
    if (!set) return;
    while (set.size > 0) await Promise.allSettled([...set]);
  }

  /** Shared by a message and its forks: a client gets one response. */
  private replyState = { responded: false };
  get responded(): boolean {
    return this.replyState.responded;
  }

  constructor(services: RuntimeServices, message: Message, inbound: InboundInfo, headers?: HeaderMap) {
    this.services = services;
    this.message = message;
    this.inbound = inbound;
    this.transportHeaders = headers ?? new HeaderMap();
  }

  /** Sends the current message back to the client (respond, send in an out-flow, loopback ends). */
  async sendResponse(): Promise<void> {
    if (this.replyState.responded) return;
    this.replyState.responded = true;
    if (this.responder) await this.responder(this);
  }

  // ---- property access used by mediators ----

  setProperty(scope: string, name: string, value: unknown): void {
    switch (scope) {
      case 'axis2':
        if (name === 'TRANSPORT_HEADERS' && value && typeof value === 'object') {
          this.transportHeaders = value instanceof HeaderMap ? value : new HeaderMap(value as Record<string, string>);
          return;
        }
        this.axis2.set(name, value);
        return;
      case 'axis2-client':
        this.axis2Client.set(name, value);
        return;
      case 'transport':
        this.transportHeaders.set(name, value === undefined || value === null ? '' : stringOf(value));
        return;
      case 'operation':
        this.operation.set(name, value);
        return;
      default:
        this.properties.set(name, value);
    }
  }

  removeProperty(scope: string, name: string): void {
    switch (scope) {
      case 'axis2':
        if (name === 'TRANSPORT_HEADERS') this.transportHeaders.clear();
        else this.axis2.delete(name);
        return;
      case 'axis2-client':
        this.axis2Client.delete(name);
        return;
      case 'transport':
        this.transportHeaders.delete(name);
        return;
      case 'operation':
        this.operation.delete(name);
        return;
      default:
        this.properties.delete(name);
    }
  }

  // ---- ExprContext ----

  envelope(): Document {
    return this.message.envelope();
  }
  payloadJson(): unknown {
    return this.message.json();
  }

  getProperty(scope: PropertyScope, name: string): unknown {
    switch (scope) {
      case 'axis2':
        if (name === 'TRANSPORT_HEADERS') return this.transportHeaders.toRecord();
        return this.axis2.get(name);
      case 'axis2-client':
        return this.axis2Client.get(name);
      case 'transport':
        return this.transportHeaders.get(name);
      case 'operation':
        return this.operation.get(name);
      case 'registry': {
        const at = name.indexOf('@');
        return at >= 0 ? this.services.registryProperty(name.slice(0, at), name.slice(at + 1)) : this.services.registryResource(name);
      }
      case 'system':
        return this.services.systemProperty(name);
      case 'env':
        return this.services.env(name);
      case 'file':
        return this.services.config(name);
      case 'func':
        return this.getFuncParam(name);
      default:
        return this.defaultScopeProperty(name);
    }
  }

  private defaultScopeProperty(name: string): unknown {
    if (this.properties.has(name)) return this.properties.get(name);
    switch (name) {
      case 'To':
        return this.to;
      case 'MessageID':
        return this.messageId;
      case 'Action':
        return this.soapAction;
      case 'SYSTEM_TIME':
        return String(this.services.now());
      case 'SYSTEM_DATE':
        return formatIsoLocal(this.services.now());
      case 'MESSAGE_FORMAT':
        return this.messageFormat();
      case 'FAULT':
        return this.isFault ? 'TRUE' : undefined;
      case 'OperationName':
        return this.properties.get('OperationName') ?? 'mediate';
      case 'OperationNamespace':
        return 'http://ws.apache.org/ns/synapse';
    }
    const entry = this.services.localEntry(name);
    if (entry) return entry.kind === 'text' ? entry.text : serializeStandalone(entry.element);
    return undefined;
  }

  private messageFormat(): string {
    const t = String(this.axis2.get('messageType') ?? this.message.contentType ?? '');
    if (t.includes('soap+xml')) return 'soap12';
    if (t.includes('text/xml')) return 'soap11';
    return this.inbound.method === 'GET' ? 'get' : 'pox';
  }

  getVariable(name: string): unknown {
    return this.variables.get(name);
  }
  getHeader(name: string): string | undefined {
    return this.transportHeaders.get(name);
  }
  headers(): Record<string, string> {
    return this.transportHeaders.toRecord();
  }
  getQueryParam(name: string): string | undefined {
    const v = this.properties.get(`query.param.${name}`);
    if (v !== undefined) return stringOf(v);
    const q = this.inbound.url.indexOf('?');
    if (q < 0) return undefined;
    for (const pair of this.inbound.url.slice(q + 1).split('&')) {
      const [k, v2 = ''] = pair.split('=');
      if (safeDecode(k!) === name) return safeDecode(v2);
    }
    return undefined;
  }
  getPathParam(name: string): string | undefined {
    const v = this.properties.get(`uri.var.${name}`);
    return v === undefined ? undefined : stringOf(v);
  }
  getFuncParam(name: string): unknown {
    const frame = this.templateFrames[this.templateFrames.length - 1];
    return frame?.params.get(name);
  }
  getConfig(name: string): string | undefined {
    return this.services.config(name);
  }
  getRegistryResource(key: string): string | undefined {
    return this.services.registryResource(key);
  }
  getRegistryProperty(key: string, property: string): string | undefined {
    return this.services.registryProperty(key, property);
  }
  now(): number {
    return this.services.now();
  }

  /** A copy for a parallel branch (clone/iterate/scatter-gather): own message, own property maps. */
  fork(message: Message): MessageContext {
    const c = new MessageContext(this.services, message, this.inbound, this.transportHeaders.clone());
    for (const [k, v] of this.properties) c.properties.set(k, v);
    for (const [k, v] of this.axis2) c.axis2.set(k, v);
    if (this.axis2ClientScope) for (const [k, v] of this.axis2ClientScope) c.axis2Client.set(k, v);
    if (this.variableScope) for (const [k, v] of this.variableScope) c.variables.set(k, v);
    if (this.frames) for (const f of this.frames) c.templateFrames.push(f);
    c.operation = this.operation;
    c.isResponse = this.isResponse;
    c.to = this.to;
    c.soapAction = this.soapAction;
    c.responder = this.responder;
    c.flow = this.flow;
    c.doingRest = this.doingRest;
    c.replyState = this.replyState;
    c.pendingWork = this.pendingWork ??= new Set();
    return c;
  }
}

export function stringOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    if ((v as Node).nodeType !== undefined) return serializeStandalone(v as Node);
    return JSON.stringify(v);
  }
  return String(v);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** SYSTEM_DATE default form: ISO-8601 with offset, like MI's `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`. */
function formatIsoLocal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const tz = off === 0 ? 'Z' : `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${tz}`;
}
