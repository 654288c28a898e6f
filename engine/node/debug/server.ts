/**
 * The debugger's TCP transport, as MI: a command port (request/response) and
 * an event port (server -> client), newline-delimited JSON, on 127.0.0.1.
 * Unlike MI, several clients may connect; every event client gets every event.
 * When the last command client leaves, paused messages are resumed so the
 * runtime does not hang on a debugger that went away.
 */
import net from 'node:net';
import type { Logger } from '../../core/logger.js';
import type { Debugger } from '../../debug/index.js';
import { eventJson, handleCommand, type ProtocolOptions } from './protocol.js';

export interface DebugServerOptions {
  debugger: Debugger;
  commandPort: number;
  eventPort: number;
  host?: string;
  logger: Logger;
}

export interface DebugServer {
  readonly commandPort: number;
  readonly eventPort: number;
  /** Resolves true once a client holds both a command and an event connection; false after `timeoutMs`. */
  waitForClient(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function startDebugServer(options: DebugServerOptions): Promise<DebugServer> {
  const { debugger: dbg, logger } = options;
  const host = options.host ?? '127.0.0.1';
  const commandClients = new Set<net.Socket>();
  const eventClients = new Map<net.Socket, ProtocolOptions>();
  const sessionState: ProtocolOptions = { eventDetails: false };
  let connectedWaiters: (() => void)[] = [];
  const checkConnected = () => {
    if (commandClients.size > 0 && eventClients.size > 0) {
      for (const w of connectedWaiters.splice(0)) w();
    }
  };

  const commandServer = net.createServer((socket) => {
    commandClients.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    let queue = Promise.resolve();
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line.trim() === '') continue;
        queue = queue.then(async () => {
          const response = await handleCommand(dbg, line, sessionState);
          if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
        }).catch((e: unknown) => logger.log('error', `Debug command failed: ${e instanceof Error ? e.message : String(e)}`, { component: 'SynapseDebugManager' }));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      commandClients.delete(socket);
      if (commandClients.size === 0) dbg.resumeAll();
    });
    checkConnected();
  });

  const eventServer = net.createServer((socket) => {
    eventClients.set(socket, sessionState);
    socket.on('error', () => undefined);
    socket.on('close', () => eventClients.delete(socket));
    socket.resume(); // the event port is write-only; drain anything a client sends
    logger.log('info', 'Debug connection created', { component: 'SynapseDebugTCPListener' });
    checkConnected();
  });

  const unsubscribe = dbg.onEvent((e) => {
    for (const [socket, state] of eventClients) if (!socket.destroyed) socket.write(`${JSON.stringify(eventJson(e, state.eventDetails))}\n`);
  });

  const listen = (server: net.Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as net.AddressInfo).port));
    });
  const commandPort = await listen(commandServer, options.commandPort);
  let eventPort: number;
  try {
    eventPort = await listen(eventServer, options.eventPort);
  } catch (e) {
    commandServer.close();
    throw e;
  }
  logger.log('info', `Listen on ports : Command ${commandPort} - Event ${eventPort}`, { component: 'SynapseDebugTCPListener' });

  return {
    commandPort,
    eventPort,
    waitForClient(timeoutMs) {
      if (commandClients.size > 0 && eventClients.size > 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          connectedWaiters = connectedWaiters.filter((w) => w !== done);
          resolve(false);
        }, timeoutMs);
        connectedWaiters.push(done);
      });
    },
    async close() {
      unsubscribe();
      dbg.resumeAll();
      for (const s of [...commandClients, ...eventClients.keys()]) s.destroy();
      await Promise.all([new Promise((r) => commandServer.close(r)), new Promise((r) => eventServer.close(r))]);
    },
  };
}
