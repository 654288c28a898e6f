import { expect } from 'vitest';
import type amqp from 'amqplib';
import { defineCase, replace } from '../../case.js';
import type { CaseRun } from '../../runtime.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { queueDepth, until, withChannel } from './_rabbit.js';

/** Per run, so two runs on one broker never share the topology. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const MAIN = `MAIN_Q-${RUN}`;
const QUEUE2 = `queue2-${RUN}`;
const X2 = `exchange2-${RUN}`;
const LAST_X = `LAST_Q-${RUN}`;
const LAST = `last-${RUN}`;

/** The page's broker, declared by the test (the page only says to pre-create MAIN_Q). */
async function topology(): Promise<void> {
  await withChannel(async (ch) => {
    await ch.assertQueue(MAIN, { durable: true });
    await ch.assertExchange(X2, 'direct', { durable: true });
    await ch.assertQueue(QUEUE2, { durable: true });
    await ch.bindQueue(QUEUE2, X2, QUEUE2);
    await ch.assertExchange(LAST_X, 'direct', { durable: true });
    await ch.assertQueue(LAST, { durable: true });
    await ch.bindQueue(LAST, LAST_X, 'lastRk');
  });
}

const removeTopology = () =>
  withChannel(async (ch) => {
    for (const q of [MAIN, QUEUE2, LAST]) await ch.deleteQueue(q);
    for (const x of [X2, LAST_X]) await ch.deleteExchange(x);
  });

/** Messages now on queue2 (taken off it). */
const takeAll = (): Promise<amqp.GetMessage[]> =>
  withChannel(async (ch) => {
    const out: amqp.GetMessage[] = [];
    for (let m = await ch.get(QUEUE2, { noAck: true }); m; m = await ch.get(QUEUE2, { noAck: true })) out.push(m);
    return out;
  });

/** Answers Mediate's request-reply publishes, so the consumer it holds is freed. */
const answer = (ms: amqp.GetMessage[]) =>
  withChannel(async (ch) => {
    for (const m of ms) if (m.properties.replyTo) ch.sendToQueue(String(m.properties.replyTo), Buffer.from('{"ok":true}'), { correlationId: m.properties.correlationId, contentType: 'application/json' });
    await ch.checkQueue(MAIN);
  });

const publish = (body: string) =>
  withChannel(async (ch) => {
    ch.sendToQueue(MAIN, Buffer.from(body), { contentType: 'application/json', headers: { 'x-test': '1' } });
    await ch.checkQueue(MAIN);
  });

export default defineCase({
  id: 'rabbitmq/nonblocking-client-ack',
  title: 'RabbitMQ non-blocking client acknowledgement (callback-controlled ack, ACKNOWLEDGE property, ack wait time, proxy throttling): a feature of transports after MI 4.4',
  status: 'not-yet',
  reason:
    "the page documents transport features added after MI 4.4 (callback-controlled acknowledgement through [messaging_callback] and the ACKNOWLEDGE property, rabbitmq.inbound.ack.max.wait.time, proxy throttling, error-queue publisher confirms; wso2-axis2-transports v71-v86, MI 4.4 pins v70), which Mediate, an MI 4.4 runtime, does not implement: the in-sequence's call (no OUT_ONLY) is a 4.4 request-reply that waits up to 30 s for an answer on queue2 while the QoS-1 consumer holds the message, so the next message is not processed and ACKNOWLEDGE is never read",
  docsWrong: [
    'the endpoint RabbitMQ-Endpoint and the sender factory SampleConnectionFactory are not defined on the page: the case adds a default endpoint (so the To header applies) and a [[transport.rabbitmq.sender]] factory for 127.0.0.1:5672',
    'rabbitmq.AckMode=clientAck is read nowhere in the transport; acknowledgement follows rabbitmq.queue.auto.ack=false',
    'the To URI spreads its query over several lines in the attribute: normalised to spaces, the parameter names are trimmed',
    'the request is not given: the case publishes {"a":1} and {"a":2} to MAIN_Q with a headers table',
    "the in-sequence has onError=\"fault\": a failed publish runs the server's default fault sequence, not the proxy's ErrorSequence (the innermost error handler wins in Synapse), so MESSAGE = Publishing Failed Rolling Back and its ACKNOWLEDGE=false are never reached from the in-sequence",
  ],
  deviates: ["MAIN_Q, queue2, exchange2 and LAST_Q get a per-run suffix (the error queue bound with lastRk is last-<run>); the case declares them and deletes them afterwards"],
  artifacts: [
    { file: 'proxy_RabbitMqProxy.xml', edits: [replace('>MAIN_Q<', `>${MAIN}<`), replace('>LAST_Q<', `>${LAST_X}<`)] },
    { file: 'sequence_RabbitMqProxyServiceInSequence.xml', edits: [replace('rabbitmq.queue.name=queue2', `rabbitmq.queue.name=${QUEUE2}`), replace('rabbitmq.queue.routing.key=queue2', `rabbitmq.queue.routing.key=${QUEUE2}`), replace('rabbitmq.exchange.name=exchange2', `rabbitmq.exchange.name=${X2}`)] },
    { file: 'sequence_ErrorSequence.xml' },
    { name: 'endpoint_RabbitMQ-Endpoint.xml', why: 'the page calls an endpoint RabbitMQ-Endpoint it never defines: a default endpoint, so the To header set before the call decides the destination', text: () => '<endpoint xmlns="http://ws.apache.org/ns/synapse" name="RabbitMQ-Endpoint"><default/></endpoint>\n' },
    {
      name: 'deployment.toml',
      why: 'the page names the sender factory SampleConnectionFactory without defining it; its listener factory is printed with masked credentials',
      text: () =>
        '[[transport.rabbitmq.listener]]\nname = "AMQPConnectionFactory"\nparameter.hostname = "localhost"\nparameter.port = 5672\nparameter.username = "guest"\nparameter.password = "guest"\n\n[[transport.rabbitmq.sender]]\nname = "SampleConnectionFactory"\nparameter.hostname = "localhost"\nparameter.port = 5672\nparameter.username = "guest"\nparameter.password = "guest"\n',
    },
  ],
  async blocker(t: CaseRun) {
    await topology();
    try {
      // The proxy (autodeclare false) started before MAIN_Q existed: it consumes on its retry.
      await consuming(t, 'proxy:RabbitMqProxy');
      await publish('{"a":0}');
      let got: amqp.GetMessage[] = [];
      await until('the in-sequence published to queue2', async () => (got = await takeAll()).length > 0);
      // MI 4.4's sender: a call without OUT_ONLY is request-reply, so the flow waits for an answer.
      expect(got.length).toBe(1);
      expect(String(got[0]!.properties.replyTo)).toMatch(/^amq\.gen-/);
      expect(got[0]!.properties.headers?.['rabbitmq.connection.factory']).toBe('SampleConnectionFactory');
      await answer(got);
      await until('the answered message acked', async () => (await queueDepth(MAIN)) === 0);
    } catch (e) {
      await removeTopology();
      throw e;
    }
  },
  async run(t) {
    const seen: amqp.GetMessage[] = [];
    try {
      await topology();
      await consuming(t, 'proxy:RabbitMqProxy');
      // Documented: processed asynchronously and acknowledged on success, so both publishes reach queue2 at once.
      await publish('{"a":1}');
      await publish('{"a":2}');
      await until('both messages published on', async () => (seen.push(...(await takeAll())), seen.length === 2), 4000);
      expect(seen.map((m) => m.content.toString())).toEqual(['{"a":1}', '{"a":2}']);
      expect(seen.every((m) => m.properties.contentType === 'application/json')).toBe(true);
      await until('MAIN_Q drained', async () => (await queueDepth(MAIN)) === 0);
    } finally {
      // Free the consumer: answer every request-reply still waiting (one per message published here), then remove the topology.
      await answer(seen);
      await until('both messages answered', async () => {
        const more = await takeAll();
        seen.push(...more);
        await answer(more);
        return seen.length >= 2;
      }, 8000).catch(() => undefined);
      await removeTopology();
    }
  },
});
