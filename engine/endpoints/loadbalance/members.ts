/**
 * Application members of a loadbalance endpoint (`<member hostName httpPort
 * httpsPort/>`): the message's To path is sent to `http(s)://host:port` of the
 * next active member, round robin. A member that fails is inactive until it is
 * probed again (MI's MemberActivatorTask checks every 500 ms after 1 s; here an
 * inactive member is offered again 1 s after its failure).
 */
import type { ConfigNode } from '../../model/node.js';
import type { EndpointCallOptions } from '../../model/definition.js';
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { addressRuntime } from '../address/index.js';
import { defaultQos } from '../qos.js';
import { roundRobin } from './algorithms.js';

const REACTIVATE_AFTER_MS = 1000;

export interface AppMembers {
  send(ctx: MessageContext, options: EndpointCallOptions): Promise<void>;
}

export function appMembers(nodes: readonly ConfigNode[], failover: boolean): AppMembers {
  const members = nodes.map((n) => ({ host: n.attrs.hostName ?? 'localhost', httpPort: n.attrs.httpPort, httpsPort: n.attrs.httpsPort, inactiveUntil: 0 }));
  const algorithm = roundRobin();
  return {
    async send(ctx, options) {
      const https = /^https:/i.test(ctx.inbound.url ?? '');
      const path = pathOf(ctx.to ?? ctx.inbound.url ?? '/');
      if (failover) await ctx.message.build();
      const original = failover ? ctx.message.clone() : undefined;
      for (;;) {
        const now = ctx.services.now();
        const i = algorithm.next(members.length, (k) => members[k]!.inactiveUntil <= now);
        if (i < 0) throw new MediationFault(303000, 'No application members available');
        const m = members[i]!;
        const port = https ? m.httpsPort : m.httpPort;
        const url = `${https ? 'https' : 'http'}://${m.host}${port ? `:${port}` : ''}${path}`;
        if (original) ctx.message = original.clone();
        try {
          await addressRuntime(undefined, url, undefined, defaultQos()).send(ctx, options);
          return;
        } catch (e) {
          if (!(e instanceof MediationFault) || !failover) throw e;
          m.inactiveUntil = ctx.services.now() + REACTIVATE_AFTER_MS;
        }
      }
    },
  };
}

function pathOf(address: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(address);
  if (m) return m[1] ?? '/';
  return address.startsWith('/') ? address : `/${address}`;
}
