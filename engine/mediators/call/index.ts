/**
 * call: sends the message to an endpoint and continues the flow with the
 * response as the current message. Blocking and non-blocking modes behave the
 * same here (there is no thread to block); both wait for the response.
 * Without an endpoint the message goes to its `To` address.
 * MI 4.4 `<source>`/`<target>` choose the request payload and where the
 * response goes (see source-target.ts).
 */
import type { MediatorDefinition, EndpointRuntime, Resolver } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import { defaultEndpoint } from '../../endpoints/default/index.js';
import { makeStep } from '../support.js';
import { Message } from '../../core/message.js';
import type { MessageContext } from '../../core/context.js';
import { compileSource, compileTarget, sourceReadsPayload, prepareRequest, finishResponse } from './source-target.js';

const sourceDesc = el('source', [a.enum('type', ['custom', 'inline', 'property', 'body'], { default: 'custom' }), a.str('contentType', { help: 'Content type the request is sent as.' })], 'xml');
const targetDesc = el('target', [a.enum('type', ['body', 'property', 'variable'], { default: 'body' })], 'text');

export const callMediator: MediatorDefinition = {
  kind: 'call',
  descriptor: el('call', [a.bool('blocking', { default: 'false' }), a.bool('initAxis2ClientOptions'), a.description()], 'elements', [child(endpointDescriptor(endpointDefinitions)), child(sourceDesc), child(targetDesc)]),
  editor: { label: 'Call', group: 'core', help: 'Calls an endpoint and continues with its response.' },
  contentAware: () => false,
  compile(node, env, path) {
    const epNode = childNamed(node, 'endpoint');
    let resolve: Resolver<EndpointRuntime> | undefined;
    if (epNode) resolve = env.endpoint(epNode, `${path}/endpoint`);
    else {
      const fallback = defaultEndpoint.compile(node, node, env, `${path}/endpoint`);
      resolve = () => fallback;
    }
    const source = compileSource(node, env);
    const target = compileTarget(node, env);
    const plain = !source && target.type === 'body';
    const blocking = node.attrs.blocking === 'true';
    return makeStep('call', path, node, sourceReadsPayload(source), async (ctx) => {
      if (!resolve) return 'continue';
      if (isTrue(ctx.properties.get('OUT_ONLY'))) {
        await sendOutOnly(ctx, resolve(ctx), blocking);
        return 'continue';
      }
      if (plain) {
        await resolve(ctx).send(ctx, { blocking });
        return 'continue';
      }
      const saved = await prepareRequest(ctx, source, target);
      await resolve(ctx).send(ctx, { blocking });
      await finishResponse(ctx, target, saved);
      return 'continue';
    });
  },
};

function isTrue(v: unknown): boolean {
  return v === true || v === 'true';
}

/**
 * OUT_ONLY: fire and forget. With FORCE_SC_ACCEPTED the client gets 202 Accepted
 * at once, as MI's pass-through does; the flow goes on without a response.
 * blocking="true" waits for the send as MI's BlockingMsgSender (sendRobust) does: a failed
 * send is a fault of the flow (its fault sequence runs), not only a log line.
 */
async function sendOutOnly(ctx: MessageContext, endpoint: EndpointRuntime, blocking: boolean): Promise<void> {
  if (isTrue(ctx.axis2.get('FORCE_SC_ACCEPTED')) && !ctx.responded) {
    const ack = ctx.fork(Message.empty());
    ack.axis2.set('HTTP_SC', 202);
    ack.axis2.set('NO_ENTITY_BODY', true);
    await ack.sendResponse();
  }
  if (!ctx.message.isBuilt) await ctx.message.build();
  const outbound = ctx.fork(ctx.message.clone());
  if (blocking) {
    await endpoint.send(outbound, { blocking });
    return;
  }
  void endpoint.send(outbound, { blocking }).catch((e: unknown) => {
    ctx.services.logger.log('warn', `Out-only send failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'CallMediator', artifact: ctx.flow?.artifact });
  });
}
