/** A two-way channel of envelopes. Implementations: in-memory, WebSocket (and an Electron port later). */
import type { Envelope } from './envelopes.js';

export interface Transport {
  send(message: Envelope): void;
  /** Registers a receiver; returns a function that unregisters it. */
  onMessage(handler: (message: Envelope) => void): () => void;
  /** Called once when the channel closes. */
  onClose(handler: () => void): () => void;
  close(): void;
}

/** A small listener list used by the transports. */
export class Listeners<T> {
  private readonly handlers = new Set<(value: T) => void>();
  add(handler: (value: T) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  emit(value: T): void {
    for (const h of [...this.handlers]) h(value);
  }
}
