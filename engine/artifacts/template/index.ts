/** template: a sequence template (call-template) or an endpoint template, with parameters. */
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed } from '../../model/node.js';
import type { ArtifactDefinition } from '../types.js';
import { sequenceDescriptor } from '../sequence/index.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';

const parameter = el('parameter', [a.str('name', { required: true }), a.bool('isMandatory'), a.str('defaultValue'), a.description()], 'xml');
const templateSequence = { ...sequenceDescriptor, attributes: sequenceDescriptor.attributes.map((x) => ({ ...x, required: false })) };

export const templateArtifact: ArtifactDefinition = {
  kind: 'template',
  rootElement: 'template',
  descriptor: el('template', [a.str('name', { required: true }), a.key('onError', 'sequence'), a.description()], 'elements', [child(parameter, { multiple: true }), child(templateSequence), child(endpointDescriptor(endpointDefinitions)), child(el('description', [], 'text'))]),
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
