/**
 * failover endpoint: sends to the first ready member; when it fails with a
 * retryable error, the message goes to the next ready member. `dynamic`
 * (default true) goes back to the first member as soon as it is ready again;
 * `dynamic="false"` keeps using the member that last worked.
 */
import type { EndpointDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { MediationFault, ErrorCodes } from '../../core/errors.js';
import { memberEndpointDescriptor, isReady, type MemberRuntime } from '../member.js';
import { compileMembers, keepOriginal, logChildFailure, mayRetrySameMember, isRetry, groupName } from '../group.js';

const COMPONENT = 'FailoverEndpoint';

export const failoverEndpoint: EndpointDefinition = {
  kind: 'failover',
  descriptor: el('failover', [a.bool('dynamic', { default: 'true' }), a.bool('buildMessage')], 'elements', [child(memberEndpointDescriptor, { multiple: true, required: true })]),
  editor: { label: 'Failover endpoint', group: 'endpoints', help: 'Tries its endpoints in order; on a failure the message goes to the next ready one.' },
  compile(endpoint, body, env, path) {
    const members = compileMembers(body, env, path);
    const dynamic = body.attrs.dynamic?.toLowerCase() !== 'false';
    const name = endpoint.attrs.name;
    let current = 0; // static mode: the member in use
    let lastChildren: MemberRuntime[] = []; // as last resolved, for a parent asking readiness
    const resolveAll = (ctx: Parameters<MemberRuntime['send']>[0]) => members.map((m) => m.resolve(ctx) as MemberRuntime);
    const runtime: MemberRuntime = {
      name,
      kind: 'failover',
      target: `failover(${members.length})`,
      readyToSend: () => true,
      isRetry: () => true,
      async send(ctx, options) {
        const children = resolveAll(ctx);
        lastChildren = children;
        if (children.length === 0) throw new MediationFault(ErrorCodes.ENDPOINT_FAILOVER_EXHAUSTED, `Failover endpoint : ${groupName(endpoint)} - no child endpoints`);
        const fresh = await keepOriginal(ctx);
        const excluded = new Set<number>();
        let lastFault: MediationFault | undefined;
        for (;;) {
          const index = !dynamic && !excluded.has(current) && current < children.length && isReady(children[current]!) ? current : pick(children, excluded);
          if (index < 0) {
            const msg = `Failover endpoint : ${groupName(endpoint)} - no ready child endpoints`;
            ctx.services.logger.log('warn', msg, { component: COMPONENT });
            throw new MediationFault(ErrorCodes.ENDPOINT_FAILOVER_EXHAUSTED, msg, { detail: lastFault ? `last failure: ${lastFault.code} ${lastFault.message}` : undefined });
          }
          if (!dynamic) current = index;
          const child = children[index]!;
          ctx.message = fresh();
          try {
            await child.send(ctx, options);
            return;
          } catch (e) {
            if (!(e instanceof MediationFault)) throw e;
            lastFault = e;
            logChildFailure(ctx, COMPONENT, name, child, e);
            if (!isRetry(child, Number(e.code))) {
              const msg = `Failover endpoint : ${groupName(endpoint)} - one of the child endpoints encounterd a non-retry error, not sending message to another endpoint`;
              ctx.services.logger.log('warn', msg, { component: COMPONENT });
              throw new MediationFault(ErrorCodes.ENDPOINT_FAILOVER_EXHAUSTED, msg, { detail: `${e.code} ${e.message}` });
            }
            if (!mayRetrySameMember(child)) excluded.add(index);
            ctx.message = fresh();
          }
        }
      },
    };
    runtime.readyToSend = () => lastChildren.length === 0 || lastChildren.some(isReady);
    return runtime;
  },
};

/** Index of the first ready member not in `excluded`; -1 when none. */
function pick(children: MemberRuntime[], excluded: Set<number>): number {
  return children.findIndex((c, i) => !excluded.has(i) && isReady(c));
}
