/**
 * The catalog: every mediator the runtime knows. Adding a mediator = adding
 * its module to one of the group lists; the studio's palette and forms learn
 * it from here.
 */
import type { MediatorDefinition } from '../model/definition.js';
import { SYNAPSE_NS } from '../xml/dom.js';
import { coreMediators } from './catalog-core.js';
import { routingMediators } from './catalog-routing.js';
import { eipMediators } from './catalog-eip.js';
import { transformationMediators } from './catalog-transformation.js';
import { extensionMediators } from './catalog-extension.js';
import { qosMediators } from './catalog-qos.js';

export const mediatorDefinitions: readonly MediatorDefinition[] = [...coreMediators, ...routingMediators, ...eipMediators, ...transformationMediators, ...extensionMediators, ...qosMediators];

/** Namespace ('' for none) -> local name -> definition; looked up for every element of every artifact, so no key is built per call. */
const byElement = new Map<string, Map<string, MediatorDefinition>>();
for (const d of mediatorDefinitions) {
  const ns = d.descriptor.ns === undefined ? SYNAPSE_NS : (d.descriptor.ns ?? '');
  if (!byElement.has(ns)) byElement.set(ns, new Map());
  byElement.get(ns)!.set(d.descriptor.element, d);
}

export function findMediator(ns: string | null, localName: string): MediatorDefinition | undefined {
  return byElement.get(ns ?? '')?.get(localName);
}
