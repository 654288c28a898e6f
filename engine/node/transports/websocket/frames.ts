/** Frames to messages and the flow's answers to frames, with MI's content-type rules for WebSocket. */
import type { BodySource } from '../../../core/message.js';
import type { EngineResponse } from '../../../runtime/responses.js';
import { builderFor } from '../../../core/content-type.js';
import { contentTypeOfSubprotocol, isSynapseSubprotocol } from './subprotocols.js';
import type { WsFrame } from './channels.js';

/**
 * The content type a received frame is built with (MI's InboundWebsocketSourceHandler and
 * WebSocketClientHandler): a negotiated synapse(contentType=...) subprotocol decides; otherwise
 * the subprotocol itself or the endpoint's ws.default.content.type when set; otherwise the frame
 * passes through, as text/plain (text) or application/octet-stream (binary). MI builds binary
 * frames under a synapse subprotocol not at all (it drops them); here they are built like text.
 */
export function frameContentType(frame: { binary: boolean }, subprotocol: string | undefined, defaultContentType?: string): string {
  if (isSynapseSubprotocol(subprotocol)) return contentTypeOfSubprotocol(subprotocol) ?? 'text/xml';
  const named = subprotocol && subprotocol.includes('/') ? subprotocol : defaultContentType;
  if (named) return named;
  return frame.binary ? 'application/octet-stream' : 'text/plain';
}

/** MI's `websocket.text.frame.present` / `websocket.binary.frame.present`: the frame was not built, only carried. */
export function passThroughProperties(contentType: string, frame: { binary: boolean }): Record<string, boolean> {
  const kind = builderFor(contentType);
  return frame.binary ? { 'websocket.binary.frame.present': kind === 'binary' } : { 'websocket.text.frame.present': kind === 'text' };
}

export function bytesBody(bytes: Uint8Array): BodySource {
  let taken = false;
  const take = () => {
    if (taken) return new Uint8Array();
    taken = true;
    return bytes;
  };
  return { length: bytes.length, read: async () => take(), completed: take };
}

/**
 * The frame a flow's answer becomes, or undefined when the flow answered nothing (dropped or
 * OUT_ONLY: the 202 without a body). Binary content types go as binary frames, the rest as text.
 */
export async function responseFrame(response: EngineResponse): Promise<WsFrame | undefined> {
  const data = response.body instanceof Uint8Array ? response.body : await response.body.read();
  if (data.length === 0 && response.status === 202) return undefined;
  const contentType = response.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  return { data, binary: contentType !== undefined && builderFor(contentType) === 'binary' };
}
