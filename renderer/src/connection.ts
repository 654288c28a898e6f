/** The renderer's one link to the backend: an RPC client over the page's WebSocket. */
import { createMessagePortTransport, createRpcClient, createWebSocketTransport, type RpcClient, type Transport } from '../../src/rpc/index.js';
import type { StudioEvents, StudioServices } from '../../src/contract/index.js';

export type StudioClient = RpcClient<StudioServices, StudioEvents>;

/**
 * In the desktop app, the preload hands over one MessagePort; in browser mode
 * the page opens a WebSocket with the token from its URL.
 */
export async function connectToBackend(): Promise<StudioClient> {
  return createRpcClient<StudioServices, StudioEvents>(location.protocol === 'mediate:' ? await electronTransport() : webSocketTransport());
}

function webSocketTransport(): Transport {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  return createWebSocketTransport(new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`));
}

function electronTransport(): Promise<Transport> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window || event.data !== 'mediate:port' || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      resolve(createMessagePortTransport(event.ports[0]));
    };
    window.addEventListener('message', onMessage);
  });
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}
