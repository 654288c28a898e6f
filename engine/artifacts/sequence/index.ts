import { el, a } from '../../model/descriptor.js';
import type { ArtifactDefinition } from '../types.js';

export const sequenceDescriptor = el(
  'sequence',
  [a.str('name', { required: true }), a.key('onError', 'sequence'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable']), a.description()],
  'mediators',
);

export const sequenceArtifact: ArtifactDefinition = {
  kind: 'sequence',
  rootElement: 'sequence',
  descriptor: sequenceDescriptor,
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    if (node.attrs.onError) env.reference('sequence', node.attrs.onError, node.attrLocs.onError ?? node.loc);
    const path = `sequence:${name}`;
    return { kind: 'sequence', name, value: { name, path, steps: env.mediators(node.mediators, path), onError: node.attrs.onError, file: env.file } };
  },
};
