/** JMS 2.0 shared topic subscriptions mapped onto ActiveMQ Classic virtual topics. */
import { describe, expect, it } from 'vitest';
import { sharedDestination } from './consumer.js';

const shared = { 'transport.jms.SharedSubscription': 'true', 'transport.jms.JMSSpecVersion': '2.0', 'transport.jms.DurableSubscriberName': 'mySubscription' };

describe('shared topic subscriptions', () => {
  it('consume the virtual topic consumer queue of the subscription name at spec 2.0', () => {
    expect(sharedDestination('/topic/VirtualTopic.exampleTopic', shared)).toBe('/queue/Consumer.mySubscription.VirtualTopic.exampleTopic');
  });

  it('are ignored at JMS 1.1 (as in MI), for queues, and without the flag', () => {
    expect(sharedDestination('/topic/VirtualTopic.t', { ...shared, 'transport.jms.JMSSpecVersion': '1.1' })).toBe('/topic/VirtualTopic.t');
    expect(sharedDestination('/topic/VirtualTopic.t', { ...shared, 'transport.jms.JMSSpecVersion': undefined as unknown as string })).toBe('/topic/VirtualTopic.t');
    expect(sharedDestination('/queue/q', shared)).toBe('/queue/q');
    expect(sharedDestination('/topic/VirtualTopic.t', { ...shared, 'transport.jms.SharedSubscription': 'false' })).toBe('/topic/VirtualTopic.t');
  });

  it('warn and stay a plain subscription on a topic ActiveMQ cannot share', () => {
    const warnings: string[] = [];
    expect(sharedDestination('/topic/exampleTopic', shared, (m) => warnings.push(m))).toBe('/topic/exampleTopic');
    expect(warnings[0]).toMatch(/no JMS 2.0 shared subscriptions/);
  });
});
