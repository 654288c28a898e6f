/**
 * TLS for `wss` inbound endpoints from MI's wss.ssl.* parameters, read with the HTTPS inbound's
 * key store handling (PKCS12 and PEM; a JKS store is refused with how to convert it).
 */
import type { ServerOptions } from 'node:https';
import type { SecureVersion } from 'node:tls';
import type { InboundContext } from '../../../inbound/types.js';
import { InboundConfigError } from '../../../inbound/types.js';
import { tlsOptions, typeFromName, type StoreSpec } from '../http/tls.js';

const VERSIONS: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export function websocketTls(ctx: InboundContext, roots: string[]): ServerOptions {
  const location = ctx.requireParam('wss.ssl.key.store.file');
  const keystore: StoreSpec = { location, type: typeFromName(location), password: ctx.param('wss.ssl.key.store.pass'), keyPassword: ctx.param('wss.ssl.cert.pass') || undefined };
  const trustLocation = ctx.param('wss.ssl.trust.store.file');
  const truststore: StoreSpec | undefined = trustLocation ? { location: trustLocation, type: typeFromName(trustLocation), password: ctx.param('wss.ssl.trust.store.pass') } : undefined;
  const out = tlsOptions(keystore, truststore, roots, 'none');
  const protocols = ctx.param('wss.ssl.protocols');
  if (protocols) {
    const asked = protocols.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = asked.filter((p) => !(VERSIONS as readonly string[]).includes(p));
    if (unknown.length > 0) throw new InboundConfigError(`wss.ssl.protocols: unknown TLS version ${unknown.join(', ')} (use ${VERSIONS.join(', ')})`, 'wss.ssl.protocols');
    const indexes = asked.map((p) => VERSIONS.indexOf(p as SecureVersion));
    out.minVersion = VERSIONS[Math.min(...indexes)];
    out.maxVersion = VERSIONS[Math.max(...indexes)];
  }
  const ciphers = ctx.param('wss.ssl.cipher.suites');
  if (ciphers) out.ciphers = ciphers.split(',').map((c) => c.trim()).filter(Boolean).join(':');
  return out;
}
