/**
 * The proxy-service wizard: HTTP/HTTPS, or a proxy that listens on another transport (TCP, UDP,
 * FIX, VFS files, JMS, RabbitMQ), asking that transport's service parameters with MI's names and
 * defaults (what engine/node/transports/<transport>/ reads).
 */
import type { TemplateField } from '../../contract/index.js';
import { nameField, parameterLines, SYNAPSE_NS, xmlAttr, xmlDecl } from './template-xml.js';
import type { TemplateDefinition } from './artifact-templates.js';

/** The `transports` attribute for each choice. */
const TRANSPORTS: Record<string, string> = { http: 'http https', tcp: 'tcp', udp: 'udp', fix: 'fix', vfs: 'vfs', jms: 'jms', rabbitmq: 'rabbitmq' };

const PARAMETERS: { transport: string; field: TemplateField }[] = [
  { transport: 'tcp', field: { id: 'transport.tcp.port', label: 'TCP port', required: true, defaultValue: '8000', pattern: '^[0-9]{1,5}$' } },
  { transport: 'tcp', field: { id: 'transport.tcp.contentType', label: 'Content type', defaultValue: 'text/xml', hint: 'How a record is built: text/xml (SOAP), application/xml, application/json, text/plain' } },
  { transport: 'tcp', field: { id: 'transport.tcp.recordDelimiterType', label: 'Record delimiter type', defaultValue: 'string', options: ['string', 'character', 'byte'] } },
  { transport: 'tcp', field: { id: 'transport.tcp.recordDelimiter', label: 'Record delimiter', hint: 'byte: hex such as 0x0A; character: one character; string: the text. Empty: one record per connection' } },
  { transport: 'tcp', field: { id: 'transport.tcp.recordLength', label: 'Record length (bytes, instead of a delimiter)', pattern: '^[0-9]+$' } },
  { transport: 'udp', field: { id: 'transport.udp.port', label: 'UDP port', required: true, pattern: '^[0-9]{1,5}$' } },
  { transport: 'udp', field: { id: 'transport.udp.contentType', label: 'Content type', defaultValue: 'text/xml' } },
  { transport: 'udp', field: { id: 'transport.udp.maxPacketSize', label: 'Largest datagram (bytes)', defaultValue: '1024', pattern: '^[0-9]+$' } },
  { transport: 'fix', field: { id: 'transport.fix.AcceptorConfigURL', label: 'Acceptor session file', required: true, hint: 'file:path/to/fix-synapse.cfg (QuickFIX settings: SenderCompID, TargetCompID, SocketAcceptPort ...)' } },
  { transport: 'fix', field: { id: 'transport.fix.AcceptorMessageStore', label: 'Acceptor message store', defaultValue: 'file', options: ['file', 'memory'] } },
  { transport: 'vfs', field: { id: 'transport.vfs.FileURI', label: 'Folder to poll', required: true, hint: 'file:///data/in, ftp://user:pass@host/in, sftp://..., smb://...' } },
  { transport: 'vfs', field: { id: 'transport.vfs.ContentType', label: 'Content type', defaultValue: 'text/xml' } },
  { transport: 'vfs', field: { id: 'transport.vfs.FileNamePattern', label: 'File name pattern (regex)', hint: 'e.g. .*\\.xml' } },
  { transport: 'vfs', field: { id: 'transport.PollInterval', label: 'Poll interval', defaultValue: '5', hint: 'seconds, or with ms: 500ms (MI: 300 s when absent)' } },
  { transport: 'vfs', field: { id: 'transport.vfs.ActionAfterProcess', label: 'After processing', defaultValue: 'DELETE', options: ['DELETE', 'MOVE'] } },
  { transport: 'vfs', field: { id: 'transport.vfs.MoveAfterProcess', label: 'Move processed files to', hint: 'a folder URI (with MOVE)' } },
  { transport: 'vfs', field: { id: 'transport.vfs.ActionAfterFailure', label: 'After a failure', defaultValue: 'DELETE', options: ['DELETE', 'MOVE'] } },
  { transport: 'vfs', field: { id: 'transport.vfs.MoveAfterFailure', label: 'Move failed files to', hint: 'a folder URI (with MOVE)' } },
  { transport: 'jms', field: { id: 'transport.jms.Destination', label: 'Queue (empty: the proxy name)' } },
  { transport: 'jms', field: { id: 'transport.jms.ConnectionFactory', label: 'Connection factory (deployment.toml [[transport.jms.listener]])', defaultValue: 'myQueueConnectionFactory' } },
  { transport: 'rabbitmq', field: { id: 'rabbitmq.queue.name', label: 'Queue', required: true } },
  { transport: 'rabbitmq', field: { id: 'rabbitmq.connection.factory', label: 'Connection factory (deployment.toml [[transport.rabbitmq.listener]])', defaultValue: 'AMQPConnectionFactory' } },
];

export const proxyTemplate: TemplateDefinition = {
  kind: 'proxy',
  label: 'Proxy service',
  fields: [
    nameField('Proxy name'),
    { id: 'transport', label: 'Transport', defaultValue: 'http', options: Object.keys(TRANSPORTS), hint: 'What the proxy listens on' },
    { id: 'endpointUrl', label: 'Backend URL (optional)', hint: 'e.g. http://localhost:9000/service' },
    ...PARAMETERS.map((p) => ({ ...p.field, showWhen: { field: 'transport', values: [p.transport] } })),
  ],
  nameOf: (v) => v.name,
  render: (v) => {
    const transport = v.transport || 'http';
    const body = v.endpointUrl
      ? `            <call>\n                <endpoint>\n                    <address uri="${xmlAttr(v.endpointUrl)}"/>\n                </endpoint>\n            </call>\n            <respond/>\n`
      : `            <log level="full"/>\n            <respond/>\n`;
    const params = PARAMETERS.filter((p) => p.transport === transport && (v[p.field.id] ?? '') !== '').map((p): [string, string] => [p.field.id, v[p.field.id]!]);
    return (
      xmlDecl +
      `<proxy name="${xmlAttr(v.name)}" transports="${TRANSPORTS[transport]}" startOnLoad="true" xmlns="${SYNAPSE_NS}">\n` +
      `    <target>\n        <inSequence>\n${body}        </inSequence>\n        <faultSequence/>\n    </target>\n` +
      parameterLines(params, '    ') +
      `</proxy>\n`
    );
  },
};
