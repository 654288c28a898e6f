/**
 * xslt: transforms the message (or the node `source` selects, default the
 * first child of the SOAP Body) with a stylesheet from a local entry or the
 * registry (`key`, possibly dynamic `{xpath}` / `${...}`), passing
 * `property` children as stylesheet parameters. The result replaces the
 * source node; a result that is not XML (xsl:output method="text") is
 * wrapped in `<text xmlns="http://ws.apache.org/commons/ns/payload">` as
 * Axis2's text payload. `resource` children supply the documents that
 * xsl:import/xsl:include name; `feature` children are accepted and have no
 * effect (they tune Java's TransformerFactory). A stylesheet that fails to
 * compile or run is a MediationFault (the fault sequence runs).
 */
import type { CompileEnv, MediatorDefinition, ValueRef } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed, type ConfigNode } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import type { CompiledExpression } from '../../expr/types.js';
import { bodyOf } from '../../core/message.js';
import { firstElementChild, parseXmlStrict, PAYLOAD_NS, serializeXml } from '../../xml/dom.js';
import { makeStep, resolveValue } from '../support.js';
import { XsltError, xsltProcessor } from './processor.js';

const propertyDesc = el('property', [a.str('name', { required: true }), a.str('value'), a.expr('expression')], 'empty', undefined, { oneOf: [['value', 'expression']] });
const featureDesc = el('feature', [a.str('name', { required: true }), a.bool('value', { required: true })], 'empty');
const resourceDesc = el('resource', [a.str('location', { required: true }), a.key('key', 'registry', { required: true })], 'empty');

export const xsltMediator: MediatorDefinition = {
  kind: 'xslt',
  descriptor: el(
    'xslt',
    [a.key('key', 'registry', { required: true, help: 'Local entry or registry key of the stylesheet; `{xpath}` or `${...}` for a dynamic key.' }), a.str('source', { help: 'XPath selecting the node to transform (default: first child of the Body).' }), a.description()],
    'elements',
    [child(propertyDesc, { multiple: true }), child(featureDesc, { multiple: true }), child(resourceDesc, { multiple: true })],
  ),
  editor: { label: 'XSLT', group: 'transformation', help: 'Transforms the message with an XSLT stylesheet (1.0, 2.0 or 3.0).' },
  contentAware: () => true,
  compile(node, env, path) {
    const key = compileKey(node, env);
    const source = node.attrs.source !== undefined ? env.expression(node, 'source') : undefined;
    const params = childrenNamed(node, 'property').map((p) => ({ name: p.attrs.name ?? '', value: p.attrs.expression !== undefined ? env.expression(p, 'expression') : undefined, literal: p.attrs.value ?? '' }));
    const resources = childrenNamed(node, 'resource').map((r) => ({ location: r.attrs.location ?? '', key: r.attrs.key ?? '' }));
    for (const r of resources) env.reference('registry', r.key, node.loc);
    return makeStep('xslt', path, node, true, async (ctx) => {
      const processor = xsltProcessor();
      if (!processor) throw new MediationFault(0, 'XSLT is not available in this host');
      const keyText = resolveValue(key, ctx);
      const stylesheet = ctx.services.registryResource(keyText);
      if (stylesheet === undefined) throw new MediationFault(0, `Unable to load the XSLT stylesheet '${keyText}': no local entry or registry resource of that key`);
      const target = sourceNode(source, ctx);
      const docs = resources.map((r) => {
        const text = ctx.services.registryResource(r.key);
        if (text === undefined) throw new MediationFault(0, `Unable to load the XSLT resource '${r.key}' (${r.location})`);
        return { name: r.location, text };
      });
      let output: string;
      try {
        output = await processor.transform({
          stylesheet: { name: keyText, text: stylesheet },
          source: serializeXml(target),
          params: params.map((p) => [p.name, p.value ? p.value.evaluateString(ctx) : p.literal] as const),
          resources: docs,
        });
      } catch (e) {
        if (e instanceof XsltError) throw new MediationFault(0, `Unable to perform XSLT transformation using : ${keyText}. ${e.message}`, { detail: e.code });
        throw e;
      }
      replaceWithResult(target, output, ctx);
      return 'continue';
    });
  },
};

function compileKey(node: ConfigNode, env: CompileEnv): ValueRef {
  const key = node.attrs.key ?? '';
  const v = env.value(node, 'key') ?? { literal: key };
  if ('literal' in v) env.reference('registry', key, node.attrLocs.key ?? node.loc);
  return v;
}

function sourceNode(source: CompiledExpression | undefined, ctx: MessageContext): Element {
  const doc = ctx.message.envelopeForUpdate();
  if (!source) {
    const first = firstElementChild(bodyOf(doc));
    if (!first) throw new MediationFault(0, 'XSLT: the message body is empty; nothing to transform');
    return first;
  }
  const r = source.evaluate(ctx);
  const nodes = Array.isArray(r) ? r : [r];
  const found = nodes.find((n) => n && typeof n === 'object' && (n as Node).nodeType === 1) as Element | undefined;
  if (!found) throw new MediationFault(0, `XSLT: the source '${source.source}' selected no element`);
  return found;
}

function replaceWithResult(target: Element, output: string, ctx: MessageContext): void {
  const doc = target.ownerDocument!;
  const text = output.replace(/^\s*<\?xml[^?]*\?>/, '').trim();
  let replacement: Node;
  const parsed = text.startsWith('<') ? tryParse(text) : undefined;
  if (parsed) replacement = doc.importNode(parsed, true);
  else {
    const wrapper = doc.createElementNS(PAYLOAD_NS, 'axis2ns:text');
    wrapper.setAttributeNS('http://www.w3.org/2000/xmlns/', 'xmlns:axis2ns', PAYLOAD_NS);
    wrapper.appendChild(doc.createTextNode(output));
    replacement = wrapper;
  }
  const parent = target.parentNode;
  if (!parent || parent.nodeType === 9) {
    throw new MediationFault(0, 'XSLT: the source node has no parent to receive the result');
  }
  parent.replaceChild(replacement, target);
  ctx.message.envelopeForUpdate();
}

function tryParse(text: string): Element | undefined {
  try {
    return parseXmlStrict(text).documentElement ?? undefined;
  } catch {
    return undefined;
  }
}
