/**
 * The wizards of inbound endpoints, tasks, stores and processors: every protocol, store type,
 * processor type and trigger writes an artifact that compiles without errors and carries what was
 * asked; fields of another choice are neither required nor written.
 */
import { describe, expect, it } from 'vitest';
import { compileArtifactText, inboundDescriptors } from '../../../engine/index.js';
import { checkTemplateValues, renderArtifact } from './artifact-templates.js';
import type { ArtifactKind } from '../../contract/index.js';

function create(kind: ArtifactKind, answers: Record<string, string>): string {
  const { values, errors } = checkTemplateValues(kind, answers);
  expect(errors, JSON.stringify(answers)).toEqual([]);
  const { text } = renderArtifact(kind, values);
  const compiled = compileArtifactText(`${answers.name}.xml`, text);
  expect(compiled.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
  expect(compiled.name).toBe(answers.name);
  return text;
}

/** A value for a required parameter without a default, by its name and type. */
function sampleValue(name: string, type: string): string {
  if (/port$/i.test(name)) return '9100';
  if (type === 'integer') return '100';
  if (type === 'boolean') return 'true';
  if (/FileURI$/.test(name)) return 'file:///tmp/in';
  if (/file$/.test(name)) return 'deployment/security/store.p12';
  return 'sample';
}

describe('inbound endpoint wizard', () => {
  it.each(inboundDescriptors.map((d) => d.protocol))('writes a %s endpoint that compiles, with its required parameters', (protocol) => {
    const d = inboundDescriptors.find((x) => x.protocol === protocol)!;
    const answers: Record<string, string> = { name: `In_${protocol}`, protocol, sequence: 'Seq' };
    for (const p of d.parameters) if (p.required && p.default === undefined) answers[`${protocol}:${p.name}`] = p.values?.[0] ?? sampleValue(p.name, p.type);
    const text = create('inbound-endpoint', answers);
    expect(text).toContain(`protocol="${protocol}"`);
    for (const p of d.parameters.filter((x) => x.required)) expect(text).toContain(`<parameter name="${p.name}">`);
  });

  it('asks for the chosen protocol only: another protocol\'s required parameter is neither checked nor written', () => {
    const text = create('inbound-endpoint', { name: 'Web', protocol: 'http', sequence: 'Seq', 'http:inbound.http.port': '8290', 'hl7:inbound.hl7.Port': '' });
    expect(text).toContain('<parameter name="inbound.http.port">8290</parameter>');
    expect(text).not.toContain('hl7');
    expect(checkTemplateValues('inbound-endpoint', { name: 'Web', protocol: 'hl7', sequence: 'Seq' }).errors).toEqual(['inbound.hl7.Port is required']);
  });
});

describe('message store, processor and task wizards', () => {
  it.each([
    ['in-memory', {}, 'InMemoryStore'],
    ['jdbc', { 'store.jdbc.connection.url': 'jdbc:postgresql://localhost:5432/test', 'store.jdbc.driver': 'org.postgresql.Driver' }, '<parameter name="store.jdbc.connection.url">jdbc:postgresql://localhost:5432/test</parameter>'],
    ['rabbitmq', { 'store.rabbitmq.queue.name': 'orders' }, '<parameter name="store.rabbitmq.queue.name">orders</parameter>'],
    ['jms', { 'store.jms.destination': 'ordersQueue' }, '<parameter name="java.naming.provider.url">tcp://localhost:61616</parameter>'],
    ['resequence', { 'store.resequence.id.path': '//order/@seq' }, 'ResequenceMessageStore'],
  ] as const)('writes a %s store', (storeType, extra, expected) => {
    expect(create('message-store', { name: `S_${storeType.replace('-', '_')}`, storeType, ...extra })).toContain(expected);
  });

  it('refuses a RabbitMQ store without its queue', () => {
    expect(checkTemplateValues('message-store', { name: 'S', storeType: 'rabbitmq' }).errors).toEqual(['Queue is required']);
  });

  it.each([
    ['forwarding', { endpoint: 'Backend', 'message.processor.fault.sequence': 'onFail' }, 'targetEndpoint="Backend"'],
    ['failover', { targetStore: 'Backup' }, '<parameter name="message.target.store.name">Backup</parameter>'],
    ['sampling', { sequence: 'Handle', concurrency: '5' }, '<parameter name="concurrency">5</parameter>'],
  ] as const)('writes a %s processor', (processorType, extra, expected) => {
    const text = create('message-processor', { name: `P_${processorType}`, processorType, store: 'S', ...extra });
    expect(text).toContain(expected);
    if (processorType !== 'forwarding') expect(text).not.toContain('targetEndpoint');
  });

  it('writes interval and cron tasks injecting into a sequence or a proxy, in the chosen format', () => {
    expect(create('task', { name: 'Every', sequence: 'Tick', interval: '5', count: '3' })).toContain('<trigger interval="5" count="3"/>');
    const cron = create('task', { name: 'Nightly', trigger: 'cron', cron: '0 30 1 * * ?', injectTo: 'proxy', proxy: 'Orders', format: 'json', message: '{"run":true}' });
    expect(cron).toContain('<trigger cron="0 30 1 * * ?"/>');
    expect(cron).toContain('name="proxyName" value="Orders"');
    expect(cron).toContain('name="format" value="json"');
    expect(cron).toContain('name="message" value="{&quot;run&quot;:true}"');
    expect(checkTemplateValues('task', { name: 'T', trigger: 'cron', sequence: 'S' }).errors).toEqual(['Cron expression (Quartz) is required']);
  });
});
