/**
 * A STOMP 1.2 client over node:net, enough for JMS semantics on ActiveMQ Classic:
 * CONNECT with heart-beats, SEND with receipts, SUBSCRIBE with ack modes (auto, client,
 * client-individual) and selectors, ACK/NACK, transactions (BEGIN/COMMIT/ABORT),
 * graceful DISCONNECT. Every command that asks for a receipt resolves when the broker
 * confirms it, and rejects with the broker's ERROR frame text.
 */
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { encodeFrame, StompDecoder, type StompFrame } from './stomp-frame.js';

export interface StompConnectOptions {
  host: string;
  port: number;
  login?: string;
  passcode?: string;
  /** Virtual host header; ActiveMQ ignores it. */
  vhost?: string;
  /** [outgoing, incoming] heart-beat milliseconds we offer; 0 = none. */
  heartbeat?: [number, number];
  connectTimeoutMs?: number;
  /** Per-connection client-id (ActiveMQ's durable subscriptions need one). */
  clientId?: string;
}

export type AckMode = 'auto' | 'client' | 'client-individual';

export interface StompMessage {
  destination: string;
  messageId: string;
  /** All headers, including JMS-ish ones (correlation-id, reply-to, redelivered, properties). */
  headers: Record<string, string>;
  body: Buffer;
  subscription: string;
  /** The `ack` header to quote in ACK/NACK. */
  ackId?: string;
}

export interface SubscribeOptions {
  ack?: AckMode;
  selector?: string;
  /** Extra SUBSCRIBE headers (activemq.prefetchSize, activemq.subscriptionName, browser ...). */
  headers?: Record<string, string | number | undefined>;
}

export interface Subscription {
  readonly id: string;
  unsubscribe(): Promise<void>;
}

export class StompError extends Error {
  constructor(message: string, readonly frame?: StompFrame) {
    super(message);
    this.name = 'StompError';
  }
}

export class StompClient extends EventEmitter {
  private readonly decoder = new StompDecoder();
  private readonly receipts = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, (m: StompMessage) => void>();
  private nextId = 1;
  private closed = false;
  private connected = false;
  private lastSeen = Date.now();
  private timers: NodeJS.Timeout[] = [];
  /** Set once the broker answered CONNECT. */
  server = '';

  private constructor(private readonly socket: net.Socket) {
    super();
  }

  static connect(o: StompConnectOptions): Promise<StompClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: o.host, port: o.port });
      const client = new StompClient(socket);
      const timer = setTimeout(() => fail(new StompError(`STOMP connect to ${o.host}:${o.port} timed out`)), o.connectTimeoutMs ?? 10000);
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      };
      socket.once('error', fail);
      socket.on('data', (chunk) => client.onData(chunk));
      socket.on('close', () => client.onClose());
      client.once('connected', (frame: StompFrame) => {
        settled = true;
        clearTimeout(timer);
        socket.off('error', fail);
        socket.on('error', (e) => client.emit('transport-error', e));
        client.server = frame.headers.server ?? '';
        client.startHeartbeats(o.heartbeat ?? [0, 0], frame.headers['heart-beat']);
        resolve(client);
      });
      client.once('connect-error', (e: Error) => fail(e));
      socket.once('connect', () => {
        const [cx, cy] = o.heartbeat ?? [0, 0];
        socket.write(encodeFrame('CONNECT', { 'accept-version': '1.2', host: o.vhost ?? o.host, login: o.login, passcode: o.passcode, 'heart-beat': `${cx},${cy}`, 'client-id': o.clientId }));
      });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** SEND; with `receipt` (default true) resolves when the broker has the message. */
  send(destination: string, body: Buffer | string, headers: Record<string, string | number | undefined> = {}, receipt = true): Promise<void> {
    return this.command('SEND', { destination, ...headers }, body, receipt);
  }

  subscribe(destination: string, onMessage: (m: StompMessage) => void, o: SubscribeOptions = {}): Promise<Subscription> {
    const id = `sub-${this.nextId++}`;
    this.handlers.set(id, onMessage);
    const headers = { id, destination, ack: o.ack ?? 'auto', selector: o.selector, ...(o.headers ?? {}) };
    return this.command('SUBSCRIBE', headers, undefined, true).then(
      () => ({
        id,
        unsubscribe: async () => {
          this.handlers.delete(id);
          if (!this.closed) await this.command('UNSUBSCRIBE', { id }, undefined, true);
        },
      }),
      (e: Error) => {
        this.handlers.delete(id);
        throw e;
      },
    );
  }

  ack(m: StompMessage, transaction?: string): Promise<void> {
    return this.command('ACK', { id: m.ackId ?? m.messageId, transaction }, undefined, true);
  }

  nack(m: StompMessage, transaction?: string): Promise<void> {
    return this.command('NACK', { id: m.ackId ?? m.messageId, transaction }, undefined, true);
  }

  begin(transaction: string): Promise<void> {
    return this.command('BEGIN', { transaction }, undefined, true);
  }

  commit(transaction: string): Promise<void> {
    return this.command('COMMIT', { transaction }, undefined, true);
  }

  abort(transaction: string): Promise<void> {
    return this.command('ABORT', { transaction }, undefined, true);
  }

  /** Graceful close: DISCONNECT with a receipt, then the socket. */
  async disconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await Promise.race([this.command('DISCONNECT', {}, undefined, true), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // the connection is going away anyway
    }
    this.destroy();
  }

  /** Drops the connection at once (unacknowledged messages return to the broker). */
  destroy(): void {
    this.socket.destroy();
    this.onClose();
  }

  private command(command: string, headers: Record<string, string | number | undefined>, body: Buffer | string | undefined, receipt: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new StompError('STOMP connection is closed'));
    if (!receipt) {
      this.socket.write(encodeFrame(command, headers, body));
      return Promise.resolve();
    }
    const id = `r-${this.nextId++}`;
    return new Promise((resolve, reject) => {
      this.receipts.set(id, { resolve, reject });
      this.socket.write(encodeFrame(command, { ...headers, receipt: id }, body));
    });
  }

  private onData(chunk: Buffer): void {
    this.lastSeen = Date.now();
    const { frames } = this.decoder.push(chunk);
    for (const f of frames) this.onFrame(f);
  }

  private onFrame(f: StompFrame): void {
    switch (f.command) {
      case 'CONNECTED':
        this.connected = true;
        this.emit('connected', f);
        return;
      case 'RECEIPT': {
        const r = this.receipts.get(f.headers['receipt-id'] ?? '');
        this.receipts.delete(f.headers['receipt-id'] ?? '');
        r?.resolve();
        return;
      }
      case 'MESSAGE': {
        const m: StompMessage = {
          destination: f.headers.destination ?? '',
          messageId: f.headers['message-id'] ?? '',
          headers: f.headers,
          body: f.body,
          subscription: f.headers.subscription ?? '',
          ackId: f.headers.ack,
        };
        this.handlers.get(m.subscription)?.(m);
        return;
      }
      case 'ERROR': {
        const text = `${f.headers.message ?? 'STOMP error'}${f.body.length ? `: ${f.body.toString('utf8').trim().split('\n')[0]}` : ''}`;
        const err = new StompError(text, f);
        const r = f.headers['receipt-id'] ? this.receipts.get(f.headers['receipt-id']) : undefined;
        if (this.connected) {
          if (r) {
            this.receipts.delete(f.headers['receipt-id']!);
            r.reject(err);
          } else this.emit('broker-error', err);
        } else this.emit('connect-error', err);
        return;
      }
    }
  }

  private startHeartbeats(offer: [number, number], answer: string | undefined): void {
    const [sx, sy] = (answer ?? '0,0').split(',').map((n) => Number(n) || 0);
    const outgoing = offer[0] > 0 && sy! > 0 ? Math.max(offer[0], sy!) : 0;
    const incoming = offer[1] > 0 && sx! > 0 ? Math.max(offer[1], sx!) : 0;
    if (outgoing > 0) {
      const t = setInterval(() => !this.closed && this.socket.write('\n'), outgoing);
      t.unref();
      this.timers.push(t);
    }
    if (incoming > 0) {
      const t = setInterval(() => {
        if (Date.now() - this.lastSeen > incoming * 2) {
          this.emit('transport-error', new StompError(`no heart-beat from the broker for ${incoming * 2} ms`));
          this.destroy();
        }
      }, incoming);
      t.unref();
      this.timers.push(t);
    }
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    const err = new StompError('STOMP connection closed');
    for (const r of this.receipts.values()) r.reject(err);
    this.receipts.clear();
    this.emit('close');
  }
}
