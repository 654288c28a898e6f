/**
 * `mediate run --debug`: a Debugger plus its TCP ports, in the shape the
 * runtime host takes (RuntimeHostOptions.debug). With `wait`, deployment
 * waits until a client has connected to both ports, as MI does with
 * -Desb.debug=true (60 s, then it goes on without a debugger client).
 */
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../runtime/engine.js';
import { Debugger } from '../../debug/index.js';
import type { RuntimeDebugAttachment } from '../runtime-host.js';
import { startDebugServer, type DebugServer } from './server.js';

export interface DebugSessionOptions {
  commandPort?: number;
  eventPort?: number;
  host?: string;
  /** Deployment waits for a client (MI's behaviour in debug mode). */
  wait?: boolean;
  waitTimeoutMs?: number;
  logger: Logger;
  traceLimit?: number;
}

export interface DebugSession extends RuntimeDebugAttachment {
  readonly debugger: Debugger;
  readonly server: DebugServer;
}

export const DEFAULT_COMMAND_PORT = 9005;
export const DEFAULT_EVENT_PORT = 9006;

export async function createDebugSession(options: DebugSessionOptions): Promise<DebugSession> {
  const dbg = new Debugger({ traceLimit: options.traceLimit });
  const server = await startDebugServer({ debugger: dbg, commandPort: options.commandPort ?? DEFAULT_COMMAND_PORT, eventPort: options.eventPort ?? DEFAULT_EVENT_PORT, host: options.host, logger: options.logger });
  const timeout = options.waitTimeoutMs ?? 60_000;
  return {
    debugger: dbg,
    server,
    hook: dbg,
    bind: (engine: Engine) => void dbg.useEngine(engine),
    async ready() {
      if (!options.wait) return;
      options.logger.log('info', `Waiting for a debugger client on ports ${server.commandPort} (command) and ${server.eventPort} (event)`, { component: 'SynapseDebugTCPListener' });
      if (!(await server.waitForClient(timeout))) options.logger.log('error', `No debugger client connected within ${Math.round(timeout / 1000)} s; deploying without one`, { component: 'SynapseDebugTCPListener' });
    },
    configurationUpdated: () => dbg.configurationUpdated(),
    close: () => server.close(),
  };
}
