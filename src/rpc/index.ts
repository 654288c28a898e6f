/** RPC between the studio's renderer and its backend services. */
export * from './envelopes.js';
export * from './transport.js';
export * from './client.js';
export * from './server.js';
export * from './memory-transport.js';
export * from './websocket-transport.js';
export * from './message-port-transport.js';
