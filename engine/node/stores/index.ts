/**
 * The message-store backends this host offers, by MI store class. Broker
 * backends (RabbitMQStore, JmsStore) register here too, from their folders.
 */
import { StoreBackendRegistry, StoreClass } from '../../messaging/store-registry.js';
import { inMemoryStoreFactory } from './memory/memory-store.js';
import { jdbcStoreFactory, resequenceStoreFactory } from './jdbc/index.js';
import { rabbitmqStoreFactory } from './rabbitmq/rabbitmq-store.js';
import { jmsStoreFactory } from './jms/jms-store.js';

export function defaultStoreBackends(): StoreBackendRegistry {
  return new StoreBackendRegistry()
    .register(StoreClass.InMemory, inMemoryStoreFactory)
    .register(StoreClass.Jdbc, jdbcStoreFactory)
    .register(StoreClass.Resequence, resequenceStoreFactory)
    .register(StoreClass.RabbitMQ, rabbitmqStoreFactory)
    .register(StoreClass.Jms, jmsStoreFactory);
}
