/**
 * A FIX acceptor: listens on each SocketAcceptPort of its sessions and hands a connection to
 * the session its Logon names (BeginString, and the peer's SenderCompID/TargetCompID being our
 * TargetCompID/SenderCompID). A connection whose first message is not a Logon for a configured
 * session, or for a session already connected, is closed and logged; the others are unaffected.
 */
import net from 'node:net';
import type { Logger } from '../../../core/logger.js';
import { fieldOf, FixDecoder, printable } from './codec.js';
import { sessionName, type FixSession } from './session.js';
import { intSetting, SettingsError, type SessionSettings } from './session-config.js';

export class FixAcceptor {
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  /** Session name -> session. */
  readonly sessions = new Map<string, FixSession>();
  readonly ports: number[] = [];

  constructor(
    private readonly settings: SessionSettings[],
    private readonly make: (values: Record<string, string>) => FixSession,
    private readonly logger: Logger,
    private readonly host?: string,
  ) {}

  async start(): Promise<void> {
    const byPort = new Map<number, FixSession[]>();
    for (const s of this.settings) {
      const port = intSetting(s.values, 'SocketAcceptPort', 0);
      if (!port) throw new SettingsError(`${s.source}: SocketAcceptPort is required for an acceptor session`);
      const session = this.make(s.values);
      this.sessions.set(session.name, session);
      byPort.set(port, [...(byPort.get(port) ?? []), session]);
    }
    for (const port of byPort.keys()) {
      const server = net.createServer((socket) => this.accept(socket));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, this.host, () => resolve());
      }).catch((e: NodeJS.ErrnoException) => {
        throw new Error(`cannot listen for FIX on port ${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`);
      });
      this.servers.push(server);
      this.ports.push(port);
    }
  }

  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const decoder = new FixDecoder();
    const first = (chunk: Buffer) => {
      const events = decoder.push(chunk);
      const idx = events.findIndex((e) => e.kind === 'message');
      if (idx < 0) return;
      socket.off('data', first);
      const ev = events[idx]!;
      const m = ev.kind === 'message' ? ev.message : undefined;
      const name = m && sessionName({ beginString: fieldOf(m, 8) ?? '', senderCompId: fieldOf(m, 56) ?? '', targetCompId: fieldOf(m, 49) ?? '' });
      const session = name ? this.sessions.get(name) : undefined;
      if (!m || fieldOf(m, 35) !== 'A' || !session) {
        this.logger.log('warn', `FIX acceptor: refused a connection from ${socket.remoteAddress}: ${fieldOf(m!, 35) !== 'A' ? 'the first message is not a Logon' : `no session ${name} is configured`} (${printable(ev.raw).slice(0, 120)})`, { component: 'FIXAcceptor' });
        socket.destroy();
        return;
      }
      if (session.isConnected) {
        this.logger.log('warn', `FIX acceptor: refused a second connection for session ${name} (already logged on)`, { component: 'FIXAcceptor' });
        socket.destroy();
        return;
      }
      session.attach(socket, events.slice(idx), decoder);
    };
    socket.on('data', first);
  }

  async stop(): Promise<void> {
    for (const s of this.sessions.values()) s.close();
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }
}
