import { expect } from 'vitest';
import { defineCase } from '../../case.js';
import type { CaseRun } from '../../runtime.js';

export default defineCase({
  id: 'brokers/rabbitmq-point-to-point',
  title: 'RabbitMQ point to point: an HTTP proxy sends to queue1, a transports="rabbitmq" proxy consumes and logs it',
  status: 'pass',
  docsWrong: [
    "the corpus notes expect the log line to carry the string value of //Message (John Doe27); MI's SynapseXPath.stringValueOf gives, for a single element whose own text is only whitespace, the element's XML (its getText() holds only the element's direct text children, here newlines): MI logs <Message>…</Message>, and so does Mediate (asserted)",
    'the page enables the RabbitMQ listener and sender in deployment.toml (factory AMQPConnectionFactory) but prints no [[transport.rabbitmq.listener]] block: the case deploys without one, so the consumer uses the localhost defaults and says so in the log (asserted)'],
  artifacts: [{ file: 'proxy_QueueConsumer.xml' }, { file: 'proxy_QueueProducer.xml' }],
  async run(t) {
    await send(t);
    // As MI's stringValueOf: an element with no text of its own is logged as its XML.
    await t.waitForLog(/Message Received = <Message>\s*<Name>John Doe<\/Name>\s*<Age>27<\/Age>\s*<\/Message>/, 8000);
  },
});

async function send(t: CaseRun): Promise<void> {
  {
    const deadline = Date.now() + 8000;
    while (!t.host.active.statuses().some((s) => s.artifact === 'proxy:QueueConsumer' && s.state === 'listening') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(t.logs().some((l) => l.includes('RabbitMQ connection factory AMQPConnectionFactory is not defined in deployment.toml'))).toBe(true);
    const r = await t.request('POST', '/services/QueueProducer', { headers: { 'Content-Type': 'application/xml' }, body: '<Message>\n<Name>John Doe</Name>\n<Age>27</Age>\n</Message>' });
    expect(r.status).toBe(202);
  }
}
