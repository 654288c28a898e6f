import { expect } from 'vitest';
import amqp from 'amqplib';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { BROKER_URL, queueDepth, until, withChannel } from './_rabbit.js';

/** Per run, so two runs on one broker never share the topology. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const ENROLL = `enrollment-${RUN}`;
const ENROLL_X = `enrollment-exchange-${RUN}`;
const ERRORS = `enrollment-error-${RUN}`;
const ERROR_X = `enrollment-error-exchange-${RUN}`;
const MESSAGE_ID = `enrollment-msg-${RUN}`;

const ENROLLMENT = '<enrollment><id>1</id></enrollment>';
/** $body is the SOAP Body element; MI's stringValueOf gives an element without text of its own as its XML. */
const RECEIVED = `Message Received = <soapenv:Body xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${ENROLLMENT}</soapenv:Body>`;

export default defineCase({
  id: 'rabbitmq/retry-delay-failed-msgs',
  title: 'RabbitMQ retry with delay: rejected messages loop through a TTL error queue back to the proxy until x-death passes rabbitmq.message.max.dead.lettered.count, then are acked and discarded',
  status: 'pass',
  docsWrong: [
    '"retried 3 times and then discarded" is off by one: MI rejects again while x-death[0].count <= max (3), so the proxy gets the message 5 times (x-death absent, then counts 1, 2, 3, 4) and discards it at count 4 (asserted, with MI\'s log lines for each step)',
    'the request is not given: the case publishes <enrollment><id>1</id></enrollment> with a headers table (MI 4.4 fails on a rejected message without one)',
    'the back end http://localhost:8280/enrollment is not described: a recording stand-in drops the connection; after the first failure MI suspends the anonymous endpoint for 30 s, so only the first attempt reaches it and the other four fail at once, each through the fault sequence (asserted)',
    'rabbitmq.queue.autodeclare is given twice (both false): the proxy deploys',
    'the custom log of $body prints the SOAP Body element (MI\'s stringValueOf of an element with no text of its own; asserted)',
    'the page names a listener connection factory AMQPConnectionFactory it never prints: the consumer uses the localhost defaults',
  ],
  deviates: [
    'the error queue\'s x-message-ttl is 1000 ms instead of 60000 (the retry count does not depend on it)',
    "the queues and exchanges get a per-run suffix (enrollment-<run>, enrollment-exchange-<run>, enrollment-error-<run>, enrollment-error-exchange-<run>), the routing keys are the queue names (the page's keys are its queue names too); all are deleted afterwards; the case declares the topology after deployment, so the proxy (autodeclare false) consumes on its retry a second later",
  ],
  backends: {
    enrollment: { kind: 'recording', options: { routes: { 'POST /enrollment': { dropConnection: true } } } },
  },
  artifacts: [
    {
      file: 'proxy_EnrollmentService.xml',
      edits: [backendAt('http://localhost:8280', 'enrollment'), replace('>enrollment-exchange<', `>${ENROLL_X}<`), replace('<parameter name="rabbitmq.queue.name">enrollment<', `<parameter name="rabbitmq.queue.name">${ENROLL}<`)],
    },
  ],
  async run(t) {
    // broker_setup.rabbitmqadmin.txt, with the names of this run and a 1 s delay.
    await withChannel(async (ch) => {
      await ch.assertExchange(ENROLL_X, 'direct', { durable: true });
      await ch.assertQueue(ENROLL, { durable: true, arguments: { 'x-dead-letter-exchange': ERROR_X, 'x-dead-letter-routing-key': ERRORS } });
      await ch.bindQueue(ENROLL, ENROLL_X, ENROLL);
      await ch.assertExchange(ERROR_X, 'direct', { durable: true });
      await ch.assertQueue(ERRORS, { durable: true, arguments: { 'x-dead-letter-exchange': ENROLL_X, 'x-dead-letter-routing-key': ENROLL, 'x-message-ttl': 1000 } });
      await ch.bindQueue(ERRORS, ERROR_X, ERRORS);
    });
    try {
      await consuming(t, 'proxy:EnrollmentService');
      const c = await amqp.connect(BROKER_URL);
      try {
        const ch = await c.createConfirmChannel();
        ch.publish(ENROLL_X, ENROLL, Buffer.from(ENROLLMENT), { contentType: 'application/xml', messageId: MESSAGE_ID, headers: { 'x-test': '1' } });
        await ch.waitForConfirms();
      } finally {
        await c.close();
      }
      const which = `message id: ${MESSAGE_ID} and delivery tag: \\d+`;
      const discard = new RegExp(`The max dead lettered count exceeded\\. No 'rabbitmq\\.message\\.error\\.queue\\.routing\\.key' specified for publishing the message\\. Hence the message with ${which} on the queue: ${ENROLL} will discard\\.`);
      await t.waitForLog(discard, 20000);

      // Five deliveries, each logged and failed; MI's transport lines in order: reject, dead-lettered 1..3 times, discard.
      expect(t.logs().filter((l) => l.includes(RECEIVED)).length).toBe(5);
      expect(t.logs().filter((l) => l.includes('Status = Could not process the message')).length).toBe(5);
      expect(t.logs().some((l) => l.includes('Status = The message process successfully'))).toBe(false);
      const transport = t.logs().filter((l) => l.includes(`message id: ${MESSAGE_ID}`));
      const expected = [
        new RegExp(`The rejected message with ${which} on the queue: ${ENROLL} will discard or dead-lettered\\.`),
        ...[1, 2, 3].map((n) => new RegExp(`The rejected message with ${which} on the queue: ${ENROLL} is dead-lettered ${n} time\\(s\\)\\.`)),
        discard,
      ];
      expect(transport.length).toBe(expected.length);
      expected.forEach((re, i) => expect(transport[i]).toMatch(re));
      // Only the first attempt reached the back end: the endpoint is suspended for 30 s after it.
      expect(t.backend('enrollment').requests.length).toBe(1);
      expect(t.logs().some((l) => l.includes('Suspending endpoint') && l.includes('30000ms'))).toBe(true);

      // Discarded: acked, in neither queue, and not seen again.
      await until('both queues empty', async () => (await queueDepth(ENROLL)) === 0 && (await queueDepth(ERRORS)) === 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(t.logs().filter((l) => l.includes(RECEIVED)).length).toBe(5);
      expect(await queueDepth(ENROLL)).toBe(0);
      expect(await queueDepth(ERRORS)).toBe(0);
    } finally {
      await withChannel(async (ch) => {
        for (const q of [ENROLL, ERRORS]) await ch.deleteQueue(q);
        for (const x of [ENROLL_X, ERROR_X]) await ch.deleteExchange(x);
      });
    }
  },
});
