/** The socket Try-it clients by protocol: one line each; a module's default export is its client. */
import type { SocketProtocolClient } from './client.js';

export const socketClients: Record<string, () => Promise<{ default: SocketProtocolClient }>> = {
  tcp: () => import('./tcp.js'),
  udp: () => import('./udp.js'),
  fix: () => import('./fix.js'),
  ws: () => import('./websocket.js'),
  hl7: () => import('./hl7.js'),
};
