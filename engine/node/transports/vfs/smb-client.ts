/**
 * smb:// (and smb2://) over an SMB2 client with NTLMv2 (@tryjsky/v9u-smb2). The URI is
 * `smb://[domain;]user:password@host[:port]/share/path`; paths inside the share use
 * backslashes on the wire. Tested against Samba (.ci/services/smb.sh).
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { VfsClient, VfsEntry } from './client.js';
import type { VfsUri } from './uri.js';

interface SmbStats {
  name?: string;
  size: number;
  mtime: Date;
  isDirectory(): boolean;
}

interface Smb2 {
  readdir(path: string, options: { stats: true }, cb: (err: Error | null, files: SmbStats[]) => void): void;
  stat(path: string, cb: (err: Error | null, s: SmbStats) => void): void;
  readFile(path: string, cb: (err: Error | null, data: Buffer) => void): void;
  writeFile(path: string, data: Buffer, options: { flag: 'w' | 'wx' }, cb: (err: Error | null) => void): void;
  exists(path: string, cb: (err: Error | null, exists: boolean) => void): void;
  rename(from: string, to: string, options: { replace: boolean }, cb: (err: Error | null) => void): void;
  unlink(path: string, cb: (err: Error | null) => void): void;
  mkdir(path: string, cb: (err: Error | null) => void): void;
  disconnect(): void;
}

const require = createRequire(import.meta.url);

const STATUS_PENDING = 0x00000103;
const SMB2_FLAGS_ASYNC_COMMAND = 0x00000002;

/**
 * Wraps a socket data handler of SMB2 responses (NetBIOS-framed) so that interim responses
 * (status STATUS_PENDING with the async flag: Samba saying "still working, the answer follows
 * under the same MessageId") are not passed on. The client library takes the interim answer as
 * the final one and fails the request; the request that was resent then met the first one's
 * open handle when it completed (STATUS_SHARING_VIOLATION on the next rename or write).
 */
export function dropInterimResponses(handler: (data: Buffer) => void): (data: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (data) => {
    pending = pending.length ? Buffer.concat([pending, data]) : data;
    const pass: Buffer[] = [];
    while (pending.length >= 4) {
      const length = (pending.readUInt8(1) << 16) + pending.readUInt16BE(2);
      if (pending.length < length + 4) break;
      const frame = pending.subarray(0, length + 4);
      pending = pending.subarray(length + 4);
      const interim = length >= 20 && frame.readUInt32LE(12) === STATUS_PENDING && (frame.readUInt32LE(20) & SMB2_FLAGS_ASYNC_COMMAND) !== 0;
      if (!interim) pass.push(frame);
    }
    if (pass.length) handler(Buffer.concat(pass));
  };
}

let interimFilterInstalled = false;
/** The library builds one data handler per connection through its forge: wrap that, once. */
function installInterimFilter(): void {
  if (interimFilterInstalled) return;
  const forge = require('@tryjsky/v9u-smb2/lib/tools/smb2-forge') as { response(c: unknown): (data: Buffer) => void };
  const original = forge.response;
  forge.response = (c) => dropInterimResponses(original(c));
  interimFilterInstalled = true;
}

/** Splits `share/dir/file` into the share and the path inside it (backslashes, no leading one). */
export function smbLocation(uriPath: string): { share: string; inner: string } {
  const parts = uriPath.split('/').filter(Boolean);
  const share = parts.shift() ?? '';
  return { share, inner: parts.join('\\') };
}

export async function smbClient(uri: VfsUri): Promise<VfsClient> {
  installInterimFilter();
  const SMB2 = require('@tryjsky/v9u-smb2') as new (o: Record<string, unknown>) => Smb2;
  const { share } = smbLocation(uri.path);
  if (!share) throw new Error(`${uri.display}: an smb:// URI names a share (smb://host/share/folder)`);
  let user = uri.user ?? 'guest';
  let domain = 'WORKGROUP';
  const semi = user.indexOf(';');
  if (semi >= 0) {
    domain = user.slice(0, semi);
    user = user.slice(semi + 1);
  }
  const c = new SMB2({ share: `\\\\${uri.host}\\${share}`, domain, username: user, password: uri.password ?? '', port: uri.port ?? 445, autoCloseTimeout: 0 });
  const inner = (p: string) => smbLocation(p).inner;
  const once = <T>(f: (cb: (err: Error | null, v?: T) => void) => void) => new Promise<T>((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v as T))));
  // The client does not wait for an answer Samba defers (STATUS_PENDING): the request is sent again after a moment.
  // Only requests that can be repeated go through it: a write replaces (flag w), and an
  // exclusive create that collides after a resend was our own first try taking effect.
  const call = async <T>(f: (cb: (err: Error | null, v?: T) => void) => void, onResentCollision?: { value: T }): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(f);
      } catch (e) {
        const text = String((e as Error).message);
        if (attempt > 0 && onResentCollision !== undefined && text.includes('STATUS_OBJECT_NAME_COLLISION')) return onResentCollision.value;
        if (attempt >= 5 || !text.includes('STATUS_PENDING')) throw e;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  };
  // The client connects lazily: check the share and the credentials now, so a bad one fails the poll.
  await call<SmbStats[]>((cb) => c.readdir('', { stats: true }, cb as never));
  const stat = async (p: string): Promise<VfsEntry | undefined> => {
    const path = inner(p);
    if (path === '') return { name: '', path: p, size: 0, mtime: 0, isFile: false };
    try {
      if (!(await call<boolean>((cb) => c.exists(path, cb as never)))) return undefined;
      const s = await call<SmbStats>((cb) => c.stat(path, cb as never));
      return { name: path.split('\\').pop()!, path: p, size: s.size, mtime: s.mtime.getTime(), isFile: !s.isDirectory() };
    } catch {
      return undefined;
    }
  };
  return {
    async list(dir) {
      const files = await call<SmbStats[]>((cb) => c.readdir(inner(dir), { stats: true }, cb as never));
      return files.map((f) => ({ name: f.name!, path: `${dir.replace(/\/+$/, '')}/${f.name}`, size: f.size, mtime: f.mtime.getTime(), isFile: !f.isDirectory() }));
    },
    stat,
    read: (p) => call<Buffer>((cb) => c.readFile(inner(p), cb as never)),
    async readStream(p) {
      return Readable.from([await call<Buffer>((cb) => c.readFile(inner(p), cb as never))]);
    },
    async write(p, data, options) {
      let bytes = data;
      if (options?.append && (await stat(p))) bytes = Buffer.concat([await call<Buffer>((cb) => c.readFile(inner(p), cb as never)), data]);
      await call<void>((cb) => c.writeFile(inner(p), bytes, { flag: 'w' }, cb as never));
    },
    async createExclusive(p, data) {
      try {
        await call<void>((cb) => c.writeFile(inner(p), data, { flag: 'wx' }, cb as never), { value: undefined });
        return true;
      } catch (e) {
        if (String((e as Error).message).includes('STATUS_OBJECT_NAME_COLLISION')) return false;
        throw e;
      }
    },
    async rename(a, b) {
      await call<void>((cb) => c.rename(inner(a), inner(b), { replace: true }, cb as never));
    },
    async remove(p) {
      if (await stat(p)) await call<void>((cb) => c.unlink(inner(p), cb as never));
    },
    async mkdirp(p) {
      const parts = inner(p).split('\\').filter(Boolean);
      let at = '';
      for (const part of parts) {
        at = at ? `${at}\\${part}` : part;
        if (!(await call<boolean>((cb) => c.exists(at, cb as never)))) await call<void>((cb) => c.mkdir(at, cb as never));
      }
    },
    async close() {
      c.disconnect();
    },
  };
}
