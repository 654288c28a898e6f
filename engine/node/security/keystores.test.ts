// Key stores as MI projects carry them (wso2carbon.jks, client-truststore.jks, PKCS#12), made by
// Java's own keytool at test time, read without a JVM: the private key signs what the certificate
// verifies, trusted certificates come out as PEM, and a wrong password or a damaged file is
// refused naming the file.
import { execFileSync } from 'node:child_process';
import { createSign, createVerify, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isJavaKeyStore, readJavaKeyStore } from './jks.js';
import { readPkcs12 } from './pkcs12.js';
import { KeyStoreError, type KeyStoreContents } from './store-types.js';

const KEYTOOL = ['/usr/bin/keytool', path.join(process.env.JAVA_HOME ?? '/nonexistent', 'bin/keytool')].find((p) => fs.existsSync(p));
const reason = 'keytool (a JDK) is not installed: apt-get install -y openjdk-17-jre-headless';
if (!KEYTOOL && process.env.CI === 'true') throw new Error(reason);

describe.skipIf(!KEYTOOL)(`key stores made by keytool${KEYTOOL ? '' : ` (skipped: ${reason})`}`, () => {
  let dir: string;
  const keytool = (...args: string[]) => execFileSync(KEYTOOL!, args, { stdio: 'pipe' });
  /** A store of `type` holding the key pair `wso2carbon` and the trusted certificate `partner`. */
  function makeStore(type: 'JKS' | 'PKCS12' | 'JCEKS', file: string): string {
    const store = path.join(dir, file);
    const common = ['-storetype', type, '-keystore', store, '-storepass', 'wso2carbon', '-keypass', 'wso2carbon'];
    keytool('-genkeypair', '-alias', 'wso2carbon', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=localhost, O=Mediate', '-validity', '30', ...common);
    const partner = path.join(dir, `partner-${file}.p12`);
    keytool('-genkeypair', '-alias', 'partner', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=partner.example', '-validity', '30', '-storetype', 'PKCS12', '-keystore', partner, '-storepass', 'partner');
    const cert = path.join(dir, `partner-${file}.cer`);
    keytool('-exportcert', '-alias', 'partner', '-keystore', partner, '-storepass', 'partner', '-rfc', '-file', cert);
    keytool('-importcert', '-noprompt', '-alias', 'partner', '-file', cert, ...common);
    return store;
  }

  function expectUsable(contents: KeyStoreContents): void {
    expect(contents.keys.map((k) => k.alias)).toEqual(['wso2carbon']);
    const [key] = contents.keys;
    const certificate = new X509Certificate(key!.chain[0]!);
    expect(certificate.subject).toContain('CN=localhost');
    const signature = createSign('sha256').update('payload').sign(key!.privateKey);
    expect(createVerify('sha256').update('payload').verify(certificate.publicKey, signature)).toBe(true);
    expect(contents.certificates.map((c) => c.alias)).toEqual(['partner']);
    expect(new X509Certificate(contents.certificates[0]!.pem).subject).toContain('CN=partner.example');
  }

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-keystores-'));
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a JKS store: its key pair and its trusted certificate', () => {
    const bytes = fs.readFileSync(makeStore('JKS', 'wso2carbon.jks'));
    expect(isJavaKeyStore(bytes)).toBe(true);
    const contents = readJavaKeyStore(bytes, 'wso2carbon.jks', { storePassword: 'wso2carbon' });
    expect(contents.type).toBe('JKS');
    expectUsable(contents);
  }, 60_000);

  it('reads a JCEKS store', () => {
    const contents = readJavaKeyStore(fs.readFileSync(makeStore('JCEKS', 'store.jceks')), 'store.jceks', { storePassword: 'wso2carbon' });
    expect(contents.type).toBe('JCEKS');
    expectUsable(contents);
  }, 60_000);

  it('reads a PKCS#12 store (keytool writes AES-256 and SHA-256 MAC)', () => {
    const bytes = fs.readFileSync(makeStore('PKCS12', 'wso2carbon.p12'));
    expect(isJavaKeyStore(bytes)).toBe(false);
    const contents = readPkcs12(bytes, 'wso2carbon.p12', 'wso2carbon');
    expect(contents.type).toBe('PKCS12');
    expectUsable(contents);
  }, 60_000);

  it('refuses a wrong password and a damaged file, naming the file', () => {
    const jks = fs.readFileSync(path.join(dir, 'wso2carbon.jks'));
    expect(() => readJavaKeyStore(jks, 'wso2carbon.jks', { storePassword: 'wrong' })).toThrow(KeyStoreError);
    expect(() => readJavaKeyStore(jks, 'wso2carbon.jks', { storePassword: 'wrong' })).toThrow(/^Cannot open the key store wso2carbon\.jks: /);
    expect(() => readJavaKeyStore(jks, 'wso2carbon.jks', { keyPassword: 'wrong' })).toThrow(/wso2carbon\.jks/);
    const damaged = Buffer.from(jks);
    damaged[damaged.length - 30] ^= 0xff;
    expect(() => readJavaKeyStore(damaged, 'wso2carbon.jks', { storePassword: 'wso2carbon' })).toThrow(/^Cannot open the key store wso2carbon\.jks: /);
    const p12 = fs.readFileSync(path.join(dir, 'wso2carbon.p12'));
    expect(() => readPkcs12(p12, 'wso2carbon.p12', 'wrong')).toThrow(/^Cannot open the key store wso2carbon\.p12: /);
    expect(() => readPkcs12(p12.subarray(0, 100), 'wso2carbon.p12', 'wso2carbon')).toThrow(/^Cannot open the key store wso2carbon\.p12: /);
  });
});
