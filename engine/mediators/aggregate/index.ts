/**
 * aggregate: gathers the copies made by clone/iterate (grouped by MI's
 * `aggregateCorelation[.id]` property = the parent's message id, or by the
 * value of correlateOn) and, when the group completes (all copies, min/max
 * count, or timeout), runs onComplete with one merged message. Messages that
 * belong to no split pass through. Held messages wait for their group, so the
 * request stays open until the aggregate answers (as MI's client connection does).
 */
import type { MediatorDefinition, CompiledSequence, Resolver, ValueRef } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import type { MessageContext } from '../../core/context.js';
import type { Step, StepOutcome } from '../../core/step.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { makeStep, resolveValue } from '../support.js';
import { runSequence, runSteps } from '../../runtime/flow.js';
import { correlationProperty, sequenceProperty, addPending, runCopy } from '../eip-support/branches.js';
import { Group, CompletedSet, type Limits } from './groups.js';
import { mergeMessages } from './merge.js';

const correlateOn = el('correlateOn', [a.expr('expression', { required: true })], 'empty');
const messageCount = el('messageCount', [a.value('min', { help: 'Completes once this many messages arrived (-1: unset).' }), a.value('max', { help: 'Completes at this many messages; more are not collected (-1: unset).' })], 'empty');
const completeCondition = el('completeCondition', [a.int('timeout', { help: 'Seconds after the first message at which the group completes with what it has.' })], 'elements', [child(messageCount)]);
const onComplete = el(
  'onComplete',
  [
    a.expr('expression', { required: true, help: 'XPath or json-eval() picking the part of each message to aggregate.' }),
    a.key('sequence', 'sequence', { help: 'Sequence run with the aggregated message (instead of inline mediators).' }),
    a.str('enclosingElementProperty', { help: 'Property holding the element that wraps the aggregated parts.' }),
    a.enum('aggregateElementType', ['root', 'child'], { default: 'root' }),
  ],
  'mediators',
);

function intOf(v: ValueRef | undefined, ctx: MessageContext): number {
  if (!v) return -1;
  const n = Number.parseFloat(resolveValue(v, ctx));
  if (Number.isNaN(n)) throw new MediationFault(ErrorCodes.GENERIC, `messageCount value '${resolveValue(v, ctx)}' is not a number`);
  return Math.trunc(n);
}

export const aggregateMediator: MediatorDefinition = {
  kind: 'aggregate',
  descriptor: el('aggregate', [a.str('id', { help: 'Gathers only the copies of the clone/iterate with this id.' }), a.description()], 'elements', [child(correlateOn), child(completeCondition), child(onComplete, { required: true })]),
  editor: { label: 'Aggregate', group: 'eip', help: 'Combines the messages split by clone or iterate into one.', fieldOrder: ['id'] },
  contentAware: () => true,
  compile(node, env, path) {
    const id = node.attrs.id;
    const corrNode = childNamed(node, 'correlateOn');
    const correlate = corrNode ? env.expression(corrNode, 'expression') : undefined;
    const condNode = childNamed(node, 'completeCondition');
    const countNode = condNode ? childNamed(condNode, 'messageCount') : undefined;
    const timeoutMs = condNode?.attrs.timeout !== undefined ? Number.parseInt(condNode.attrs.timeout, 10) * 1000 : 0;
    const min = countNode ? env.value(countNode, 'min') : undefined;
    const max = countNode ? env.value(countNode, 'max') : undefined;
    const doneNode = childNamed(node, 'onComplete');
    const expression = doneNode ? env.expression(doneNode, 'expression') : undefined;
    const enclosing = doneNode?.attrs.enclosingElementProperty;
    let sequence: Resolver<CompiledSequence> | undefined;
    let steps: Step[] = [];
    if (doneNode?.attrs.sequence !== undefined) sequence = env.sequenceRef(doneNode.attrs.sequence, doneNode.attrLocs.sequence ?? doneNode.loc, doneNode.namespaces);
    else if (doneNode) steps = env.mediators(doneNode.mediators, `${path}/onComplete`);

    const groups = new Map<string, Group>();
    const completed = new CompletedSet();

    const complete = async (group: Group, ctx: MessageContext): Promise<StepOutcome> => {
      groups.delete(group.correlation);
      completed.add(group.correlation);
      ctx.message = mergeMessages(group.messages, expression, enclosing);
      if (sequence) return runSequence(sequence(ctx), ctx);
      return runSteps(steps, ctx);
    };
    // On timeout the last collected copy carries the aggregated message (MI runs onComplete on a timer thread).
    const onTimeout = (group: Group) => {
      if (!group.finish()) return;
      const last = group.messages[group.messages.length - 1]!;
      void runCopy(last, (c) => complete(group, c)).finally(group.settle);
    };

    return makeStep('aggregate', path, node, true, async (ctx) => {
      let key: string | undefined;
      if (correlate) {
        const v = correlate.evaluate(ctx);
        if (Array.isArray(v) && v.length === 0) throw new MediationFault(ErrorCodes.GENERIC, `Failed to evaluate correlate expression: ${correlate.source}`);
        // MI keys such groups by the expression text, which mixes concurrent requests; the value keeps them apart.
        key = `correlateOn:${correlate.evaluateString(ctx)}`;
      } else {
        const c = ctx.properties.get(correlationProperty(id));
        if (typeof c !== 'string') return 'continue';
        key = c;
      }
      if (completed.has(key)) return 'halt';
      let group = groups.get(key);
      if (!group) {
        const seq = ctx.properties.get(sequenceProperty(id));
        const total = typeof seq === 'string' && !correlate ? Number.parseInt(seq.split('/')[1] ?? '', 10) : Number.NaN;
        const limits: Limits = { timeoutMs, min: intOf(min, ctx), max: intOf(max, ctx) };
        group = new Group(key, limits, Number.isNaN(total) ? undefined : total, onTimeout);
        groups.set(key, group);
      }
      if (!group.add(ctx)) return 'halt';
      if (group.isComplete() && group.finish()) {
        try {
          return await complete(group, ctx);
        } finally {
          group.settle();
        }
      }
      // Held: this copy's flow ends here; the request stays open until the group completes.
      addPending(ctx, group.done);
      return 'halt';
    });
  },
};
