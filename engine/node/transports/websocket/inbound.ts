/**
 * WebSocket (`ws`) and secured WebSocket (`wss`) inbound endpoints, as MI's
 * InboundWebsocketListener: an HTTP(S) server on the endpoint's port upgrades connections with
 * the `ws` package. The handshake is injected into the endpoint's sequence first (no body,
 * `websocket.source.handshake.present` true, the upgrade request's headers as properties), so a
 * `send` to a ws:// endpoint there opens the backend connection; then every text or binary frame
 * is injected (content type per frames.ts) and what the flow responds goes back as a frame to
 * the client, or to every client on the same path (ws.client.side.broadcast.level 1 and 2).
 * Frames from a backend come back through the outflow dispatch sequence (channels.ts).
 *
 * Messages of one client are mediated one after the other, in arrival order. A client that breaks
 * the protocol or vanishes mid-frame loses its own connection and nothing else.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { InboundConsumer, InboundContext, InboundProtocol } from '../../../inbound/types.js';
import type { SocketListenerInfo } from '../../../inbound/lifecycle.js';
import { InboundConfigError } from '../../../inbound/types.js';
import type { InboundRequest } from '../../../runtime/engine.js';
import { HeaderMap } from '../../../core/headers.js';
import { websocketInboundDescriptor, secureWebsocketInboundDescriptor } from '../../../inbound/websocket/descriptor.js';
import { lenientSubprotocolServer, selectSubprotocol } from './subprotocols.js';
import { SOURCE_CHANNEL_PROPERTY, SourceChannels, type WsFrame } from './channels.js';
import { bytesBody, frameContentType, passThroughProperties, responseFrame } from './frames.js';
import { websocketTls } from './tls.js';

export interface WebSocketInboundOptions {
  /** Folders relative key stores resolve against (project roots, then the working directory). */
  roots: string[];
  host?: string;
  /** Largest frame accepted (bigger ones close that client with 1009). */
  maxFrameBytes: number;
  /** Shared with the ws:// sender, so backend frames find their client; a private registry when absent. */
  channels?: SourceChannels;
}

interface Client {
  id: string;
  socket: WebSocket;
  path: string;
  subprotocol: string | undefined;
  /** Messages of this client, mediated in order. */
  queue: Promise<void>;
}

function portOf(ctx: InboundContext): number {
  const raw = ctx.requireParam('inbound.ws.port');
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InboundConfigError(`inbound.ws.port must be a port number, not '${raw}'`, 'inbound.ws.port');
  const serverOffset = ctx.param('ws.use.port.offset') === 'true' ? Number(ctx.serverConfig('server.offset') ?? 0) || 0 : 0;
  return port + ctx.portOffset + serverOffset;
}

function broadcastLevelOf(ctx: InboundContext): 0 | 1 | 2 {
  const raw = ctx.param('ws.client.side.broadcast.level') ?? '0';
  if (raw !== '0' && raw !== '1' && raw !== '2') throw new InboundConfigError(`ws.client.side.broadcast.level must be 0, 1 or 2, not '${raw}'`, 'ws.client.side.broadcast.level');
  return Number(raw) as 0 | 1 | 2;
}

function refuseJavaHandlers(ctx: InboundContext): void {
  for (const name of ['ws.subprotocol.handler.class', 'ws.pipeline.handler.class']) {
    const v = ctx.param(name);
    if (v) throw new InboundConfigError(`${name} names Java classes (${v}), which this runtime cannot load; remove the parameter`, name);
  }
}

function listenerProtocol(secure: boolean, options: WebSocketInboundOptions): InboundProtocol {
  return {
    descriptor: secure ? secureWebsocketInboundDescriptor : websocketInboundDescriptor,
    create(ctx) {
      const channels = options.channels ?? new SourceChannels();
      const clients = new Set<Client>();
      let server: http.Server | undefined;
      let wss: WebSocketServer | undefined;

      function write(target: Client, frame: WsFrame): void {
        if (target.socket.readyState === target.socket.OPEN) target.socket.send(frame.data, { binary: frame.binary });
      }

      function deliver(from: Client, frame: WsFrame, level: 0 | 1 | 2): void {
        if (level === 0) return write(from, frame);
        for (const c of clients) if (c.path === from.path && (level === 1 || c !== from)) write(c, frame);
      }

      function enqueue(client: Client, job: () => Promise<void>): void {
        client.queue = client.queue.then(job).catch((e) => ctx.logger.log('error', `WebSocket client ${client.id}: ${e instanceof Error ? e.message : String(e)}`, { component: 'InboundWebsocket' }));
      }

      const consumer: InboundConsumer & { socket: SocketListenerInfo } = {
        // Try-it: a WebSocket client (wss: over TLS) sends one text frame and shows the frames back.
        socket: { protocol: 'ws', options: secure ? { tls: 'true' } : {} },
        async start() {
          refuseJavaHandlers(ctx);
          const port = portOf(ctx);
          const level = broadcastLevelOf(ctx);
          const outflow = ctx.param('ws.outflow.dispatch.sequence');
          const outflowFault = ctx.param('ws.outflow.dispatch.fault.sequence');
          const defaultContentType = ctx.param('ws.default.content.type');
          const tls = secure ? websocketTls(ctx, options.roots) : undefined;

          const baseProperties = (client: Client): Record<string, unknown> => ({
            [SOURCE_CHANNEL_PROPERTY]: client.id,
            'websocket.subscriber.path': client.path,
            ...(outflow ? { 'ws.outflow.dispatch.sequence': outflow } : {}),
            ...(outflowFault ? { 'ws.outflow.dispatch.fault.sequence': outflowFault } : {}),
          });

          const request = (client: Client, remote: string | undefined, body: Uint8Array, contentType: string | undefined, properties: Record<string, unknown>): InboundRequest => {
            const headers = new HeaderMap();
            if (contentType) headers.set('Content-Type', contentType);
            return { method: 'POST', url: client.path, headers, body: bytesBody(body), remoteAddress: remote, protocol: secure ? 'https' : 'http', properties: { ...baseProperties(client), ...properties } };
          };

          const answer = async (client: Client, response: Awaited<ReturnType<InboundContext['inject']>>) => {
            const frame = await responseFrame(response);
            if (frame) deliver(client, frame, level);
          };

          const onConnection = (socket: WebSocket, req: http.IncomingMessage, subprotocol: string | undefined) => {
            const client: Client = { id: `ws-${randomUUID()}`, socket, path: req.url ?? '/', subprotocol, queue: Promise.resolve() };
            const remote = req.socket.remoteAddress;
            clients.add(client);
            channels.add({
              id: client.id,
              fromBackend: (frame, contentType) =>
                new Promise<void>((resolve) =>
                  enqueueOutflow(async () => {
                    try {
                      const response = await ctx.inject(request(client, remote, frame.data, contentType, passThroughProperties(contentType, frame)), { sequence: outflow, onError: outflowFault });
                      await answer(client, response);
                    } finally {
                      resolve();
                    }
                  }),
                ),
            });
            // Backend frames run in their own order, so a flow waiting on the backend never blocks them.
            let outflowQueue = Promise.resolve();
            function enqueueOutflow(job: () => Promise<void>) {
              outflowQueue = outflowQueue.then(job).catch((e) => ctx.logger.log('error', `WebSocket outflow for client ${client.id}: ${e instanceof Error ? e.message : String(e)}`, { component: 'InboundWebsocket' }));
            }
            const handshakeProps: Record<string, unknown> = { 'websocket.source.handshake.present': true, 'source.handshake.present': true };
            for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) handshakeProps[k] = Array.isArray(v) ? v.join(', ') : v;
            if (subprotocol) handshakeProps['Sec-WebSocket-Protocol'] = subprotocol;
            // The handshake runs through the sequence as in MI (a send there connects the backend); its answer is not written.
            enqueue(client, async () => {
              await ctx.inject(request(client, remote, new Uint8Array(), undefined, handshakeProps));
            });
            socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
              const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
              const frame = { data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), binary: isBinary };
              const contentType = frameContentType(frame, subprotocol, defaultContentType);
              enqueue(client, async () => answer(client, await ctx.inject(request(client, remote, frame.data, contentType, passThroughProperties(contentType, frame)))));
            });
            socket.on('error', (e) => ctx.logger.log('warn', `WebSocket client ${remote ?? ''} on ${ctx.name} broke the protocol and was disconnected: ${e.message}`, { component: 'InboundWebsocket' }));
            socket.on('close', () => {
              clients.delete(client);
              channels.remove(client.id);
            });
          };

          wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
          const lenient = lenientSubprotocolServer(wss, (offered) => selectSubprotocol(offered));
          const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
            // MI answers GET /health on WebSocket ports (load balancer checks).
            if (req.url === '/health') res.writeHead(200, { 'Content-Length': '0' }).end();
            else res.writeHead(426, { Upgrade: 'websocket', 'Content-Type': 'text/plain' }).end('This endpoint accepts WebSocket connections only\n');
          };
          server = tls ? https.createServer(tls, handler) : http.createServer(handler);
          server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
            socket.on('error', () => socket.destroy());
            const { selected } = lenient.prepare(req);
            wss!.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, selected));
          });
          server.on('clientError', (_e, socket) => socket.destroy());
          server.on('tlsClientError', () => undefined);
          try {
            await new Promise<void>((resolve, reject) => {
              server!.once('error', reject);
              server!.listen(port, options.host, () => {
                server!.off('error', reject);
                resolve();
              });
            });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            server = undefined;
            if (code === 'EADDRINUSE') throw new InboundConfigError(`port ${port} is already in use by another application or endpoint`, 'inbound.ws.port');
            if (code === 'EACCES') throw new InboundConfigError(`port ${port} needs privileges this process does not have`, 'inbound.ws.port');
            throw e;
          }
          server.on('error', (e) => ctx.logger.log('error', `WebSocket listener of ${ctx.name}: ${e.message}`, { component: 'InboundWebsocket' }));
          ctx.setState('listening', { port: (server.address() as AddressInfo).port });
        },
        async stop() {
          const s = server;
          server = undefined;
          if (!s) return;
          const pending = [...clients].map((c) => c.queue);
          for (const c of clients) c.socket.close(1001, 'endpoint stopped');
          await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 2000).unref())]);
          for (const c of clients) c.socket.terminate();
          wss?.close();
          const closed = new Promise<void>((r) => s.close(() => r()));
          s.closeAllConnections();
          await closed;
        },
      };
      return consumer;
    },
  };
}

export function websocketInboundProtocol(options: WebSocketInboundOptions): InboundProtocol {
  return listenerProtocol(false, options);
}

export function secureWebsocketInboundProtocol(options: WebSocketInboundOptions): InboundProtocol {
  return listenerProtocol(true, options);
}
