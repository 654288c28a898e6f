/**
 * send (legacy in/out model). With an endpoint, or in a request flow without
 * one (then the `To` address is used), the message is sent and the response
 * runs the out flow: the `receive` sequence if named, else the artifact's out
 * sequence, else it goes back to the client. In a response flow (or with the
 * RESPONSE property true) a send without endpoint answers the client. Either
 * way the current flow stops after send. With OUT_ONLY=true the response is
 * not mediated. A response whose To is a mailto: address is mailed there instead.
 */
import type { EndpointCallOptions, MediatorDefinition, EndpointRuntime, Resolver, CompiledSequence } from '../../model/definition.js';
import type { MessageContext } from '../../core/context.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import { defaultEndpoint } from '../../endpoints/default/index.js';
import { makeStep, boolAttr } from '../support.js';
import { runOutFlow } from './out-flow.js';

export const sendMediator: MediatorDefinition = {
  kind: 'send',
  descriptor: el(
    'send',
    [
      a.key('receive', 'sequence', { help: 'Sequence that receives the response (instead of the out sequence).' }),
      a.bool('buildmessage', { help: 'Build the message before sending it.' }),
      a.description(),
    ],
    'elements',
    [child(endpointDescriptor(endpointDefinitions))],
  ),
  editor: { label: 'Send', group: 'core', help: 'Sends the message to an endpoint; the response goes to the out sequence (legacy). Without an endpoint in a response flow it answers the client.' },
  contentAware: (node) => boolAttr(node, 'buildmessage', false),
  compile(node, env, path) {
    const epNode = childNamed(node, 'endpoint');
    const explicit = epNode ? env.endpoint(epNode, `${path}/endpoint`) : undefined;
    const toAddress = defaultEndpoint.compile(node, node, env, `${path}/endpoint`);
    const receive: Resolver<CompiledSequence> | undefined = node.attrs.receive !== undefined ? env.sequenceRef(node.attrs.receive, node.attrLocs.receive ?? node.loc, node.namespaces) : undefined;
    const build = boolAttr(node, 'buildmessage', false);
    const pick = (ctx: MessageContext): EndpointRuntime | undefined => {
      if (explicit) return explicit(ctx);
      if (ctx.isResponse || isTrue(ctx.properties.get('RESPONSE'))) return undefined;
      return toAddress;
    };
    return makeStep('send', path, node, build, async (ctx) => {
      const endpoint = pick(ctx);
      if (!endpoint) {
        // A response whose To names a mailto: address goes out by mail, as MI's AxisEngine sends a
        // response to a non-anonymous To through that address's transport (the mail listener's
        // reply pattern: <header name="To" value="mailto:..."/> then <send/>). The mail transport
        // has no response, so nothing more is mediated.
        if (/^mailto:/i.test(ctx.to ?? '')) {
          await toAddress.send(ctx, {});
          return 'halt';
        }
        await ctx.sendResponse();
        return 'halt';
      }
      const outOnly = isTrue(ctx.properties.get('OUT_ONLY'));
      const options: EndpointCallOptions = outOnly ? {} : { eachResponse: (response) => runOutFlow(response, receive?.(response)) };
      await endpoint.send(ctx, options);
      // OUT_ONLY: fire and forget; the response is not mediated (the client gets 202 if nothing else answered).
      if (!outOnly && !options.responsesHandled) await runOutFlow(ctx, receive?.(ctx));
      return 'halt';
    });
  },
};

function isTrue(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}
