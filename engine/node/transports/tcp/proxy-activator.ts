/**
 * `transports="tcp"` proxies. One with transport.tcp.port listens on that port with its own
 * framing (settings.ts); one without shares the server-level TCP listener, which deployment.toml
 * enables (`[transport.tcp] listener.enable = true`, `listener.port`, default 6060) and which
 * finds the proxy from each message (dispatch.ts). Each record runs the proxy's flows; the reply
 * goes back on the connection. The runtime view lists the proxy as proxy:Name with its port, and
 * socket Try-it sends it records framed as it reads them.
 */
import type { Activator, SocketListenerInfo } from '../../../inbound/lifecycle.js';
import type { InboundHostOptions } from '../../../inbound/inbound-activator.js';
import type { Logger } from '../../../core/logger.js';
import type { Engine } from '../../../runtime/engine.js';
import { fileOf } from '../broker-common/outcome.js';
import { RecordServer } from './record-server.js';
import { readTcpSettings, type TcpListenerSettings } from './settings.js';
import { injectIntoProxy } from './socket-message.js';
import { proxyOfMessage } from './dispatch.js';
import type { Framing } from './framer.js';

export interface TcpActivatorOptions {
  /** The runtime's largest message: the default record limit. */
  maxBodyBytes: number;
}

export const DEFAULT_SERVER_TCP_PORT = 6060;

export function tcpProxyActivator(host: InboundHostOptions, o: TcpActivatorOptions): Activator {
  const shared = new SharedTcpListener(host, o);
  return {
    describe: (a) => (a.kind === 'proxy' && a.value.transports.includes('tcp') ? 'tcp' : undefined),
    activate(artifact, status) {
      if (artifact.kind !== 'proxy' || !artifact.value.transports.includes('tcp')) return undefined;
      const proxy = artifact.value;
      const file = fileOf(host.engine, 'proxy', proxy.name);
      const label = `Proxy service ${proxy.name}${file ? ` (${file})` : ''}`;
      const params = proxy.parameters ?? {};
      if (!proxy.startOnLoad) {
        status.set('suspended');
        return { start: async () => {}, stop: async () => {} };
      }
      if (params['transport.tcp.port'] === undefined) {
        return {
          socket: socketInfo(shared.framing),
          start: async () => status.set('listening', { port: await shared.add(proxy.name, label) }),
          stop: () => shared.remove(proxy.name),
        };
      }
      let settings: TcpListenerSettings;
      try {
        settings = readTcpSettings(params, { maxRecordBytes: o.maxBodyBytes });
      } catch (e) {
        // The lifecycle's log line names the proxy; the error names the file and the parameter.
        throw new Error(`${file ? `${file}: ` : ''}${e instanceof Error ? e.message : String(e)}`);
      }
      const server = new RecordServer({
        port: settings.port,
        host: settings.host,
        framing: settings.framing,
        maxRecordBytes: settings.maxRecordBytes,
        respond: settings.responseClient,
        logger: host.logger,
        label,
        handle: (record, remote) => injectIntoProxy(host.engine, proxy.name, record, settings.contentType, remote),
      });
      return {
        socket: socketInfo(settings.framing),
        start: async () => status.set('listening', { port: await server.start() }),
        stop: () => server.stop(),
      };
    },
  };
}

/** What socket Try-it needs to frame a record for this listener (src/services/runtime/socket-tryit/tcp.ts). */
function socketInfo(framing: Framing): SocketListenerInfo {
  if (framing.kind === 'delimiter') return { protocol: 'tcp', options: { delimiter: Buffer.from(framing.delimiter).toString('hex') } };
  if (framing.kind === 'length') return { protocol: 'tcp', options: { recordLength: String(framing.length) } };
  return { protocol: 'tcp' };
}

/** The server-level listener: started with its first proxy, stopped with its last. */
class SharedTcpListener {
  private readonly proxies = new Map<string, string>();
  private server: RecordServer | undefined;
  private port: Promise<number> | undefined;
  private readonly logger: Logger;
  private readonly engine: Engine;

  constructor(
    private readonly host: InboundHostOptions,
    private readonly o: TcpActivatorOptions,
  ) {
    this.logger = host.logger;
    this.engine = host.engine;
  }

  /** Server-level TCP settings: `[transport.tcp]` listener.* in deployment.toml. */
  private settings(): TcpListenerSettings {
    const c = (name: string) => this.host.serverConfig(`transport.tcp.listener.${name}`);
    return readTcpSettings(
      { 'transport.tcp.port': c('port'), 'transport.tcp.hostname': c('hostname'), 'transport.tcp.contentType': c('contentType') ?? c('content_type') },
      { maxRecordBytes: this.o.maxBodyBytes, port: DEFAULT_SERVER_TCP_PORT },
    );
  }

  get framing(): Framing {
    return { kind: 'stream' };
  }

  async add(name: string, label: string): Promise<number> {
    if ((this.host.serverConfig('transport.tcp.listener.enable') ?? '').trim() !== 'true') {
      throw new Error(`${label} has no transport.tcp.port and the server-level TCP listener is off: set transport.tcp.port on the proxy, or enable it in deployment.toml ([transport.tcp] listener.enable = true, listener.port = ${DEFAULT_SERVER_TCP_PORT})`);
    }
    this.proxies.set(name, label);
    if (!this.port) {
      const settings = this.settings();
      const names = new Set<string>();
      this.server = new RecordServer({
        port: settings.port,
        host: settings.host,
        framing: settings.framing,
        maxRecordBytes: settings.maxRecordBytes,
        respond: true,
        logger: this.logger,
        label: 'Server-level TCP listener',
        handle: async (record, remote) => {
          names.clear();
          for (const n of this.proxies.keys()) names.add(n);
          const target = proxyOfMessage(record.toString('utf8'), names);
          if (!target) throw new Error(`the message names no deployed TCP proxy (WS-Addressing To or the first body element's namespace); TCP proxies here: ${[...names].join(', ') || 'none'}`);
          return injectIntoProxy(this.engine, target, record, settings.contentType, remote);
        },
      });
      this.port = this.server.start();
      this.port.catch(() => {
        this.port = undefined;
        this.server = undefined;
      });
    }
    return this.port;
  }

  async remove(name: string): Promise<void> {
    this.proxies.delete(name);
    if (this.proxies.size > 0 || !this.server) return;
    const server = this.server;
    this.server = undefined;
    this.port = undefined;
    await server.stop();
  }
}
