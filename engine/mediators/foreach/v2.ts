/**
 * foreach v2 (MI 4.4, `collection`): mediates each item of a collection as its
 * own message, concurrently unless parallel-execution="false", then writes the
 * results back into the original payload (update-original, the default) or into
 * `target-variable` (JSON array, or an XML element named result-enclosing-element).
 */
import type { MessageContext } from '../../core/context.js';
import type { CompiledSequence } from '../../model/definition.js';
import type { CompiledExpression } from '../../expr/types.js';
import { runSequence } from '../../runtime/flow.js';
import { newDocument } from '../../xml/dom.js';
import { jsonToXmlElement } from '../../xml/json-xml.js';
import { isNode, messageOfItem } from '../eip-support/payload.js';
import { runAll, runCopy } from '../eip-support/branches.js';

export interface ForeachV2Options {
  collection: CompiledExpression;
  sequence: CompiledSequence;
  parallel: boolean;
  continueWithoutAggregation: boolean;
  updateOriginal: boolean;
  targetVariable?: string;
  resultContentType: 'JSON' | 'XML';
  resultEnclosingElement?: string;
  counterVariable?: string;
}

export async function runForeachV2(ctx: MessageContext, o: ForeachV2Options): Promise<void> {
  const selected = o.collection.evaluate(ctx);
  const items: unknown[] = Array.isArray(selected) ? selected : selected === undefined || selected === null ? [] : [selected];
  const runItem = async (item: unknown, i: number): Promise<unknown> => {
    const part = ctx.fork(messageOfItem(item, ctx.message));
    if (o.counterVariable) part.variables.set(o.counterVariable, i);
    await runSequence(o.sequence, part);
    return part.message.payloadKind === 'json' ? part.message.json() : part.message.bodyElement();
  };
  if (o.continueWithoutAggregation) {
    void runAll(items.map((item, i) => () => runCopy(ctx.fork(ctx.message.clone()), async () => (await runItem(item, i), 'continue' as const))), !o.parallel);
    return;
  }
  const results = await runAll(items.map((item, i) => () => runItem(item, i)), !o.parallel);
  if (o.updateOriginal) {
    if (Array.isArray(selected) && !selected.some(isNode)) {
      const root = ctx.message.json();
      selected.splice(0, selected.length, ...results);
      ctx.message.setJson(root);
      return;
    }
    const doc = ctx.message.envelopeForUpdate();
    items.forEach((node, i) => {
      const r = results[i];
      if (isNode(node) && isNode(r) && node.parentNode) node.parentNode.replaceChild(doc.importNode(r, true), node);
    });
    return;
  }
  if (!o.targetVariable) return;
  if (o.resultContentType === 'JSON') {
    ctx.variables.set(o.targetVariable, results.map((r) => (isNode(r) ? (r as Element).textContent : r)));
    return;
  }
  const doc = newDocument();
  const wrapper = doc.createElementNS(null, o.resultEnclosingElement ?? 'ForEachResults');
  for (const r of results) {
    if (isNode(r)) wrapper.appendChild(doc.importNode(r, true));
    else wrapper.appendChild(doc.importNode(jsonToXmlElement(r, doc as never) as unknown as Node, true));
  }
  doc.appendChild(wrapper);
  ctx.variables.set(o.targetVariable, wrapper);
}
