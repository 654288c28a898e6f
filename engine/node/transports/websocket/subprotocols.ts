/**
 * MI's content-type subprotocols, `synapse(contentType='application/json')`: offered by a client
 * in Sec-WebSocket-Protocol, they decide how every later frame is built. The parentheses, quotes
 * and `=` are not RFC 6455 token characters, so the `ws` package refuses them on both sides; the
 * helpers here negotiate them around it (the server strips the header before `ws` parses it and
 * answers with the chosen one; the client sends the header itself and takes the answer before
 * `ws` checks it).
 */
import type { IncomingMessage } from 'node:http';
import { WebSocket, type ClientOptions, type WebSocketServer } from 'ws';

/** The content types MI's server offers as synapse subprotocols (InboundWebsocketSourceHandler). */
export const SYNAPSE_CONTENT_TYPES = ['application/xml', 'application/json', 'text/xml'] as const;

export function synapseSubprotocol(contentType: string): string {
  return `synapse(contentType='${contentType}')`;
}

/** The content type named by a synapse subprotocol, or undefined for any other subprotocol. */
export function contentTypeOfSubprotocol(protocol: string | undefined): string | undefined {
  if (!protocol) return undefined;
  const m = /^\s*synapse\s*\(\s*contentType\s*=\s*['"]?([^'")]+)['"]?\s*\)\s*$/i.exec(protocol);
  return m?.[1]?.trim();
}

export function isSynapseSubprotocol(protocol: string | undefined): boolean {
  return protocol !== undefined && /^\s*synapse\b/i.test(protocol);
}

/** The offered subprotocols of a Sec-WebSocket-Protocol header (commas inside parentheses do not split). */
export function parseOfferedSubprotocols(header: string | undefined): string[] {
  if (!header) return [];
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of header) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/**
 * The subprotocol the server answers with, as Netty's handshaker picks it: the first offered one
 * the server supports (MI's synapse content types); none when nothing matches.
 */
export function selectSubprotocol(offered: readonly string[], supported: (p: string) => boolean = isSupportedSynapseSubprotocol): string | undefined {
  return offered.find(supported);
}

function isSupportedSynapseSubprotocol(p: string): boolean {
  const ct = contentTypeOfSubprotocol(p);
  return ct !== undefined && (SYNAPSE_CONTENT_TYPES as readonly string[]).includes(ct.toLowerCase());
}

/**
 * Server side: makes `wss` (noServer) accept subprotocols that are not tokens. Call `prepare` on
 * each upgrade request before handleUpgrade: it removes the header `ws` would refuse and
 * remembers the answer, which the 'headers' listener installed here writes into the 101 response.
 */
export function lenientSubprotocolServer(wss: WebSocketServer, choose: (offered: string[], req: IncomingMessage) => string | undefined) {
  const chosen = new WeakMap<IncomingMessage, string>();
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    const p = chosen.get(req);
    if (p !== undefined) headers.push(`Sec-WebSocket-Protocol: ${p}`);
  });
  return {
    /** The offered subprotocols and the chosen one; the request no longer carries the header. */
    prepare(req: IncomingMessage): { offered: string[]; selected: string | undefined } {
      const offered = parseOfferedSubprotocols(req.headers['sec-websocket-protocol']);
      delete req.headers['sec-websocket-protocol'];
      const selected = offered.length > 0 ? choose(offered, req) : undefined;
      if (selected !== undefined) chosen.set(req, selected);
      return { offered, selected };
    },
  };
}

export interface OpenedClient {
  socket: WebSocket;
  /** The subprotocol the server answered with (undefined when none). */
  protocol: string | undefined;
}

/**
 * Client side: opens a WebSocket offering `subprotocols` as written (synapse(...) included) and
 * resolves once the handshake completed. Rejects with the server's status or the socket error.
 */
export function openWebSocket(url: string, subprotocols: readonly string[], options: ClientOptions = {}): Promise<OpenedClient> {
  return new Promise((resolve, reject) => {
    const headers = { ...(options.headers ?? {}) } as Record<string, string>;
    if (subprotocols.length > 0) headers['Sec-WebSocket-Protocol'] = subprotocols.join(', ');
    const socket = new WebSocket(url, { perMessageDeflate: false, ...options, headers });
    let protocol: string | undefined;
    socket.once('upgrade', (res) => {
      const answered = res.headers['sec-websocket-protocol'];
      protocol = typeof answered === 'string' ? answered : undefined;
      // `ws` would refuse an answer to a protocol it did not send itself: it was checked here instead.
      delete res.headers['sec-websocket-protocol'];
      if (protocol !== undefined && !subprotocols.includes(protocol)) {
        socket.terminate();
        reject(new Error(`the server at ${url} answered with subprotocol ${protocol}, which was not offered`));
      }
    });
    socket.once('unexpected-response', (_req, res) => {
      socket.terminate();
      reject(new Error(`the server at ${url} refused the WebSocket handshake with HTTP ${res.statusCode}`));
    });
    socket.once('open', () => {
      socket.off('error', reject);
      resolve({ socket, protocol });
    });
    socket.once('error', reject);
  });
}
