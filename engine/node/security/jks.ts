/**
 * Java's own key store formats, read without a JVM.
 *
 * JKS (magic 0xFEEDFEED) and JCEKS (0xCECECECE), version 1 or 2: a count of entries, each a tag
 * (1 private key, 2 trusted certificate, 3 JCEKS secret key), an alias (Java modified UTF-8), a
 * timestamp, then the entry. The file ends with a SHA-1 over the store password (UTF-16BE),
 * the words "Mighty Aphrodite" and every byte before it: a wrong password or a changed byte shows
 * there.
 *
 * Private keys are an EncryptedPrivateKeyInfo. JKS uses Sun's KeyProtector (OID
 * 1.3.6.1.4.1.42.2.17.1.1): salt(20) | ciphertext | check(20), where the key stream is
 * SHA-1(password | previous block) chained from the salt and XORed with the PKCS#8 key, and the
 * check is SHA-1(password | plain key). JCEKS uses Sun's PBEWithMD5AndTripleDES (OID
 * 1.3.6.1.4.1.42.2.19.1): DES-EDE3-CBC with key and IV from iterated MD5 over each salt half.
 */
import { createDecipheriv, createHash, createPrivateKey, timingSafeEqual } from 'node:crypto';
import { children, certificatePem, DerError, oid, octets, parseDer, smallInt } from './der.js';
import { KeyStoreError, type KeyStoreContents, type PrivateKeyEntry, type TrustedCertificateEntry } from './store-types.js';

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;
const SUN_KEY_PROTECTOR = '1.3.6.1.4.1.42.2.17.1.1';
const SUN_PBE_MD5_3DES = '1.3.6.1.4.1.42.2.19.1';

export function isJavaKeyStore(bytes: Buffer): boolean {
  if (bytes.length < 4) return false;
  const magic = bytes.readUInt32BE(0);
  return magic === JKS_MAGIC || magic === JCEKS_MAGIC;
}

export interface JavaKeyStoreOptions {
  /** Checks the store's integrity digest; without it the digest is not checked (as keytool does). */
  storePassword?: string;
  /** The password of private key entries; the store password when absent (MI's key_password default). */
  keyPassword?: string | ((alias: string) => string | undefined);
}

/** Reads a JKS or JCEKS store. Throws KeyStoreError naming `file` for a wrong password or a damaged file. */
export function readJavaKeyStore(bytes: Buffer, file: string, options: JavaKeyStoreOptions): KeyStoreContents {
  const reader = new Reader(bytes, file);
  const magic = reader.u32();
  if (magic !== JKS_MAGIC && magic !== JCEKS_MAGIC) throw new KeyStoreError(file, 'not a JKS or JCEKS key store (wrong magic number)');
  const type = magic === JKS_MAGIC ? 'JKS' : 'JCEKS';
  const version = reader.u32();
  if (version !== 1 && version !== 2) throw new KeyStoreError(file, `unsupported ${type} version ${version}`);
  const count = reader.u32();
  const pending: { alias: string; encrypted: Buffer; chain: string[] }[] = [];
  const certificates: TrustedCertificateEntry[] = [];
  for (let i = 0; i < count; i++) {
    const tag = reader.u32();
    const alias = reader.utf();
    reader.skip(8); // creation date
    if (tag === 1) {
      const encrypted = reader.bytes(reader.u32());
      const chainLength = reader.u32();
      const chain: string[] = [];
      for (let c = 0; c < chainLength; c++) chain.push(reader.certificate(version));
      pending.push({ alias, encrypted, chain });
    } else if (tag === 2) {
      certificates.push({ alias, pem: reader.certificate(version) });
    } else if (tag === 3 && type === 'JCEKS') {
      // A secret key as a Java-serialised SealedObject: of no use for TLS, and its length is not
      // written ahead of it, so nothing after it can be read either.
      throw new KeyStoreError(file, `entry '${alias}' is a secret key (JCEKS), which this runtime cannot read; keep TLS keys and certificates in a store without secret keys`);
    } else {
      throw new KeyStoreError(file, `entry '${alias}' has an unknown tag ${tag} (damaged file?)`);
    }
  }
  const bodyEnd = reader.offset;
  const stored = reader.bytes(20);
  if (options.storePassword !== undefined) {
    const digest = createHash('sha1').update(utf16be(options.storePassword)).update('Mighty Aphrodite', 'utf8').update(bytes.subarray(0, bodyEnd)).digest();
    if (!timingSafeEqual(digest, stored)) throw new KeyStoreError(file, 'the password is wrong or the file is damaged (the integrity check failed)');
  }
  const keys: PrivateKeyEntry[] = pending.map((p) => {
    const password = (typeof options.keyPassword === 'function' ? options.keyPassword(p.alias) : options.keyPassword) ?? options.storePassword;
    if (password === undefined) throw new KeyStoreError(file, `no password to recover the private key '${p.alias}'`);
    const pkcs8 = recoverKey(p.encrypted, password, file, p.alias);
    try {
      return { alias: p.alias, privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }), chain: p.chain };
    } catch (e) {
      throw new KeyStoreError(file, `the private key '${p.alias}' cannot be read: ${(e as Error).message}`);
    }
  });
  return { type, file, keys, certificates };
}

/** The PKCS#8 bytes inside an entry's EncryptedPrivateKeyInfo. */
function recoverKey(encryptedInfo: Buffer, password: string, file: string, alias: string): Buffer {
  let algorithm: string;
  let params: ReturnType<typeof children>;
  let data: Buffer;
  try {
    const [algId, encrypted] = children(parseDer(encryptedInfo));
    [, ...params] = children(algId!);
    algorithm = oid(children(algId!)[0]);
    data = octets(encrypted);
  } catch (e) {
    throw new KeyStoreError(file, `the private key '${alias}' is malformed (${(e as Error).message})`);
  }
  if (algorithm === SUN_KEY_PROTECTOR) return keyProtectorRecover(data, password, file, alias);
  if (algorithm === SUN_PBE_MD5_3DES) return pbeMd5TripleDesRecover(data, params[0], password, file, alias);
  throw new KeyStoreError(file, `the private key '${alias}' is protected with algorithm ${algorithm}, which this runtime does not know`);
}

function keyProtectorRecover(data: Buffer, password: string, file: string, alias: string): Buffer {
  if (data.length < 41) throw new KeyStoreError(file, `the private key '${alias}' is too short to be a protected key`);
  const pw = utf16be(password);
  const salt = data.subarray(0, 20);
  const cipher = data.subarray(20, data.length - 20);
  const check = data.subarray(data.length - 20);
  const plain = Buffer.alloc(cipher.length);
  let block: Buffer = salt;
  for (let at = 0; at < cipher.length; at += 20) {
    block = createHash('sha1').update(pw).update(block).digest();
    for (let i = 0; i < 20 && at + i < cipher.length; i++) plain[at + i] = cipher[at + i]! ^ block[i]!;
  }
  const digest = createHash('sha1').update(pw).update(plain).digest();
  if (!timingSafeEqual(digest, check)) throw new KeyStoreError(file, `the key password of '${alias}' is wrong (key_password, or the store password when none is given)`);
  return plain;
}

function pbeMd5TripleDesRecover(data: Buffer, paramsNode: ReturnType<typeof children>[number] | undefined, password: string, file: string, alias: string): Buffer {
  let salt: Buffer;
  let iterations: number;
  try {
    const [saltNode, iterNode] = children(paramsNode!);
    salt = Buffer.from(octets(saltNode));
    iterations = smallInt(iterNode);
  } catch (e) {
    throw new KeyStoreError(file, `the private key '${alias}' has malformed PBE parameters (${e instanceof DerError ? e.message : String(e)})`);
  }
  if (salt.length !== 8) throw new KeyStoreError(file, `the private key '${alias}' has a ${salt.length}-byte salt (8 expected)`);
  // Sun's scheme: when both salt halves are equal, the first half is reversed.
  if (salt.subarray(0, 4).equals(salt.subarray(4, 8))) salt.subarray(0, 4).reverse();
  const pw = Buffer.from([...password].map((c) => c.charCodeAt(0) & 0x7f));
  const derived = Buffer.alloc(32);
  for (let half = 0; half < 2; half++) {
    let hashed: Buffer = salt.subarray(half * 4, half * 4 + 4);
    for (let i = 0; i < iterations; i++) hashed = createHash('md5').update(hashed).update(pw).digest();
    hashed.copy(derived, half * 16);
  }
  try {
    const decipher = createDecipheriv('des-ede3-cbc', derived.subarray(0, 24), derived.subarray(24, 32));
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new KeyStoreError(file, `the key password of '${alias}' is wrong (key_password, or the store password when none is given)`);
  }
}

function utf16be(text: string): Buffer {
  const out = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2);
  return out;
}

/** Sequential big-endian reads; running off the end is a KeyStoreError naming the file. */
class Reader {
  offset = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly file: string,
  ) {}

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.buf.length) throw new KeyStoreError(this.file, 'the file is truncated or damaged');
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  skip(n: number): void {
    this.need(n);
    this.offset += n;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** Java's writeUTF: a 16-bit length and modified UTF-8 (which equals UTF-8 for the aliases keytool writes). */
  utf(): string {
    this.need(2);
    const n = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return this.bytes(n).toString('utf8');
  }

  /** Version 2 names the certificate type before its DER; only X.509 exists. */
  certificate(version: number): string {
    if (version === 2) {
      const kind = this.utf();
      if (kind !== 'X.509') throw new KeyStoreError(this.file, `a certificate of type ${kind} (only X.509 is supported)`);
    }
    return certificatePem(this.bytes(this.u32()));
  }
}
