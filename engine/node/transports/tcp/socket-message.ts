/**
 * What TCP and UDP proxies share: a record or datagram becomes a request to the proxy (built by
 * the listener's content type), and the proxy's answer becomes the bytes sent back — none when the
 * flow answered nothing (OUT_ONLY, a 202 without a body).
 */
import type { Engine } from '../../../runtime/engine.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { HeaderMap } from '../../../core/headers.js';

export async function injectIntoProxy(engine: Engine, proxy: string, bytes: Uint8Array, contentType: string, remote: string): Promise<Uint8Array | undefined> {
  const headers = new HeaderMap({ 'Content-Type': contentType });
  const res = await engine.handleInjected(
    { method: 'POST', url: `/services/${proxy}`, headers, body: { length: bytes.length, read: async () => bytes }, remoteAddress: remote, via: `proxy:${proxy}` },
    { proxy },
  );
  return replyOf(res);
}

async function replyOf(res: EngineResponse): Promise<Uint8Array | undefined> {
  const body = res.body instanceof Uint8Array ? res.body : await res.body.read();
  if (res.status === 202 && body.length === 0) return undefined;
  return body;
}
