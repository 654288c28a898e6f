import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { makeStep } from '../support.js';

/**
 * Stops the flow. When nothing answered the client, the transport replies
 * 202 Accepted with an empty body, as MI's pass-through transport does.
 */
export const dropMediator: MediatorDefinition = {
  kind: 'drop',
  descriptor: el('drop', [a.description()], 'empty'),
  editor: { label: 'Drop', group: 'core', help: 'Stops processing the message. A client still waiting gets 202 Accepted.' },
  contentAware: () => false,
  compile(node, _env, path) {
    return makeStep('drop', path, node, false, async () => 'halt');
  },
};
