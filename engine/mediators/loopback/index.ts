/**
 * loopback: turns the message into a response and moves it to the out flow
 * (the API resource's or proxy's out sequence, or straight back to the
 * client when there is none). Mediators after it in the in flow do not run.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { makeStep } from '../support.js';
import { runOutFlow } from '../send/out-flow.js';

export const loopbackMediator: MediatorDefinition = {
  kind: 'loopback',
  descriptor: el('loopback', [a.description()], 'empty'),
  editor: { label: 'Loopback', group: 'core', help: 'Moves the message from the in flow to the out flow (out sequence, or back to the client).' },
  contentAware: () => false,
  compile(node, _env, path) {
    return makeStep('loopback', path, node, false, async (ctx) => {
      ctx.to = undefined;
      await runOutFlow(ctx);
      return 'halt';
    });
  },
};
