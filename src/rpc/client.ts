/**
 * The client side: typed proxies for remote services, and event subscription.
 * `client.service<WorkspaceService>('workspace').readFile('a.xml')` sends a
 * request and resolves with the result (or rejects with an RpcError).
 */
import { RpcError, type ResponseEnvelope } from './envelopes.js';
import type { Transport } from './transport.js';

/** A service's methods as seen remotely: every method returns a promise. */
export type Remote<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export interface RpcClient<Services, Events> {
  service<K extends keyof Services & string>(name: K): Remote<Services[K]>;
  on<K extends keyof Events & string>(event: K, handler: (payload: Events[K]) => void): () => void;
  /** Registers a handler for the channel closing (the backend went away). */
  onDisconnect(handler: () => void): () => void;
  close(): void;
}

export function createRpcClient<Services, Events>(transport: Transport): RpcClient<Services, Events> {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const eventHandlers = new Map<string, Set<(payload: unknown) => void>>();
  const proxies = new Map<string, unknown>();

  transport.onMessage((message) => {
    if (message.type === 'response') settle(message);
    else if (message.type === 'event') for (const h of [...(eventHandlers.get(message.name) ?? [])]) h(message.payload);
  });
  transport.onClose(() => {
    for (const w of waiting.values()) w.reject(new RpcError('connection to the studio backend closed', 'DISCONNECTED'));
    waiting.clear();
  });

  function settle(response: ResponseEnvelope) {
    const w = waiting.get(response.id);
    if (!w) return;
    waiting.delete(response.id);
    if (response.ok) w.resolve(response.result);
    else w.reject(new RpcError(response.error.message, response.error.code));
  }

  function call(service: string, method: string, params: unknown[]): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      transport.send({ type: 'request', id, service, method, params });
    });
  }

  return {
    service<K extends keyof Services & string>(name: K): Remote<Services[K]> {
      let proxy = proxies.get(name);
      if (!proxy) {
        proxy = new Proxy(
          {},
          {
            get: (_target, method) => (typeof method === 'string' && method !== 'then' ? (...params: unknown[]) => call(name, method, params) : undefined),
          },
        );
        proxies.set(name, proxy);
      }
      return proxy as Remote<Services[K]>;
    },
    on(event, handler) {
      let set = eventHandlers.get(event);
      if (!set) eventHandlers.set(event, (set = new Set()));
      const h = handler as (payload: unknown) => void;
      set.add(h);
      return () => set!.delete(h);
    },
    onDisconnect: (handler) => transport.onClose(handler),
    close: () => transport.close(),
  };
}
