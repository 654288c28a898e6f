/**
 * `transports="fix"` proxies: each starts the acceptor sessions of its
 * transport.fix.AcceptorConfigURL (a session file that cannot be read or is wrong marks the
 * proxy failed with the reason; the others keep serving) and stops them when undeployed.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { FixTransport } from './fix-transport.js';
import type { FixAcceptor } from './acceptor.js';

export function fixProxyActivator(fix: FixTransport): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes('fix') ? 'fix' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('fix')) return undefined;
      const proxy = artifact.value;
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      let acceptor: FixAcceptor | undefined;
      return {
        async start() {
          acceptor = await fix.startAcceptor(proxy);
          status.set('listening', { port: acceptor.ports[0] });
        },
        async stop() {
          // Also called after a failed start: the failure stays the status.
          if (!acceptor) return;
          await fix.stopAcceptor(acceptor);
          status.set('stopped');
        },
      };
    },
  };
}
