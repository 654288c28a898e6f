/**
 * Nothing lost: `mediate run` child processes are killed with SIGKILL while
 * messages flow HTTP -> store mediator -> JDBC store (SQLite under .mediate,
 * then PostgreSQL) -> forwarding processor -> a back end. After a restart
 * every message the client got 202 for reaches the back end. Delivery is at
 * least once (as MI): a message sent just before the kill but not yet acked is
 * sent again, so duplicates are counted and bounded (one processor forwards
 * one message at a time: at most one duplicate per kill).
 *
 * Two instances on one RabbitMQ or JMS queue store are competing consumers: each
 * message is delivered once, by one of them.
 *
 * Two instances on one PostgreSQL store: the forwarding processor runs in one
 * of them at a time (advisory lock): no message is delivered twice while both
 * run, and when the instance holding the lock is killed the other takes over.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { usePostgresDatabase } from '../support/postgres.js';
import { runMediate, writeProject, type MediateProcess } from '../integration/mediate-process.js';
import { probeService, describeWithServices } from '../support/services.js';
import { countingBackend, postNumbered as post, waitFor, storeAndForwardFiles, JDBC_STORE, JMS_STORE, RABBITMQ_STORE, type CountingBackend as Backend } from '../support/delivery.js';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';

function project(backendPort: number, storeParams: string, storeClass = JDBC_STORE): string {
  return writeProject(storeAndForwardFiles(backendPort, storeClass, storeParams));
}

const running: MediateProcess[] = [];
afterEach(async () => {
  for (const m of running.splice(0)) await m.stop('SIGKILL');
});

/** Sends messages from..to-1 with 4 in parallel; kills the process after `killAfter` accepted ones. */
async function sendAndKill(m: MediateProcess, from: number, to: number, accepted: Set<number>, killAfter?: number): Promise<void> {
  let next = from;
  let acceptedHere = 0;
  const worker = async () => {
    while (next < to) {
      const n = next++;
      if (await post(m.port, n)) {
        accepted.add(n);
        acceptedHere++;
        if (killAfter !== undefined && acceptedHere === killAfter) m.proc.kill('SIGKILL');
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

async function killAndRestart(dir: string, backend: Backend): Promise<{ accepted: Set<number>; duplicates: number }> {
  const accepted = new Set<number>();
  const first = await runMediate(['run', dir, '--port', '0']);
  running.push(first);
  await sendAndKill(first, 0, 60, accepted, 30);
  await first.stop('SIGKILL');
  expect(first.proc.signalCode).toBe('SIGKILL');
  expect(accepted.size).toBeGreaterThanOrEqual(30);
  const second = await runMediate(['run', dir, '--port', '0']);
  running.push(second);
  await sendAndKill(second, 60, 80, accepted);
  await waitFor('every accepted message delivered', () => [...accepted].every((n) => (backend.counts.get(n) ?? 0) >= 1));
  const duplicates = [...backend.counts.values()].reduce((s, c) => s + (c - 1), 0);
  return { accepted, duplicates };
}

describe('nothing lost: SQLite store (the embedded default), kill -9 of mediate run', () => {
  it('delivers every accepted message after a restart; at most one duplicate', async () => {
    const backend = await countingBackend();
    try {
      const dir = project(backend.port, '');
      const { accepted, duplicates } = await killAndRestart(dir, backend);
      expect(accepted.size).toBeGreaterThanOrEqual(50);
      expect(duplicates).toBeLessThanOrEqual(1);
      // Only accepted messages were delivered (a message refused mid-kill may still have been stored: it is delivered, never lost).
      for (const n of backend.counts.keys()) expect(n).toBeGreaterThanOrEqual(0);
    } finally {
      await backend.close();
    }
  }, 60000);
});

const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'service postgresql start' });

describeWithServices('nothing lost: PostgreSQL store', [postgres], () => {
  const database = usePostgresDatabase('mediate_nothing_lost');
  const storeParams = (table: string) =>
    `<parameter name="store.jdbc.driver">org.postgresql.Driver</parameter><parameter name="store.jdbc.connection.url">jdbc:postgresql://127.0.0.1:5432/${database}</parameter><parameter name="store.jdbc.username">postgres</parameter><parameter name="store.jdbc.password"></parameter><parameter name="store.jdbc.table">${table}</parameter>`;

  it('delivers every accepted message after kill -9 and restart; at most one duplicate', async () => {
    const backend = await countingBackend();
    try {
      const { accepted, duplicates } = await killAndRestart(project(backend.port, storeParams('orders_kill')), backend);
      expect(accepted.size).toBeGreaterThanOrEqual(50);
      expect(duplicates).toBeLessThanOrEqual(1);
    } finally {
      await backend.close();
    }
  }, 60000);

  it('two instances on one store: the processor runs in one at a time; killing it hands over to the other', async () => {
    const backend = await countingBackend();
    try {
      const dir = project(backend.port, storeParams('orders_shared'));
      const a = await runMediate(['run', dir, '--port', '0']);
      const b = await runMediate(['run', dir, '--port', '0']);
      running.push(a, b);
      const holds = (m: MediateProcess) => /Message processor \[Forwarder\] runs in this instance/.test(m.stdout() + m.stderr());
      await waitFor('one instance holds the processor lease', () => holds(a) || holds(b));
      const accepted = new Set<number>();
      // Both instances take requests into the one store.
      await Promise.all([sendAndKill(a, 0, 20, accepted), sendAndKill(b, 100, 120, accepted)]);
      await waitFor('all delivered', () => [...accepted].every((n) => (backend.counts.get(n) ?? 0) >= 1));
      expect([...backend.counts.values()].every((c) => c === 1)).toBe(true);
      expect(holds(a) && holds(b)).toBe(false);
      // Kill the holder: the other instance takes over and delivers what comes next.
      const [holder, other] = holds(a) ? [a, b] : [b, a];
      await holder.stop('SIGKILL');
      await sendAndKill(other, 200, 220, accepted);
      await waitFor('the other instance took over', () => holds(other));
      await waitFor('all delivered after the hand-over', () => [...accepted].every((n) => (backend.counts.get(n) ?? 0) >= 1));
      const duplicates = [...backend.counts.values()].reduce((s, c) => s + (c - 1), 0);
      expect(duplicates).toBeLessThanOrEqual(1);
    } finally {
      await backend.close();
    }
  }, 60000);
});

const rabbitmq = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });

describeWithServices('nothing lost: RabbitMQ store', [rabbitmq], () => {
  const queue = `mediate_nothing_lost_${randomBytes(4).toString('hex')}`;
  afterEach(async () => {
    const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    await c.createChannel().then((ch) => ch.deleteQueue(queue));
    await c.close();
  });

  it('delivers every accepted message after kill -9 and restart (publisher confirms before the 202); at most one duplicate', async () => {
    const backend = await countingBackend();
    try {
      const params = `<parameter name="store.rabbitmq.host.name">127.0.0.1</parameter><parameter name="store.rabbitmq.queue.name">${queue}</parameter>`;
      const { accepted, duplicates } = await killAndRestart(project(backend.port, params, RABBITMQ_STORE), backend);
      expect(accepted.size).toBeGreaterThanOrEqual(50);
      expect(duplicates).toBeLessThanOrEqual(1);
    } finally {
      await backend.close();
    }
  }, 60000);

  it('two instances on one queue are competing consumers: each message is delivered once, by one of them', async () => {
    const backend = await countingBackend();
    try {
      const params = `<parameter name="store.rabbitmq.host.name">127.0.0.1</parameter><parameter name="store.rabbitmq.queue.name">${queue}</parameter>`;
      await expectCompetingConsumers(backend, (path) => writeProject(storeAndForwardFiles(backend.port, RABBITMQ_STORE, params, path)));
    } finally {
      await backend.close();
    }
  }, 60000);
});

/**
 * Two `mediate run` processes share one broker queue as their store, each delivering to its own
 * back-end path: together they deliver every message exactly once, and both take part.
 */
async function expectCompetingConsumers(backend: Backend, projectDelivering: (path: string) => string): Promise<void> {
  const a = await runMediate(['run', projectDelivering('/by-a'), '--port', '0']);
  const b = await runMediate(['run', projectDelivering('/by-b'), '--port', '0']);
  running.push(a, b);
  const accepted = new Set<number>();
  await Promise.all([sendAndKill(a, 0, 40, accepted), sendAndKill(b, 100, 140, accepted)]);
  expect(accepted.size).toBe(80);
  await waitFor('all delivered', () => [...accepted].every((n) => backend.counts.has(n)));
  expect(backend.duplicates()).toBe(0);
  expect(backend.byPath.get('/by-a') ?? 0, 'messages instance a delivered').toBeGreaterThan(0);
  expect(backend.byPath.get('/by-b') ?? 0, 'messages instance b delivered').toBeGreaterThan(0);
}

const activemq = await probeService({ name: 'ActiveMQ (STOMP 61613)', port: 61613, start: 'bash .ci/services/activemq.sh' });

describeWithServices('nothing lost: JMS store on ActiveMQ', [activemq], () => {
  it('delivers every accepted message after kill -9 and restart (broker receipt before the 202); at most one duplicate', async () => {
    const backend = await countingBackend();
    try {
      const params = `<parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter><parameter name="java.naming.provider.url">tcp://127.0.0.1:61616</parameter><parameter name="store.jms.destination">mediate_nothing_lost_${randomBytes(4).toString('hex')}</parameter>`;
      const { accepted, duplicates } = await killAndRestart(project(backend.port, params, JMS_STORE), backend);
      expect(accepted.size).toBeGreaterThanOrEqual(50);
      expect(duplicates).toBeLessThanOrEqual(1);
    } finally {
      await backend.close();
    }
  }, 60000);

  it('two instances on one queue are competing consumers: each message is delivered once, by one of them', async () => {
    const backend = await countingBackend();
    try {
      const params = `<parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter><parameter name="java.naming.provider.url">tcp://127.0.0.1:61616</parameter><parameter name="store.jms.destination">mediate_competing_${randomBytes(4).toString('hex')}</parameter>`;
      await expectCompetingConsumers(backend, (path) => writeProject(storeAndForwardFiles(backend.port, JMS_STORE, params, path)));
    } finally {
      await backend.close();
    }
  }, 60000);
});
