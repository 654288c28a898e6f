/**
 * TLS material for HTTPS inbound endpoints: MI's `<KeyStore>`/`<TrustStore>` parameter XML, or
 * deployment.toml's [keystore.primary] / [truststore]. PKCS12 (`.p12`/`.pfx`) and PEM are read;
 * JKS is Java's own format, which Node cannot read: refused with how to convert it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerOptions } from 'node:https';
import { InboundConfigError } from '../../../inbound/types.js';

export interface StoreSpec {
  location: string;
  type: string;
  password?: string;
  keyPassword?: string;
}

/** `<KeyStore><Location/><Type/><Password/><KeyPassword/></KeyStore>` (any namespace). */
export function parseStoreXml(xml: string): StoreSpec {
  const field = (name: string) => new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1]?.trim();
  const location = field('Location');
  if (!location) throw new InboundConfigError('the key store or trust store has no <Location>', 'keystore');
  return { location, type: (field('Type') ?? typeFromName(location)).toUpperCase(), password: field('Password'), keyPassword: field('KeyPassword') };
}

/** A key store's type from its file name (MI assumes JKS). */
export function typeFromName(file: string): string {
  if (/\.(p12|pfx)$/i.test(file)) return 'PKCS12';
  if (/\.(pem|crt|cer|key)$/i.test(file)) return 'PEM';
  return 'JKS';
}

function readStore(spec: StoreSpec, roots: string[], what: string): Buffer {
  const candidates = path.isAbsolute(spec.location) ? [spec.location] : roots.map((r) => path.resolve(r, spec.location));
  for (const c of candidates) {
    try {
      return fs.readFileSync(c);
    } catch {
      // next root
    }
  }
  throw new InboundConfigError(`cannot read the ${what} ${spec.location} (looked in ${candidates.join(', ')})`, what);
}

/** Server TLS options from a key store and an optional trust store. */
export function tlsOptions(keystore: StoreSpec, truststore: StoreSpec | undefined, roots: string[], verifyClient: string | undefined): ServerOptions {
  const out: ServerOptions = {};
  const key = readStore(keystore, roots, 'keystore');
  if (keystore.type === 'JKS') throw new InboundConfigError(`keystore ${keystore.location} is a JKS store, which this runtime cannot read: convert it with keytool -importkeystore -srckeystore ${keystore.location} -destkeystore store.p12 -deststoretype PKCS12`, 'keystore');
  if (keystore.type === 'PKCS12') {
    out.pfx = key;
    out.passphrase = keystore.keyPassword ?? keystore.password;
  } else {
    const text = key.toString('utf8');
    out.cert = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)?.join('\n');
    out.key = text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/)?.[0];
    out.passphrase = keystore.keyPassword ?? keystore.password;
    if (!out.cert || !out.key) throw new InboundConfigError(`keystore ${keystore.location} (PEM) must hold a certificate and its private key`, 'keystore');
  }
  if (truststore) {
    const trust = readStore(truststore, roots, 'truststore');
    if (truststore.type === 'JKS') throw new InboundConfigError(`truststore ${truststore.location} is a JKS store, which this runtime cannot read: convert it to PEM or PKCS12`, 'truststore');
    if (truststore.type === 'PKCS12') out.pfx = [{ buf: out.pfx as Buffer, passphrase: out.passphrase as string | undefined }, { buf: trust, passphrase: truststore.password }].filter((x) => x.buf) as ServerOptions['pfx'];
    else out.ca = trust.toString('utf8');
  }
  const v = (verifyClient ?? 'none').toLowerCase();
  if (v === 'require' || v === 'optional') {
    out.requestCert = true;
    out.rejectUnauthorized = v === 'require';
  }
  return out;
}
