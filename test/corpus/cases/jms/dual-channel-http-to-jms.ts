import { expect } from 'vitest';
import { defineCase, backendAt } from '../../case.js';
import { consuming } from '../inbound-endpoints/_listening.js';
import { connect, drain, runId } from './_jms.js';

export default defineCase({
  id: 'jms/dual-channel-http-to-jms',
  title: 'Dual channel HTTP to JMS: SMSSenderProxy puts the request on SMSStore with JMSReplyTo SMSReceiveNotificationStore and waits; SMSForwardProxy calls SimpleStockQuoteService and answers there; the HTTP client gets the quote',
  status: 'pass',
  docsWrong: [
    'the prose names the reply queue SMSReceiveNotification (and SMSRecieveNotification); the URI, which MI uses, says SMSReceiveNotificationStore (asserted: that queue carries the answer)',
    'the endpoint table gives WSO2 MB JNDI settings (PropertiesFileInitialContextFactory, conf/jndi.properties) "for this use case"; the configuration uses ActiveMQ\'s (tcp://localhost:61616)',
    'the info box says the back end must copy JMSMessageID into JMSCorrelationID; the replying party here is MI\'s own JMS listener (SMSForwardProxy), which stamps the request\'s correlation id on its answer by itself',
    'the page prints no response; by the configuration it is the back end\'s SOAP 1.1 getQuoteResponse for IBM with HTTP 200 (asserted)',
    'the page\'s deployment.toml factory myQueueConnectionFactory is the one of jms/consuming-jms; it is deployed from that case\'s snippet',
  ],
  deviates: [
    "the OpenWire URLs (listener factory and jms:/ address, tcp://localhost:61616) are reached over the same ActiveMQ's STOMP connector (127.0.0.1:61613)",
    'MI correlates the answer by the sent JMSMessageID when no JMSCorrelationID is set; STOMP does not tell a sender the broker\'s message id, so Mediate always sends a JMSCorrelationID (its message id) and selects the answer on it; MI\'s listener, and so SMSForwardProxy, answers both the same way',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { name: 'deployment.toml', why: 'the listener factory myQueueConnectionFactory the page takes from jms/consuming-jms', text: () => consumingToml },
    { file: 'proxy_SMSForwardProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    { file: 'proxy_SMSSenderProxy.xml' },
  ],
  async run(t) {
    const run = runId();
    await consuming(t, 'proxy:SMSForwardProxy');
    await drain('/queue/SMSReceiveNotificationStore');
    // An answer for some other request waits on the reply queue: the sender's correlation selector must pass it by.
    const decoy = await connect();
    await decoy.send('/queue/SMSReceiveNotificationStore', `<decoy>${run}</decoy>`, { 'amq-msg-type': 'text', 'correlation-id': `not-${run}`, 'Content-Type': 'text/xml' });
    await decoy.disconnect();

    const quotes = t.backend('quotes');
    const r = await t.request('POST', '/services/SMSSenderProxy', {
      headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'urn:getQuote', 'X-Corpus-Run': run },
      body: t.corpusFile('request.xml'),
    });
    expect(r.status).toBe(200);
    expect(r.contentType).toMatch(/^text\/xml/);
    expect(r.text).toMatch(/^(<\?xml[^>]*\?>)?<soapenv:Envelope xmlns:soapenv="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/">/);
    expect(r.text).toMatch(/<ns:getQuoteResponse[^>]*>[\s\S]*<ax21:symbol>IBM<\/ax21:symbol>/);
    expect(r.text).not.toContain('decoy');
    expect(quotes.hits.byOperation.getQuote).toBe(1);
    // TRANSPORT_HEADERS was removed before the JMS call: the HTTP client's headers did not become JMS properties (nor reached the back end).
    expect(quotes.lastRequests[0]!.headers['x-corpus-run']).toBeUndefined();
    // Both queues are empty afterwards but for the decoy, which stays for its own requester.
    expect(await drain('/queue/SMSReceiveNotificationStore')).toBe(1);
    expect(await drain('/queue/SMSStore')).toBe(0);
  },
});

const consumingToml = `[[transport.jms.listener]]
name = "myQueueConnectionFactory"
parameter.initial_naming_factory = "org.apache.activemq.jndi.ActiveMQInitialContextFactory"
parameter.provider_url = "tcp://localhost:61616"
parameter.connection_factory_name = "QueueConnectionFactory"
parameter.connection_factory_type = "queue"
`;
