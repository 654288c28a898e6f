/**
 * The host side of the script sandbox's `mc` object (prelude.ts): string in,
 * string out, operating on one MessageContext. Semantics follow MI's GraalJS
 * ScriptMessageContext:
 * - getPayloadJSON gives `{}` when the payload is not JSON;
 * - getPayloadXML / getEnvelope give XML text (GraalJS has no E4X objects);
 * - setProperty / setVariable store a string that parses as an XML element
 *   as that element (MI tries toOMElement first), other values as given;
 * - getProperty without a scope reads the default scope.
 */
import type { MessageContext } from '../../core/context.js';
import { headerOf } from '../../core/message.js';
import { parseXmlStrict, serializeXml, SOAP12_NS } from '../../xml/dom.js';
import { parseJsonText } from '../../xml/json-xml.js';

type BridgeOp = (ctx: MessageContext, args: unknown[]) => unknown;

export interface BridgeOptions {
  /** Where `print(...)` goes. */
  print(text: string): void;
}

export function createBridge(ctx: MessageContext, options: BridgeOptions): (op: string, argsJson: string) => string {
  return (op, argsJson) => {
    const impl = Object.prototype.hasOwnProperty.call(OPS, op) ? OPS[op] : op === 'print' ? printOp(options) : undefined;
    if (!impl) return JSON.stringify({ ok: false, e: `unknown mc operation ${op}` });
    try {
      const args = JSON.parse(argsJson) as unknown[];
      const v = impl(ctx, Array.isArray(args) ? args : []);
      return JSON.stringify(v === undefined ? { ok: true } : { ok: true, v: transferable(v) });
    } catch (e) {
      return JSON.stringify({ ok: false, e: e instanceof Error ? e.message : String(e) });
    }
  };
}

function printOp(options: BridgeOptions): BridgeOp {
  return (_ctx, [text]) => {
    options.print(String(text));
    return undefined;
  };
}

const OPS: Record<string, BridgeOp> = {
  getPayloadJSON(ctx) {
    return ctx.message.payloadKind === 'json' ? ctx.message.json() : {};
  },
  setPayloadJSON(ctx, [kind, value]) {
    // A string is taken as JSON text (Nashorn's behaviour); anything else as the value itself.
    ctx.message.setJson(kind === 'string' ? parseJsonOrFail(String(value)) : value);
    return undefined;
  },
  getPayloadXML(ctx) {
    const first = ctx.message.bodyElement();
    return first ? serializeXml(first) : null;
  },
  setPayloadXML(ctx, [xml]) {
    ctx.message.setXmlBody(parseElement(String(xml)));
    return undefined;
  },
  getPayloadText(ctx) {
    if (ctx.message.payloadKind === 'json') return ctx.message.text();
    return serializeXml(ctx.message.envelope().documentElement!);
  },
  getEnvelopeXML(ctx) {
    return serializeXml(ctx.message.envelope().documentElement!);
  },
  addHeader(ctx, [mustUnderstand, xml]) {
    const doc = ctx.message.envelopeForUpdate();
    const header = headerOf(doc, true)!;
    const block = doc.importNode(parseElement(String(xml)), true) as Element;
    if (mustUnderstand) {
      const env = doc.documentElement!;
      const soap12 = env.namespaceURI === SOAP12_NS;
      block.setAttributeNS(env.namespaceURI, `${env.prefix ?? 'soapenv'}:mustUnderstand`, soap12 ? 'true' : '1');
    }
    header.appendChild(block);
    return undefined;
  },
  getProperty(ctx, [name, scope]) {
    return ctx.getProperty((scope ?? 'default') as never, String(name));
  },
  setProperty(ctx, [name, kind, value, scope]) {
    ctx.setProperty(typeof scope === 'string' ? scope : 'default', String(name), storedValue(kind, value));
    return undefined;
  },
  removeProperty(ctx, [name, scope]) {
    ctx.removeProperty(typeof scope === 'string' ? scope : 'default', String(name));
    return undefined;
  },
  getVariable(ctx, [name]) {
    return ctx.getVariable(String(name));
  },
  setVariable(ctx, [name, kind, value]) {
    ctx.variables.set(String(name), storedValue(kind, value));
    return undefined;
  },
  get(ctx, [what]) {
    switch (what) {
      case 'MessageID':
        return ctx.messageId;
      case 'To':
        return ctx.to ?? null;
      case 'SoapAction':
        return ctx.soapAction ?? null;
      case 'isResponse':
        return ctx.isResponse;
      case 'isFault':
        return ctx.isFault;
      case 'isSOAP11':
        return ctx.message.soapVersion === '1.1';
      default:
        return undefined;
    }
  },
  set(ctx, [what, value]) {
    if (what === 'To') ctx.to = String(value);
    else if (what === 'SoapAction') ctx.soapAction = String(value);
    return undefined;
  },
};

function storedValue(kind: unknown, value: unknown): unknown {
  if (kind === 'string' && typeof value === 'string' && value.trimStart().startsWith('<')) {
    try {
      return parseXmlStrict(value).documentElement ?? value;
    } catch {
      return value;
    }
  }
  return kind === 'undefined' ? undefined : value;
}

/** What crosses back into the sandbox: XML as text, Maps as objects, the rest as JSON allows. */
function transferable(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? String(v) : v;
  if ((v as Node).nodeType !== undefined) return serializeXml(v as Node);
  if (v instanceof Map) return Object.fromEntries(v);
  return v;
}

function parseElement(xml: string): Element {
  try {
    const root = parseXmlStrict(xml).documentElement;
    if (!root) throw new Error('no root element');
    return root;
  } catch (e) {
    throw new Error(`Invalid XML given to the script message context: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseJsonOrFail(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch (e) {
    throw new Error(`Invalid JSON given to setPayloadJSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
