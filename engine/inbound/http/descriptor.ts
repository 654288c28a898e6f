/** The HTTP inbound endpoint's parameters (MI InboundHttpConstants); the listener is engine/node/transports/http. */
import type { InboundParameterDescriptor, InboundProtocolDescriptor } from '../types.js';

export const HTTP_PARAMETERS: readonly InboundParameterDescriptor[] = [
  { name: 'inbound.http.port', type: 'integer', required: true, help: 'Port this endpoint listens on (its own port, not shifted by the server port offset unless inbound.port.offset.enable is set).', group: 'Basic' },
  { name: 'dispatch.filter.pattern', type: 'regex', help: 'Java regex matched against the whole request URI: a match dispatches to APIs and proxies as the main port does; requests that do not match go to the main sequence. Without it every request goes to the endpoint\'s sequence.', group: 'Basic' },
  { name: 'inbound.worker.pool.size.core', type: 'integer', default: '400', help: 'Worker threads kept (MI thread pool sizing; no visible effect here).', group: 'Advanced' },
  { name: 'inbound.worker.pool.size.max', type: 'integer', default: '500', help: 'Maximum worker threads (MI thread pool sizing; no visible effect here).', group: 'Advanced' },
  { name: 'inbound.worker.thread.keep.alive.sec', type: 'integer', default: '60', help: 'Idle worker thread lifetime (no visible effect here).', group: 'Advanced' },
  { name: 'inbound.worker.pool.queue.length', type: 'integer', default: '-1', help: 'Worker queue length (no visible effect here).', group: 'Advanced' },
  { name: 'inbound.thread.group.id', type: 'string', default: 'Pass-Through Inbound WorkerThread Group', help: 'Worker thread group name.', group: 'Advanced' },
  { name: 'inbound.thread.id', type: 'string', default: 'PassThroughInboundWorkerThread', help: 'Worker thread name prefix.', group: 'Advanced' },
];

export const httpInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'http',
  label: 'HTTP',
  help: 'Listens for HTTP requests on its own port and injects them into a sequence, or dispatches them to APIs and proxies.',
  mode: 'listening',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.http.InboundHttpListener'],
  parameters: HTTP_PARAMETERS,
};
