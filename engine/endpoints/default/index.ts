/** default endpoint: sends to the message's `To` address (set by a header mediator or WS-Addressing). */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { qosChildren, readQos } from '../qos.js';
import { EndpointState } from '../state.js';
import { sendHttp, type EndpointFormat } from '../send-http.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';

export const defaultEndpoint: EndpointDefinition = {
  kind: 'default',
  descriptor: el('default', [a.enum('format', ['soap11', 'soap12', 'pox', 'get', 'rest', 'json']), a.enum('optimize', ['mtom', 'swa', 'inline']), a.str('encoding'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable'])], 'elements', qosChildren),
  editor: { label: 'Default endpoint', group: 'endpoints', help: "Sends to the message's To address." },
  compile(endpoint, body) {
    const qos = readQos(body);
    const format = body.attrs.format as EndpointFormat;
    const describe = `Default endpoint : [ Name : ${endpoint.attrs.name ?? 'AnonymousEndpoint'} ]`;
    let state: EndpointState | undefined;
    return {
      name: endpoint.attrs.name,
      kind: 'default',
      target: '(To header)',
      async send(ctx) {
        state ??= new EndpointState(qos, describe, () => ctx.services.logger, () => ctx.services.now());
        const to = ctx.to;
        if (!to || !/^https?:\/\//i.test(to)) throw new MediationFault(ErrorCodes.SENDING_FAILED, `Default endpoint has no absolute To address to send to (To: ${to ?? 'none'})`);
        await sendHttp(ctx, { url: to, format, qos, state, describe });
      },
    };
  },
};
