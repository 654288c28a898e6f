/**
 * scatter-gather (MI 4.4): runs a copy of the message through each branch
 * sequence (concurrently unless parallel-execution="false"), gathers the
 * aggregation expression of each finished branch (optionally only when
 * `condition` holds; completing early at max-messages or at the timeout in
 * milliseconds), and puts the results in the body or a variable: a JSON array,
 * or an XML element named result-enclosing-element.
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, childrenNamed } from '../../model/node.js';
import { makeStep, boolAttr } from '../support.js';
import { inlineSequenceDescriptor } from '../eip-support/target.js';
import { gather, type GatherOptions } from './gather.js';

const aggregation = el(
  'aggregation',
  [
    a.expr('expression', { required: true, help: 'What each branch contributes, e.g. ${payload} or xpath(\'$body/node()\').' }),
    a.expr('condition', { help: 'Only branches for which this is true are aggregated.' }),
    a.int('timeout', { help: 'Milliseconds to wait for the branches.' }),
    a.int('min-messages'),
    a.int('max-messages'),
  ],
  'empty',
);

export const scatterGatherMediator: MediatorDefinition = {
  kind: 'scatter-gather',
  descriptor: el(
    'scatter-gather',
    [
      a.bool('parallel-execution', { default: 'true' }),
      a.enum('result-content-type', ['JSON', 'XML'], { required: true }),
      a.enum('target', ['body', 'variable'], { caseInsensitive: true, default: 'body' }),
      a.str('target-variable'),
      a.str('result-enclosing-element'),
      a.description(),
    ],
    'elements',
    [child(aggregation, { required: true }), child(inlineSequenceDescriptor, { required: true, multiple: true })],
  ),
  editor: { label: 'Scatter Gather', group: 'eip', help: 'Runs the message through several sequences and aggregates their results.', fieldOrder: ['parallel-execution', 'result-content-type', 'target', 'target-variable', 'result-enclosing-element'] },
  contentAware: () => true,
  compile(node, env, path) {
    const aggNode = childNamed(node, 'aggregation');
    const branches = childrenNamed(node, 'sequence').map((s, i) => env.inlineSequence(s, `${path}/sequence[${i}]`));
    if (branches.length < 2) env.report('SYN006', 'scatter-gather needs at least two <sequence> branches', node.loc);
    const target = (node.attrs.target ?? 'body').toLowerCase();
    if (target === 'variable' && !node.attrs['target-variable']) env.report('SYN006', 'scatter-gather with target="variable" needs a target-variable', node.loc);
    const num = (v: string | undefined) => (v === undefined ? -1 : Number.parseInt(v, 10));
    const expression = aggNode ? env.expression(aggNode, 'expression') : undefined;
    const options: Omit<GatherOptions, 'expression'> = {
      branches,
      parallel: boolAttr(node, 'parallel-execution', true),
      condition: aggNode ? env.expression(aggNode, 'condition') : undefined,
      timeoutMs: num(aggNode?.attrs.timeout),
      minMessages: num(aggNode?.attrs['min-messages']),
      maxMessages: num(aggNode?.attrs['max-messages']),
      contentType: node.attrs['result-content-type'] === 'XML' ? 'XML' : 'JSON',
      enclosingElement: node.attrs['result-enclosing-element'] ?? 'AggregatedResults',
      targetVariable: target === 'variable' ? node.attrs['target-variable'] : undefined,
    };
    return makeStep('scatter-gather', path, node, true, async (ctx) => {
      if (!expression) return 'continue';
      await gather(ctx, { ...options, expression });
      return 'continue';
    });
  },
};
