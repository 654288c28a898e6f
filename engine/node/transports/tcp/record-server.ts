/**
 * A TCP listener that reads records (framer.ts) and answers each on its connection: records of
 * one connection are handled one after another, so replies come back in order; connections run
 * side by side. A reply is followed by the record delimiter (so a client reads it as it writes
 * its records); with no delimiter the reply ends the connection. An oversized record is refused
 * with a log line and the connection goes on with the next; a client that vanishes costs only
 * its connection.
 */
import net from 'node:net';
import type { Logger } from '../../../core/logger.js';
import { RecordFramer, type Framing } from './framer.js';

export interface RecordServerOptions {
  port: number;
  host?: string;
  framing: Framing;
  maxRecordBytes: number;
  /** Whether replies are written back (transport.tcp.responseClient). */
  respond: boolean;
  logger: Logger;
  /** Said before each log line: `Proxy service TCPProxy (proxy_TCPProxy.xml)`. */
  label: string;
  /** Handles one record; resolves with the reply's bytes, or undefined when there is none (OUT_ONLY). */
  handle(record: Buffer, remote: string): Promise<Uint8Array | undefined>;
}

const COMPONENT = 'TCPListener';

export class RecordServer {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: RecordServerOptions) {}

  /** Resolves with the bound port once listening; rejects when the port cannot be had. */
  start(): Promise<number> {
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.serve(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code === 'EADDRINUSE' ? `TCP port ${this.o.port} is already in use` : e.message)));
      server.listen({ port: this.o.port, host: this.o.host }, () => {
        server.removeAllListeners('error');
        server.on('error', (e) => this.o.logger.log('error', `${this.o.label}: ${e.message}`, { component: COMPONENT }));
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops accepting, lets records being handled finish, then closes the connections. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((r) => server.close(() => r()));
    await Promise.allSettled([...this.inFlight]);
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    const framer = new RecordFramer(this.o.framing, this.o.maxRecordBytes);
    let queue: Promise<void> = Promise.resolve();
    let ended = false;
    const enqueue = (events: ReturnType<RecordFramer['push']>) => {
      for (const event of events) {
        queue = queue.then(() => this.onEvent(socket, remote, event));
        this.track(queue);
      }
    };
    socket.on('data', (chunk: Buffer) => enqueue(framer.push(chunk)));
    socket.on('end', () => {
      ended = true;
      enqueue(framer.end());
      // The client will send nothing more: once every record is answered, close our side too.
      queue = queue.then(() => void socket.end());
    });
    socket.on('error', (e) => {
      if (!ended) this.o.logger.log('warn', `${this.o.label}: connection from ${remote} failed: ${e.message}`, { component: COMPONENT });
    });
    socket.on('close', () => this.sockets.delete(socket));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async onEvent(socket: net.Socket, remote: string, event: ReturnType<RecordFramer['push']>[number]): Promise<void> {
    if ('oversized' in event) {
      this.o.logger.log('error', `${this.o.label}: a record of ${event.oversized} bytes from ${remote} is larger than the ${this.o.maxRecordBytes} bytes this listener accepts (transport.tcp.maxRecordBytes); it is refused and the next record is served`, { component: COMPONENT });
      return;
    }
    if ('incompleteTail' in event) {
      this.o.logger.log('warn', `${this.o.label}: the connection from ${remote} closed ${event.incompleteTail} bytes into a record shorter than transport.tcp.recordLength; those bytes are dropped`, { component: COMPONENT });
      return;
    }
    let reply: Uint8Array | undefined;
    try {
      reply = await this.o.handle(event.record, remote);
    } catch (e) {
      this.o.logger.log('error', `${this.o.label}: the record from ${remote} could not be mediated: ${e instanceof Error ? e.message : String(e)}`, { component: COMPONENT });
      return;
    }
    if (!reply || !this.o.respond || socket.destroyed || !socket.writable) return;
    socket.write(this.o.framing.kind === 'delimiter' ? Buffer.concat([reply, this.o.framing.delimiter]) : reply);
  }
}
