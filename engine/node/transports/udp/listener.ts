/**
 * A UDP listener: each datagram is one message; the reply, when the flow makes one, is one
 * datagram back to the sender's address and port. A datagram larger than maxPacketSize is refused
 * with a log line (MI's socket buffer would cut it short silently) and the next one is served.
 * Datagrams are handled as they come, side by side.
 */
import dgram from 'node:dgram';
import type { Logger } from '../../../core/logger.js';
import type { UdpListenerSettings } from './settings.js';

export interface UdpListenerOptions {
  settings: UdpListenerSettings;
  logger: Logger;
  label: string;
  handle(datagram: Buffer, remote: string): Promise<Uint8Array | undefined>;
}

const COMPONENT = 'UDPListener';

export class UdpListener {
  private socket: dgram.Socket | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: UdpListenerOptions) {}

  start(): Promise<number> {
    const { settings } = this.o;
    const socket = dgram.createSocket({ type: settings.host?.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    this.socket = socket;
    return new Promise((resolve, reject) => {
      socket.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'EADDRINUSE' ? `UDP port ${settings.port} is already in use` : e.message)));
      socket.bind({ port: settings.port, address: settings.host }, () => {
        socket.removeAllListeners('error');
        socket.on('error', (e) => this.o.logger.log('error', `${this.o.label}: ${e.message}`, { component: COMPONENT }));
        socket.on('message', (datagram, from) => this.track(this.onDatagram(socket, datagram, from)));
        resolve(socket.address().port);
      });
    });
  }

  async stop(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    if (!socket) return;
    socket.removeAllListeners('message');
    await Promise.allSettled([...this.inFlight]);
    await new Promise<void>((r) => socket.close(() => r()));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async onDatagram(socket: dgram.Socket, datagram: Buffer, from: dgram.RemoteInfo): Promise<void> {
    const remote = `${from.address}:${from.port}`;
    const max = this.o.settings.maxPacketSize;
    if (datagram.length > max) {
      this.o.logger.log('error', `${this.o.label}: a datagram of ${datagram.length} bytes from ${remote} is larger than transport.udp.maxPacketSize (${max} bytes); it is refused and the next one is served`, { component: COMPONENT });
      return;
    }
    let reply: Uint8Array | undefined;
    try {
      reply = await this.o.handle(datagram, remote);
    } catch (e) {
      this.o.logger.log('error', `${this.o.label}: the datagram from ${remote} could not be mediated: ${e instanceof Error ? e.message : String(e)}`, { component: COMPONENT });
      return;
    }
    if (!reply || this.socket !== socket) return;
    socket.send(reply, from.port, from.address, (e) => {
      if (e) this.o.logger.log('warn', `${this.o.label}: the reply to ${remote} could not be sent: ${e.message}`, { component: COMPONENT });
    });
  }
}
