/**
 * Try-it for socket listeners: TCP and UDP proxies, and the socket inbound endpoints (HL7 over
 * MLLP, WebSocket, FIX). The listener says how a client talks to it (`SocketListener`, carried by
 * its runtime item); the studio's backend connects to it as a real client would and returns the
 * reply with the log lines the runtime wrote meanwhile.
 */
import type { LogEntry } from './runtime.js';

/** How to reach a socket listener: its protocol client and the framing it expects. */
export interface SocketListener {
  /** The protocol client to use: `tcp`, `udp`, `hl7`, `ws`, `fix` ... */
  protocol: string;
  /** Protocol-specific settings of the listener (a TCP proxy's record delimiter, say), as strings. */
  options?: Record<string, string>;
}

export interface SocketTryItRequest {
  /** The runtime item (kind:name), e.g. `proxy:TCPProxy`. */
  artifact: string;
  /** The message to send, as text (UTF-8 on the wire). */
  payload: string;
  /** How long to wait for the reply (default 10 s). */
  timeoutMs?: number;
}

export interface SocketTryItReply {
  protocol: string;
  /** The reply's bytes as UTF-8 text, framing (delimiters) removed. Empty when there was none. */
  reply: string;
  /** The reply's length in bytes. */
  replyBytes: number;
  /** The listener sent nothing back within the wait (an OUT_ONLY flow, say). */
  noReply?: boolean;
  /** Milliseconds from sending to the reply (or to giving up waiting). */
  timeMs: number;
  /** What the runtime logged while the message was handled. */
  trace: LogEntry[];
}
