/**
 * `<inboundEndpoint>` as a deployable artifact: parsed with positions, checked against its
 * protocol's descriptor (missing required parameters, numbers that are not numbers, regexes that
 * do not compile), its sequences and registry keys recorded as references. Starting it is the
 * lifecycle's job (lifecycle.ts); a protocol this runtime has no implementation for deploys and
 * is shown as failed, with the reason, while the rest serve.
 */
import { el, a, child } from '../model/descriptor.js';
import { childNamed, childrenNamed, type ConfigNode } from '../model/node.js';
import { serializeXml } from '../xml/dom.js';
import type { ArtifactDefinition } from '../artifacts/types.js';
import { findInboundDescriptor, MI_BUILT_IN_PROTOCOLS } from './catalog.js';
import { readCommon } from './common-parameters.js';
import type { InboundEndpointConfig, InboundParameterDescriptor, InboundParameterValue } from './types.js';

const parameterDescriptor = el('parameter', [a.str('name', { required: true }), a.key('key', 'registry')], 'xml');

export const inboundEndpointDescriptor = el(
  'inboundEndpoint',
  [a.str('name', { required: true }), a.str('protocol'), a.str('class'), a.key('sequence', 'sequence'), a.key('onError', 'sequence'), a.bool('suspend'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable'])],
  'elements',
  [child(el('parameters', [], 'elements', [child(parameterDescriptor, { multiple: true })])), child(el('description', [], 'text'))],
  // MI reads the root in any namespace: the docs' HTTPS example declares only a prefix (xmlns:p) and prefixes the parameters.
  { ns: null },
);

/** A parameter's value: its text, or its element child serialised (HTTPS keystore/truststore). */
function parameterValue(p: ConfigNode): string {
  const element = p.raw?.find((n) => n.nodeType === 1);
  if (element) return serializeXml(element);
  return (p.raw ?? []).map((n) => n.textContent ?? '').join('').trim();
}

export const inboundEndpointArtifact: ArtifactDefinition = {
  kind: 'inbound-endpoint',
  rootElement: 'inboundEndpoint',
  ns: null,
  descriptor: inboundEndpointDescriptor,
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const protocol = node.attrs.protocol?.trim() || undefined;
    const className = node.attrs.class?.trim() || undefined;
    if (!protocol && !className) env.report('SYN003', `inbound endpoint ${name} needs a protocol or a class attribute`, node.loc);
    if (protocol && !MI_BUILT_IN_PROTOCOLS.includes(protocol) && !findInboundDescriptor({ protocol })) {
      env.report('SYN004', `unknown inbound protocol '${protocol}' (MI knows ${MI_BUILT_IN_PROTOCOLS.join(', ')}; use class= for a custom one)`, node.attrLocs.protocol ?? node.loc);
    }
    const parameters: Record<string, InboundParameterValue> = {};
    const list = childNamed(node, 'parameters');
    for (const p of list ? childrenNamed(list, 'parameter') : []) {
      const pname = p.attrs.name;
      if (!pname) continue;
      const key = p.attrs.key?.trim();
      if (key) env.reference('registry', key, p.attrLocs.key ?? p.loc);
      parameters[pname] = { value: parameterValue(p), registryKey: key || undefined, loc: p.loc };
    }
    const descriptor = findInboundDescriptor({ protocol, className });
    const problems: { parameter: string; message: string }[] = [];
    const common = readCommon(node.attrs, parameters, descriptor?.mode === 'polling', problems);
    if (descriptor) for (const d of descriptor.parameters) checkParameter(d, parameters[d.name], problems);
    for (const pr of problems) env.report('SYN005', `inbound endpoint ${name}: ${pr.message}`, parameters[pr.parameter]?.loc ?? node.loc);
    // No reference check for sequence/onError: MI deploys an inbound endpoint whose sequence is missing and injects into
    // main instead (and uses the default fault sequence for a missing onError); the corpus relies on it (proxy-via-inbound-only).
    const value: InboundEndpointConfig = { name, protocol, className, common, parameters, loc: node.loc };
    return { kind: 'inbound-endpoint', name, value };
  },
};

/** Checks one parameter against its descriptor; a registry-held value is checked when it is resolved. */
export function checkParameter(d: InboundParameterDescriptor, p: InboundParameterValue | undefined, problems: { parameter: string; message: string }[]): void {
  if (!p) {
    if (d.required && d.default === undefined) problems.push({ parameter: d.name, message: `parameter ${d.name} is required` });
    return;
  }
  if (p.registryKey) return;
  const v = p.value.trim();
  if (v === '' || /^\$(SYSTEM|env|FILE):/i.test(v)) return;
  if (d.type === 'integer' && !/^-?\d+$/.test(v)) problems.push({ parameter: d.name, message: `parameter ${d.name} must be a whole number, not '${v}'` });
  if (d.type === 'boolean' && !/^(true|false)$/i.test(v)) problems.push({ parameter: d.name, message: `parameter ${d.name} must be true or false, not '${v}'` });
  if (d.type === 'enum' && d.values && !d.values.some((x) => x.toLowerCase() === v.toLowerCase())) problems.push({ parameter: d.name, message: `parameter ${d.name} must be one of ${d.values.join(', ')}, not '${v}'` });
  if (d.type === 'regex') {
    try {
      new RegExp(v);
    } catch (e) {
      problems.push({ parameter: d.name, message: `parameter ${d.name} is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
