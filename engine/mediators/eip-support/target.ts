/**
 * The `<target>` of clone and iterate: a sequence (key or inline) and/or an
 * endpoint (key or inline), with optional `to` / `soapAction` overrides.
 * An endpoint target behaves like MI's send: the response goes to the flow's
 * out-sequence when it has one, else back to the client.
 */
import type { CompileEnv, CompiledSequence, EndpointRuntime, Resolver } from '../../model/definition.js';
import { el, a, child, type ElementDescriptor } from '../../model/descriptor.js';
import { childNamed, type ConfigNode } from '../../model/node.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import type { MessageContext } from '../../core/context.js';
import type { StepOutcome } from '../../core/step.js';
import { runSequence } from '../../runtime/flow.js';

export const inlineSequenceDescriptor: ElementDescriptor = el('sequence', [a.key('onError', 'sequence'), a.description()], 'mediators');

export const targetDescriptor: ElementDescriptor = el(
  'target',
  [
    a.key('sequence', 'sequence', { help: 'Name of the sequence that mediates the copy.' }),
    a.key('endpoint', 'endpoint', { help: 'Name of the endpoint the copy is sent to.' }),
    a.str('to', { help: 'Overrides the To address of the copy.' }),
    a.str('soapAction', { help: 'Overrides the SOAP action of the copy.' }),
  ],
  'elements',
  [child(inlineSequenceDescriptor), child(endpointDescriptor(endpointDefinitions))],
);

export interface CompiledTarget {
  /** Mediates a branch message; 'halt' when the target ended the branch (drop, respond, send). */
  run(ctx: MessageContext): Promise<StepOutcome>;
}

export function compileTarget(node: ConfigNode, env: CompileEnv, path: string): CompiledTarget {
  let sequence: Resolver<CompiledSequence> | undefined;
  const seqNode = childNamed(node, 'sequence');
  if (seqNode) {
    const inline = env.inlineSequence(seqNode, `${path}/sequence`);
    sequence = () => inline;
  } else if (node.attrs.sequence !== undefined) sequence = env.sequenceRef(node.attrs.sequence, node.attrLocs.sequence ?? node.loc, node.namespaces);
  let endpoint: Resolver<EndpointRuntime> | undefined;
  const epNode = childNamed(node, 'endpoint');
  if (epNode) endpoint = env.endpoint(epNode, `${path}/endpoint`);
  else if (node.attrs.endpoint !== undefined) {
    const name = node.attrs.endpoint;
    env.reference('endpoint', name, node.attrLocs.endpoint ?? node.loc);
    endpoint = (ctx) => ctx.services.lookup('endpoint', name) as EndpointRuntime;
  }
  const to = node.attrs.to;
  const soapAction = node.attrs.soapAction;
  return {
    async run(ctx) {
      if (to !== undefined) ctx.to = to;
      if (soapAction !== undefined) ctx.soapAction = soapAction;
      if (sequence) {
        const outcome = await runSequence(sequence(ctx), ctx);
        if (outcome === 'halt') return 'halt';
      }
      if (!endpoint) return 'continue';
      await endpoint(ctx).send(ctx, {});
      const out = ctx.flow?.outSequence;
      if (out) await runSequence(out, ctx);
      else await ctx.sendResponse();
      return 'halt';
    },
  };
}
