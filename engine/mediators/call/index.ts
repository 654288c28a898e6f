/**
 * call: sends the message to an endpoint and continues the flow with the
 * response as the current message. Blocking and non-blocking modes behave the
 * same here (there is no thread to block); both wait for the response.
 * Without an endpoint the message goes to its `To` address.
 */
import type { MediatorDefinition, EndpointRuntime, Resolver } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { endpointDescriptor } from '../../endpoints/element.js';
import { endpointDefinitions } from '../../endpoints/index.js';
import { defaultEndpoint } from '../../endpoints/default/index.js';
import { makeStep } from '../support.js';

const sourceDesc = el('source', [a.enum('type', ['custom', 'inline', 'property', 'body']), a.str('contentType')], 'xml');
const targetDesc = el('target', [a.enum('type', ['body', 'property', 'variable'])], 'text');

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
    if (childNamed(node, 'source') || childNamed(node, 'target')) {
      env.report('SYN010', 'call source/target (MI 4.4) is not supported by this runtime yet', node.loc, 'warning');
    }
    const blocking = node.attrs.blocking === 'true';
    return makeStep('call', path, node, false, async (ctx) => {
      if (!resolve) return 'continue';
      await resolve(ctx).send(ctx, { blocking });
      return 'continue';
    });
  },
};
