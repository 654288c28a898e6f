/**
 * A transport over a WebSocket. Works with the browser's WebSocket and with the
 * `ws` package's (both have addEventListener and event.data), described here
 * structurally so this file needs neither DOM nor Node types.
 */
import { parseEnvelope, type Envelope } from './envelopes.js';
import { Listeners, type Transport } from './transport.js';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
  addEventListener(type: 'open', listener: () => void): void;
}

const OPEN = 1;

export function createWebSocketTransport(socket: WebSocketLike): Transport {
  const messages = new Listeners<Envelope>();
  const closes = new Listeners<void>();
  // Messages sent before the socket opens are queued, so a client may call right away.
  const pending: string[] = [];
  socket.addEventListener('open', () => {
    for (const m of pending.splice(0)) socket.send(m);
  });
  socket.addEventListener('message', (event) => {
    const data = typeof event.data === 'string' ? event.data : String(event.data);
    const envelope = parseEnvelope(data);
    if (envelope) messages.emit(envelope);
  });
  socket.addEventListener('close', () => closes.emit());
  return {
    send(message) {
      const wire = JSON.stringify(message);
      if (socket.readyState === OPEN) socket.send(wire);
      else if (socket.readyState === 0) pending.push(wire);
    },
    onMessage: (h) => messages.add(h),
    onClose: (h) => closes.add(() => h()),
    close: () => socket.close(),
  };
}
