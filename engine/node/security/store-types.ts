/** What every key store reader (JKS, JCEKS, PKCS#12, PEM) hands back, and its one error type. */
import type { KeyObject } from 'node:crypto';

export type KeyStoreType = 'JKS' | 'JCEKS' | 'PKCS12' | 'PEM';

export interface PrivateKeyEntry {
  alias: string;
  privateKey: KeyObject;
  /** The certificate chain as PEM, the key's own certificate first. */
  chain: string[];
}

export interface TrustedCertificateEntry {
  alias: string;
  pem: string;
}

export interface KeyStoreContents {
  type: KeyStoreType;
  file: string;
  keys: PrivateKeyEntry[];
  certificates: TrustedCertificateEntry[];
}

/** A key store that cannot be opened; the message names the file and the reason. */
export class KeyStoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Cannot open the key store ${file}: ${reason}`);
    this.name = 'KeyStoreError';
  }
}
