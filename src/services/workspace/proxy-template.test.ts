/** The proxy wizard: each transport writes a proxy that compiles, with its transport's parameters and no other's. */
import { describe, expect, it } from 'vitest';
import { compileArtifactText } from '../../../engine/index.js';
import { checkTemplateValues, renderArtifact } from './artifact-templates.js';

function create(answers: Record<string, string>): string {
  const { values, errors } = checkTemplateValues('proxy', answers);
  expect(errors).toEqual([]);
  const { text } = renderArtifact('proxy', values);
  const compiled = compileArtifactText(`${answers.name}.xml`, text);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
  return text;
}

describe('proxy wizard', () => {
  it('writes an HTTP proxy without transport parameters', () => {
    const text = create({ name: 'Echo' });
    expect(text).toContain('transports="http https"');
    expect(text).not.toContain('<parameter');
  });

  it.each([
    ['tcp', { 'transport.tcp.port': '6060', 'transport.tcp.recordDelimiterType': 'byte', 'transport.tcp.recordDelimiter': '0x0A' }, '<parameter name="transport.tcp.recordDelimiter">0x0A</parameter>'],
    ['udp', { 'transport.udp.port': '9999' }, '<parameter name="transport.udp.maxPacketSize">1024</parameter>'],
    ['fix', { 'transport.fix.AcceptorConfigURL': 'file:conf/fix-synapse.cfg' }, '<parameter name="transport.fix.AcceptorConfigURL">file:conf/fix-synapse.cfg</parameter>'],
    ['vfs', { 'transport.vfs.FileURI': 'file:///tmp/in', 'transport.vfs.ActionAfterProcess': 'MOVE', 'transport.vfs.MoveAfterProcess': 'file:///tmp/done' }, '<parameter name="transport.PollInterval">5</parameter>'],
    ['jms', {}, '<parameter name="transport.jms.ConnectionFactory">myQueueConnectionFactory</parameter>'],
    ['rabbitmq', { 'rabbitmq.queue.name': 'orders' }, '<parameter name="rabbitmq.queue.name">orders</parameter>'],
  ] as const)('writes a %s proxy with its parameters', (transport, extra, expected) => {
    const text = create({ name: `P_${transport}`, transport, ...extra, 'transport.udp.port': transport === 'udp' ? extra['transport.udp.port' as keyof typeof extra] ?? '' : 'ignored' });
    expect(text).toContain(`transports="${transport}"`);
    expect(text).toContain(expected);
    if (transport !== 'udp') expect(text).not.toContain('transport.udp');
  });

  it('requires the chosen transport\'s own parameters only', () => {
    expect(checkTemplateValues('proxy', { name: 'P', transport: 'udp' }).errors).toEqual(['UDP port is required']);
    expect(checkTemplateValues('proxy', { name: 'P', transport: 'http' }).errors).toEqual([]);
  });
});
