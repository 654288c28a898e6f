import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { collect, connect, runId, settle, until } from '../jms/_jms.js';

const normalize = (s: string) => s.replace(/>\s+</g, '><').trim();
const soap = (inner: string) => `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${inner}</soapenv:Body></soapenv:Envelope>`;
const answer = (code: number, desc: string) =>
  `<serviceResponse><returnCode>${code}</returnCode><returnDesc>${desc}</returnDesc><returnData><data name="routingKey" type="xml">example.MyTopic</data></returnData></serviceResponse>`;

export default defineCase({
  id: 'transactions/jms-publisher-transaction',
  title: 'JMS publisher transaction: an HTTP proxy publishes to topic example.MyTopic through a transacted blocking JMS sender factory and answers 200 "Successful"; when the broker cannot be reached the fault sequence answers 500 "Failure" and logs it in full',
  status: 'pass',
  docsWrong: [
    '"use a JMS client such as Apache JMeter": the proxy is HTTP only; the test POSTs to it over HTTP',
    'the page gives the 200/500 answers as bare <serviceResponse> documents; messageType text/xml (axis2 scope, set for the publish) is still set when the proxy responds, so the client gets them as the body of a SOAP 1.1 envelope (text/xml), as MI formats them (asserted)',
    'the proxy is to be put into synapse-configs/default/proxy-services/ (EI layout): it is deployed as a proxy artifact',
  ],
  deviates: [
    "the OpenWire URL tcp://localhost:61616 of the toml's blocking sender factories is reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    '"stop the broker" would stop the ActiveMQ other tests share: the failure scenario is a copy SampleProxyDown whose factory (a copy of commonTopicPublisherConnectionFactory) points at a port where no broker listens (parameter.stomp_port = 1)',
    'the topic is the documented example.MyTopic; the test subscriber selects its own run\'s messages by a CorpusRun header, which the JMS sender carries as a JMS property',
    'Mediate\'s JMS sender sends each message with a broker receipt rather than in a STOMP transaction: the send is confirmed before the call returns, which is what the transacted producer session gives MI here',
  ],
  artifacts: [
    {
      name: 'deployment.toml',
      why: 'snippet_deployment_blocking_jms_sender.toml, plus a copy of the topic factory pointing at a port with no broker (the failure scenario)',
      text: (t) => {
        const toml = t.corpusFile('snippet_deployment_blocking_jms_sender.toml');
        const topic = toml.slice(0, toml.indexOf('[[transport.blocking.jms.sender]]', 10));
        return `${toml}\n${topic.replace('name = "commonTopicPublisherConnectionFactory"', 'name = "unreachableTopicPublisherConnectionFactory"')}parameter.stomp_port = 1\n`;
      },
    },
    { file: 'proxy_SampleProxy.xml' },
    {
      file: 'proxy_SampleProxy.xml',
      as: 'proxy_SampleProxyDown.xml',
      edits: [replace('name="SampleProxy"', 'name="SampleProxyDown"'), replace('ConnectionFactory=commonTopicPublisherConnectionFactory', 'ConnectionFactory=unreachableTopicPublisherConnectionFactory')],
    },
  ],
  async run(t) {
    const run = runId();
    const sub = await connect();
    try {
      const got = await collect(sub, '/topic/example.MyTopic', { selector: `CorpusRun = '${run}'` });
      // Success: published, then 200 with the Successful document.
      const ok = await t.request('POST', '/services/SampleProxy', { headers: { 'Content-Type': 'application/xml', CorpusRun: run }, body: '<order><id>1</id></order>' });
      expect(ok.status).toBe(200);
      expect(normalize(ok.text)).toBe(soap(answer(200, 'Successful')));
      expect(ok.headers['content-type']).toMatch(/^text\/xml/);
      await until('the published message', () => got.length >= 1);
      const body = got[0]!.body.toString();
      // messageType text/xml: a SOAP 1.1 envelope around the posted order.
      expect(body).toMatch(/^(<\?xml[^>]*\?>)?<soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/">(<soapenv:Header\/>)?<soapenv:Body><order><id>1<\/id><\/order><\/soapenv:Body><\/soapenv:Envelope>$/);
      expect(String(got[0]!.headers['content-type'])).toMatch(/^text\/xml/);

      // Failure: the broker cannot be reached; the fault sequence answers 500 Failure and logs it in full.
      const bad = await t.request('POST', '/services/SampleProxyDown', { headers: { 'Content-Type': 'application/xml', CorpusRun: run }, body: '<order><id>2</id></order>' });
      expect(bad.status).toBe(500);
      expect(normalize(bad.text)).toBe(soap(answer(500, 'Failure')));
      expect(t.logs().some((l) => l.includes('{proxy:SampleProxyDown}') && l.includes('Envelope:') && normalize(l).includes(answer(500, 'Failure')))).toBe(true);
      await settle();
      expect(got).toHaveLength(1);
    } finally {
      await sub.disconnect();
    }
  },
});
