import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { makeStep } from '../support.js';

/** Sends the current message back to the client and ends the flow. */
export const respondMediator: MediatorDefinition = {
  kind: 'respond',
  descriptor: el('respond', [a.description()], 'empty'),
  editor: { label: 'Respond', group: 'core', help: 'Sends the current message back to the client and stops the flow.' },
  contentAware: () => false,
  compile(node, _env, path) {
    return makeStep('respond', path, node, false, async (ctx) => {
      await ctx.sendResponse();
      return 'halt';
    });
  },
};
