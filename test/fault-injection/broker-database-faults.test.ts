/**
 * Broker and database faults while messages flow: the runtime reaches RabbitMQ and PostgreSQL
 * through a TCP proxy (test/support/fault-proxy.ts) that the test breaks, as a broker restart or a
 * network failure would, without disturbing the real servers other tests use.
 *
 * What a user of MI relies on, checked for a RabbitMQ and a JMS (ActiveMQ) message store, a
 * PostgreSQL JDBC message store and a PostgreSQL data service:
 * - while the server cannot be reached, a request the store could not take is not answered 202
 *   (the fault path runs), so nothing is accepted that could be lost;
 * - every message that was accepted is delivered once the server is back (at least once, as MI:
 *   a message delivered just before the cut whose ack was lost is sent again; duplicates are
 *   counted and bounded);
 * - the runtime serves the next requests without a restart (connections are re-opened).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { runMediate, writeProject, SYN, type MediateProcess } from '../integration/mediate-process.js';
import { probeService, describeWithServices } from '../support/services.js';
import { usePostgresDatabase } from '../support/postgres.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { countingBackend, postNumbered, waitFor, storeAndForwardFiles, JDBC_STORE, JMS_STORE, RABBITMQ_STORE, type CountingBackend } from '../support/delivery.js';

const rabbitmq = await probeService({ name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached' });
const activemq = await probeService({ name: 'ActiveMQ (STOMP 61613)', port: 61613, start: 'bash .ci/services/activemq.sh' });
const postgres = await probeService({ name: 'PostgreSQL', port: 5432, start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start' });

/** How long the server stays unreachable: longer than the processor's retry interval many times over. */
const OUTAGE_MS = 1500;

let backend: CountingBackend;
let proxy: FaultProxy;
let mediate: MediateProcess | undefined;

async function setUp(serverPort: number): Promise<void> {
  backend = await countingBackend();
  proxy = await startFaultProxy(serverPort);
}

afterEach(async () => {
  await mediate?.stop('SIGKILL');
  mediate = undefined;
  await proxy?.close();
  await backend?.close();
});

/** Posts messages from..to-1, two at a time; returns the numbers answered 202. */
async function send(port: number, from: number, to: number): Promise<number[]> {
  const accepted: number[] = [];
  let next = from;
  const worker = async () => {
    while (next < to) {
      const n = next++;
      if (await postNumbered(port, n)) accepted.push(n);
    }
  };
  await Promise.all([worker(), worker()]);
  return accepted.sort((a, b) => a - b);
}

/**
 * Messages before, during and after an outage of the server behind the proxy; returns what was
 * accepted in each phase, once every accepted message has reached the back end.
 */
async function flowThroughOutage(m: MediateProcess): Promise<{ before: number[]; during: number[]; after: number[] }> {
  const before = await send(m.port, 0, 30);
  proxy.refuse();
  const outageEnds = Date.now() + OUTAGE_MS;
  const during = await send(m.port, 100, 110);
  await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())));
  proxy.restore();
  // The first requests after the outage may meet a connection still being re-opened.
  const after = await send(m.port, 200, 240);
  const all = [...before, ...during, ...after];
  try {
    await waitFor('every accepted message delivered', () => all.every((n) => (backend.counts.get(n) ?? 0) >= 1), 30000);
  } catch (e) {
    const missing = all.filter((n) => !backend.counts.has(n));
    throw new Error(`${(e as Error).message}: ${missing.length} missing (${missing.slice(0, 10).join(', ')}...)\n--- runtime log (tail):\n${(m.stdout() + m.stderr()).split('\n').slice(-40).join('\n')}`);
  }
  return { before, during, after };
}

function expectNothingLost(phases: { before: number[]; during: number[]; after: number[] }): void {
  expect(phases.before).toHaveLength(30);
  // While the store's server is unreachable nothing is accepted that the store did not take.
  expect(phases.during).toEqual([]);
  // Served again without a restart: all but the first few after the outage are accepted.
  expect(phases.after.length).toBeGreaterThanOrEqual(35);
  expect(phases.after.slice(-30)).toEqual(Array.from({ length: 30 }, (_, i) => 210 + i));
  // Only accepted messages arrive, and a cut costs at most the one message in flight twice.
  const accepted = new Set([...phases.before, ...phases.during, ...phases.after]);
  for (const n of backend.counts.keys()) expect(accepted.has(n), `message ${n} was delivered but never accepted`).toBe(true);
  expect(backend.duplicates()).toBeLessThanOrEqual(1);
}

describeWithServices('broker fault: the RabbitMQ store loses its broker while messages flow', [rabbitmq], () => {
  const queue = `mediate_fault_${randomBytes(4).toString('hex')}`;
  beforeEach(() => setUp(5672));
  afterEach(async () => {
    const c = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    await c.createChannel().then((ch) => ch.deleteQueue(queue));
    await c.close();
  });

  it('refuses what it cannot store, delivers every accepted message after the outage, and serves on', async () => {
    const params = `<parameter name="store.rabbitmq.host.name">127.0.0.1</parameter><parameter name="store.rabbitmq.host.port">${proxy.port}</parameter><parameter name="store.rabbitmq.queue.name">${queue}</parameter>`;
    mediate = await runMediate(['run', writeProject(storeAndForwardFiles(backend.port, RABBITMQ_STORE, params)), '--port', '0']);
    const phases = await flowThroughOutage(mediate);
    expectNothingLost(phases);
    expect(mediate.stdout() + mediate.stderr()).toMatch(/RabbitMQ message store OrderStore cannot reach 127\.0\.0\.1:\d+/);
  }, 60000);
});

describeWithServices('broker fault: a RabbitMQ inbound endpoint loses its broker connection', [rabbitmq], () => {
  const queue = `mediate_fault_in_${randomBytes(4).toString('hex')}`;
  let publisher: Awaited<ReturnType<typeof amqp.connect>>;
  beforeEach(async () => {
    await setUp(5672);
    publisher = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
  });
  afterEach(async () => {
    await publisher.createChannel().then((ch) => ch.deleteQueue(queue));
    await publisher.close();
  });

  it('reconnects after the outage and consumes what was published meanwhile; nothing lost', async () => {
    const A = 'src/main/wso2mi/artifacts';
    const dir = writeProject({
      [`${A}/inbound-endpoints/OrdersIn.xml`]: `<inboundEndpoint ${SYN} name="OrdersIn" protocol="rabbitmq" sequence="ToBackend" onError="fault" suspend="false"><parameters>
        <parameter name="rabbitmq.server.host.name">127.0.0.1</parameter><parameter name="rabbitmq.server.port">${proxy.port}</parameter>
        <parameter name="rabbitmq.queue.name">${queue}</parameter><parameter name="rabbitmq.queue.auto.ack">false</parameter>
        <parameter name="rabbitmq.message.content.type">application/json</parameter><parameter name="rabbitmq.connection.retry.interval">500</parameter>
      </parameters></inboundEndpoint>`,
      [`${A}/sequences/ToBackend.xml`]: `<sequence ${SYN} name="ToBackend"><call><endpoint key="Backend"/></call><drop/></sequence>`,
      [`${A}/endpoints/Backend.xml`]: `<endpoint ${SYN} name="Backend"><address uri="http://127.0.0.1:${backend.port}/orders"><suspendOnFailure><errorCodes>-1</errorCodes></suspendOnFailure></address></endpoint>`,
    });
    mediate = await runMediate(['run', dir, '--port', '0']);
    const ch = await publisher.createChannel();
    await ch.assertQueue(queue, { durable: true });
    const publish = (from: number, to: number) => {
      for (let n = from; n < to; n++) ch.sendToQueue(queue, Buffer.from(JSON.stringify({ n })), { persistent: true, contentType: 'application/json' });
    };
    const delivered = (ns: number[]) => ns.every((n) => backend.counts.has(n));
    const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
    publish(0, 30);
    await waitFor('the first messages consumed', () => delivered(range(0, 30)));
    proxy.refuse();
    publish(100, 110);
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    expect(range(100, 110).some((n) => backend.counts.has(n)), 'consumed while the broker was unreachable').toBe(false);
    proxy.restore();
    publish(200, 230);
    await waitFor('everything published consumed after the reconnect', () => delivered([...range(100, 110), ...range(200, 230)]), 30000);
    // At least once: a message whose ack the cut lost (still in mediation then) comes again, once;
    // what was published during and after the outage arrives exactly once.
    for (const [n, times] of backend.counts) expect(times, `message ${n}`).toBeLessThanOrEqual(n < 30 ? 2 : 1);
    expect(mediate.stdout() + mediate.stderr()).toMatch(/retrying in \d+ ms/);
  }, 60000);
});

describeWithServices('broker fault: the JMS store loses ActiveMQ while messages flow', [activemq], () => {
  const queue = `mediate_fault_${randomBytes(4).toString('hex')}`;
  beforeEach(() => setUp(61613));

  it('refuses what it cannot store, delivers every accepted message after the outage, and serves on', async () => {
    const params = `<parameter name="java.naming.factory.initial">org.apache.activemq.jndi.ActiveMQInitialContextFactory</parameter><parameter name="java.naming.provider.url">tcp://127.0.0.1:61616</parameter><parameter name="mediate.jms.stomp.port">${proxy.port}</parameter><parameter name="store.jms.destination">${queue}</parameter>`;
    mediate = await runMediate(['run', writeProject(storeAndForwardFiles(backend.port, JMS_STORE, params)), '--port', '0']);
    const phases = await flowThroughOutage(mediate);
    expectNothingLost(phases);
    expect(mediate.stdout() + mediate.stderr()).toMatch(/JMS message store OrderStore cannot reach the broker/);
  }, 60000);
});

describeWithServices('database faults: PostgreSQL goes away under a JDBC store and a data service', [postgres], () => {
  const database = usePostgresDatabase('mediate_fault_db');
  beforeEach(() => setUp(5432));

  it('JDBC store: refuses what it cannot store, delivers every accepted message after the outage, and serves on', async () => {
    const params = `<parameter name="store.jdbc.driver">org.postgresql.Driver</parameter><parameter name="store.jdbc.connection.url">jdbc:postgresql://127.0.0.1:${proxy.port}/${database}</parameter><parameter name="store.jdbc.username">postgres</parameter><parameter name="store.jdbc.password"></parameter><parameter name="store.jdbc.table">orders_fault</parameter>`;
    mediate = await runMediate(['run', writeProject(storeAndForwardFiles(backend.port, JDBC_STORE, params)), '--port', '0']);
    const phases = await flowThroughOutage(mediate);
    expectNothingLost(phases);
  }, 60000);

  it("data service: answers MI's data-service fault while the database is away, and the rows again after", async () => {
    const dbs = `<data name="Stock" transports="http">
  <config id="db">
    <property name="driverClassName">org.postgresql.Driver</property>
    <property name="url">jdbc:postgresql://127.0.0.1:${proxy.port}/${database}</property>
    <property name="username">postgres</property>
    <property name="password"></property>
  </config>
  <query id="bySku" useConfig="db">
    <sql>SELECT sku, qty FROM stock WHERE sku = :sku</sql>
    <param name="sku" sqlType="STRING"/>
    <result element="Items" rowName="Item"><element column="sku" name="sku"/><element column="qty" name="qty"/></result>
  </query>
  <resource method="GET" path="stock/{sku}"><call-query href="bySku"><with-param name="sku" query-param="sku"/></call-query></resource>
</data>`;
    const pg = await import('pg');
    const client = new pg.default.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
    await client.connect();
    await client.query('CREATE TABLE stock (sku VARCHAR(20) PRIMARY KEY, qty INTEGER)');
    await client.query("INSERT INTO stock VALUES ('A1', 7)");
    await client.end();
    mediate = await runMediate(['run', writeProject({ 'src/main/wso2mi/artifacts/data-services/Stock.dbs': dbs }), '--port', '0']);
    const get = () => fetch(`http://127.0.0.1:${mediate!.port}/services/Stock/stock/A1`);
    const ok = await get();
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('<qty>7</qty>');

    proxy.refuse();
    const down = await get();
    const fault = await down.text();
    expect(down.status).toBe(500);
    expect(fault).toContain('CONNECTION_UNAVAILABLE_ERROR');
    expect(fault).toContain('<axis2ns1:current_request_name>_getstock_sku</axis2ns1:current_request_name>');

    proxy.restore();
    let again: Response | undefined;
    for (let i = 0; i < 20 && again?.status !== 200; i++) {
      again = await get();
      if (again.status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(again?.status).toBe(200);
    expect(await again!.text()).toContain('<qty>7</qty>');
  }, 60000);
});
