/**
 * Browser mode: the studio's services behind a WebSocket, and the built
 * renderer over HTTP, on 127.0.0.1 only. Every request needs the per-launch
 * token (in the printed URL, then in a SameSite=Strict cookie for the page's
 * assets); the WebSocket also needs our own origin.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createWebSocketTransport, serveRpc, type RpcServerConnection } from '../rpc/index.js';
import { createStudioBackend, type StudioBackend } from '../services/index.js';
import { findStaticFile } from './static-files.js';
import { DOWNLOAD_PREFIX, serveDownload } from './downloads.js';
import { TOKEN_COOKIE, allowedHosts, hostAllowed, newToken, originAllowed, sameToken, tokenFromCookie } from './access.js';

export interface BrowserStudioOptions {
  /** Folder of the built renderer (dist/renderer). */
  staticDir: string;
  /** Project to open at start. */
  project?: string;
  /** Studio HTTP port; 0 (default) picks a free one. */
  port?: number;
  /** Preferred runtime port (8290 by default). */
  runtimePort?: number;
  settingsDir?: string;
  /** Fixed token (tests); random per launch otherwise. */
  token?: string;
}

export interface BrowserStudio {
  url: string;
  port: number;
  token: string;
  backend: StudioBackend;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';

export async function startBrowserStudio(options: BrowserStudioOptions): Promise<BrowserStudio> {
  const token = options.token ?? newToken();
  const connections = new Set<RpcServerConnection>();
  const backend = createStudioBackend({
    emit: (name, payload) => {
      for (const c of connections) c.emit(name, payload);
    },
    settingsDir: options.settingsDir,
    runtimePort: options.runtimePort,
  });
  if (options.project) await backend.workspace.openFolder(options.project);

  let port = 0;
  const server = http.createServer((req, res) => void handleHttp(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

  async function handleHttp(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, port)) return refuse(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const queryToken = url.searchParams.get('token');
    if (!sameToken(token, queryToken) && !sameToken(token, tokenFromCookie(req))) return refuse(res, 403, 'Forbidden: open the studio with the URL it printed (it carries a per-launch token)');
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) return serveDownload(backend, url.pathname, res, req.method === 'HEAD');
    const file = await findStaticFile(options.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found');
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': contentSecurityPolicy(port),
      'Cache-Control': file.contentType.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    };
    if (queryToken) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok = url.pathname === RPC_PATH && hostAllowed(req, port) && originAllowed(req, port) && sameToken(token, url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = serveRpc(backend.services as unknown as Record<string, object>, createWebSocketTransport(ws));
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    backend,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await backend.dispose();
    },
  };
}

function refuse(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(message + '\n');
}

/** Monaco sets inline styles and runs its editor worker from a same-origin script. */
function contentSecurityPolicy(port: number): string {
  const sockets = allowedHosts(port).map((h) => `ws://${h}`).join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
