import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { deleteQueues, queueDepth, until } from './_rabbit.js';

/** Per run, so two runs on one broker never share queues or the amq.topic binding. */
const RUN = `${process.pid}-${Date.now().toString(36)}`;
const QUEUE2 = `queue2-${RUN}`;
const QUEUE3 = `queue3-${RUN}`;
const TOPIC = `topic1.${RUN}`;

const perRun = [replace('<parameter name="rabbitmq.queue.routing.key">topic1<', `<parameter name="rabbitmq.queue.routing.key">${TOPIC}<`)];

/** Whether the back end answers (the second half takes it down). */
let employeesUp = true;

const EMPLOYEE = /^\s*<Message>\s*<Name>John Doe<\/Name>\s*<Age>27<\/Age>\s*<\/Message>\s*$/;
const RECEIVED = /Message Received = <Message>\s*<Name>John Doe<\/Name>\s*<Age>27<\/Age>\s*<\/Message>/;

export default defineCase({
  id: 'rabbitmq/pub-sub',
  title: 'RabbitMQ publish/subscribe: an HTTP proxy publishes to amq.topic, two transports="rabbitmq" proxies each get a copy, log it and POST it on',
  status: 'pass',
  docsWrong: [
    "step 7 (create queue2 and queue3 and bind them) is not needed: each subscriber declares its queue and binds it to amq.topic with its routing key (asserted: both queues exist before anything is sent, and both get the copy published to amq.topic); amq.* exchanges are never declared, as in MI's RabbitMQUtils",
    'the back end http://localhost:8280/employees is never described: a recording stand-in answers POST /employees',
    "the log line carries the XML of //Message, not its text: MI's stringValueOf gives an element whose own text is only whitespace as its XML (as brokers/rabbitmq-point-to-point; asserted)",
    'the page enables the listener with a connection factory AMQPConnectionFactory it never prints: the case deploys without one, so the subscribers use the localhost defaults and say so (asserted)',
  ],
  deviates: [`the queue names and the routing key get a per-run suffix (${'queue2-<run>'}, ${'queue3-<run>'}, ${'topic1.<run>'}) so runs sharing the broker do not steal each other's copies; the queues are deleted afterwards`],
  backends: {
    employees: { kind: 'recording', options: { routes: { 'POST /employees': () => (employeesUp ? { status: 200, body: { ok: true } } : { dropConnection: true }) } } },
  },
  artifacts: [
    { file: 'proxy_TopicSubscriber1.xml', edits: [backendAt('http://localhost:8280', 'employees'), replace('>queue2<', `>${QUEUE2}<`), ...perRun] },
    { file: 'proxy_TopicSubscriber2.xml', edits: [backendAt('http://localhost:8280', 'employees'), replace('>queue3<', `>${QUEUE3}<`), ...perRun] },
    { file: 'proxy_TopicPublisher.xml', edits: [replace('rabbitmq:/topic1?', `rabbitmq:/${TOPIC}?`)] },
  ],
  async run(t) {
    try {
      await consuming(t, 'proxy:TopicSubscriber1');
      await consuming(t, 'proxy:TopicSubscriber2');
      for (const p of ['TopicSubscriber1', 'TopicSubscriber2']) {
        expect(t.logs().some((l) => l.includes(`Proxy service ${p}`) && l.includes('RabbitMQ connection factory AMQPConnectionFactory is not defined in deployment.toml'))).toBe(true);
      }
      // The subscribers declared their queues (bound to amq.topic: each gets its copy below).
      expect(await queueDepth(QUEUE2)).toBe(0);
      expect(await queueDepth(QUEUE3)).toBe(0);

      const employees = () => t.backend('employees').requests.filter((r: { path: string }) => r.path === '/employees');
      const post = () => t.request('POST', '/services/TopicPublisher', { headers: { 'Content-Type': 'application/xml' }, body: t.corpusFile('request.xml') });

      // One publish, two copies: each subscriber logs it and POSTs the XML on.
      const r = await post();
      expect(r.status).toBe(202);
      expect(r.text).toBe('');
      await until('both subscribers posted the message on', () => employees().length === 2);
      for (const e of employees()) {
        expect(e.body).toMatch(EMPLOYEE);
        expect(e.headers['content-type']).toMatch(/^application\/xml/);
      }
      const received = () => t.logs().filter((l) => RECEIVED.test(l));
      expect(received().some((l) => l.includes('{proxy:TopicSubscriber1}'))).toBe(true);
      expect(received().some((l) => l.includes('{proxy:TopicSubscriber2}'))).toBe(true);
      expect(received().length).toBe(2);
      await until('both queues empty', async () => (await queueDepth(QUEUE2)) === 0 && (await queueDepth(QUEUE3)) === 0);

      // The back end down: still one copy each, logged, and (auto-ack) never redelivered.
      employeesUp = false;
      expect((await post()).status).toBe(202);
      await until('both subscribers tried the back end again', () => employees().length === 4);
      await until('the second message logged by both', () => received().length === 4);
      await new Promise((r) => setTimeout(r, 1000));
      expect(received().length).toBe(4);
      expect(employees().length).toBe(4);
      expect(await queueDepth(QUEUE2)).toBe(0);
      expect(await queueDepth(QUEUE3)).toBe(0);
    } finally {
      employeesUp = true;
      await deleteQueues(QUEUE2, QUEUE3);
    }
  },
});
