/**
 * The serving side: dispatches requests on a transport to service objects and
 * pushes events. Only own methods of the registered services are callable.
 */
import type { RequestEnvelope, RpcErrorData } from './envelopes.js';
import type { Transport } from './transport.js';

export interface RpcServerConnection {
  /** Pushes an event to this connection's client. */
  emit(name: string, payload: unknown): void;
  close(): void;
}

export function serveRpc(services: Record<string, object>, transport: Transport): RpcServerConnection {
  transport.onMessage((message) => {
    if (message.type === 'request') void handle(message);
  });

  async function handle(request: RequestEnvelope) {
    try {
      const result = await invoke(services, request);
      transport.send({ type: 'response', id: request.id, ok: true, result: result === undefined ? null : result });
    } catch (e) {
      transport.send({ type: 'response', id: request.id, ok: false, error: toErrorData(e) });
    }
  }

  return {
    emit: (name, payload) => transport.send({ type: 'event', name, payload }),
    close: () => transport.close(),
  };
}

async function invoke(services: Record<string, object>, request: RequestEnvelope): Promise<unknown> {
  if (!Object.hasOwn(services, request.service)) throw Object.assign(new Error(`unknown service '${request.service}'`), { code: 'NO_SUCH_METHOD' });
  const service = services[request.service] as Record<string, unknown>;
  const method = callableMethod(service, request.method);
  if (!method) throw Object.assign(new Error(`unknown method '${request.service}.${request.method}'`), { code: 'NO_SUCH_METHOD' });
  return method.apply(service, request.params);
}

/** A method defined by the service (own or on its class), never one inherited from Object. */
function callableMethod(service: Record<string, unknown>, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (name.startsWith('_') || name === 'constructor') return undefined;
  for (let o: object | null = service; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) {
      const value = (o as Record<string, unknown>)[name];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown) : undefined;
    }
  }
  return undefined;
}

function toErrorData(e: unknown): RpcErrorData {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { message: e.message, code: typeof code === 'string' ? code : undefined };
  }
  return { message: String(e) };
}
