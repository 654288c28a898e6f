/** sftp:// over ssh2: password from the URI, or a private key named by `transport.vfs.SFTPIdentities` (MI's option). */
import fs from 'node:fs';
import { Client, type SFTPWrapper } from 'ssh2';
import type { Readable } from 'node:stream';
import type { VfsClient, VfsEntry } from './client.js';
import type { VfsUri } from './uri.js';
import { baseName, joinPath } from './uri.js';

export async function sftpClient(uri: VfsUri, options: { identity?: string; timeoutMs?: number } = {}): Promise<VfsClient> {
  const conn = new Client();
  const privateKey = options.identity ? fs.readFileSync(options.identity) : undefined;
  await new Promise<void>((resolve, reject) => {
    conn.once('ready', () => resolve());
    conn.once('error', reject);
    conn.connect({ host: uri.host, port: uri.port ?? 22, username: uri.user, password: uri.password, privateKey, readyTimeout: options.timeoutMs ?? 10000 });
  });
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => conn.sftp((err, s) => (err ? reject(err) : resolve(s))));
  const call = <T>(f: (cb: (err: Error | null | undefined, v?: T) => void) => void) => new Promise<T>((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v as T))));
  const stat = async (p: string): Promise<VfsEntry | undefined> => {
    try {
      const s = await call<import('ssh2').Stats>((cb) => sftp.stat(p, cb));
      return { name: baseName(p), path: p, size: s.size, mtime: s.mtime * 1000, isFile: s.isFile() };
    } catch {
      return undefined;
    }
  };
  const writeFile = (p: string, data: Buffer, flag: 'w' | 'a' | 'wx') =>
    new Promise<void>((resolve, reject) => {
      const s = sftp.createWriteStream(p, { flags: flag });
      s.on('error', reject);
      s.on('close', () => resolve());
      s.end(data);
    });
  return {
    async list(dir) {
      const items = await call<import('ssh2').FileEntryWithStats[]>((cb) => sftp.readdir(dir, cb));
      return items.filter((i) => i.filename !== '.' && i.filename !== '..').map((i) => ({ name: i.filename, path: joinPath(dir, i.filename), size: i.attrs.size, mtime: i.attrs.mtime * 1000, isFile: i.attrs.isFile() }));
    },
    stat,
    read: (p) => call<Buffer>((cb) => sftp.readFile(p, cb as never)),
    async readStream(p): Promise<Readable> {
      if (!(await stat(p))) throw new Error(`${p}: no such file`);
      return sftp.createReadStream(p);
    },
    write: (p, data, o) => writeFile(p, data, o?.append ? 'a' : 'w'),
    async createExclusive(p, data) {
      try {
        await writeFile(p, data, 'wx');
        return true;
      } catch (e) {
        if (await stat(p)) return false;
        throw e;
      }
    },
    async rename(a, b) {
      await call<void>((cb) => sftp.rename(a, b, cb));
    },
    async remove(p) {
      try {
        await call<void>((cb) => sftp.unlink(p, cb));
      } catch (e) {
        if (await stat(p)) throw e;
      }
    },
    async mkdirp(p) {
      const parts = p.split('/').filter(Boolean);
      let at = p.startsWith('/') ? '' : '.';
      for (const part of parts) {
        at = `${at}/${part}`;
        if (!(await stat(at))) {
          try {
            await call<void>((cb) => sftp.mkdir(at, cb));
          } catch (e) {
            if (!(await stat(at))) throw e;
          }
        }
      }
    },
    async close() {
      sftp.end();
      conn.end();
    },
  };
}
