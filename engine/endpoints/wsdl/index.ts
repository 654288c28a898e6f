/**
 * wsdl endpoint: the address and SOAP version come from a WSDL's
 * service/port. The WSDL is inline (a `wsdl:definitions` / WSDL 2.0
 * `description` child, checked at deploy) or named by `uri`: an http(s) URL
 * fetched once at the first send, or a registry key / local entry. `file:`
 * URIs need a file reader the engine does not have (reported at deploy).
 */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { ParseContext, parseElement } from '../../model/parse.js';
import type { CompileEnv } from '../../model/definition.js';
import type { Loc } from '../../model/node.js';
import type { ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { HeaderMap } from '../../core/headers.js';
import { fromUtf8 } from '../../core/bytes.js';
import { parseXml, lineOf, colOf, SYNAPSE_NS } from '../../xml/dom.js';
import { qosChildren, readQos } from '../qos.js';
import { leafRuntime } from '../leaf.js';
import { findWsdlPort, type WsdlPort } from './wsdl-port.js';

/** MI's ENDPOINT_WSDL_NONE_READY. */
const WSDL_NONE_READY = 303002;

const WSDL_NAMESPACES = ['http://schemas.xmlsoap.org/wsdl/', 'http://www.w3.org/ns/wsdl'];

export const wsdlEndpoint: EndpointDefinition = {
  kind: 'wsdl',
  descriptor: el(
    'wsdl',
    [a.str('uri', { help: 'WSDL location: http(s) URL or registry key; or give the WSDL inline.' }), a.str('service', { required: true }), a.str('port', { required: true }), a.enum('optimize', ['mtom', 'swa', 'inline']), a.str('encoding'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable'])],
    // 'xml' keeps an inline WSDL (another namespace) exactly as written; QoS children are read in compile().
    'xml',
  ),
  editor: { label: 'WSDL endpoint', group: 'endpoints', help: 'Sends to the address of a WSDL service port (SOAP 1.1 or 1.2 as the port says).' },
  compile(endpoint, wsdlNode, env) {
    const { body, inline, problems } = withQosChildren(wsdlNode, env);
    for (const p of problems) env.report(p.code, p.message, p.at);
    const service = body.attrs.service ?? '';
    const port = body.attrs.port ?? '';
    const uri = body.attrs.uri;
    let resolved: WsdlPort | undefined;
    if (inline) {
      const found = findWsdlPort(inline, service, port);
      if ('error' in found) env.report('SYN012', found.error, { file: env.file, line: lineOf(inline), col: colOf(inline) });
      else resolved = found;
    } else if (!uri) {
      env.report('SYN003', '<wsdl> needs a uri attribute or an inline WSDL', body.loc);
    } else if (/^file:/i.test(uri)) {
      env.report('SYN010', `WSDL endpoint uri '${uri}': file URIs cannot be read by this runtime; put the WSDL in the registry, a local entry or inline`, body.attrLocs.uri ?? body.loc);
    }
    return leafRuntime({
      name: endpoint.attrs.name,
      kind: 'wsdl',
      kindLabel: 'WSDL endpoint',
      target: uri ?? `${service}/${port}`,
      qos: readQos(body, env),
      address: resolved?.address,
      notReadyCode: WSDL_NONE_READY,
      async resolve(ctx) {
        resolved ??= await loadPort(ctx, body, uri ?? '', service, port);
        return { url: resolved.address, format: resolved.format };
      },
    });
  },
};

async function loadPort(ctx: MessageContext, body: ConfigNode, uri: string, service: string, port: string): Promise<WsdlPort> {
  const source = await wsdlSource(ctx, uri);
  let root: Element | undefined;
  if (typeof source === 'string') {
    const parsed = parseXml(source);
    root = parsed.doc?.documentElement ?? undefined;
    if (!root) throw new MediationFault(ErrorCodes.SENDING_FAILED, `WSDL at ${uri} is not well-formed XML`);
  } else root = source;
  const found = findWsdlPort(root, service, port);
  if ('error' in found) throw new MediationFault(ErrorCodes.SENDING_FAILED, `WSDL endpoint (${uri}): ${found.error}`, { detail: `at line ${body.loc.line}` });
  return found;
}

async function wsdlSource(ctx: MessageContext, uri: string): Promise<string | Element> {
  if (/^https?:/i.test(uri)) {
    const res = await ctx.services.httpClient.send({ method: 'GET', url: uri, headers: new HeaderMap(), timeoutMs: 30000 }).catch((e: unknown) => {
      throw new MediationFault(ErrorCodes.SENDING_FAILED, `Could not read the WSDL at ${uri}: ${e instanceof Error ? e.message : String(e)}`);
    });
    const bytes = await res.body.read();
    if (res.status >= 400) throw new MediationFault(ErrorCodes.SENDING_FAILED, `Could not read the WSDL at ${uri}: HTTP ${res.status}`);
    return fromUtf8(bytes);
  }
  const fromRegistry = ctx.services.registryResource(uri);
  if (fromRegistry !== undefined) return fromRegistry;
  const entry = ctx.services.localEntry(uri);
  if (entry?.kind === 'text') return entry.text;
  if (entry?.kind === 'xml') return entry.element;
  throw new MediationFault(ErrorCodes.SENDING_FAILED, `The WSDL ${uri} cannot be found (not an http(s) URL, registry resource or local entry)`);
}

/** The `<wsdl>` node with its QoS children parsed (it is kept as raw XML), and the inline WSDL root if any. */
function withQosChildren(node: ConfigNode, env: CompileEnv): { body: ConfigNode; inline?: Element; problems: { code: string; message: string; at: Loc }[] } {
  const pc = new ParseContext(env.file, () => undefined);
  const children: ConfigNode[] = [];
  let inline: Element | undefined;
  for (const n of node.raw ?? []) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (e.namespaceURI && WSDL_NAMESPACES.includes(e.namespaceURI)) {
      inline = e;
      continue;
    }
    const qos = e.namespaceURI === SYNAPSE_NS ? qosChildren.find((c) => c.descriptor.element === e.localName) : undefined;
    if (qos) children.push(parseElement(e, qos.descriptor, pc));
    else pc.report('SYN005', `unexpected element <${e.nodeName}> inside <wsdl>`, pc.loc(e));
  }
  return { body: { ...node, children }, inline, problems: pc.diagnostics.map((d) => ({ code: d.code, message: d.message, at: { file: d.file, line: d.line, col: d.col } })) };
}
