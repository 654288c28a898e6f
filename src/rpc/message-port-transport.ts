/**
 * A transport over a message port: Electron's MessagePortMain in the main
 * process (`on('message')`) or the DOM MessagePort in the renderer
 * (`addEventListener('message')`). Described structurally so this file needs
 * neither Electron nor DOM types.
 */
import { parseEnvelope, type Envelope } from './envelopes.js';
import { Listeners, type Transport } from './transport.js';

type PortMessageListener = (event: { data: unknown }) => void;

export interface MessagePortLike {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  on?(event: 'message' | 'close', listener: PortMessageListener): unknown;
  addEventListener?(type: 'message' | 'close', listener: PortMessageListener): void;
}

export function createMessagePortTransport(port: MessagePortLike): Transport {
  const messages = new Listeners<Envelope>();
  const closes = new Listeners<void>();
  const listen = (type: 'message' | 'close', listener: PortMessageListener) => {
    if (port.on) port.on(type, listener);
    else port.addEventListener?.(type, listener);
  };
  listen('message', (event) => {
    const envelope = parseEnvelope(event.data);
    if (envelope) messages.emit(envelope);
  });
  listen('close', () => closes.emit());
  port.start();
  return {
    send: (message) => port.postMessage(JSON.stringify(message)),
    onMessage: (h) => messages.add(h),
    onClose: (h) => closes.add(() => h()),
    close: () => port.close(),
  };
}
