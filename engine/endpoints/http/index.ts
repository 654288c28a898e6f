/** http endpoint: a URI template expanded per message, with a fixed or passed-through method. */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { qosChildren, readQos } from '../qos.js';
import { leafRuntime } from '../leaf.js';
import { expandUriTemplate } from './uri-template.js';
import { stringOf } from '../../core/context.js';

const authentication = el('authentication', [], 'xml');

export const httpEndpoint: EndpointDefinition = {
  kind: 'http',
  descriptor: el(
    'http',
    [
      a.str('uri-template', { required: true, help: 'RFC 6570 template, e.g. http://host/orders/{uri.var.id}?q={query.param.q}' }),
      a.enum('method', ['get', 'post', 'put', 'delete', 'patch', 'head', 'options'], { caseInsensitive: true }),
      a.enum('statistics', ['enable', 'disable']),
      a.enum('trace', ['enable', 'disable']),
    ],
    'elements',
    [...qosChildren, child(authentication)],
  ),
  editor: { label: 'HTTP endpoint', group: 'endpoints', help: 'Sends to a URI template filled from uri.var.* and query.param.* properties.' },
  compile(endpoint, body, env) {
    const template = body.attrs['uri-template'] ?? '';
    const method = body.attrs.method?.toUpperCase();
    return leafRuntime({
      name: endpoint.attrs.name,
      kind: 'http',
      kindLabel: 'HTTP endpoint',
      target: template,
      qos: readQos(body, env),
      address: template,
      resolve(ctx) {
        const url = expandUriTemplate(template, (name) => {
          const fromFunc = ctx.getFuncParam(name);
          if (fromFunc !== undefined) return stringOf(fromFunc);
          const v = ctx.properties.get(name);
          return v === undefined ? undefined : stringOf(v);
        });
        return { url, method };
      },
    });
  },
};
