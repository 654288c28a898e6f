/** The debugger's Node side: MI's TCP protocol and the `mediate run --debug` session. */
export { createDebugSession, DEFAULT_COMMAND_PORT, DEFAULT_EVENT_PORT, type DebugSession, type DebugSessionOptions } from './session.js';
export { startDebugServer, type DebugServer, type DebugServerOptions } from './server.js';
export { handleCommand, eventJson, type ProtocolOptions } from './protocol.js';
