/**
 * PKCS#12 (RFC 7292) key stores, read into keys and certificates. Node hands a `.p12` to OpenSSL
 * only as a whole server identity (`pfx`), which refuses a store without a private key; MI's
 * truststores made by keytool are exactly that (certificate bags only), so the bags are read here.
 *
 * Read: the MAC (the PKCS#12 key derivation with SHA-1/SHA-2; it tells a wrong password), plain and
 * encrypted SafeContents (PBES2 with PBKDF2 and AES or 3DES, as keytool and OpenSSL 3 write, and the
 * legacy pbeWithSHAAnd3-KeyTripleDES-CBC), certificate bags and (shrouded) key bags. RC2 ciphers
 * (OpenSSL 1.x's default) are refused with how to re-export the store.
 */
import { createDecipheriv, createHash, createHmac, createPrivateKey, pbkdf2Sync, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { children, certificatePem, expectTag, oid, octets, parseDer, smallInt, type DerNode } from './der.js';
import { KeyStoreError, type KeyStoreContents, type PrivateKeyEntry, type TrustedCertificateEntry } from './store-types.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
  pbeSha2Des: '1.2.840.113549.1.12.1.4',
} as const;

const DIGESTS: Record<string, { name: string; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', block: 128 },
};
const HMAC_PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

interface Bag {
  kind: 'key' | 'cert';
  der: Buffer;
  encrypted: boolean;
  alias?: string;
  localKeyId?: string;
}

/** Reads a PKCS#12 store. Throws KeyStoreError naming `file` for a wrong password or a damaged file. */
export function readPkcs12(bytes: Buffer, file: string, password: string, keyPassword?: string): KeyStoreContents {
  const fail = (reason: string): never => {
    throw new KeyStoreError(file, reason);
  };
  let bags: Bag[];
  try {
    const [version, authSafe, macData] = children(parseDer(bytes));
    if (smallInt(version) !== 3) fail('not a PKCS#12 store (version is not 3)');
    const [contentType, content] = children(authSafe!);
    if (oid(contentType) !== OID.data) fail('the PKCS#12 store is not password-integrity protected (public-key mode is not supported)');
    const authenticated = octets(children(content!)[0]);
    if (macData) verifyMac(macData, authenticated, password, fail);
    bags = [];
    for (const info of children(parseDer(authenticated))) {
      const [type, wrapped] = children(info);
      const t = oid(type);
      if (t === OID.data) bags.push(...readSafeContents(octets(children(wrapped!)[0]), false));
      else if (t === OID.encryptedData) bags.push(...readSafeContents(decryptEncryptedData(children(wrapped!)[0]!, password, fail), true));
      else fail(`the PKCS#12 store holds content of type ${t}, which this runtime does not read`);
    }
  } catch (e) {
    if (e instanceof KeyStoreError) throw e;
    throw new KeyStoreError(file, `not a readable PKCS#12 store (${(e as Error).message})`);
  }
  const certs = bags.filter((b) => b.kind === 'cert');
  const used = new Set<Bag>();
  const keys: PrivateKeyEntry[] = [];
  for (const bag of bags.filter((b) => b.kind === 'key')) {
    let privateKey: KeyObject;
    try {
      privateKey = bag.encrypted ? createPrivateKey({ key: bag.der, format: 'der', type: 'pkcs8', passphrase: keyPassword ?? password }) : createPrivateKey({ key: bag.der, format: 'der', type: 'pkcs8' });
    } catch (e) {
      throw new KeyStoreError(file, `the private key${bag.alias ? ` '${bag.alias}'` : ''} cannot be recovered: the key password is wrong or its cipher is not supported (${(e as Error).message})`);
    }
    const own = certs.find((c) => c.localKeyId !== undefined && c.localKeyId === bag.localKeyId);
    if (own) used.add(own);
    const chain = own ? issuerChain(own, certs, used) : [];
    keys.push({ alias: bag.alias ?? own?.alias ?? String(keys.length), privateKey, chain });
  }
  const certificates: TrustedCertificateEntry[] = certs.filter((c) => !used.has(c)).map((c, i) => ({ alias: c.alias ?? `cert-${i}`, pem: certificatePem(c.der) }));
  return { type: 'PKCS12', file, keys, certificates };
}

/** The key's certificate, then each issuer found among the store's certificates. */
function issuerChain(leaf: Bag, certs: Bag[], used: Set<Bag>): string[] {
  const chain = [leaf];
  for (;;) {
    const last = new X509Certificate(chain[chain.length - 1]!.der);
    if (last.checkIssued(last)) break; // self-signed: the chain is complete
    const issuer = certs.find((c) => !chain.includes(c) && last.checkIssued(new X509Certificate(c.der)));
    if (!issuer) break;
    chain.push(issuer);
    used.add(issuer);
  }
  return chain.map((c) => certificatePem(c.der));
}

function verifyMac(macData: DerNode, content: Buffer, password: string, fail: (reason: string) => never): void {
  const [digestInfo, saltNode, iterNode] = children(macData);
  const [algId, digestNode] = children(digestInfo!);
  const digestOid = oid(children(algId!)[0]);
  const digest = DIGESTS[digestOid] ?? fail(`the PKCS#12 MAC uses digest ${digestOid}, which this runtime does not know`);
  const expected = octets(digestNode);
  const iterations = iterNode ? smallInt(iterNode) : 1;
  const key = pkcs12Kdf(digest, bmpPassword(password), octets(saltNode), 3, iterations, expected.length);
  const actual = createHmac(digest.name, key).update(content).digest();
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) fail('the password is wrong or the file is damaged (the PKCS#12 MAC check failed)');
}

function readSafeContents(der: Buffer, encrypted: boolean): Bag[] {
  const out: Bag[] = [];
  for (const bag of children(parseDer(der))) {
    const [idNode, valueNode, attributes] = children(bag);
    const id = oid(idNode);
    const value = children(valueNode!)[0]!;
    const attrs = readAttributes(attributes);
    if (id === OID.certBag) {
      const [certType, certValue] = children(value);
      if (oid(certType) !== OID.x509Certificate) continue; // SDSI certificates: not used by TLS
      out.push({ kind: 'cert', der: Buffer.from(octets(children(certValue!)[0])), encrypted, ...attrs });
    } else if (id === OID.shroudedKeyBag) out.push({ kind: 'key', der: Buffer.from(value.raw), encrypted: true, ...attrs });
    else if (id === OID.keyBag) out.push({ kind: 'key', der: Buffer.from(value.raw), encrypted: false, ...attrs });
    // CRL and secret bags play no part in TLS.
  }
  return out;
}

function readAttributes(set: DerNode | undefined): { alias?: string; localKeyId?: string } {
  const out: { alias?: string; localKeyId?: string } = {};
  if (!set) return out;
  for (const attribute of children(set)) {
    const [type, values] = children(attribute);
    const first = children(values!)[0];
    if (!first) continue;
    const t = oid(type);
    if (t === OID.friendlyName) out.alias = Buffer.from(first.value).swap16().toString('utf16le');
    else if (t === OID.localKeyId) out.localKeyId = first.value.toString('hex');
  }
  return out;
}

/** EncryptedData's content, decrypted with the store password. */
function decryptEncryptedData(encryptedData: DerNode, password: string, fail: (reason: string) => never): Buffer {
  const [, contentInfo] = children(encryptedData);
  const [, algId, encryptedContent] = children(contentInfo!);
  // [0] IMPLICIT OCTET STRING: primitive (0x80), or constructed (0xa0) from OCTET STRING pieces.
  const data = encryptedContent!.tag === 0x80 ? encryptedContent!.value : Buffer.concat(children(encryptedContent!).map((c) => octets(c)));
  return decryptPbe(algId!, data, password, fail);
}

function decryptPbe(algId: DerNode, data: Buffer, password: string, fail: (reason: string) => never): Buffer {
  const [algNode, params] = children(algId);
  const algorithm = oid(algNode);
  let cipher: string;
  let key: Buffer;
  let iv: Buffer;
  if (algorithm === OID.pbes2) {
    const [kdf, scheme] = children(params!);
    const [kdfOid, kdfParams] = children(kdf!);
    if (oid(kdfOid) !== OID.pbkdf2) fail(`the store is encrypted with key derivation ${oid(kdfOid)}, which this runtime does not know`);
    const [saltNode, iterNode, ...rest] = children(kdfParams!);
    const prfNode = rest.find((n) => n.tag === 0x30);
    const prfOid = prfNode ? oid(children(prfNode)[0]) : '1.2.840.113549.2.7';
    const prf = HMAC_PRF[prfOid] ?? fail(`the store's PBKDF2 uses ${prfOid}, which this runtime does not know`);
    const [schemeOid, ivNode] = children(scheme!);
    const c = CIPHERS[oid(schemeOid)] ?? fail(`the store is encrypted with cipher ${oid(schemeOid)}, which this runtime does not know`);
    cipher = c.name;
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), octets(saltNode), smallInt(iterNode), c.keyLength, prf);
    iv = octets(ivNode);
  } else if (algorithm === OID.pbeSha3Des || algorithm === OID.pbeSha2Des) {
    const [saltNode, iterNode] = children(params!);
    const salt = octets(saltNode);
    const iterations = smallInt(iterNode);
    const sha1 = DIGESTS['1.3.14.3.2.26']!;
    cipher = 'des-ede3-cbc';
    key = pkcs12Kdf(sha1, bmpPassword(password), salt, 1, iterations, 24);
    // Two-key 3DES: K1 K2 K1.
    if (algorithm === OID.pbeSha2Des) key = Buffer.concat([key.subarray(0, 16), key.subarray(0, 8)]);
    iv = pkcs12Kdf(sha1, bmpPassword(password), salt, 2, iterations, 8);
  } else {
    return fail(`the store is encrypted with ${algorithm} (an RC2 or other legacy cipher this runtime cannot use): re-export it, e.g. openssl pkcs12 -export with the default (AES) ciphers, or keytool -importkeystore -deststoretype PKCS12`);
  }
  try {
    const decipher = createDecipheriv(cipher, key, iv);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    return fail('the password is wrong or the file is damaged (its encrypted content does not decrypt)');
  }
}

/** PKCS#12's password form: UTF-16BE with a two-byte terminator (an empty password is empty). */
function bmpPassword(password: string): Buffer {
  if (password === '') return Buffer.alloc(0);
  const out = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) out.writeUInt16BE(password.charCodeAt(i), i * 2);
  return out;
}

/** RFC 7292 appendix B.2: `id` 1 key, 2 IV, 3 MAC key. */
function pkcs12Kdf(digest: { name: string; block: number }, password: Buffer, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  const v = digest.block;
  const fill = (src: Buffer) => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(password)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    let A = createHash(digest.name).update(D).update(I).digest();
    for (let i = 1; i < iterations; i++) A = createHash(digest.name).update(A).digest();
    out.push(A);
    produced += A.length;
    if (produced >= length) break;
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % A.length]!;
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

export { expectTag };
