/** proxy: a service at /services/NAME with in/out/fault flows and an optional target endpoint (reference §1.2). */
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import type { ArtifactDefinition } from '../types.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import { flow } from '../api/index.js';
import { serializeXml } from '../../xml/dom.js';
import { MediationFault } from '../../core/errors.js';
import type { EndpointRuntime } from '../../model/definition.js';
import { MSMQ_REFUSAL } from '../../endpoints/msmq.js';

const flowAttrs = [a.key('onError', 'sequence')];
const targetDescriptor = el(
  'target',
  [a.key('inSequence', 'sequence'), a.key('outSequence', 'sequence'), a.key('faultSequence', 'sequence'), a.key('endpoint', 'endpoint')],
  'elements',
  [child(el('inSequence', flowAttrs, 'mediators')), child(el('outSequence', flowAttrs, 'mediators')), child(el('faultSequence', flowAttrs, 'mediators')), child(endpointDescriptor(endpointDefinitions))],
);

export const proxyDescriptor = el(
  'proxy',
  [a.str('name', { required: true }), a.str('transports'), a.bool('startOnLoad'), a.str('pinnedServers'), a.str('serviceGroup'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable']), a.description()],
  'elements',
  [
    child(el('description', [], 'text')),
    child(targetDescriptor, { required: true }),
    child(el('publishWSDL', [a.str('uri'), a.key('key', 'registry'), a.str('endpoint'), a.bool('preservePolicy')], 'xml')),
    child(el('policy', [a.str('key'), a.str('type')], 'xml'), { multiple: true }),
    child(el('parameter', [a.str('name', { required: true })], 'xml'), { multiple: true }),
    child(el('enableAddressing', [], 'xml')),
    child(el('enableSec', [], 'xml')),
    child(el('enableRM', [], 'xml')),
  ],
);

export const proxyArtifact: ArtifactDefinition = {
  kind: 'proxy',
  rootElement: 'proxy',
  descriptor: proxyDescriptor,
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const base = `proxy:${name}`;
    const target = childNamed(node, 'target')!;
    let endpoint: ((ctx: import('../../core/context.js').MessageContext) => EndpointRuntime) | undefined;
    const epNode = target && childNamed(target, 'endpoint');
    if (epNode) endpoint = env.endpoint(epNode, `${base}/endpoint`);
    else if (target?.attrs.endpoint) {
      const key = target.attrs.endpoint;
      env.reference('endpoint', key, target.attrLocs.endpoint ?? target.loc);
      endpoint = (ctx) => {
        const ep = ctx.services.lookup('endpoint', key) as EndpointRuntime | undefined;
        if (!ep) throw new MediationFault(101500, `Endpoint '${key}' is not deployed`);
        return ep;
      };
    }
    const wsdlNode = childNamed(node, 'publishWSDL');
    let wsdl: { inline?: string; key?: string; uri?: string } | undefined;
    if (wsdlNode) {
      const inlineEl = wsdlNode.raw?.find((n) => n.nodeType === 1);
      wsdl = { inline: inlineEl ? serializeXml(inlineEl) : undefined, key: wsdlNode.attrs.key, uri: wsdlNode.attrs.uri };
      if (wsdl.key) env.reference('registry', wsdl.key, wsdlNode.attrLocs.key ?? wsdlNode.loc);
    }
    // A proxy that asks for WS-Security must not serve unchecked messages: until the runtime
    // enforces policies it is refused (and so not deployed), where MI would refuse the caller.
    const enableSec = childNamed(node, 'enableSec');
    if (enableSec) env.report('SYN016', `proxy ${name}: WS-Security (<enableSec/>) is not available in this runtime, so the proxy is not deployed rather than served without the security its policy asks for`, enableSec.loc);
    const transports = (node.attrs.transports ?? 'http https').split(/[\s,]+/).filter(Boolean);
    if (transports.some((t) => t.toLowerCase() === 'msmq')) env.report('SYN016', MSMQ_REFUSAL(`proxy ${name} listens on transports="msmq"`), node.attrLocs.transports ?? node.loc);
    const parameters = proxyParameters(node);
    return {
      kind: 'proxy',
      name,
      value: {
        name,
        transports,
        startOnLoad: node.attrs.startOnLoad !== 'false',
        inSequence: target ? flow(target, 'inSequence', 'in', env, base) : undefined,
        outSequence: target ? flow(target, 'outSequence', 'out', env, base) : undefined,
        faultSequence: target ? flow(target, 'faultSequence', 'fault', env, base) : undefined,
        endpoint,
        wsdl,
        parameters,
        inboundOnly: parameters['inbound.only']?.trim() === 'true',
      },
    };
  },
};

/** `<parameter name="...">` children: their text, or their inline XML serialised. */
function proxyParameters(node: import('../../model/node.js').ConfigNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of node.children) {
    if (p.element !== 'parameter' || !p.attrs.name) continue;
    const element = p.raw?.find((n) => n.nodeType === 1);
    out[p.attrs.name] = element ? serializeXml(element) : (p.raw ?? []).map((n) => n.textContent ?? '').join('').trim();
  }
  return out;
}
