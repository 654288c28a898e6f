/**
 * The WebSocket (`ws`) and secured WebSocket (`wss`) inbound endpoints' parameters (MI
 * InboundWebsocketConstants); the listener is engine/node/transports/websocket.
 */
import type { InboundParameterDescriptor, InboundProtocolDescriptor } from '../types.js';

export const WEBSOCKET_PARAMETERS: readonly InboundParameterDescriptor[] = [
  { name: 'inbound.ws.port', type: 'integer', required: true, help: 'Port this endpoint accepts WebSocket connections on.', group: 'Basic' },
  { name: 'ws.client.side.broadcast.level', type: 'enum', values: ['0', '1', '2'], default: '0', help: 'Who gets the frames the flow responds with: 0 the client the message came from, 1 every client connected on the same path, 2 every client on that path except the originating one.', group: 'Basic' },
  { name: 'ws.outflow.dispatch.sequence', type: 'string', help: 'Sequence that frames coming back from a ws:// or wss:// backend are injected into; a respond there writes them to the client. Without it they go to the main sequence.', group: 'Basic' },
  { name: 'ws.outflow.dispatch.fault.sequence', type: 'string', help: 'Fault sequence for errors in the outflow dispatch sequence (MI\'s fault sequence when absent).', group: 'Basic' },
  { name: 'ws.default.content.type', type: 'string', help: 'Content type frames are built with when the client negotiated no synapse(contentType=...) subprotocol. Without it text frames are text/plain and binary frames application/octet-stream.', group: 'Basic' },
  { name: 'ws.use.port.offset', type: 'boolean', default: 'false', help: 'Add the server\'s port offset (deployment.toml [server] offset) to inbound.ws.port.', group: 'Advanced' },
  { name: 'ws.boss.thread.pool.size', type: 'integer', help: 'Netty acceptor threads in MI (no visible effect here: one event loop accepts).', group: 'Advanced' },
  { name: 'ws.worker.thread.pool.size', type: 'integer', help: 'Netty worker threads in MI (no visible effect here).', group: 'Advanced' },
  { name: 'ws.subprotocol.handler.class', type: 'string', help: 'Java classes handling custom subprotocols, separated by semicolons. They cannot run here: an endpoint that names one is refused.', group: 'Advanced' },
  { name: 'ws.pipeline.handler.class', type: 'string', help: 'A Java Netty pipeline handler. It cannot run here: an endpoint that names one is refused.', group: 'Advanced' },
  { name: 'dispatch.custom.sequence', type: 'string', help: 'Sequence a custom pipeline handler dispatches to (only with ws.pipeline.handler.class).', group: 'Advanced' },
];

export const websocketInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'ws',
  label: 'WebSocket',
  help: 'Accepts WebSocket connections on its own port; each text or binary frame is injected into the sequence and the flow\'s responses go back as frames.',
  mode: 'listening',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.websocket.InboundWebsocketListener'],
  parameters: WEBSOCKET_PARAMETERS,
};

export const secureWebsocketInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'wss',
  label: 'Secure WebSocket',
  help: 'A WebSocket endpoint over TLS, with the certificate from its key store.',
  mode: 'listening',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.websocket.InboundSecureWebsocketListener'],
  parameters: [
    ...WEBSOCKET_PARAMETERS,
    { name: 'wss.ssl.key.store.file', type: 'string', required: true, help: 'Key store with the server certificate and key: PKCS12 (.p12/.pfx) or PEM; a JKS store must be converted (keytool -importkeystore ... -deststoretype PKCS12). Relative paths resolve against the project.', group: 'TLS' },
    { name: 'wss.ssl.key.store.pass', type: 'password', help: 'Key store password.', group: 'TLS' },
    { name: 'wss.ssl.cert.pass', type: 'password', help: 'Password of the private key (the key store password when absent).', group: 'TLS' },
    { name: 'wss.ssl.trust.store.file', type: 'string', help: 'Trust store (PEM or PKCS12) with the certificates client certificates are checked against.', group: 'TLS' },
    { name: 'wss.ssl.trust.store.pass', type: 'password', help: 'Trust store password.', group: 'TLS' },
    { name: 'wss.ssl.protocols', type: 'string', help: 'Enabled TLS versions, comma separated (TLSv1.2,TLSv1.3).', group: 'TLS' },
    { name: 'wss.ssl.cipher.suites', type: 'string', help: 'Cipher suites, comma separated (OpenSSL names).', group: 'TLS' },
  ],
};
