import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import type { ArtifactDefinition } from '../types.js';
import { MediationFault } from '../../core/errors.js';
import type { EndpointRuntime } from '../../model/definition.js';
import { withHealthOf, type MemberRuntime } from '../../endpoints/member.js';

const descriptor = endpointDescriptor(endpointDefinitions);

export const endpointArtifact: ArtifactDefinition = {
  kind: 'endpoint',
  rootElement: 'endpoint',
  descriptor: { ...descriptor, attributes: descriptor.attributes.map((x) => (x.name === 'name' ? { ...x, required: true } : x)) },
  nameOf: (node) => node.attrs.name ?? '',
  compile(node, env) {
    const name = node.attrs.name ?? '';
    const resolve = env.endpoint(node, `endpoint:${name}`);
    const wrapper: EndpointRuntime = {
      name,
      kind: 'named',
      target: name,
      async send(ctx, options) {
        if (!resolve) throw new MediationFault(101500, `Endpoint ${name} is not usable`);
        await resolve(ctx).send(ctx, options);
      },
    };
    // An inline definition resolves without a message; groups then see its real state (suspended members are skipped).
    const isInline = node.attrs.key === undefined && node.attrs['key-expression'] === undefined && node.attrs.template === undefined;
    const inner = isInline && resolve ? () => resolve(undefined as never) as MemberRuntime : () => undefined;
    return { kind: 'endpoint', name, value: withHealthOf(wrapper, inner) };
  },
};
