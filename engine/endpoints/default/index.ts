/**
 * default endpoint: sends to the message's `To` address (set by a header mediator or WS-Addressing).
 * A broker To (`rabbitmq:/...`, `jms:/...`) goes to that transport's sender, as Axis2 picks the
 * sender by the To address's scheme; each such address keeps its own suspension state.
 */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { qosChildren, readQos } from '../qos.js';
import { type EndpointFormat } from '../send-http.js';
import { leafRuntime } from '../leaf.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { brokerRuntime, brokerSchemeOf } from '../broker/index.js';
import type { MemberRuntime } from '../member.js';

/** Broker To addresses remembered per endpoint (their suspension state); a flow that builds a new To per message is bounded. */
const MAX_BROKER_TARGETS = 64;

export const defaultEndpoint: EndpointDefinition = {
  kind: 'default',
  descriptor: el('default', [a.enum('format', ['soap11', 'soap12', 'pox', 'get', 'rest', 'json']), a.enum('optimize', ['mtom', 'swa', 'inline']), a.str('encoding'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable'])], 'elements', qosChildren),
  editor: { label: 'Default endpoint', group: 'endpoints', help: "Sends to the message's To address." },
  compile(endpoint, body, env) {
    const format = body.attrs.format as EndpointFormat;
    // `call` without an endpoint compiles the call element itself as a default endpoint: no QoS to check there.
    const qos = readQos(body, body.element === 'default' ? env : undefined);
    const http = leafRuntime({
      name: endpoint.attrs.name,
      kind: 'default',
      kindLabel: 'Default endpoint',
      target: '(To header)',
      qos,
      resolve(ctx) {
        const to = ctx.to;
        if (!to || !/^https?:\/\//i.test(to)) throw new MediationFault(ErrorCodes.SENDING_FAILED, `Default endpoint has no absolute To address to send to (To: ${to ?? 'none'})`);
        return { url: to, format };
      },
    });
    const brokers = new Map<string, MemberRuntime>();
    return {
      ...http,
      async send(ctx, options) {
        const to = ctx.to;
        if (!to || !brokerSchemeOf(to)) return http.send(ctx, options);
        let target = brokers.get(to);
        if (!target) {
          if (brokers.size >= MAX_BROKER_TARGETS) brokers.delete(brokers.keys().next().value!);
          target = brokerRuntime(endpoint.attrs.name, to, qos, 'Default endpoint');
          brokers.set(to, target);
        }
        return target.send(ctx, options);
      },
    };
  },
};
