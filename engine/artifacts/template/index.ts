/** template: a sequence template (call-template) or an endpoint template, with parameters. */
import { el, a, child, type ElementDescriptor } from '../../model/descriptor.js';
import { childNamed, childrenNamed } from '../../model/node.js';
import type { ArtifactDefinition } from '../types.js';
import { sequenceDescriptor } from '../sequence/index.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';

const parameter = el('parameter', [a.str('name', { required: true }), a.bool('isMandatory'), a.str('defaultValue'), a.description()], 'xml');
/**
 * An endpoint template's `<endpoint>` holds `$param` placeholders in any
 * attribute (format="$format", port numbers ...): its attributes are checked
 * as plain strings here and fully once the parameters are substituted.
 */
const templateEndpointDescriptor = placeholderTolerant(endpointDescriptor(endpointDefinitions), new Map());

function placeholderTolerant(d: ElementDescriptor, seen: Map<ElementDescriptor, ElementDescriptor>): ElementDescriptor {
  const known = seen.get(d);
  if (known) return known;
  const out: ElementDescriptor = { ...d, attributes: d.attributes.map((x) => ({ ...x, type: x.type === 'expression' || x.type === 'key' ? x.type : 'string', values: undefined })) };
  seen.set(d, out);
  return Object.assign(out, { children: d.children?.map((c) => ({ ...c, descriptor: placeholderTolerant(c.descriptor, seen) })) });
}

const templateSequence = { ...sequenceDescriptor, attributes: sequenceDescriptor.attributes.map((x) => ({ ...x, required: false })) };

export const templateArtifact: ArtifactDefinition = {
  kind: 'template',
  rootElement: 'template',
  descriptor: el('template', [a.str('name', { required: true }), a.key('onError', 'sequence'), a.description()], 'elements', [child(parameter, { multiple: true }), child(templateSequence), child(templateEndpointDescriptor), child(el('description', [], 'text'))]),
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const parameters = childrenNamed(node, 'parameter').map((p) => ({ name: p.attrs.name ?? '', mandatory: p.attrs.isMandatory === 'true', defaultValue: p.attrs.defaultValue }));
    const seqNode = childNamed(node, 'sequence');
    const epNode = childNamed(node, 'endpoint');
    if (!seqNode && !epNode) env.report('SYN006', `template ${name} needs a <sequence> or an <endpoint>`, node.loc);
    const path = `template:${name}`;
    return {
      kind: 'template',
      name,
      value: {
        name,
        parameters,
        sequence: seqNode ? { name, path, steps: env.mediators(seqNode.mediators, path), onError: seqNode.attrs.onError, file: env.file } : undefined,
        endpointNode: epNode,
      },
    };
  },
};
