/** address endpoint: a fixed URI; REST_URL_POSTFIX is appended, `format` forces the wire format. */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a } from '../../model/descriptor.js';
import { qosChildren, readQos } from '../qos.js';
import { type EndpointFormat } from '../send-http.js';
import { leafRuntime } from '../leaf.js';
import { stringOf } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { brokerSchemeOf, brokerRuntime } from '../broker/index.js';
import { MSMQ_REFUSAL } from '../msmq.js';

export const addressEndpoint: EndpointDefinition = {
  kind: 'address',
  descriptor: el(
    'address',
    [a.str('uri', { required: true, help: 'Target URL.' }), a.enum('format', ['soap11', 'soap12', 'pox', 'get', 'rest', 'json']), a.enum('optimize', ['mtom', 'swa', 'inline']), a.str('encoding'), a.enum('statistics', ['enable', 'disable']), a.enum('trace', ['enable', 'disable'])],
    'elements',
    qosChildren,
  ),
  editor: { label: 'Address endpoint', group: 'endpoints', help: 'Sends to a fixed URL; the rest of the request path (REST_URL_POSTFIX) is appended.' },
  compile(endpoint, body, env) {
    const uri = body.attrs.uri ?? '';
    if (!/^[a-z][a-z0-9+.-]*:/i.test(uri)) env.report('SYN011', `address uri '${uri}' is not an absolute URL`, body.attrLocs.uri ?? body.loc);
    if (/^msmq:/i.test(uri)) env.report('SYN016', MSMQ_REFUSAL(`address endpoint ${uri}`), body.attrLocs.uri ?? body.loc);
    return addressRuntime(endpoint.attrs.name, uri, body.attrs.format as EndpointFormat, readQos(body, env));
  },
};

/** An address endpoint runtime; also what loadbalance members and dynamic recipient lists send through. */
export function addressRuntime(name: string | undefined, uri: string, format: EndpointFormat, qos: ReturnType<typeof readQos>) {
  if (brokerSchemeOf(uri)) return brokerRuntime(name, uri, qos);
  return leafRuntime({
    name,
    kind: 'address',
    kindLabel: 'Address endpoint',
    target: uri,
    qos,
    address: uri,
    resolve(ctx) {
      if (!/^https?:/i.test(uri)) throw new MediationFault(101500, `The transport of ${uri} is not available in this runtime`);
      const postfix = ctx.axis2.get('REST_URL_POSTFIX');
      // MI appends the postfix whatever the format (hence the well-known `REST_URL_POSTFIX` remove idiom).
      const url = postfix !== undefined && postfix !== null ? joinPostfix(uri, stringOf(postfix)) : uri;
      return { url, format };
    },
  });
}

/** Appends the request's remaining path/query to the endpoint URI, as MI does for address endpoints. */
export function joinPostfix(uri: string, postfix: string): string {
  if (!postfix) return uri;
  if (postfix.startsWith('?')) return uri.includes('?') ? `${uri}&${postfix.slice(1)}` : `${uri}${postfix}`;
  const [base, query] = splitOnce(uri, '?');
  const joined = base.endsWith('/') && postfix.startsWith('/') ? base + postfix.slice(1) : !base.endsWith('/') && !postfix.startsWith('/') ? `${base}/${postfix}` : base + postfix;
  if (query === undefined) return joined;
  return joined.includes('?') ? `${joined}&${query}` : `${joined}?${query}`;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
