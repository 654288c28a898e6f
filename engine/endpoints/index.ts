/** Every endpoint kind the runtime knows. Adding a kind = adding its module here. */
import type { EndpointDefinition } from '../model/definition.js';
import type { ElementDescriptor } from '../model/descriptor.js';
import { addressEndpoint } from './address/index.js';
import { httpEndpoint } from './http/index.js';
import { defaultEndpoint } from './default/index.js';
import { wsdlEndpoint } from './wsdl/index.js';
import { failoverEndpoint } from './failover/index.js';
import { loadbalanceEndpoint } from './loadbalance/index.js';
import { recipientListEndpoint } from './recipientlist/index.js';
import { endpointDescriptor } from './element.js';
import { memberEndpointDescriptor } from './member.js';

const leafKinds: readonly EndpointDefinition[] = [addressEndpoint, httpEndpoint, defaultEndpoint, wsdlEndpoint];
const groupKinds: readonly EndpointDefinition[] = [failoverEndpoint, loadbalanceEndpoint, recipientListEndpoint];

export const endpointDefinitions: readonly EndpointDefinition[] = [...leafKinds, ...groupKinds];

export const endpointKinds: ReadonlyMap<string, EndpointDefinition> = new Map(endpointDefinitions.map((d) => [d.kind, d]));

/**
 * Group kinds hold `<endpoint>` members of any kind. The grammar is recursive,
 * but descriptors must stay acyclic (schema generators walk them), so members
 * nest groups up to GROUP_DEPTH levels; deeper members may only be leaf kinds.
 */
const GROUP_DEPTH = 4;

function memberAtDepth(depth: number): ElementDescriptor {
  if (depth >= GROUP_DEPTH) return endpointDescriptor(leafKinds);
  const inner = memberAtDepth(depth + 1);
  const groups = groupKinds.map((g) => ({ ...g, descriptor: { ...g.descriptor, children: g.descriptor.children?.map((c) => (c.descriptor === memberEndpointDescriptor ? { ...c, descriptor: inner } : c)) } }));
  return endpointDescriptor([...leafKinds, ...groups]);
}

Object.assign(memberEndpointDescriptor, memberAtDepth(1));
