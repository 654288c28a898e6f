/**
 * HTTP and HTTPS inbound endpoints: a listener on the endpoint's own port; each request is
 * injected into the endpoint's sequence, or, with dispatch.filter.pattern, dispatched to APIs and
 * proxies as MI's InboundHttpServerWorker does (see engine/runtime InjectionTarget). The flow's
 * answer goes back on the same connection.
 */
import { startHttpListener, type HttpListener } from '../../http-server.js';
import type { Engine } from '../../../runtime/engine.js';
import type { InboundContext, InboundProtocol } from '../../../inbound/types.js';
import { InboundConfigError } from '../../../inbound/types.js';
import { httpInboundDescriptor } from '../../../inbound/http/descriptor.js';
import { httpsInboundDescriptor } from '../../../inbound/https/descriptor.js';
import { parseStoreXml, tlsOptions, type StoreSpec } from './tls.js';

export interface HttpInboundOptions {
  engine: Engine;
  maxBodyBytes: number;
  /** Folders relative key store locations are resolved against (project roots, then the working directory). */
  roots: string[];
  host?: string;
}

function portOf(ctx: InboundContext): number {
  const raw = ctx.requireParam('inbound.http.port');
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InboundConfigError(`inbound.http.port must be a port number, not '${raw}'`, 'inbound.http.port');
  return port + ctx.portOffset;
}

function dispatchPattern(ctx: InboundContext): RegExp | undefined {
  const p = ctx.param('dispatch.filter.pattern');
  return p ? new RegExp(p) : undefined;
}

function serverStore(ctx: InboundContext, prefix: 'keystore.primary' | 'truststore'): StoreSpec | undefined {
  const location = ctx.serverConfig(`${prefix}.file_name`);
  if (!location) return undefined;
  return { location, type: (ctx.serverConfig(`${prefix}.type`) ?? 'JKS').toUpperCase(), password: ctx.serverConfig(`${prefix}.password`), keyPassword: ctx.serverConfig(`${prefix}.key_password`) };
}

function listenerProtocol(secure: boolean, options: HttpInboundOptions): InboundProtocol {
  return {
    descriptor: secure ? httpsInboundDescriptor : httpInboundDescriptor,
    create(ctx) {
      let listener: HttpListener | undefined;
      return {
        async start() {
          const port = portOf(ctx);
          const pattern = dispatchPattern(ctx);
          let tls;
          if (secure) {
            const ks = ctx.param('keystore');
            const ts = ctx.param('truststore');
            const keystore = ks ? parseStoreXml(ks) : serverStore(ctx, 'keystore.primary');
            if (!keystore) throw new InboundConfigError(`HTTPS inbound endpoint ${ctx.name} needs a keystore parameter or [keystore.primary] in deployment.toml`, 'keystore');
            tls = tlsOptions(keystore, ts ? parseStoreXml(ts) : serverStore(ctx, 'truststore'), options.roots, ctx.param('SSLVerifyClient'));
          }
          try {
            listener = await startHttpListener(options.engine, { port, host: options.host, maxBodyBytes: options.maxBodyBytes, tls, handle: (req) => ctx.inject(req, { dispatchPattern: pattern }) });
          } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'EADDRINUSE') throw new InboundConfigError(`port ${port} is already in use by another application or endpoint`, 'inbound.http.port');
            if (code === 'EACCES') throw new InboundConfigError(`port ${port} needs privileges this process does not have`, 'inbound.http.port');
            throw e;
          }
          ctx.setState('listening', { port: listener.port });
        },
        async stop() {
          await listener?.close();
          listener = undefined;
        },
      };
    },
  };
}

export function httpInboundProtocol(options: HttpInboundOptions): InboundProtocol {
  return listenerProtocol(false, options);
}

export function httpsInboundProtocol(options: HttpInboundOptions): InboundProtocol {
  return listenerProtocol(true, options);
}
