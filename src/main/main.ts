/**
 * The desktop app's main process (thin): the same backend services as browser
 * mode, reached over one MessagePort per window. Hardening: contextIsolation,
 * sandbox, no nodeIntegration, a strict CSP, the renderer served from the
 * privileged `mediate://app/` scheme (Monaco's workers need a real origin),
 * navigation and new windows refused, and IPC accepted only from our page.
 *
 *   electron dist/src/main/main.js [PROJECT]
 */
import { app, BrowserWindow, ipcMain, MessageChannelMain, protocol } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createMessagePortTransport, serveRpc, type RpcServerConnection } from '../rpc/index.js';
import { createStudioBackend } from '../services/index.js';
import { rendererDir, sampleProject } from '../server/package-paths.js';
import { findStaticFile } from '../server/static-files.js';

const ORIGIN = 'mediate://app';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: 'mediate', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

const connections = new Set<RpcServerConnection>();
const backend = createStudioBackend({ emit: (name, payload) => connections.forEach((c) => c.emit(name, payload)) });

async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response('Not found', { status: 404 });
  const file = await findStaticFile(rendererDir(), url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.body), { headers: { 'Content-Type': file.contentType, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' } });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Mediate Studio',
    webPreferences: {
      preload: path.join(path.dirname(fileURLToPath(import.meta.url)), '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

void app.whenReady().then(async () => {
  protocol.handle('mediate', serveRenderer);
  const requested = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
  const project = requested ? path.resolve(requested) : (await backend.workspace.recentProjects()).find((p) => existsSync(p)) ?? sampleProject();
  if (existsSync(project)) await backend.workspace.openFolder(project);

  const window = createWindow();
  ipcMain.on('mediate:connect', (event) => {
    // Sender check: only our own page in our own window gets a port.
    if (event.sender !== window.webContents || !event.senderFrame?.url.startsWith(`${ORIGIN}/`)) return;
    const { port1, port2 } = new MessageChannelMain();
    const connection = serveRpc(backend.services as unknown as Record<string, object>, createMessagePortTransport(port1));
    connections.add(connection);
    port1.on('close', () => connections.delete(connection));
    event.sender.postMessage('mediate:port', null, [port2]);
  });
});

app.on('window-all-closed', () => {
  void backend.dispose().then(() => app.quit());
});
