/**
 * `transports="udp"` proxies: each listens on its transport.udp.port and runs its flows on every
 * datagram, answering the sender with a datagram when the flow responds. Listed in the runtime
 * view as proxy:Name; socket Try-it sends it a datagram.
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import { fileOf } from '../broker-common/outcome.js';
import { injectIntoProxy } from '../tcp/socket-message.js';
import { readUdpSettings } from './settings.js';
import { UdpListener } from './listener.js';

export function udpProxyActivator(host: InboundHostOptions): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes('udp') ? 'udp' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('udp')) return undefined;
      const proxy = artifact.value;
      const file = fileOf(host.engine, 'proxy', proxy.name);
      const label = `Proxy service ${proxy.name}${file ? ` (${file})` : ''}`;
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      let settings: ReturnType<typeof readUdpSettings>;
      try {
        settings = readUdpSettings(proxy.parameters ?? {});
      } catch (e) {
        // The lifecycle's log line names the proxy; the error names the file and the parameter.
        throw new Error(`${file ? `${file}: ` : ''}${e instanceof Error ? e.message : String(e)}`);
      }
      const listener = new UdpListener({ settings, logger: host.logger, label, handle: (datagram, remote) => injectIntoProxy(host.engine, proxy.name, datagram, settings.contentType, remote) });
      return {
        socket: { protocol: 'udp' },
        start: async () => status.set('listening', { port: await listener.start() }),
        stop: () => listener.stop(),
      };
    },
  };
}
