/**
 * A FIX initiator: keeps one session connected to SocketConnectHost:SocketConnectPort,
 * reconnecting every ReconnectInterval seconds (QuickFIX's default 30) after a refused or
 * lost connection, and logging on each time.
 */
import net from 'node:net';
import type { Logger } from '../../../core/logger.js';
import type { FixSession } from './session.js';

export class FixInitiator {
  private stopped = false;
  private retry?: NodeJS.Timeout;
  /** Why the last connection attempt failed (for the sender's error), if it did. */
  lastError?: string;

  constructor(
    readonly session: FixSession,
    private readonly host: string,
    private readonly port: number,
    private readonly reconnectSeconds: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = net.connect({ host: this.host, port: this.port });
    let connected = false;
    socket.once('connect', () => {
      connected = true;
      this.lastError = undefined;
      this.session.attach(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (!connected) this.lastError = `cannot connect to ${this.host}:${this.port} (${e.code ?? e.message})`;
    });
    socket.once('close', () => {
      if (this.stopped) return;
      if (!connected) this.logger.log('warn', `FIX session ${this.session.name}: ${this.lastError}; retrying in ${this.reconnectSeconds} s`, { component: 'FIXInitiator' });
      this.retry = setTimeout(() => this.connect(), this.reconnectSeconds * 1000);
      this.retry.unref?.();
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.session.close();
  }
}
