/**
 * callout: a blocking SOAP call whose response lands in the current message
 * instead of replacing it. The request is the source (an XPath-selected
 * element, a property holding XML, the whole envelope with type="envelope";
 * default: the first body child) wrapped in a SOAP 1.1 envelope and POSTed to
 * `serviceURL` with `action` as SOAPAction, or sent through the endpoint
 * `endpointKey`. The response's first body child replaces the target node
 * (XPath), is stored in a property (key), or, without a target, becomes the
 * body. A transport failure or a SOAP fault is a MediationFault.
 * A serviceURL of a broker scheme (`jms:/Queue?...`, as MI's axis2 transports take it) is sent
 * through that transport's sender; with OUT_ONLY nothing is awaited, else its reply is the response.
 * With OUT_ONLY=true (MI's BlockingMsgSender sends robust in-only) no response is expected:
 * an empty answer (placeOrder's 202) is not a fault and nothing is placed in the message.
 * configuration/enableSec are kept for round trip; WS-Security is not applied.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import type { CompiledExpression } from '../../expr/types.js';
import type { MessageContext } from '../../core/context.js';
import type { EndpointRuntime } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { HeaderMap } from '../../core/headers.js';
import { Message, bodyOf, createEnvelope } from '../../core/message.js';
import { TransportError } from '../../core/transport.js';
import { utf8, fromUtf8 } from '../../core/bytes.js';
import { parseXmlStrict, serializeXml, firstElementChild, SOAP11_NS, SOAP12_NS } from '../../xml/dom.js';
import { makeStep } from '../support.js';
import { brokerRuntime, brokerSchemeOf } from '../../endpoints/broker/index.js';
import { defaultQos } from '../../endpoints/qos.js';

const sourceDesc = el('source', [a.expr('xpath'), a.str('key', { help: 'Property holding the request XML.' }), a.enum('type', ['envelope'])], 'empty');
const targetDesc = el('target', [a.expr('xpath'), a.str('key', { help: 'Property that receives the response element.' })], 'empty');
const configurationDesc = el('configuration', [a.str('axis2xml'), a.str('repository')], 'empty');
const enableSecDesc = el('enableSec', [a.str('policy'), a.str('outboundPolicy'), a.str('inboundPolicy')], 'empty');

type Source = { kind: 'xpath'; expr: CompiledExpression } | { kind: 'key'; name: string } | { kind: 'envelope' } | { kind: 'body' };
type Target = { kind: 'xpath'; expr: CompiledExpression } | { kind: 'key'; name: string } | { kind: 'body' };

export const calloutMediator: MediatorDefinition = {
  kind: 'callout',
  descriptor: el(
    'callout',
    [a.str('serviceURL'), a.key('endpointKey', 'endpoint'), a.str('action', { help: 'SOAPAction of the request.' }), a.bool('initAxis2ClientOptions'), a.description()],
    'elements',
    [child(sourceDesc), child(targetDesc), child(configurationDesc), child(enableSecDesc)],
  ),
  editor: { label: 'Callout', group: 'core', help: 'Calls a SOAP service and puts the response into the message.', fieldOrder: ['serviceURL', 'endpointKey', 'action'] },
  contentAware: () => true,
  compile(node, env, path) {
    const serviceURL = node.attrs.serviceURL;
    const endpointKey = node.attrs.endpointKey;
    if (!serviceURL && !endpointKey) env.report('SYN006', '<callout> needs serviceURL or endpointKey', node.loc);
    if (endpointKey) env.reference('endpoint', endpointKey, node.attrLocs.endpointKey ?? node.loc);
    const source = compileSource(node, env);
    const target = compileTarget(node, env);
    const action = node.attrs.action;
    const failure = `Error invoking service : ${serviceURL ?? endpointKey}${action ? ` with action : ${action}` : ''}`;

    return makeStep('callout', path, node, true, async (ctx) => {
      const request = requestEnvelope(ctx, source);
      const outOnly = String(ctx.properties.get('OUT_ONLY') ?? '').toLowerCase() === 'true';
      let response: Document | undefined;
      try {
        if (endpointKey) response = await viaEndpoint(ctx, endpointKey, request, action);
        else if (brokerSchemeOf(serviceURL!)) response = await viaBroker(ctx, serviceURL!, request, action, outOnly);
        else response = await viaUrl(ctx, serviceURL!, request, action, outOnly);
      } catch (e) {
        if (e instanceof MediationFault) throw new MediationFault(e.code, failure, { detail: e.message, cause: e });
        if (e instanceof TransportError) throw new MediationFault(e.code, failure, { detail: e.message, cause: e });
        throw e;
      }
      const result = response ? firstElementChild(bodyOf(response)) : undefined;
      if (result && result.localName === 'Fault' && (result.namespaceURI === SOAP11_NS || result.namespaceURI === SOAP12_NS)) {
        throw new MediationFault(ErrorCodes.GENERIC, failure, { detail: `SOAP fault: ${serializeXml(result)}` });
      }
      if (outOnly) return 'continue';
      placeResult(ctx, target, result);
      return 'continue';
    });
  },
};

function compileSource(node: Parameters<MediatorDefinition['compile']>[0], env: Parameters<MediatorDefinition['compile']>[1]): Source {
  const s = childNamed(node, 'source');
  if (!s) return { kind: 'body' };
  if (s.attrs.type === 'envelope') return { kind: 'envelope' };
  if (s.attrs.key !== undefined) return { kind: 'key', name: s.attrs.key };
  if (s.attrs.xpath !== undefined) {
    const expr = env.expression(s, 'xpath');
    if (expr) return { kind: 'xpath', expr };
  } else env.report('SYN006', '<source> of callout needs xpath, key or type="envelope"', s.loc);
  return { kind: 'body' };
}

function compileTarget(node: Parameters<MediatorDefinition['compile']>[0], env: Parameters<MediatorDefinition['compile']>[1]): Target {
  const t = childNamed(node, 'target');
  if (!t) return { kind: 'body' };
  if (t.attrs.key !== undefined) return { kind: 'key', name: t.attrs.key };
  if (t.attrs.xpath !== undefined) {
    const expr = env.expression(t, 'xpath');
    if (expr) return { kind: 'xpath', expr };
  } else env.report('SYN006', '<target> of callout needs xpath or key', t.loc);
  return { kind: 'body' };
}

function requestEnvelope(ctx: MessageContext, source: Source): Document {
  if (source.kind === 'envelope') {
    const copy = parseXmlStrict(serializeXml(ctx.message.envelope().documentElement!));
    return copy;
  }
  let payload: Element | undefined;
  if (source.kind === 'body') payload = ctx.message.bodyElement();
  else if (source.kind === 'xpath') payload = firstElementOf(source.expr.evaluate(ctx));
  else {
    const v = ctx.getProperty('default', source.name);
    if (v && typeof v === 'object' && (v as Node).nodeType === 1) payload = v as Element;
    else if (typeof v === 'string' && v.trim().startsWith('<')) payload = parseOrFault(v, `property ${source.name}`);
  }
  if (!payload) throw new MediationFault(ErrorCodes.GENERIC, 'Error creating SOAP envelope from source', { detail: describeSource(source) });
  const doc = createEnvelope('1.1');
  bodyOf(doc).appendChild(doc.importNode(payload, true));
  return doc;
}

function describeSource(source: Source): string {
  if (source.kind === 'xpath') return `the source XPath ${source.expr.source} selects no element`;
  if (source.kind === 'key') return `the property ${source.name} holds no XML element`;
  return 'the message body is empty';
}

async function viaUrl(ctx: MessageContext, url: string, request: Document, action: string | undefined, outOnly = false): Promise<Document | undefined> {
  const soap12 = request.documentElement!.namespaceURI === SOAP12_NS;
  const headers = new HeaderMap();
  if (soap12) headers.set('Content-Type', `application/soap+xml; charset=UTF-8${action ? `; action="${action}"` : ''}`);
  else {
    headers.set('Content-Type', 'text/xml; charset=UTF-8');
    headers.set('SOAPAction', `"${action ?? ''}"`);
  }
  const res = await ctx.services.httpClient.send({ method: 'POST', url, headers, body: utf8(serializeXml(request.documentElement!)) });
  const text = fromUtf8(await res.body.read());
  if (text.trim() === '' && outOnly) return undefined;
  if (text.trim() === '') throw new MediationFault(ErrorCodes.GENERIC, `empty response with HTTP status ${res.status}`);
  return toEnvelope(parseOrFault(text, 'the response'));
}

/** Sends over a broker transport (jms:, rabbitmq: ...) on a separate context; OUT_ONLY (inherited by the fork) expects no reply. */
async function viaBroker(ctx: MessageContext, url: string, request: Document, action: string | undefined, outOnly: boolean): Promise<Document | undefined> {
  const message = Message.empty();
  message.setEnvelope(request);
  message.contentType = 'text/xml; charset=UTF-8';
  const branch = ctx.fork(message);
  branch.soapAction = action;
  branch.axis2.set('messageType', 'text/xml');
  await brokerRuntime(undefined, url, defaultQos()).send(branch, { blocking: true });
  if (outOnly) return undefined;
  if (!branch.message.isBuilt) await branch.message.build();
  return branch.message.envelope();
}

/** Sends through a deployed endpoint on a separate context, so the current message stays as it is. */
async function viaEndpoint(ctx: MessageContext, key: string, request: Document, action: string | undefined): Promise<Document> {
  const endpoint = ctx.services.lookup('endpoint', key) as EndpointRuntime | undefined;
  if (!endpoint) throw new MediationFault(ErrorCodes.GENERIC, `Endpoint ${key} not found`);
  const message = Message.empty();
  message.setEnvelope(request);
  message.contentType = 'text/xml; charset=UTF-8';
  const branch = ctx.fork(message);
  branch.soapAction = action;
  branch.transportHeaders = new HeaderMap();
  if (action) branch.transportHeaders.set('SOAPAction', `"${action}"`);
  await endpoint.send(branch, { blocking: true });
  if (!branch.message.isBuilt) await branch.message.build();
  return branch.message.envelope();
}

function placeResult(ctx: MessageContext, target: Target, result: Element | undefined): void {
  if (target.kind === 'key') {
    ctx.setProperty('default', target.name, result ? parseXmlStrict(serializeXml(result)).documentElement : undefined);
    return;
  }
  if (target.kind === 'body') {
    ctx.message.setXmlBody(result ?? null);
    return;
  }
  const doc = ctx.message.envelopeForUpdate();
  const node = firstElementOf(target.expr.evaluate(ctx));
  if (!node || !node.parentNode) throw new MediationFault(ErrorCodes.GENERIC, `Callout target XPath ${target.expr.source} selects no element`);
  if (result) node.parentNode.replaceChild(doc.importNode(result, true), node);
  else node.parentNode.removeChild(node);
}

function firstElementOf(v: unknown): Element | undefined {
  const list = Array.isArray(v) ? v : [v];
  for (const n of list) if (n && typeof n === 'object' && (n as Node).nodeType === 1) return n as Element;
  return undefined;
}

function toEnvelope(root: Element): Document {
  if (root.localName === 'Envelope' && (root.namespaceURI === SOAP11_NS || root.namespaceURI === SOAP12_NS)) return root.ownerDocument!;
  const doc = createEnvelope('1.1');
  bodyOf(doc).appendChild(doc.importNode(root, true));
  return doc;
}

function parseOrFault(text: string, what: string): Element {
  try {
    return parseXmlStrict(text).documentElement!;
  } catch (e) {
    throw new MediationFault(ErrorCodes.GENERIC, `${what} is not well-formed XML`, { detail: e instanceof Error ? e.message : String(e) });
  }
}
