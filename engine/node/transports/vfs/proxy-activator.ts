/**
 * `transports="vfs"` proxies: each polls its transport.vfs.FileURI (transport.PollInterval
 * seconds, default 300) and runs its flows on every file, in the same lifecycle as inbound
 * endpoints (the runtime view lists it as proxy:Name).
 */
import type { Activator } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import { createInboundContext } from '../../../inbound/inbound-activator.js';
import { pollingConsumer } from '../../../inbound/polling.js';
import type { InboundEndpointConfig } from '../../../inbound/types.js';
import { readVfsSettings } from './settings.js';
import { VfsPoller } from './poller.js';
import { dropFile } from './drop.js';
import type { VfsPollSettings } from './settings.js';

export function vfsProxyActivator(host: InboundHostOptions): Activator {
  return {
    describe: (a) => (a.kind === 'proxy' ? 'vfs' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('vfs')) return undefined;
      const proxy = artifact.value;
      const parameters: InboundEndpointConfig['parameters'] = {};
      for (const [k, v] of Object.entries(proxy.parameters ?? {})) parameters[k] = { value: v, loc: { line: 1, col: 1 } };
      const config: InboundEndpointConfig = { name: proxy.name, common: { suspend: !proxy.startOnLoad, sequential: true, coordination: true, pinnedServers: [] }, parameters, loc: { line: 1, col: 1 } };
      const ctx = createInboundContext(host, config, { proxy: proxy.name }, status.set.bind(status));
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      let consumer: ReturnType<typeof pollingConsumer> | undefined;
      let settings: VfsPollSettings | undefined;
      return {
        async dropFile(name, content) {
          if (!settings || !consumer) throw new Error(`proxy ${proxy.name} is not polling`);
          await dropFile(settings, ctx.logger, name, content);
          await consumer.pollNow();
        },
        async start() {
          settings = readVfsSettings(ctx.param, 'proxy', `Proxy service ${proxy.name}`, { sequential: true });
          const poller = new VfsPoller(settings, (req) => ctx.inject(req), ctx.logger);
          consumer = pollingConsumer(ctx, { intervalMs: settings.intervalMs, poll: async (signal) => void (await poller.poll(signal)) });
          await consumer.start();
        },
        async stop() {
          await consumer?.stop();
        },
      };
    },
  };
}
