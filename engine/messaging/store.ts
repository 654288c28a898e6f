/**
 * The message-store backend interface: what the store mediator, the message
 * processors and the studio's store browser need of a place that keeps
 * messages (in-memory, JDBC on SQLite/PostgreSQL/MySQL, resequence, RabbitMQ,
 * JMS). Implementations live in engine/node/stores/<kind>/ and register by
 * MI's store class name in a StoreBackendRegistry (store-registry.ts).
 *
 * Delivery contract (at least once, as MI):
 * - `store()` resolves only once the message is kept as durably as the
 *   backend can (committed row, broker publisher confirm; in memory for
 *   InMemoryStore). A rejected promise means the message was NOT accepted.
 * - A message stays in the store until a consumer that fetched it calls
 *   `ack()`. A consumer that crashes, closes or `release()`s without acking
 *   leaves the message in the store, first in line again: it is delivered
 *   again later (a duplicate when the first delivery had reached the back end).
 * - Order: FIFO by acceptance, except where the backend defines its own
 *   order (the resequence store releases by sequence number).
 * - All methods are async and may reject with StoreUnavailableError when the
 *   backend cannot be reached; callers retry (processors use
 *   store.connection.retry.interval / max.store.connection.attempts).
 */
import type { Logger } from '../core/logger.js';
import type { StoredMessage } from './stored-message.js';

/** One processor's view of a store: it holds at most one message at a time. */
export interface MessageStoreConsumer {
  /**
   * The first message not held by another consumer, now held by this one;
   * undefined when there is none. Calling fetch() again before ack/release
   * returns the same held message.
   */
  fetch(): Promise<StoredMessage | undefined>;
  /** Removes the held message from the store (delivered, dropped or moved). No-op when nothing is held. */
  ack(): Promise<void>;
  /** Gives the held message back unchanged; it stays first in line. */
  release(): Promise<void>;
  /** Releases anything held and frees the consumer's resources. */
  close(): Promise<void>;
}

/** Granted by a backend that can coordinate instances (PostgreSQL advisory lock, row lease ...). */
export interface StoreLease {
  /** Rejects or resolves false when the lease was lost (connection dropped): the holder must stop. */
  stillHeld(): Promise<boolean>;
  release(): Promise<void>;
}

export interface MessageStoreBackend {
  readonly storeName: string;
  /** Connects and creates what it needs (tables, queues). Rejects with StoreUnavailableError when unreachable. */
  open(): Promise<void>;
  /** Accepts a message; see the delivery contract above. */
  store(message: StoredMessage): Promise<void>;
  /** A new consumer (one per processor / member task). */
  consumer(): MessageStoreConsumer;
  /** Messages in delivery order, for the store browser (does not hold them). */
  list(offset: number, limit: number): Promise<StoredMessage[]>;
  get(messageId: string): Promise<StoredMessage | undefined>;
  /** Removes one message by MI's message id; false when it was not there. */
  delete(messageId: string): Promise<boolean>;
  size(): Promise<number>;
  /** Closes connections; held messages go back to the store. */
  close(): Promise<void>;
  /**
   * Optional: a lease named `key` shared by every instance using the same
   * backing store, so a processor runs in one instance at a time. Resolves
   * undefined when another instance holds it. Backends that cannot span
   * instances (in-memory) leave it out and the processor runs unconditionally.
   */
  lease?(key: string): Promise<StoreLease | undefined>;
}

/** What a backend factory is given for one `<messageStore>` artifact. */
export interface StoreBackendContext {
  storeName: string;
  /** The store class as written in the artifact (or the in-memory default). */
  className: string;
  /** `<parameter name="...">` values, trimmed names. */
  parameters: Readonly<Record<string, string>>;
  /** Directory for files the runtime keeps for the project (`<project>/.mediate`); undefined when there is no project on disk. */
  dataDir?: string;
  logger: Logger;
}

export type StoreBackendFactory = (ctx: StoreBackendContext) => MessageStoreBackend;

/** The backend cannot be reached right now (connection refused, broker down); the operation may be retried. */
export class StoreUnavailableError extends Error {
  constructor(
    readonly storeName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The artifact's parameters cannot make a backend (missing URL, unknown driver ...); names the parameter at fault. */
export class StoreConfigError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreConfigError';
  }
}
