/**
 * Message-store backends by MI store class. engine/ outside engine/node/ may
 * not use Node APIs, so the backends register here from engine/node/stores/
 * (see defaultStoreBackends there) and the registry is handed to the engine
 * in its options.
 */
import type { StoreBackendFactory } from './store.js';

/** MI's store classes (the `class` attribute of `<messageStore>`). */
export const StoreClass = {
  InMemory: 'org.apache.synapse.message.store.impl.memory.InMemoryStore',
  Jdbc: 'org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore',
  Resequence: 'org.apache.synapse.message.store.impl.resequencer.ResequenceMessageStore',
  RabbitMQ: 'org.apache.synapse.message.store.impl.rabbitmq.RabbitMQStore',
  Jms: 'org.apache.synapse.message.store.impl.jms.JmsStore',
} as const;

/** Old class names MI still accepts and maps (MessageStoreFactory). */
const DEPRECATED_CLASSES: Record<string, string> = {
  'org.apache.synapse.message.store.InMemoryMessageStore': StoreClass.InMemory,
  'org.wso2.carbon.message.store.persistence.jms.JMSMessageStore': StoreClass.Jms,
};

/** The class MI would instantiate: no class = in-memory; deprecated names mapped. */
export function canonicalStoreClass(className: string | undefined): string {
  const c = (className ?? '').trim();
  if (!c) return StoreClass.InMemory;
  return DEPRECATED_CLASSES[c] ?? c;
}

/** The last segment of a class name (`JDBCMessageStore`), used in logs and the studio. */
export function shortStoreClass(className: string): string {
  const c = canonicalStoreClass(className);
  return c.slice(c.lastIndexOf('.') + 1);
}

export class StoreBackendRegistry {
  private readonly factories = new Map<string, StoreBackendFactory>();

  /** Registers a backend for a store class (full MI class name); the short name resolves too. */
  register(className: string, factory: StoreBackendFactory): this {
    this.factories.set(canonicalStoreClass(className), factory);
    return this;
  }

  /** The factory for a class as written in an artifact, or undefined when none is registered. */
  resolve(className: string | undefined): StoreBackendFactory | undefined {
    const canonical = canonicalStoreClass(className);
    const exact = this.factories.get(canonical);
    if (exact) return exact;
    if (!canonical.includes('.')) {
      for (const [name, factory] of this.factories) if (name.endsWith(`.${canonical}`)) return factory;
    }
    return undefined;
  }

  classes(): string[] {
    return [...this.factories.keys()];
  }
}
