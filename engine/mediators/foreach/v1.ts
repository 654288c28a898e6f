/**
 * foreach v1: transforms each part selected by `expression` in place. Each part
 * is mediated as its own message (sequentially); the result replaces the part.
 * Sets `<id>_FOREACH_COUNTER` and `<id>_FOREACH_ORIGINAL_MESSAGE` (no prefix without id).
 */
import type { MessageContext } from '../../core/context.js';
import type { CompiledSequence } from '../../model/definition.js';
import type { CompiledExpression } from '../../expr/types.js';
import { runSequence } from '../../runtime/flow.js';
import { serializeXml } from '../../xml/dom.js';
import { messageOfNode, nodesOf } from '../eip-support/payload.js';

export async function runForeachV1(ctx: MessageContext, expression: CompiledExpression, sequence: CompiledSequence, id: string | undefined): Promise<void> {
  const prefix = id ? `${id}_` : '';
  const counter = `${prefix}FOREACH_COUNTER`;
  if (expression.language === 'xpath') {
    const doc = ctx.message.envelopeForUpdate();
    ctx.properties.set(`${prefix}FOREACH_ORIGINAL_MESSAGE`, serializeXml(doc.documentElement!));
    const nodes = nodesOf(expression.evaluate(ctx)).filter((n) => n.nodeType === 1);
    for (const [i, node] of nodes.entries()) {
      const part = ctx.fork(messageOfNode(node, ctx.message));
      part.properties.set(counter, i);
      ctx.properties.set(counter, i);
      await runSequence(sequence, part);
      const result = part.message.bodyElement();
      if (result && node.parentNode) node.parentNode.replaceChild(doc.importNode(result, true), node);
    }
    return;
  }
  const root = ctx.message.json();
  ctx.properties.set(`${prefix}FOREACH_ORIGINAL_MESSAGE`, JSON.stringify(root));
  const selected = expression.evaluate(ctx);
  const items: unknown[] = Array.isArray(selected) ? selected : selected === undefined ? [] : [selected];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const m = ctx.message.clone();
    m.setJson(structuredClone(item));
    const part = ctx.fork(m);
    part.properties.set(counter, i);
    ctx.properties.set(counter, i);
    await runSequence(sequence, part);
    const result = part.message.json();
    if (Array.isArray(selected)) selected[i] = result;
    else if (item && typeof item === 'object' && result && typeof result === 'object' && !Array.isArray(item)) {
      for (const k of Object.keys(item)) delete (item as Record<string, unknown>)[k];
      Object.assign(item, result);
    }
  }
  ctx.message.setJson(root);
}
