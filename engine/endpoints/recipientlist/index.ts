/**
 * recipientlist endpoint: a copy of the message goes to every ready member,
 * static `<endpoint>` children or the comma-separated URLs of
 * `<endpoints value="{expr}" max-cache="n"/>`. MI sends the copies
 * fire-and-forget and each response continues the flow on its own; here the
 * first response to arrive becomes the current message, the other copies
 * complete in the background (their failures are logged), and the message
 * faults only when every copy failed.
 */
import type { EndpointDefinition, ValueRef } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childNamed } from '../../model/node.js';
import { markCopy } from '../../mediators/eip-support/branches.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { memberEndpointDescriptor, isReady, type MemberRuntime } from '../member.js';
import { compileMembers, logChildFailure, groupName } from '../group.js';
import { addressRuntime } from '../address/index.js';
import { defaultQos } from '../qos.js';

const COMPONENT = 'RecipientListEndpoint';
/** MI's ENDPOINT_RL_NONE_READY. */
const RL_NONE_READY = 303000;
const DEFAULT_MAX_CACHE = 20;

const dynamicMembers = el('endpoints', [a.value('value', { required: true, help: 'Comma-separated URLs, usually {get-property(...)}' }), a.int('max-cache')], 'empty');

export const recipientListEndpoint: EndpointDefinition = {
  kind: 'recipientlist',
  descriptor: el('recipientlist', [], 'elements', [child(memberEndpointDescriptor, { multiple: true }), child(dynamicMembers)]),
  editor: { label: 'Recipient list endpoint', group: 'endpoints', help: 'Sends a copy of the message to every listed endpoint.' },
  compile(endpoint, body, env, path) {
    const members = compileMembers(body, env, path);
    const dyn = childNamed(body, 'endpoints');
    if (members.length === 0 && !dyn) env.report('SYN006', '<recipientlist> needs <endpoint> children or <endpoints value="..."/>', body.loc);
    if (members.length > 0 && dyn) env.report('SYN005', '<recipientlist> takes either <endpoint> children or <endpoints>, not both', body.loc);
    const value: ValueRef | undefined = dyn ? env.value(dyn, 'value') : undefined;
    const maxCache = Number(dyn?.attrs['max-cache'] ?? DEFAULT_MAX_CACHE) || DEFAULT_MAX_CACHE;
    const cache = new Map<string, MemberRuntime>(); // URL -> endpoint, least recently used first
    const urlMember = (url: string): MemberRuntime => {
      let ep = cache.get(url);
      if (ep) cache.delete(url);
      else ep = addressRuntime(undefined, url, undefined, defaultQos());
      cache.set(url, ep);
      if (cache.size > maxCache) cache.delete(cache.keys().next().value!);
      return ep;
    };
    const name = endpoint.attrs.name;
    return {
      name,
      kind: 'recipientlist',
      target: dyn ? `recipientlist(${dyn.attrs.value ?? ''})` : `recipientlist(${members.length})`,
      async send(ctx, options) {
        let children: MemberRuntime[];
        if (value) {
          const list = 'literal' in value ? value.literal : value.expression.evaluateString(ctx);
          const urls = list.split(',').map((u) => u.replace(/\s+/g, '')).filter((u) => u !== '');
          if (urls.length === 0) {
            ctx.services.logger.log('warn', `No recipients were derived from the expression : ${dyn!.attrs.value}`, { component: COMPONENT });
            return;
          }
          children = urls.map(urlMember);
        } else children = members.map((m) => m.resolve(ctx) as MemberRuntime);
        const ready = children.filter(isReady);
        if (ready.length === 0) {
          const msg = `Recipient List endpoint : ${groupName(endpoint)} - no ready child endpoints`;
          ctx.services.logger.log('warn', msg, { component: COMPONENT });
          throw new MediationFault(RL_NONE_READY, msg);
        }
        await ctx.message.build();
        if (options.eachResponse) {
          // send: every recipient's response is mediated on its own (the out flow), marked like clone copies
          // so an aggregate in the out flow can gather them.
          const each = options.eachResponse;
          options.responsesHandled = true;
          ready.forEach((child, i) => {
            const copy = ctx.fork(ctx.message.clone());
            markCopy(copy, ctx, undefined, i, ready.length);
            ctx.trackPending(
              child.send(copy, { blocking: options.blocking }).then(
                () => each(copy),
                (e: unknown) => {
                  if (e instanceof MediationFault) logChildFailure(ctx, COMPONENT, name, child, e);
                },
              ),
            );
          });
          return;
        }
        const copies = ready.map((child) => {
          const copy = ctx.fork(ctx.message.clone());
          return child.send(copy, options).then(
            () => copy,
            (e: unknown) => {
              if (e instanceof MediationFault) logChildFailure(ctx, COMPONENT, name, child, e);
              throw e;
            },
          );
        });
        let first: MessageContext;
        try {
          first = await Promise.any(copies);
        } catch (e) {
          const errors = e instanceof AggregateError ? e.errors : [e];
          throw errors.find((x) => x instanceof MediationFault) ?? errors[0];
        }
        adoptResponse(ctx, first);
      },
    };
  },
};

/** Makes a copy's response the current message. */
function adoptResponse(ctx: MessageContext, copy: MessageContext): void {
  ctx.message = copy.message;
  ctx.isResponse = true;
  ctx.transportHeaders = copy.transportHeaders;
  for (const key of ['HTTP_SC', 'HTTP_SC_DESC', 'messageType', 'ContentType']) {
    const v = copy.axis2.get(key);
    if (v === undefined) ctx.axis2.delete(key);
    else ctx.axis2.set(key, v);
  }
  ctx.axis2.delete('NO_ENTITY_BODY');
  ctx.axis2.delete('REST_URL_POSTFIX');
}
