/** The file (VFS) inbound endpoint: the shared polling loop around a VfsPoller. */
import type { InboundProtocol } from '../../../inbound/types.js';
import { fileInboundDescriptor } from '../../../inbound/file/descriptor.js';
import { pollingConsumer } from '../../../inbound/polling.js';
import { readVfsSettings } from './settings.js';
import { VfsPoller } from './poller.js';
import { dropFile } from './drop.js';
import type { VfsPollSettings } from './settings.js';

export function fileInboundProtocol(): InboundProtocol {
  return {
    descriptor: fileInboundDescriptor,
    create(ctx) {
      let consumer: ReturnType<typeof pollingConsumer> | undefined;
      let settings: VfsPollSettings | undefined;
      return {
        async dropFile(name, content) {
          if (!settings || !consumer) throw new Error(`inbound endpoint ${ctx.name} is not polling`);
          await dropFile(settings, ctx.logger, name, content);
          await consumer.pollNow();
        },
        async start() {
          settings = readVfsSettings(ctx.param, 'inbound', `Inbound endpoint ${ctx.name}`, ctx.config.common);
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
