/**
 * MI's InMemoryStore: an unbounded FIFO in this process, lost on restart.
 * A consumer holds the first message no other consumer holds; ack removes
 * it, release gives it back.
 */
import type { MessageStoreBackend, MessageStoreConsumer, StoreBackendContext } from '../../../messaging/store.js';
import type { StoredMessage } from '../../../messaging/stored-message.js';

export class InMemoryStoreBackend implements MessageStoreBackend {
  private readonly queue: StoredMessage[] = [];
  /** messageId -> consumer holding it */
  private readonly held = new Map<string, object>();

  constructor(readonly storeName: string) {}

  async open(): Promise<void> {}

  async store(message: StoredMessage): Promise<void> {
    this.queue.push(message);
  }

  consumer(): MessageStoreConsumer {
    const owner = {};
    let holding: string | undefined;
    const release = () => {
      if (holding !== undefined && this.held.get(holding) === owner) this.held.delete(holding);
      holding = undefined;
    };
    return {
      fetch: async () => {
        if (holding !== undefined) {
          const still = this.queue.find((m) => m.messageId === holding);
          if (still) return still;
          release();
        }
        const next = this.queue.find((m) => !this.held.has(m.messageId));
        if (!next) return undefined;
        holding = next.messageId;
        this.held.set(holding, owner);
        return next;
      },
      ack: async () => {
        if (holding === undefined) return;
        const i = this.queue.findIndex((m) => m.messageId === holding);
        if (i >= 0) this.queue.splice(i, 1);
        release();
      },
      release: async () => release(),
      close: async () => release(),
    };
  }

  async list(offset: number, limit: number): Promise<StoredMessage[]> {
    return this.queue.slice(offset, offset + limit);
  }

  async get(messageId: string): Promise<StoredMessage | undefined> {
    return this.queue.find((m) => m.messageId === messageId);
  }

  async delete(messageId: string): Promise<boolean> {
    const i = this.queue.findIndex((m) => m.messageId === messageId);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    this.held.delete(messageId);
    return true;
  }

  async size(): Promise<number> {
    return this.queue.length;
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

export function inMemoryStoreFactory(ctx: StoreBackendContext): MessageStoreBackend {
  return new InMemoryStoreBackend(ctx.storeName);
}
