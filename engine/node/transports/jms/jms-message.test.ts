/** The content type a transports="jms" proxy gives a message: MI's transport.jms.ContentType value or <rules>, else the built-in rules. */
import { describe, expect, it } from 'vitest';
import { deliveryCountOf, listenerContentTypeOf } from './jms-message.js';
import type { StompMessage } from './stomp-client.js';

const text = (headers: Record<string, string> = {}): StompMessage => ({ destination: '/queue/Q', messageId: 'ID:1', headers: { 'amq-msg-type': 'text', ...headers }, body: Buffer.from('<a/>'), subscription: 's' });
const bytes = (headers: Record<string, string> = {}): StompMessage => ({ destination: '/queue/Q', messageId: 'ID:2', headers: { 'content-length': '4', ...headers }, body: Buffer.from('<a/>'), subscription: 's' });
const rules = (inner: string) => ({ 'transport.jms.ContentType': `<rules xmlns="http://ws.apache.org/ns/synapse">${inner}</rules>` });

describe('listenerContentTypeOf', () => {
  it('without the parameter: Content-Type property, else text/plain for a TextMessage, application/octet-stream for a BytesMessage', () => {
    expect(listenerContentTypeOf(text({ 'Content-Type': 'application/json' }), {})).toBe('application/json');
    expect(listenerContentTypeOf(text(), {})).toBe('text/plain');
    expect(listenerContentTypeOf(bytes(), {})).toBe('application/octet-stream');
  });

  it('a plain value applies to every message', () => {
    expect(listenerContentTypeOf(text({ contentType: 'application/json' }), { 'transport.jms.ContentType': ' application/xml ' })).toBe('application/xml');
  });

  it('<rules> are tried in order: jmsProperty when present, then the default', () => {
    const p = rules('\n  <jmsProperty>contentType</jmsProperty>\n  <default>text/xml</default>\n');
    expect(listenerContentTypeOf(text({ contentType: 'application/json' }), p)).toBe('application/json');
    expect(listenerContentTypeOf(text(), p)).toBe('text/xml');
  });

  it('<textMessage> and <bytesMessage> match by message class; no matching rule gives undefined', () => {
    const p = rules('<textMessage>text/xml</textMessage><bytesMessage>application/octet-stream</bytesMessage>');
    expect(listenerContentTypeOf(text(), p)).toBe('text/xml');
    expect(listenerContentTypeOf(bytes(), p)).toBe('application/octet-stream');
    expect(listenerContentTypeOf(bytes(), rules('<jmsProperty>ct</jmsProperty><textMessage>text/xml</textMessage>'))).toBeUndefined();
  });
});

describe('deliveryCountOf', () => {
  it('is 1 on a first delivery, 2 for ActiveMQ\'s redelivered:true, and a JMSXDeliveryCount header when there is one', () => {
    expect(deliveryCountOf(text())).toBe(1);
    expect(deliveryCountOf(text({ redelivered: 'true' }))).toBe(2);
    expect(deliveryCountOf(text({ redelivered: 'true', JMSXDeliveryCount: '5' }))).toBe(5);
  });
});
