/**
 * Where a response goes in the legacy in/out model (send, loopback): the
 * `receive` sequence when one is named, else the artifact's out sequence,
 * else straight back to the client.
 */
import type { MessageContext } from '../../core/context.js';
import type { CompiledSequence } from '../../model/definition.js';
import { runSequence } from '../../runtime/flow.js';

export async function runOutFlow(ctx: MessageContext, receive?: CompiledSequence): Promise<void> {
  ctx.isResponse = true;
  const out = receive ?? ctx.flow?.outSequence;
  if (out) await runSequence(out, ctx);
  else await ctx.sendResponse();
}
