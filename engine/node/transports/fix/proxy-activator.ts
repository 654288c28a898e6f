/**
 * `transports="fix"` proxies: each starts the acceptor sessions of its
 * transport.fix.AcceptorConfigURL (a session file that cannot be read or is wrong marks the
 * proxy failed with the reason; the others keep serving) and stops them when undeployed.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { FixTransport } from './fix-transport.js';
import type { FixAcceptor } from './acceptor.js';
import type { SocketListenerInfo } from '../../../inbound/lifecycle.js';
import type { CompiledProxy } from '../../../artifacts/types.js';

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
        socket: tryItInfo(fix, proxy),
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

/**
 * What socket Try-it (src/services/runtime/socket-tryit/fix.ts) needs to log on as the
 * counterparty of the proxy's first acceptor session; none when the session file cannot be read
 * (the start then fails with the reason).
 */
function tryItInfo(fix: FixTransport, proxy: CompiledProxy): SocketListenerInfo | undefined {
  try {
    const first = fix.acceptorSettings(proxy)[0]?.values;
    return first ? { protocol: 'fix', options: { BeginString: first.BeginString!, SenderCompID: first.SenderCompID!, TargetCompID: first.TargetCompID! } } : undefined;
  } catch {
    return undefined;
  }
}
