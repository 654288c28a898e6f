/**
 * A client of MI's mediation debug protocol (docs/debugging.md): the command
 * port answers one JSON line per command, in order; the event port pushes
 * event lines. Connect the command port first, then the event port.
 */
import net from 'node:net';

export type Json = Record<string, unknown>;

export class DebugProtocolError extends Error {
  readonly code = 'DEBUG_FAILED';
}

/** Splits a socket's text into JSON lines (a trailing `\r` is ignored). */
function onJsonLines(socket: net.Socket, handle: (value: unknown) => void): void {
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      try {
        handle(JSON.parse(line) as unknown);
      } catch {
        // Not JSON: nothing a client can act on.
      }
    }
  });
}

function connect(port: number, host: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

export class DebugConnection {
  private readonly pending: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
  private closed = false;

  private constructor(
    private readonly command: net.Socket,
    private readonly events: net.Socket,
    onEvent: (event: Json) => void,
    onClose: () => void,
  ) {
    onJsonLines(command, (value) => this.pending.shift()?.resolve(value));
    onJsonLines(events, (value) => {
      if (value && typeof value === 'object' && !Array.isArray(value)) onEvent(value as Json);
    });
    const closeOnce = () => {
      if (this.closed) return;
      this.closed = true;
      for (const p of this.pending.splice(0)) p.reject(new DebugProtocolError('the debugger connection closed'));
      command.destroy();
      events.destroy();
      onClose();
    };
    for (const s of [command, events]) {
      s.on('close', closeOnce);
      s.on('error', closeOnce);
    }
  }

  static async open(ports: { command: number; event: number }, onEvent: (event: Json) => void, onClose: () => void, host = '127.0.0.1'): Promise<DebugConnection> {
    const command = await connect(ports.command, host);
    let events: net.Socket;
    try {
      events = await connect(ports.event, host);
    } catch (e) {
      command.destroy();
      throw e;
    }
    return new DebugConnection(command, events, onEvent, onClose);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends one command and resolves with its response line. */
  send(cmd: Json): Promise<unknown> {
    if (this.closed) return Promise.reject(new DebugProtocolError('the debugger is not connected'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.command.write(`${JSON.stringify(cmd)}\n`);
    });
  }

  /** Sends a command that answers success or failure; a failure throws with MI's reason. */
  async expectSuccess(cmd: Json): Promise<void> {
    const r = (await this.send(cmd)) as Json;
    if (r?.['command-response'] !== 'successful') throw new DebugProtocolError(String(r?.['failed-reason'] ?? 'the debugger refused the command'));
  }

  /** Sends a query; a failure answer throws with MI's reason. */
  async query(cmd: Json): Promise<Json> {
    const r = (await this.send(cmd)) as Json;
    if (r && !Array.isArray(r) && r['command-response'] === 'failed') throw new DebugProtocolError(String(r['failed-reason'] ?? 'failed'));
    return r;
  }

  close(): void {
    this.command.destroy();
    this.events.destroy();
  }
}
