import { describe, it, expect } from 'vitest';
import { createMemoryTransportPair } from './memory-transport.js';
import { createRpcClient } from './client.js';
import { serveRpc } from './server.js';
import { ServiceError, RpcError } from './envelopes.js';

class Greeter {
  private greeting = 'Hello';
  async greet(name: string) {
    return `${this.greeting}, ${name}`;
  }
  async fail() {
    throw new ServiceError('CONFLICT', 'changed on disk');
  }
  async nothing() {
    return undefined;
  }
}

interface Services {
  greeter: Greeter;
}
interface Events {
  tick: { n: number };
}

function connect() {
  const [serverEnd, clientEnd] = createMemoryTransportPair();
  const server = serveRpc({ greeter: new Greeter() }, serverEnd);
  const client = createRpcClient<Services, Events>(clientEnd);
  return { server, client };
}

describe('rpc over the in-memory transport', () => {
  it('calls a service method and returns its result', async () => {
    const { client } = connect();
    await expect(client.service('greeter').greet('Ada')).resolves.toBe('Hello, Ada');
    await expect(client.service('greeter').nothing()).resolves.toBeNull();
  });

  it('rejects with the service error code', async () => {
    const { client } = connect();
    const error = await client.service('greeter').fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'changed on disk' });
  });

  it('refuses unknown services and methods inherited from Object', async () => {
    const { client } = connect();
    const remote = client.service('greeter') as unknown as Record<string, () => Promise<unknown>>;
    await expect(remote.toString()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
    await expect(remote.constructor()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
    const other = (client as unknown as { service(n: string): Record<string, () => Promise<unknown>> }).service('fs');
    await expect(other.readFile()).rejects.toMatchObject({ code: 'NO_SUCH_METHOD' });
  });

  it('delivers events to subscribers until they unsubscribe', async () => {
    const { client, server } = connect();
    const seen: number[] = [];
    const off = client.on('tick', (p) => seen.push(p.n));
    server.emit('tick', { n: 1 });
    await new Promise((r) => setTimeout(r, 5));
    off();
    server.emit('tick', { n: 2 });
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([1]);
  });

  it('rejects pending calls when the connection closes', async () => {
    const [serverEnd, clientEnd] = createMemoryTransportPair();
    serveRpc({ greeter: { never: () => new Promise(() => {}) } }, serverEnd);
    const client = createRpcClient<{ greeter: { never(): Promise<void> } }, object>(clientEnd);
    const pending = client.service('greeter').never();
    serverEnd.close();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
