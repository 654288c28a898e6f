/**
 * foreach: v1 (`expression`) transforms the selected parts in place, one after
 * another; v2 (MI 4.4, selected when `collection` is present) mediates the
 * items of a collection (in parallel by default) and writes the results back
 * or into a variable. Call, send and callout are not allowed inside a v1 loop.
 */
import type { MediatorDefinition, CompiledSequence, Resolver } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { makeStep, boolAttr } from '../support.js';
import { inlineSequenceDescriptor } from '../eip-support/target.js';
import { runForeachV1 } from './v1.js';
import { runForeachV2 } from './v2.js';

const FORBIDDEN_IN_V1 = new Set(['call', 'send', 'callout']);

/** The first call/send/callout anywhere inside `node`, for the v1 validation rule. */
function forbiddenInside(node: ConfigNode): ConfigNode | undefined {
  for (const m of node.mediators ?? []) {
    if (m.kind === 'comment') continue;
    const n = (m as { node: ConfigNode }).node;
    if (FORBIDDEN_IN_V1.has(n.element)) return n;
    const deeper = forbiddenInside(n);
    if (deeper) return deeper;
  }
  for (const c of node.children) {
    const deeper = forbiddenInside(c);
    if (deeper) return deeper;
  }
  return undefined;
}

export const foreachMediator: MediatorDefinition = {
  kind: 'foreach',
  descriptor: el(
    'foreach',
    [
      a.expr('expression', { help: 'v1: XPath or json-eval() selecting the parts to transform in place.' }),
      a.expr('collection', { help: 'v2 (MI 4.4): expression giving the collection to iterate.' }),
      a.key('sequence', 'sequence', { help: 'Sequence run for each part (instead of an inline sequence).' }),
      a.str('id'),
      a.bool('parallel-execution', { default: 'true' }),
      a.bool('continue-without-aggregation', { default: 'false' }),
      a.bool('update-original', { default: 'true' }),
      a.str('target-variable'),
      a.enum('result-content-type', ['JSON', 'XML']),
      a.str('result-enclosing-element'),
      a.str('counter-variable'),
      a.description(),
    ],
    'elements',
    [child(inlineSequenceDescriptor)],
    { oneOf: [['expression', 'collection']] },
  ),
  editor: { label: 'ForEach', group: 'eip', help: 'Mediates each part of a collection and merges the results back.', fieldOrder: ['collection', 'expression', 'parallel-execution', 'update-original', 'target-variable', 'result-content-type'] },
  contentAware: () => true,
  compile(node, env, path) {
    const seqNode = childNamed(node, 'sequence');
    let sequence: Resolver<CompiledSequence> | undefined;
    if (seqNode) {
      const inline = env.inlineSequence(seqNode, `${path}/sequence`);
      sequence = () => inline;
    } else if (node.attrs.sequence !== undefined) sequence = env.sequenceRef(node.attrs.sequence, node.attrLocs.sequence ?? node.loc, node.namespaces);
    else env.report('SYN006', 'foreach needs an inline <sequence> or a sequence attribute', node.loc);

    if (node.attrs.collection !== undefined) {
      const collection = env.expression(node, 'collection');
      const updateOriginal = boolAttr(node, 'update-original', true);
      const resultContentType = (node.attrs['result-content-type'] ?? 'JSON') as 'JSON' | 'XML';
      if (!updateOriginal && !node.attrs['target-variable']) env.report('SYN006', 'foreach with update-original="false" needs a target-variable', node.loc);
      if (!updateOriginal && resultContentType === 'XML' && !node.attrs['result-enclosing-element']) env.report('SYN006', 'foreach with result-content-type="XML" needs a result-enclosing-element', node.loc);
      const options = {
        parallel: boolAttr(node, 'parallel-execution', true),
        continueWithoutAggregation: boolAttr(node, 'continue-without-aggregation', false),
        updateOriginal,
        targetVariable: node.attrs['target-variable'],
        resultContentType,
        resultEnclosingElement: node.attrs['result-enclosing-element'],
        counterVariable: node.attrs['counter-variable'],
      };
      return makeStep('foreach', path, node, true, async (ctx) => {
        if (!collection || !sequence) return 'continue';
        await runForeachV2(ctx, { ...options, collection, sequence: sequence(ctx) });
        return 'continue';
      });
    }
    const expression = env.expression(node, 'expression');
    const forbidden = seqNode ? forbiddenInside(seqNode) : undefined;
    if (forbidden) env.report('SYN006', `<${forbidden.element}> is not allowed inside a foreach (v1) sequence`, forbidden.loc);
    const id = node.attrs.id;
    return makeStep('foreach', path, node, true, async (ctx) => {
      if (!expression || !sequence) return 'continue';
      await runForeachV1(ctx, expression, sequence(ctx), id);
      return 'continue';
    });
  },
};
