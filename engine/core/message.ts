/**
 * A message's body, built lazily the way MI's pass-through transport does:
 * nothing is read until a content-aware mediator needs it; JSON stays JSON
 * (with MI's `<jsonObject>` XML view derived on demand), XML is a SOAP
 * envelope DOM, text and binary keep their bytes.
 */
import { MediationFault, ErrorCodes } from './errors.js';
import { TransportError } from './transport.js';
import { builderFor, baseMediaType, type BuilderKind } from './content-type.js';
import { utf8, fromUtf8, base64Encode, base64Decode } from './bytes.js';
import { SOAP11_NS, SOAP12_NS, PAYLOAD_NS, parseXmlStrict, serializeXml, firstElementChild, elementChildren, newDocument, XmlSyntaxError } from '../xml/dom.js';
import { jsonToXmlElement, xmlElementToJson, parseJsonText, serializeJson, JsonSyntaxError } from '../xml/json-xml.js';

/** The unread body of a request or response. `read()` enforces the host's size limit. */
export interface BodySource {
  /** Declared length, when known. */
  readonly length?: number;
  /** Reads the whole body (once). */
  read(): Promise<Uint8Array>;
  /** Streams the body without buffering it (pass-through); only before read(). */
  stream?(): AsyncIterable<Uint8Array>;
  /**
   * The whole body, consuming it, when it has already arrived (nothing to wait
   * for); undefined otherwise, and then read() or stream() still work. Lets a
   * pass-through write a small body in one piece instead of streaming it.
   */
  completed?(): Uint8Array | undefined;
}

export type PayloadKind = 'empty' | 'json' | 'xml' | 'text' | 'binary';
export type SoapVersion = '1.1' | '1.2';

export interface SerializeOptions {
  /**
   * False when the exchange began as a SOAP request (Axis2's "doing REST" is
   * off): MI's JSON formatter then writes the whole envelope
   * (`{"Envelope":{"Header":...,"Body":...}}`), not just the body's first child.
   */
  doingRest?: boolean;
}

export interface SerializedBody {
  bytes: Uint8Array;
  contentType: string;
}

export class Message {
  /** The Content-Type the body arrived with or was last set to. */
  contentType: string | undefined;
  private source: BodySource | undefined;
  private built: boolean;
  private kind: PayloadKind = 'empty';
  private jsonValue: unknown;
  private doc: Document | undefined;
  /** True while `doc` is only a view of `jsonValue` (JSON authoritative). */
  private docIsJsonView = false;
  private textValue = '';
  private binaryValue: Uint8Array | undefined;
  private bytesValue: Uint8Array | undefined;
  /** SOAP version of the envelope; POX messages use 1.1 envelopes internally, as Axis2 does. */
  soapVersion: SoapVersion = '1.1';
  /** True when the body arrived as a SOAP envelope (not POX/JSON wrapped into one). */
  arrivedAsSoap = false;

  private constructor(contentType: string | undefined, source: BodySource | undefined) {
    this.contentType = contentType;
    this.source = source;
    this.built = source === undefined;
  }

  static fromSource(contentType: string | undefined, source: BodySource): Message {
    return new Message(contentType, source);
  }
  static empty(): Message {
    return new Message(undefined, undefined);
  }
  static fromJson(value: unknown): Message {
    const m = new Message('application/json', undefined);
    m.setJson(value);
    return m;
  }
  static fromBytes(contentType: string | undefined, bytes: Uint8Array): Message {
    return new Message(contentType, { length: bytes.length, read: async () => bytes });
  }

  get isBuilt(): boolean {
    return this.built;
  }
  get payloadKind(): PayloadKind {
    return this.kind;
  }
  /** The unread body, for streaming it unchanged to a backend or client. */
  takeRawSource(): BodySource | undefined {
    return this.built ? undefined : this.source;
  }

  /** Reads and parses the body with the builder its Content-Type selects. Throws MediationFault on malformed input. */
  async build(): Promise<void> {
    if (this.built) return;
    const source = this.source!;
    let bytes: Uint8Array;
    try {
      bytes = await source.read();
    } catch (e) {
      // A body that broke off while arriving (the backend closed or reset the connection) is a
      // fault with the transport's code; the message is left empty, so a fault sequence can run.
      if (!(e instanceof TransportError)) throw e;
      this.source = undefined;
      this.built = true;
      this.kind = 'empty';
      throw new MediationFault(e.code, e.message, { cause: e });
    }
    this.source = undefined;
    this.built = true;
    this.parseBytes(bytes, builderFor(this.contentType));
  }

  private parseBytes(bytes: Uint8Array, builder: BuilderKind): void {
    if (bytes.length === 0) {
      this.kind = 'empty';
      return;
    }
    this.parseNonEmpty(bytes, builder);
    // Kept so an unchanged payload is written back byte for byte.
    this.bytesValue = bytes;
  }

  private parseNonEmpty(bytes: Uint8Array, builder: BuilderKind): void {
    try {
      switch (builder) {
        case 'json':
          this.setJson(parseJsonText(fromUtf8(bytes)));
          return;
        case 'soap11':
        case 'soap12':
        case 'pox':
          this.setParsedXml(parseXmlStrict(fromUtf8(bytes)), builder === 'soap12' ? '1.2' : '1.1');
          return;
        case 'text':
          this.setText(fromUtf8(bytes));
          return;
        case 'form':
          this.setFormValues(fromUtf8(bytes));
          return;
        default:
          this.setBinary(bytes);
      }
    } catch (e) {
      if (e instanceof JsonSyntaxError || e instanceof XmlSyntaxError) {
        throw new MediationFault(ErrorCodes.GENERIC, 'Error while building Passthrough stream', {
          detail: `${e.message} (line ${e.line}, column ${e.col})`,
          cause: e,
        });
      }
      throw e;
    }
  }

  /**
   * Like setXmlDocument for a document this message parsed itself (nobody else
   * holds it): a POX root is moved into an envelope built in the same
   * document instead of being deep-copied into a new one (the copy was a third
   * of the cost of an XPath-routed request).
   */
  private setParsedXml(doc: Document, declaredVersion: SoapVersion): void {
    const root = doc.documentElement!;
    if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) {
      this.setXmlDocument(doc, declaredVersion);
      return;
    }
    // The same nodes createEnvelope() makes; the prolog, comments and PIs outside the root go, as importNode(root) left them.
    while (doc.firstChild) doc.removeChild(doc.firstChild);
    (doc as { doctype: DocumentType | null }).doctype = null; // xmldom keeps it after removeChild
    const ns = declaredVersion === '1.2' ? SOAP12_NS : SOAP11_NS;
    const env = doc.createElementNS(ns, 'soapenv:Envelope');
    env.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:soapenv', ns);
    const body = doc.createElementNS(ns, 'soapenv:Body');
    env.appendChild(body);
    doc.appendChild(env);
    body.appendChild(root);
    this.doc = doc;
    this.soapVersion = declaredVersion;
    this.arrivedAsSoap = false;
    this.kind = 'xml';
    this.docIsJsonView = false;
    this.jsonValue = undefined;
  }

  private setXmlDocument(doc: Document, declaredVersion: SoapVersion): void {
    const root = doc.documentElement!;
    if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) {
      this.doc = doc;
      this.soapVersion = root.namespaceURI === SOAP12_NS ? '1.2' : '1.1';
      this.arrivedAsSoap = true;
    } else {
      this.doc = createEnvelope(declaredVersion);
      bodyOf(this.doc).appendChild(this.doc.importNode(root, true));
      this.soapVersion = declaredVersion;
      this.arrivedAsSoap = false;
    }
    this.kind = 'xml';
    this.docIsJsonView = false;
    this.jsonValue = undefined;
  }

  /** Replaces the payload with JSON (payloadFactory json, script setPayloadJSON ...). */
  setJson(value: unknown): void {
    this.built = true;
    this.source = undefined;
    this.bytesValue = undefined;
    this.kind = 'json';
    this.jsonValue = value;
    this.doc = undefined;
    this.docIsJsonView = false;
  }

  /** Replaces the SOAP body content with `element` (or empties it). */
  setXmlBody(element: Element | null): void {
    const doc = this.envelopeForUpdate();
    const body = bodyOf(doc);
    while (body.firstChild) body.removeChild(body.firstChild);
    if (element) body.appendChild(element.ownerDocument === doc ? element : doc.importNode(element, true));
  }

  /** Replaces the whole envelope. */
  setEnvelope(doc: Document): void {
    this.built = true;
    this.source = undefined;
    this.bytesValue = undefined;
    this.setXmlDocument(doc, this.soapVersion);
  }

  setText(text: string): void {
    this.built = true;
    this.source = undefined;
    this.bytesValue = undefined;
    this.kind = 'text';
    this.textValue = text;
    this.doc = undefined;
    this.jsonValue = undefined;
  }

  setBinary(bytes: Uint8Array): void {
    this.built = true;
    this.source = undefined;
    this.kind = 'binary';
    this.binaryValue = bytes;
    this.doc = undefined;
    this.jsonValue = undefined;
  }

  clear(): void {
    this.built = true;
    this.source = undefined;
    this.bytesValue = undefined;
    this.kind = 'empty';
    this.doc = undefined;
    this.jsonValue = undefined;
  }

  private setFormValues(text: string): void {
    const doc = createEnvelope('1.1');
    const root = doc.createElementNS(null, 'xformValues');
    for (const pair of text.split('&')) {
      if (!pair) continue;
      const [k, v = ''] = pair.split('=');
      const name = decodeURIComponent(k!.replace(/\+/g, ' '));
      const el = doc.createElementNS(null, name);
      el.appendChild(doc.createTextNode(decodeURIComponent(v.replace(/\+/g, ' '))));
      root.appendChild(el);
    }
    bodyOf(doc).appendChild(root);
    this.doc = doc;
    this.kind = 'xml';
  }

  private requireBuilt(): void {
    if (!this.built) throw new Error('message body read before it was built (a content-aware step must build it first)');
  }

  /** The SOAP envelope view, read-only. JSON appears as `<jsonObject>`, text as `<text xmlns=payload>`. */
  envelope(): Document {
    this.requireBuilt();
    if (this.doc) return this.doc;
    const doc = createEnvelope(this.soapVersion);
    const body = bodyOf(doc);
    if (this.kind === 'json') {
      body.appendChild(jsonToXmlElement(this.jsonValue, doc as never) as unknown as Node);
      this.docIsJsonView = true;
    } else if (this.kind === 'text') {
      const t = doc.createElementNS(PAYLOAD_NS, 'text');
      t.appendChild(doc.createTextNode(this.textValue));
      body.appendChild(t);
      this.docIsJsonView = true;
    } else if (this.kind === 'binary') {
      const b = doc.createElementNS(PAYLOAD_NS, 'binary');
      b.appendChild(doc.createTextNode(base64Encode(this.binaryValue ?? new Uint8Array())));
      body.appendChild(b);
      this.docIsJsonView = true;
    } else {
      this.docIsJsonView = true;
    }
    this.doc = doc;
    return doc;
  }

  /** The envelope, for a mediator that changes it: from now on the XML is the payload. */
  envelopeForUpdate(): Document {
    const doc = this.envelope();
    if (this.docIsJsonView) {
      this.docIsJsonView = false;
      this.kind = 'xml';
      this.jsonValue = undefined;
    }
    this.bytesValue = undefined;
    return doc;
  }

  /** First child element of the SOAP body. */
  bodyElement(): Element | undefined {
    return firstElementChild(bodyOf(this.envelope()));
  }

  /** The payload as JSON (XML converted with MI's rules). */
  json(): unknown {
    this.requireBuilt();
    if (this.kind === 'json') return this.jsonValue;
    if (this.kind === 'empty') return undefined;
    if (this.kind === 'text') return this.textValue;
    const first = this.bodyElement();
    return first ? xmlElementToJson(first as never) : undefined;
  }

  text(): string {
    this.requireBuilt();
    if (this.kind === 'text') return this.textValue;
    if (this.kind === 'json') return serializeJson(this.jsonValue);
    if (this.kind === 'binary') return fromUtf8(this.binaryValue ?? new Uint8Array());
    if (this.kind === 'empty') return '';
    const first = this.bodyElement();
    return first ? textContent(first) : '';
  }

  /**
   * Writes the message with the formatter `messageType` selects (MI's messageType property).
   * Untouched JSON and text keep their original bytes, as MI's pass-through does.
   */
  serialize(messageType: string | undefined, options: SerializeOptions = {}): SerializedBody {
    this.requireBuilt();
    const type = messageType || this.contentType || defaultTypeFor(this.kind);
    const base = baseMediaType(type);
    const builder = builderFor(type);
    if (this.kind === 'empty') return { bytes: new Uint8Array(), contentType: type };
    switch (builder) {
      case 'json': {
        if (this.kind === 'json' && this.bytesValue) return { bytes: this.bytesValue, contentType: type };
        if (this.kind === 'xml' && options.doingRest === false) return { bytes: utf8(serializeJson(envelopeAsJson(this.envelope()))), contentType: type };
        return { bytes: utf8(serializeJson(this.json())), contentType: type };
      }
      case 'text':
        return { bytes: this.kind === 'binary' ? this.binaryValue! : utf8(this.text()), contentType: type };
      case 'soap11':
      case 'soap12': {
        const version: SoapVersion = builder === 'soap12' ? '1.2' : '1.1';
        const doc = this.envelope();
        const env = version === envelopeVersion(doc) ? doc : convertEnvelope(doc, version);
        return { bytes: utf8(serializeXml(env.documentElement!)), contentType: type };
      }
      case 'form': {
        const first = this.bodyElement();
        const pairs = first ? elementChildren(first).map((c) => `${encodeURIComponent(c.localName!)}=${encodeURIComponent(textContent(c))}`) : [];
        return { bytes: utf8(pairs.join('&')), contentType: type };
      }
      case 'pox': {
        if (this.kind === 'xml' && this.bytesValue && !this.arrivedAsSoap) return { bytes: this.bytesValue, contentType: type };
        const first = this.bodyElement();
        return { bytes: utf8(first ? serializeXml(first) : ''), contentType: type };
      }
      default: {
        if (this.kind === 'binary') return { bytes: this.binaryValue!, contentType: type };
        if (this.bytesValue) return { bytes: this.bytesValue, contentType: type };
        const first = this.bodyElement();
        if (first && first.namespaceURI === PAYLOAD_NS && first.localName === 'binary') return { bytes: base64Decode(textContent(first)), contentType: type };
        return { bytes: utf8(first ? serializeXml(first) : ''), contentType: base === '' ? 'application/octet-stream' : type };
      }
    }
  }

  /** An independent copy (clone, iterate, scatter-gather branches). */
  clone(): Message {
    this.requireBuilt();
    const m = new Message(this.contentType, undefined);
    m.kind = this.kind;
    m.soapVersion = this.soapVersion;
    m.arrivedAsSoap = this.arrivedAsSoap;
    m.jsonValue = this.jsonValue === undefined ? undefined : structuredClone(this.jsonValue);
    m.textValue = this.textValue;
    m.binaryValue = this.binaryValue;
    m.bytesValue = this.bytesValue;
    if (this.doc && !this.docIsJsonView) {
      const copy = newDocument();
      copy.appendChild(copy.importNode(this.doc.documentElement!, true));
      m.doc = copy;
    }
    return m;
  }
}

function defaultTypeFor(kind: PayloadKind): string {
  switch (kind) {
    case 'json':
      return 'application/json';
    case 'text':
      return 'text/plain';
    case 'binary':
      return 'application/octet-stream';
    default:
      return 'application/xml';
  }
}

export function createEnvelope(version: SoapVersion): Document {
  const ns = version === '1.2' ? SOAP12_NS : SOAP11_NS;
  const doc = newDocument();
  const env = doc.createElementNS(ns, 'soapenv:Envelope');
  env.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:soapenv', ns);
  env.appendChild(doc.createElementNS(ns, 'soapenv:Body'));
  doc.appendChild(env);
  return doc;
}

export function bodyOf(doc: Document): Element {
  const env = doc.documentElement!;
  for (const c of elementChildren(env)) if (c.localName === 'Body') return c;
  const body = doc.createElementNS(env.namespaceURI, `${env.prefix ? env.prefix + ':' : ''}Body`);
  env.appendChild(body);
  return body;
}

export function headerOf(doc: Document, create: boolean): Element | undefined {
  const env = doc.documentElement!;
  for (const c of elementChildren(env)) if (c.localName === 'Header') return c;
  if (!create) return undefined;
  const header = doc.createElementNS(env.namespaceURI, `${env.prefix ? env.prefix + ':' : ''}Header`);
  env.insertBefore(header, env.firstChild);
  return header;
}

export function envelopeVersion(doc: Document): SoapVersion {
  return doc.documentElement?.namespaceURI === SOAP12_NS ? '1.2' : '1.1';
}

function convertEnvelope(doc: Document, version: SoapVersion): Document {
  const out = createEnvelope(version);
  const header = headerOf(doc, false);
  if (header && header.firstChild) {
    const h = headerOf(out, true)!;
    for (const c of elementChildren(header)) h.appendChild(out.importNode(c, true));
  }
  const body = bodyOf(out);
  for (const c of elementChildren(bodyOf(doc))) body.appendChild(out.importNode(c, true));
  return out;
}

/** MI's JSON view of a whole SOAP envelope: `{"Envelope":{"Header":null|{...},"Body":{...}}}`. */
function envelopeAsJson(doc: Document): unknown {
  const header = headerOf(doc, false);
  const body = bodyOf(doc);
  const bodyJson: Record<string, unknown> = {};
  for (const c of elementChildren(body)) Object.assign(bodyJson, xmlElementToJson(c as never) as Record<string, unknown>);
  const headerJson = header && elementChildren(header).length ? Object.assign({}, ...elementChildren(header).map((c) => xmlElementToJson(c as never) as Record<string, unknown>)) : null;
  return { Envelope: { Header: headerJson, Body: elementChildren(body).length ? bodyJson : null } };
}

export function textContent(node: Node): string {
  return (node as { textContent?: string | null }).textContent ?? '';
}
