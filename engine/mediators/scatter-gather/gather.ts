/** The scatter and the gather of scatter-gather, kept apart from its grammar. */
import type { MessageContext } from '../../core/context.js';
import type { CompiledSequence } from '../../model/definition.js';
import type { CompiledExpression } from '../../expr/types.js';
import { runSequence } from '../../runtime/flow.js';
import { newDocument } from '../../xml/dom.js';
import { jsonToXmlElement } from '../../xml/json-xml.js';
import { runCopy } from '../eip-support/branches.js';
import { asJson, isNode, nodesOf } from '../eip-support/payload.js';

export interface GatherOptions {
  branches: readonly CompiledSequence[];
  parallel: boolean;
  expression: CompiledExpression;
  condition?: CompiledExpression;
  timeoutMs: number;
  minMessages: number;
  maxMessages: number;
  contentType: 'JSON' | 'XML';
  enclosingElement: string;
  /** Undefined = the result replaces the body. */
  targetVariable?: string;
}

/** Runs the branches and collects contributions in arrival order until complete. */
async function scatter(ctx: MessageContext, o: GatherOptions): Promise<unknown[]> {
  const results: unknown[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  let open = true;
  const collect = (branch: MessageContext) => {
    if (!open) return;
    if (o.condition && !o.condition.evaluateBoolean(branch)) return;
    results.push(o.expression.evaluate(branch));
    if (o.maxMessages > 0 && results.length >= o.maxMessages) finish();
  };
  const runBranch = (seq: CompiledSequence) =>
    runCopy(ctx.fork(ctx.message.clone()), async (branch) => {
      const outcome = await runSequence(seq, branch);
      if (!branch.message.isBuilt) await branch.message.build();
      if (outcome === 'continue' || branch.isResponse) collect(branch);
      return outcome;
    });
  const timer = o.timeoutMs > 0 ? setTimeout(finish, o.timeoutMs) : undefined;
  const all = (async () => {
    if (o.parallel) await Promise.all(o.branches.map(runBranch));
    else for (const seq of o.branches) if (open) await runBranch(seq);
    finish();
  })();
  await finished;
  open = false;
  if (timer) clearTimeout(timer);
  void all;
  return results;
}

export async function gather(ctx: MessageContext, o: GatherOptions): Promise<void> {
  const results = await scatter(ctx, o);
  let value: unknown;
  if (o.contentType === 'JSON') value = results.map(asJson);
  else {
    const doc = newDocument();
    const wrapper = doc.createElementNS(null, o.enclosingElement);
    doc.appendChild(wrapper);
    for (const r of results) {
      const nodes = nodesOf(r);
      if (nodes.length > 0) for (const n of nodes) wrapper.appendChild(doc.importNode(n, true));
      else if (r !== undefined && !isNode(r)) wrapper.appendChild(doc.importNode(jsonToXmlElement(r, doc as never) as unknown as Node, true));
    }
    value = wrapper;
  }
  if (o.targetVariable !== undefined) {
    ctx.variables.set(o.targetVariable, value);
    return;
  }
  if (o.contentType === 'JSON') {
    ctx.message.setJson(value);
    ctx.message.contentType = 'application/json';
    ctx.axis2.set('messageType', 'application/json');
  } else {
    ctx.message.setXmlBody(value as Element);
    if (!ctx.message.contentType || ctx.message.contentType.includes('json')) ctx.message.contentType = 'application/xml';
    ctx.axis2.set('messageType', ctx.message.contentType);
  }
}
