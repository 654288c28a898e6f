/**
 * clone: sends copies of the message to several targets, concurrently by
 * default or one after another (`sequential`). Each copy is marked with MI's
 * aggregate correlation properties so an aggregate can gather the results.
 * A copy whose target went out to an endpoint and came back continues with the
 * rest of the parent flow (MI resumes a copy's continuation on the response),
 * which is how `clone … aggregate` in one sequence works.
 * The parent continues only with `continueParent="true"`, at once, while the
 * copies are in flight (as in MI); the request stays open until they finish.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed } from '../../model/node.js';
import { makeStep, boolAttr } from '../support.js';
import { remainingSteps } from '../../runtime/flow.js';
import { compileTarget, targetDescriptor } from '../eip-support/target.js';
import { markCopy, runAll, runCopy, continueWith, drainPending, addPending } from '../eip-support/branches.js';

export const cloneMediator: MediatorDefinition = {
  kind: 'clone',
  descriptor: el(
    'clone',
    [
      a.str('id', { help: 'Names this split so an aggregate with the same id gathers its copies.' }),
      a.bool('continueParent', { default: 'false', help: 'Whether the original message continues after the clone.' }),
      a.bool('sequential', { default: 'false', help: 'Run the targets one after another instead of concurrently.' }),
      a.description(),
    ],
    'elements',
    [child(targetDescriptor, { required: true, multiple: true })],
  ),
  editor: { label: 'Clone', group: 'eip', help: 'Sends a copy of the message to each target.', fieldOrder: ['id', 'continueParent', 'sequential'] },
  contentAware: () => true,
  compile(node, env, path) {
    const targets = childrenNamed(node, 'target').map((t, i) => compileTarget(t, env, `${path}/target[${i}]`));
    const id = node.attrs.id;
    const continueParent = boolAttr(node, 'continueParent', false);
    const sequential = boolAttr(node, 'sequential', false);
    return makeStep('clone', path, node, true, async (ctx) => {
      const rest = remainingSteps(ctx);
      const wasResponse = ctx.isResponse;
      const copies = targets.map((_, i) => {
        const copy = ctx.fork(ctx.message.clone());
        markCopy(copy, ctx, id, i, targets.length);
        return copy;
      });
      const copiesDone = runAll(
        targets.map((target, i) => () =>
          runCopy(copies[i]!, async (copy) => {
            const outcome = await target.run(copy);
            if (outcome === 'halt' || copy.isResponse === wasResponse) return outcome;
            return continueWith(copy, rest);
          }),
        ),
        sequential,
      );
      if (continueParent) {
        // MI lets the parent run on while the copies are in flight; the request stays open until they finish.
        addPending(ctx, copiesDone.then(() => undefined));
        return 'continue';
      }
      await copiesDone;
      await drainPending(ctx);
      return 'halt';
    });
  },
};
