/**
 * What a socket Try-it protocol client does: send one payload to a listener and hand back the
 * reply's bytes with the framing removed. One client per protocol, in `<protocol>.ts` beside this
 * file, listed in clients.ts.
 */
export interface SocketTarget {
  host: string;
  port: number;
  /** The listener's protocol-specific settings (its runtime item's `socket.options`). */
  options: Record<string, string>;
  /** How long to wait for the reply. */
  timeoutMs: number;
}

export interface SocketExchange {
  /** The reply without its framing; empty when none came. */
  reply: Uint8Array;
  /** Nothing came back within the wait. */
  noReply?: boolean;
}

export interface SocketProtocolClient {
  /** Rejects with a message a user can act on (connection refused, reset ...). */
  exchange(target: SocketTarget, payload: Uint8Array): Promise<SocketExchange>;
}
