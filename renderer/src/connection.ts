/** The renderer's one link to the backend: an RPC client over the page's WebSocket. */
import { createRpcClient, createWebSocketTransport, type RpcClient } from '../../src/rpc/index.js';
import type { StudioEvents, StudioServices } from '../../src/contract/index.js';

export type StudioClient = RpcClient<StudioServices, StudioEvents>;

/** Connects with the token from the page's URL (browser mode). */
export function connectToBackend(): StudioClient {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const socket = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
  return createRpcClient<StudioServices, StudioEvents>(createWebSocketTransport(socket));
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function errorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}
