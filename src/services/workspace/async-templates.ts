/**
 * New-artifact wizards for what runs without a caller: inbound endpoints (every protocol the
 * runtime has, their parameters from the same descriptors the runtime and the language service
 * use), scheduled tasks (simple or cron trigger, injecting into a sequence or proxy in MI's
 * formats), message stores (in-memory, JDBC, RabbitMQ, JMS, resequence) and message processors
 * (forwarding, failover, sampling). Fields of one choice carry `showWhen`, so the wizard asks only
 * what the chosen protocol or kind needs.
 */
import { inboundDescriptors } from '../../../engine/index.js';
import type { TemplateField } from '../../contract/index.js';
import { nameField, parameterLines, SYNAPSE_NS, xmlAttr, xmlDecl } from './template-xml.js';
import type { TemplateDefinition } from './artifact-templates.js';

const when = (field: string, ...values: string[]) => ({ field, values });
const SHOWN_GROUPS = new Set(['Basic', undefined]);

/** The wizard field of one inbound parameter: `<protocol>:<parameter>`. */
const inboundFieldId = (protocol: string, parameter: string) => `${protocol}:${parameter}`;

function inboundParameterFields(): TemplateField[] {
  const fields: TemplateField[] = [];
  for (const d of inboundDescriptors) {
    for (const p of d.parameters) {
      if (!p.required && !SHOWN_GROUPS.has(p.group)) continue;
      fields.push({ id: inboundFieldId(d.protocol, p.name), label: p.name, required: !!p.required, defaultValue: p.default, options: p.values ? [...p.values] : undefined, hint: p.help, showWhen: when('protocol', d.protocol) });
    }
  }
  return fields;
}

const inboundEndpoint: TemplateDefinition = {
  kind: 'inbound-endpoint',
  label: 'Inbound endpoint',
  fields: [
    nameField('Inbound endpoint name'),
    { id: 'protocol', label: 'Protocol', defaultValue: 'http', options: inboundDescriptors.map((d) => d.protocol), hint: 'What the endpoint listens on or polls' },
    { id: 'sequence', label: 'Sequence to inject into', required: true },
    { id: 'onError', label: 'Error sequence', defaultValue: 'fault' },
    ...inboundParameterFields(),
  ],
  nameOf: (v) => v.name,
  render: (v) => {
    const d = inboundDescriptors.find((x) => x.protocol === v.protocol)!;
    // Required parameters always; optional ones only where they differ from MI's default.
    const params = d.parameters
      .map((p): [string, string] => [p.name, v[inboundFieldId(d.protocol, p.name)] ?? ''])
      .filter(([name, value]) => {
        const p = d.parameters.find((x) => x.name === name)!;
        return value !== '' && (p.required || value !== p.default);
      });
    return (
      xmlDecl +
      `<inboundEndpoint name="${xmlAttr(v.name)}" protocol="${xmlAttr(d.protocol)}" sequence="${xmlAttr(v.sequence)}" onError="${xmlAttr(v.onError || 'fault')}" suspend="false" xmlns="${SYNAPSE_NS}">\n` +
      `    <parameters>\n${parameterLines(params, '        ')}    </parameters>\n` +
      `</inboundEndpoint>\n`
    );
  },
};

const TASK_NS = 'xmlns:task="http://www.wso2.org/products/wso2commons/tasks"';

const task: TemplateDefinition = {
  kind: 'task',
  label: 'Scheduled task',
  fields: [
    nameField('Task name'),
    { id: 'trigger', label: 'Trigger', defaultValue: 'interval', options: ['interval', 'cron'] },
    { id: 'interval', label: 'Interval (seconds)', defaultValue: '60', pattern: '^[0-9]+$', showWhen: when('trigger', 'interval') },
    { id: 'count', label: 'Count (empty: forever)', pattern: '^[0-9]+$', showWhen: when('trigger', 'interval') },
    { id: 'cron', label: 'Cron expression (Quartz)', required: true, hint: 'e.g. 0 0/5 * * * ?', showWhen: when('trigger', 'cron') },
    { id: 'injectTo', label: 'Inject into', defaultValue: 'sequence', options: ['sequence', 'proxy'] },
    { id: 'sequence', label: 'Sequence', required: true, showWhen: when('injectTo', 'sequence') },
    { id: 'proxy', label: 'Proxy service', required: true, showWhen: when('injectTo', 'proxy') },
    { id: 'format', label: 'Message format', defaultValue: 'soap11', options: ['soap11', 'soap12', 'pox', 'json'] },
    { id: 'message', label: 'Message', hint: 'XML, or JSON for the json format (default: a <message>tick</message> element)' },
  ],
  nameOf: (v) => v.name,
  render: (v) => {
    const trigger = v.trigger === 'cron' ? `<trigger cron="${xmlAttr(v.cron)}"/>` : `<trigger interval="${xmlAttr(v.interval || '60')}"${v.count ? ` count="${xmlAttr(v.count)}"` : ''}/>`;
    const target = v.injectTo === 'proxy' ? `<property ${TASK_NS} name="proxyName" value="${xmlAttr(v.proxy)}"/>` : `<property ${TASK_NS} name="sequenceName" value="${xmlAttr(v.sequence)}"/>`;
    const json = v.format === 'json';
    const message = v.message || (json ? '{"message": "tick"}' : '<message xmlns="">tick</message>');
    const messageProperty = json ? `<property ${TASK_NS} name="message" value="${xmlAttr(message)}"/>` : `<property ${TASK_NS} name="message">\n        ${message}\n    </property>`;
    return (
      xmlDecl +
      `<task name="${xmlAttr(v.name)}" class="org.apache.synapse.startup.tasks.MessageInjector" group="synapse.simple.quartz" xmlns="${SYNAPSE_NS}">\n` +
      `    ${trigger}\n` +
      `    <property ${TASK_NS} name="injectTo" value="${xmlAttr(v.injectTo || 'sequence')}"/>\n` +
      `    ${target}\n` +
      (v.format && v.format !== 'soap11' ? `    <property ${TASK_NS} name="format" value="${xmlAttr(v.format)}"/>\n` : '') +
      `    ${messageProperty}\n` +
      `</task>\n`
    );
  },
};

const STORE_CLASSES: Record<string, string> = {
  'in-memory': 'org.apache.synapse.message.store.impl.memory.InMemoryStore',
  jdbc: 'org.apache.synapse.message.store.impl.jdbc.JDBCMessageStore',
  rabbitmq: 'org.apache.synapse.message.store.impl.rabbitmq.RabbitMQStore',
  jms: 'org.apache.synapse.message.store.impl.jms.JmsStore',
  resequence: 'org.apache.synapse.message.store.impl.resequencer.ResequenceMessageStore',
};

/** Store parameters the wizard asks, by store type (MI's names). */
const STORE_PARAMETERS: { type: string[]; field: TemplateField }[] = [
  { type: ['jdbc', 'resequence'], field: { id: 'store.jdbc.connection.url', label: 'JDBC URL', hint: 'jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:; empty: SQLite under the project\'s .mediate/' } },
  { type: ['jdbc', 'resequence'], field: { id: 'store.jdbc.driver', label: 'JDBC driver class', hint: 'e.g. org.postgresql.Driver' } },
  { type: ['jdbc', 'resequence'], field: { id: 'store.jdbc.table', label: 'Table', defaultValue: 'jdbc_store_table' } },
  { type: ['jdbc', 'resequence'], field: { id: 'store.jdbc.username', label: 'Database user' } },
  { type: ['jdbc', 'resequence'], field: { id: 'store.jdbc.password', label: 'Database password' } },
  { type: ['resequence'], field: { id: 'store.resequence.id.path', label: 'Sequence number XPath', required: true, hint: 'e.g. //order/@seq' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.host.name', label: 'RabbitMQ host', defaultValue: 'localhost' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.host.port', label: 'RabbitMQ port', defaultValue: '5672', pattern: '^[0-9]{1,5}$' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.queue.name', label: 'Queue', required: true } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.exchange.name', label: 'Exchange (empty: the default exchange)' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.route.key', label: 'Routing key (empty: the queue name)' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.username', label: 'User', defaultValue: 'guest' } },
  { type: ['rabbitmq'], field: { id: 'store.rabbitmq.password', label: 'Password', defaultValue: 'guest' } },
  { type: ['jms'], field: { id: 'java.naming.factory.initial', label: 'JNDI initial context factory', defaultValue: 'org.apache.activemq.jndi.ActiveMQInitialContextFactory' } },
  { type: ['jms'], field: { id: 'java.naming.provider.url', label: 'Broker URL', defaultValue: 'tcp://localhost:61616' } },
  { type: ['jms'], field: { id: 'store.jms.destination', label: 'Queue', required: true } },
];

const messageStore: TemplateDefinition = {
  kind: 'message-store',
  label: 'Message store',
  fields: [nameField('Store name'), { id: 'storeType', label: 'Store type', defaultValue: 'in-memory', options: Object.keys(STORE_CLASSES) }, ...STORE_PARAMETERS.map((p) => ({ ...p.field, showWhen: when('storeType', ...p.type) }))],
  nameOf: (v) => v.name,
  render: (v) => {
    const type = v.storeType || 'in-memory';
    const params = STORE_PARAMETERS.filter((p) => p.type.includes(type) && (v[p.field.id] ?? '') !== '').map((p): [string, string] => [p.field.id, v[p.field.id]!]);
    const open = `<messageStore name="${xmlAttr(v.name)}" class="${STORE_CLASSES[type]}" xmlns="${SYNAPSE_NS}"`;
    return xmlDecl + (params.length ? `${open}>\n${parameterLines(params, '    ')}</messageStore>\n` : `${open}/>\n`);
  },
};

const PROCESSOR_CLASSES: Record<string, string> = {
  forwarding: 'org.apache.synapse.message.processor.impl.forwarder.ScheduledMessageForwardingProcessor',
  failover: 'org.apache.synapse.message.processor.impl.failover.FailoverScheduledMessageForwardingProcessor',
  sampling: 'org.apache.synapse.message.processor.impl.sampler.SamplingProcessor',
};

const messageProcessor: TemplateDefinition = {
  kind: 'message-processor',
  label: 'Message processor',
  fields: [
    nameField('Processor name'),
    { id: 'processorType', label: 'Processor type', defaultValue: 'forwarding', options: Object.keys(PROCESSOR_CLASSES) },
    { id: 'store', label: 'Message store', required: true },
    { id: 'endpoint', label: 'Target endpoint', required: true, showWhen: when('processorType', 'forwarding') },
    { id: 'targetStore', label: 'Target message store', required: true, showWhen: when('processorType', 'failover') },
    { id: 'sequence', label: 'Sequence to inject into', required: true, showWhen: when('processorType', 'sampling') },
    { id: 'interval', label: 'Interval (ms)', defaultValue: '1000', pattern: '^[0-9]+$' },
    { id: 'cronExpression', label: 'Cron expression (instead of the interval)', hint: 'e.g. 0 0/1 * * * ?' },
    { id: 'max.delivery.attempts', label: 'Max delivery attempts', defaultValue: '4', pattern: '^-?[0-9]+$', showWhen: when('processorType', 'forwarding', 'failover') },
    { id: 'client.retry.interval', label: 'Retry interval (ms)', defaultValue: '1000', pattern: '^[0-9]+$', showWhen: when('processorType', 'forwarding', 'failover') },
    { id: 'message.processor.reply.sequence', label: 'Reply sequence', showWhen: when('processorType', 'forwarding') },
    { id: 'message.processor.fault.sequence', label: 'Fault sequence', showWhen: when('processorType', 'forwarding') },
    { id: 'concurrency', label: 'Messages per run', defaultValue: '1', pattern: '^[0-9]+$', showWhen: when('processorType', 'sampling') },
  ],
  nameOf: (v) => v.name,
  render: (v) => {
    const type = v.processorType || 'forwarding';
    const names = ['interval', 'cronExpression', 'max.delivery.attempts', 'client.retry.interval', 'message.processor.reply.sequence', 'message.processor.fault.sequence', 'concurrency'];
    const params: [string, string][] = [];
    if (type === 'failover') params.push(['message.target.store.name', v.targetStore!]);
    if (type === 'sampling') params.push(['sequence', v.sequence!]);
    for (const n of names) if ((v[n] ?? '') !== '') params.push([n, v[n]!]);
    params.push(['is.active', 'true']);
    const target = type === 'forwarding' ? ` targetEndpoint="${xmlAttr(v.endpoint!)}"` : '';
    return (
      xmlDecl +
      `<messageProcessor name="${xmlAttr(v.name)}" class="${PROCESSOR_CLASSES[type]}" messageStore="${xmlAttr(v.store)}"${target} xmlns="${SYNAPSE_NS}">\n` +
      parameterLines(params, '    ') +
      `</messageProcessor>\n`
    );
  },
};

export const asyncTemplates: TemplateDefinition[] = [inboundEndpoint, task, messageStore, messageProcessor];
