/** The messages an RPC transport carries: requests, their responses, and pushed events. */

export interface RequestEnvelope {
  type: 'request';
  id: number;
  service: string;
  method: string;
  params: unknown[];
}

export interface RpcErrorData {
  message: string;
  /** Machine-readable code, e.g. CONFLICT, NOT_FOUND, OUTSIDE_PROJECT. */
  code?: string;
}

export type ResponseEnvelope =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: RpcErrorData };

export interface EventEnvelope {
  type: 'event';
  name: string;
  payload: unknown;
}

export type Envelope = RequestEnvelope | ResponseEnvelope | EventEnvelope;

/** An error a client receives for a failed call; `code` carries the server's code. */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Throw this from a service to send a coded error to the client. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Accepts only well-formed envelopes; anything else from the wire is dropped. */
export function parseEnvelope(data: unknown): Envelope | undefined {
  let value: unknown = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.type === 'request' && typeof v.id === 'number' && typeof v.service === 'string' && typeof v.method === 'string' && Array.isArray(v.params)) return v as unknown as RequestEnvelope;
  if (v.type === 'response' && typeof v.id === 'number' && typeof v.ok === 'boolean') return v as unknown as ResponseEnvelope;
  if (v.type === 'event' && typeof v.name === 'string') return v as unknown as EventEnvelope;
  return undefined;
}
