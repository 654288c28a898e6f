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
/**
 * The largest RPC message a session may send (a file saved from the editor is
 * the largest legitimate one); a bigger one closes that session with 1009.
 */
export const MAX_RPC_MESSAGE_BYTES = 16 * 1024 * 1024;
/** Open RPC sessions at once (a page per browser tab); more are refused with 503 until one closes. */
export const MAX_SESSIONS = 16;

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
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_RPC_MESSAGE_BYTES });
  // Sessions open or completing their handshake: counted before the handshake, so a burst cannot overshoot.
  let sessions = 0;

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
    // A client that resets mid-handshake must not become an unhandled 'error' (it would end the process).
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok = url.pathname === RPC_PATH && hostAllowed(req, port) && originAllowed(req, port) && sameToken(token, url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (sessions >= MAX_SESSIONS) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sessions++;
    let released = false;
    const release = () => {
      if (!released) sessions--;
      released = true;
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = serveRpc(backend.services as unknown as Record<string, object>, createWebSocketTransport(ws));
      connections.add(connection);
      // ws closes the session itself (1009 for an oversized message, 1002 for a protocol error); the
      // error must still be listened to, or it would end the process and every other session with it.
      ws.on('error', () => undefined);
      ws.on('close', () => {
        connections.delete(connection);
        release();
      });
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
