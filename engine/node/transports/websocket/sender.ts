/**
 * The sender behind `ws://` and `wss://` address endpoints (MI's WebsocketTransportSender), on
 * with deployment.toml `[transport.ws] sender.enable = true` as in MI.
 *
 * - One backend connection per source: per WebSocket client for messages from a ws/wss inbound
 *   endpoint, one shared connection otherwise (MI's universal source identifier); reopened when
 *   the backend closed it, closed when its client goes away (or on `connection.terminate`).
 * - The handshake offers `synapse(contentType='<websocket.accept.contenType>')` (MI's spelling of
 *   the property) and adds every `websocket.custom.header.<Name>` property as a header.
 * - A handshake message (`websocket.source.handshake.present`) only connects; any other message
 *   is formatted by its messageType and sent as one frame (binary for binary content).
 * - Frames from the backend are injected into the outflow dispatch sequence: the client
 *   endpoint's `ws.outflow.dispatch.sequence` (its respond writes to the client), else
 *   `[transport.ws] sender.outflow_dispatch_sequence`, else main. With no outflow sequence
 *   anywhere and a flow that waits for a reply (call without OUT_ONLY), the backend's next frame
 *   becomes the reply instead, so `call` works request-reply.
 */
import { WebSocket, type ClientOptions } from 'ws';
import fs from 'node:fs';
import type { Logger } from '../../../core/logger.js';
import { BrokerError, type BrokerReply, type BrokerSendRequest, type BrokerSender } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import { HeaderMap } from '../../../core/headers.js';
import { builderFor } from '../../../core/content-type.js';
import type { Engine } from '../../../runtime/engine.js';
import { openWebSocket, synapseSubprotocol } from './subprotocols.js';
import { SOURCE_CHANNEL_PROPERTY, SourceChannels, UNIVERSAL_SOURCE, type WsFrame } from './channels.js';
import { bytesBody, frameContentType, passThroughProperties } from './frames.js';

export const CONTENT_TYPE_PROPERTY = 'websocket.accept.contenType';
export const CUSTOM_HEADER_PREFIX = 'websocket.custom.header.';
const DEFAULT_REPLY_TIMEOUT_MS = 60_000;

export interface WebSocketSenderOptions {
  logger: Logger;
  serverConfig(name: string): string | undefined;
}

interface BackendConnection {
  socket: WebSocket;
  protocol: string | undefined;
  /** Set while a call waits for the backend's next frame. */
  replyWaiter?: (frame: WsFrame) => void;
  outflow?: string;
  outflowFault?: string;
}

const truthy = (v: unknown) => v === true || v === 'true';

export class WebSocketSender implements BrokerSender {
  /** The ws/wss inbound endpoints' clients; the inbound protocol registers them here. */
  readonly channels = new SourceChannels();
  private engine: Engine | undefined;
  private readonly connections = new Map<string, Promise<BackendConnection>>();

  constructor(private readonly o: WebSocketSenderOptions) {}

  /** The engine backend frames of non-WebSocket sources are injected into. */
  attach(engine: Engine): void {
    this.engine = engine;
  }

  async send(req: BrokerSendRequest): Promise<BrokerReply | undefined> {
    const scheme = req.uri.slice(0, req.uri.indexOf(':')).toLowerCase();
    if (!this.enabled(scheme)) throw new BrokerError(ErrorCodes.SENDING_FAILED, `the ${scheme} transport sender is not enabled: add [transport.${scheme}] sender.enable = true to deployment.toml`);
    const source = String(req.property(SOURCE_CHANNEL_PROPERTY) ?? UNIVERSAL_SOURCE);
    const key = `${source} ${req.uri}`;
    if (truthy(req.property('connection.terminate'))) {
      const existing = this.connections.get(key);
      this.connections.delete(key);
      if (existing) (await existing.catch(() => undefined))?.socket.close(1000);
      return undefined;
    }
    const conn = await this.connection(key, source, req);
    conn.outflow = stringOrUndefined(req.property('ws.outflow.dispatch.sequence')) ?? this.o.serverConfig(`transport.${scheme}.sender.outflow_dispatch_sequence`);
    conn.outflowFault = stringOrUndefined(req.property('ws.outflow.dispatch.fault.sequence')) ?? this.o.serverConfig(`transport.${scheme}.sender.outflow_dispatch_fault_sequence`);
    if (truthy(req.property('websocket.source.handshake.present'))) return undefined;
    const binary = truthy(req.property('websocket.binary.frame.present')) || builderFor(req.contentType) === 'binary';
    const waitsForReply = req.expectReply && conn.outflow === undefined && source === UNIVERSAL_SOURCE;
    const reply = waitsForReply ? this.nextFrame(conn, req.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS, req.uri) : undefined;
    await new Promise<void>((resolve, reject) =>
      conn.socket.send(req.body, { binary }, (e) => (e ? reject(new BrokerError(ErrorCodes.SENDING_FAILED, `cannot write to ${req.uri}: ${e.message}`)) : resolve())),
    );
    if (!reply) return undefined;
    const frame = await reply;
    const contentType = frameContentType(frame, conn.protocol);
    return { body: frame.data, contentType, headers: new HeaderMap() };
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((p) => p.then((c) => c.socket.terminate(), () => undefined)));
  }

  private enabled(scheme: string): boolean {
    return truthy(this.o.serverConfig(`transport.${scheme}.sender.enable`)) || truthy(this.o.serverConfig('transport.ws.sender.enable'));
  }

  private nextFrame(conn: BackendConnection, timeoutMs: number, uri: string): Promise<WsFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        conn.replyWaiter = undefined;
        reject(new BrokerError(ErrorCodes.CONNECTION_TIMEOUT, `no frame came back from ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      conn.replyWaiter = (frame) => {
        clearTimeout(timer);
        conn.replyWaiter = undefined;
        resolve(frame);
      };
    });
  }

  private connection(key: string, source: string, req: BrokerSendRequest): Promise<BackendConnection> {
    const existing = this.connections.get(key);
    if (existing) return existing;
    const contentType = stringOrUndefined(req.property(CONTENT_TYPE_PROPERTY));
    const headers: Record<string, string> = {};
    for (const name of req.propertyNames?.() ?? []) {
      if (name.startsWith(CUSTOM_HEADER_PREFIX) && name.length > CUSTOM_HEADER_PREFIX.length) headers[name.slice(CUSTOM_HEADER_PREFIX.length)] = String(req.property(name));
    }
    const options: ClientOptions = { headers, handshakeTimeout: req.timeoutMs ?? 30_000 };
    const ca = this.o.serverConfig('truststore.file_name');
    if (req.uri.toLowerCase().startsWith('wss:') && ca && /\.(pem|crt|cer)$/i.test(ca)) options.ca = readOptional(ca);
    const opened = openWebSocket(req.uri, contentType ? [synapseSubprotocol(contentType)] : [], options).then(
      ({ socket, protocol }) => {
        const conn: BackendConnection = { socket, protocol };
        socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
          const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
          this.fromBackend(conn, source, req.uri, { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), binary: isBinary });
        });
        socket.on('error', (e) => this.o.logger.log('warn', `WebSocket backend ${req.uri}: ${e.message}`, { component: 'WebsocketTransportSender' }));
        socket.on('close', () => {
          if (this.connections.get(key) === opened) this.connections.delete(key);
        });
        if (source !== UNIVERSAL_SOURCE) this.channels.onClose(source, () => {
          if (this.connections.get(key) === opened) this.connections.delete(key);
          socket.close(1001, 'client went away');
        });
        return conn;
      },
      (e: Error) => {
        throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `cannot open a WebSocket connection to ${req.uri}: ${e.message}`);
      },
    );
    this.connections.set(key, opened);
    opened.catch(() => this.connections.get(key) === opened && this.connections.delete(key));
    return opened;
  }

  private fromBackend(conn: BackendConnection, source: string, uri: string, frame: WsFrame): void {
    if (conn.replyWaiter) return conn.replyWaiter(frame);
    const contentType = frameContentType(frame, conn.protocol);
    const client = source === UNIVERSAL_SOURCE ? undefined : this.channels.get(source);
    if (client) {
      void client.fromBackend(frame, contentType);
      return;
    }
    if (!this.engine) {
      this.o.logger.log('warn', `A frame from ${uri} was dropped: no flow to inject it into`, { component: 'WebsocketTransportSender' });
      return;
    }
    const headers = new HeaderMap();
    headers.set('Content-Type', contentType);
    const request = { method: 'POST', url: '/', headers, body: bytesBody(frame.data), properties: { 'websocket.subscriber.path': new URL(uri).pathname, ...passThroughProperties(contentType, frame) } };
    this.engine.handleInjected(request, { sequence: conn.outflow, onError: conn.outflowFault }).catch((e) => this.o.logger.log('error', `Injecting a frame from ${uri}: ${e instanceof Error ? e.message : String(e)}`, { component: 'WebsocketTransportSender' }));
  }
}

function stringOrUndefined(v: unknown): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function createWebSocketSender(o: WebSocketSenderOptions): WebSocketSender {
  return new WebSocketSender(o);
}

/** The WebSocket sender among a host's transport senders, when there is one. */
export function webSocketSenderOf(senders: ReadonlyMap<string, BrokerSender> | undefined): WebSocketSender | undefined {
  const s = senders?.get('ws');
  return s instanceof WebSocketSender ? s : undefined;
}
