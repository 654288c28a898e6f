/**
 * A two-way transports="jms" proxy answers as MI's JMS listener does: to the request's
 * JMSReplyTo, else transport.jms.ReplyDestination, with JMSCorrelationID = the request's
 * correlation id or, without one, its message id; an OUT_ONLY flow answers nobody. The
 * content type comes from the proxy's transport.jms.ContentType rules.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { probeService, describeWithServices } from '../../../../test/support/services.js';
import { startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';
import { StompClient, type StompMessage } from './stomp-client.js';

const amq = await probeService({ name: 'ActiveMQ (STOMP)', port: 61613, start: '.ci/services/activemq.sh' });

describeWithServices('JMS proxy replies', [amq], () => {
  const id = randomUUID().slice(0, 8);
  const inQ = `mediate-jms-rr-in-${id}`;
  const fallbackQ = `mediate-jms-rr-fallback-${id}`;
  const ownQ = `mediate-jms-rr-own-${id}`;
  let probe: StompClient;
  let p: TestProject;
  const fallback: StompMessage[] = [];
  const own: StompMessage[] = [];

  beforeAll(async () => {
    probe = await StompClient.connect({ host: '127.0.0.1', port: 61613 });
    await probe.subscribe(`/queue/${fallbackQ}`, (m) => fallback.push(m));
    await probe.subscribe(`/queue/${ownQ}`, (m) => own.push(m));
    p = await startTestProject({
      'RrProxy.xml': synapse(`<proxy name="RrProxy" transports="jms" startOnLoad="true"><target><inSequence>
          <filter xpath="//oneWay"><then><property name="OUT_ONLY" value="true"/><drop/></then></filter>
          <payloadFactory media-type="xml"><format><echo xmlns=""><ct>$1</ct><n>$2</n></echo></format>
            <args><arg expression="$trp:Content-Type"/><arg expression="//n"/></args></payloadFactory>
          <respond/>
        </inSequence></target>
        <parameter name="transport.jms.Destination">${inQ}</parameter>
        <parameter name="transport.jms.ReplyDestination">${fallbackQ}</parameter>
        <parameter name="transport.jms.ContentType"><rules><jmsProperty>contentType</jmsProperty><default>application/xml</default></rules></parameter>
      </proxy>`),
    });
  });
  afterAll(async () => {
    await p?.close();
    await probe?.disconnect();
  });

  it('answers to JMSReplyTo, else ReplyDestination, correlated; OUT_ONLY answers nobody', async () => {
    await waitFor(() => p.host.active.statuses().find((s) => s.artifact === 'proxy:RrProxy' && s.state === 'listening'), 'RrProxy listening', 10000);
    await probe.send(`/queue/${inQ}`, '<r><n>1</n></r>', { 'amq-msg-type': 'text' });
    await probe.send(`/queue/${inQ}`, '<r><n>2</n></r>', { 'amq-msg-type': 'text', contentType: 'text/xml', 'reply-to': `/queue/${ownQ}`, 'correlation-id': `c-${id}` });
    await probe.send(`/queue/${inQ}`, '<r><oneWay/><n>3</n></r>', { 'amq-msg-type': 'text' });
    await waitFor(() => fallback.length >= 1 && own.length >= 1, 'both answers', 10000);
    await new Promise((r) => setTimeout(r, 300));
    expect(fallback).toHaveLength(1);
    expect(own).toHaveLength(1);
    expect(fallback[0]!.body.toString()).toBe('<echo><ct>application/xml</ct><n>1</n></echo>');
    expect(fallback[0]!.headers['correlation-id']).toMatch(/^ID:/);
    expect(own[0]!.body.toString()).toContain('<ct>text/xml</ct><n>2</n>');
    expect(own[0]!.headers['correlation-id']).toBe(`c-${id}`);
  });
});
