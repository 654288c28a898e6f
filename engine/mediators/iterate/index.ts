/**
 * iterate: splits the message with an XPath or JSONPath expression and sends
 * one message per result to the target (concurrently unless `sequential`).
 * Copies carry MI's aggregate correlation properties; a copy whose target went
 * out to an endpoint and came back continues with the rest of the parent flow
 * (so `iterate … aggregate` in one sequence gathers the responses, as in MI).
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { makeStep, boolAttr } from '../support.js';
import { remainingSteps } from '../../runtime/flow.js';
import { compileTarget, targetDescriptor } from '../eip-support/target.js';
import { markCopy, runAll, runCopy, continueWith, drainPending } from '../eip-support/branches.js';
import { splitMessages } from '../eip-support/split.js';

export const iterateMediator: MediatorDefinition = {
  kind: 'iterate',
  descriptor: el(
    'iterate',
    [
      a.expr('expression', { required: true, help: 'XPath or json-eval() selecting the parts to send.' }),
      a.str('id', { help: 'Names this split so an aggregate with the same id gathers its copies.' }),
      a.bool('continueParent', { default: 'false' }),
      a.bool('sequential', { default: 'false' }),
      a.bool('preservePayload', { default: 'false', help: 'Keep the rest of the payload and attach each part under attachPath.' }),
      a.expr('attachPath', { help: 'Where each part is attached when preservePayload is true.' }),
      a.description(),
    ],
    'elements',
    [child(targetDescriptor, { required: true })],
  ),
  editor: { label: 'Iterate', group: 'eip', help: 'Splits the message and sends each part to the target.', fieldOrder: ['expression', 'id', 'continueParent', 'sequential', 'preservePayload', 'attachPath'] },
  contentAware: () => true,
  compile(node, env, path) {
    const expression = env.expression(node, 'expression');
    const attachPath = env.expression(node, 'attachPath');
    const preservePayload = boolAttr(node, 'preservePayload', false);
    if (preservePayload && !attachPath && node.attrs.attachPath === undefined) env.report('SYN006', 'iterate with preservePayload="true" needs an attachPath', node.loc);
    const targetNode = childNamed(node, 'target');
    const target = targetNode ? compileTarget(targetNode, env, `${path}/target`) : undefined;
    const id = node.attrs.id;
    const continueParent = boolAttr(node, 'continueParent', false);
    const sequential = boolAttr(node, 'sequential', false);
    return makeStep('iterate', path, node, true, async (ctx) => {
      if (!expression || !target) return 'continue';
      const rest = remainingSteps(ctx);
      const wasResponse = ctx.isResponse;
      const messages = splitMessages(ctx, { expression, preservePayload, attachPath });
      const copies = messages.map((m, i) => {
        const copy = ctx.fork(m);
        markCopy(copy, ctx, id, i, messages.length);
        return copy;
      });
      await runAll(
        copies.map((copy) => () =>
          runCopy(copy, async (c) => {
            const outcome = await target.run(c);
            if (outcome === 'halt' || c.isResponse === wasResponse) return outcome;
            return continueWith(c, rest);
          }),
        ),
        sequential,
      );
      await drainPending(ctx);
      return continueParent ? 'continue' : 'halt';
    });
  },
};
