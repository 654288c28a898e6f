import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import type { ArtifactDefinition } from '../types.js';
import { MediationFault } from '../../core/errors.js';

const descriptor = endpointDescriptor(endpointDefinitions);

export const endpointArtifact: ArtifactDefinition = {
  kind: 'endpoint',
  rootElement: 'endpoint',
  descriptor: { ...descriptor, attributes: descriptor.attributes.map((x) => (x.name === 'name' ? { ...x, required: true } : x)) },
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const resolve = env.endpoint(node, `endpoint:${name}`);
    return {
      kind: 'endpoint',
      name,
      value: {
        name,
        kind: 'named',
        target: name,
        async send(ctx, options) {
          if (!resolve) throw new MediationFault(101500, `Endpoint ${name} is not usable`);
          await resolve(ctx).send(ctx, options);
        },
      },
    };
  },
};
