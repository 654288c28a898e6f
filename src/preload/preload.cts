/**
 * The desktop app's preload (sandboxed, so CommonJS): it exposes nothing but
 * one RPC port, handed to the page with window.postMessage.
 */
import { ipcRenderer } from 'electron';

declare const window: { postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void; location: { origin: string } };

ipcRenderer.once('mediate:port', (event) => {
  window.postMessage('mediate:port', window.location.origin, event.ports);
});
ipcRenderer.send('mediate:connect');
