/** The outbound HTTP client the engine calls endpoints through; engine/node implements it with undici. */
import type { BodySource } from './message.js';
import type { HeaderMap } from './headers.js';

export interface OutboundRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  body?: Uint8Array | BodySource;
  /** Milliseconds; undefined = the client's default. */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: HeaderMap;
  body: BodySource;
}

/** Thrown by HttpClient.send for transport failures, carrying MI's error code (101503, 101504 ...). */
export class TransportError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface HttpClient {
  send(request: OutboundRequest): Promise<OutboundResponse>;
}
