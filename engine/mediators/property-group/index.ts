/**
 * propertyGroup: a list of property mediators applied in order, each with
 * the property mediator's own grammar and behaviour.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import type { Step } from '../../core/step.js';
import { el, a, child } from '../../model/descriptor.js';
import { runSteps } from '../../runtime/flow.js';
import { makeStep } from '../support.js';
import { propertyDescriptor, propertyMediator } from '../property/index.js';

export const propertyGroupMediator: MediatorDefinition = {
  kind: 'propertyGroup',
  descriptor: el('propertyGroup', [a.description()], 'elements', [child(propertyDescriptor, { multiple: true, required: true })]),
  editor: { label: 'Property Group', group: 'core', help: 'Sets or removes several properties in order.' },
  contentAware: () => false,
  compile(node, env, path) {
    const steps: Step[] = node.children.map((p, i) => propertyMediator.compile(p, env, `${path}/${i}`));
    const contentAware = steps.some((s) => s.contentAware);
    return makeStep('propertyGroup', path, node, contentAware, async (ctx) => runSteps(steps, ctx));
  },
};
