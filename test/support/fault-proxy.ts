/**
 * A TCP proxy between the runtime and a real server (broker, database) that a test can break:
 * `cut()` resets every open connection (as a broker restart or a network failure does), and
 * `refuse()` turns new connections away until `restore()`. The server itself is never touched, so
 * tests that share it are not disturbed.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** The port to give the runtime instead of the server's. */
  readonly port: number;
  /** Connections currently relayed. */
  connections(): number;
  /** Resets every open connection (both sides see ECONNRESET). */
  cut(): void;
  /** Closes every new connection at once (as a server that is down), and cuts the open ones. */
  refuse(): void;
  /** Relays new connections again. */
  restore(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const { client, upstream } of [...pairs]) {
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.resetAndDestroy();
    }
    pairs.clear();
  };
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => pairs.size,
    cut,
    refuse() {
      refusing = true;
      cut();
    },
    restore() {
      refusing = false;
    },
    close() {
      cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
