import { expect } from 'vitest';
import { defineCase, backendAt, replace } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { deleteQueues, queueDepth, until, withChannel } from './_rabbit.js';

/** Per run, so two runs on one broker never share the queue. */
const QUEUE = `student-registration-${process.pid}-${Date.now().toString(36)}`;

/** Whether the back end answers (the case starts with it down). */
let studentsUp = false;

const A = '<student><name>Jane</name></student>';
const B = '<student><name>John</name></student>';
/** $body is the SOAP Body element; MI's stringValueOf gives an element without text of its own as its XML. */
const received = (s: string) => `Message Received = <soapenv:Body xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">${s}</soapenv:Body>`;

/** MI's "never suspend" idiom, so the first attempt after the back end returns reaches it. */
const NEVER_SUSPEND =
  '<suspendOnFailure><errorCodes>-1</errorCodes><initialDuration>0</initialDuration><progressionFactor>1.0</progressionFactor><maximumDuration>0</maximumDuration></suspendOnFailure><markForSuspension><errorCodes>-1</errorCodes></markForSuspension>';

export default defineCase({
  id: 'rabbitmq/requeue-msgs-with-errors',
  title: 'RabbitMQ requeue on error: SET_REQUEUE_ON_ROLLBACK rejects with requeue after rabbitmq.message.requeue.delay; with QoS 1 the failing message holds back the next until the back end returns, order kept',
  status: 'pass',
  docsWrong: [
    'the request is not given: the case publishes two students (A, then B) with a headers table',
    'the back end http://localhost:8280/students is not described: a recording stand-in answers POST /students, and drops the connection while "unavailable"',
    "\"returned to the queue until the endpoint becomes available again\" leaves out MI's default endpoint suspension: after a connection failure the anonymous endpoint is suspended for 30 s, so attempts keep failing without reaching the back end for up to 30 s after it returns; the case adds MI's never-suspend idiom (suspendOnFailure/markForSuspension errorCodes -1) to the endpoint so recovery shows on the next attempt",
    'during the requeue delay the message is held unacked by the consumer, not back in the queue (asserted: the queue shows only B ready while A cycles)',
    'the custom log of $body prints the SOAP Body element (MI\'s stringValueOf of an element with no text of its own; asserted)',
    'the page names a listener connection factory AMQPConnectionFactory it never prints: the consumer uses the localhost defaults',
  ],
  deviates: [
    'rabbitmq.message.requeue.delay is lowered from 30000 to 1000 ms for the run (the semantics do not depend on the value), and the queue gets a per-run suffix (student-registration-<run>), deleted afterwards',
  ],
  backends: {
    students: { kind: 'recording', options: { routes: { 'POST /students': () => (studentsUp ? { status: 200, body: { ok: true } } : { dropConnection: true }) } } },
  },
  artifacts: [
    {
      file: 'proxy_StudentRegistrationService.xml',
      edits: [
        backendAt('http://localhost:8280', 'students'),
        replace(/(<http uri-template="[^"]*")\/>/, `$1>${NEVER_SUSPEND}</http>`),
        replace('<parameter name="rabbitmq.message.requeue.delay">30000<', '<parameter name="rabbitmq.message.requeue.delay">1000<'),
        replace('>student-registration<', `>${QUEUE}<`),
      ],
    },
  ],
  async run(t) {
    try {
      studentsUp = false;
      await consuming(t, 'proxy:StudentRegistrationService');
      const students = () => t.backend('students').requests.filter((r: { path: string }) => r.path === '/students');
      const logged = (line: string) => t.logs().filter((l) => l.includes(line)).length;
      await withChannel(async (ch) => {
        ch.sendToQueue(QUEUE, Buffer.from(A), { contentType: 'application/xml', headers: { 'x-test': 'A' } });
        ch.sendToQueue(QUEUE, Buffer.from(B), { contentType: 'application/xml', headers: { 'x-test': 'B' } });
        await ch.checkQueue(QUEUE);
      });

      // The back end down: A fails, is held for the delay, requeued, and comes first again; B waits (QoS 1).
      await until('A attempted three times', () => logged(received(A)) >= 3, 10000);
      expect(logged(received(B))).toBe(0);
      expect(logged('Status = Could not process the message')).toBeGreaterThanOrEqual(2);
      expect(logged('Status = The message process successfully')).toBe(0);
      expect(await queueDepth(QUEUE)).toBe(1);
      expect(students().length).toBeGreaterThanOrEqual(2);
      expect(t.logs().some((l) => l.includes('Suspending endpoint')), 'the never-suspend idiom holds').toBe(false);

      // The back end returns: A goes through on its next attempt, then B; both acked, in order.
      studentsUp = true;
      await until('both processed', () => logged('Status = The message process successfully') === 2, 8000);
      // Every answer after the switch is a 200: the last two requests are A's successful attempt, then B.
      const ok = students().slice(-2).map((r: { body: string }) => r.body);
      expect(ok).toEqual([A, B]);
      expect(logged(received(B))).toBe(1);
      await until('the queue empty', async () => (await queueDepth(QUEUE)) === 0);
      await new Promise((r) => setTimeout(r, 1200));
      expect(logged('Status = The message process successfully')).toBe(2);
      expect(logged(received(B))).toBe(1);
    } finally {
      studentsUp = true;
      await deleteQueues(QUEUE);
    }
  },
});
