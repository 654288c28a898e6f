/**
 * ftp:// and ftps:// over basic-ftp (passive mode, as `vfs.passive=true`; basic-ftp has no
 * active mode). FTP has no exclusive create: a lock file is written after checking that none is
 * there, which is as good as Commons VFS does over FTP.
 */
import { Client, FileType } from 'basic-ftp';
import { PassThrough, Readable } from 'node:stream';
import type { VfsClient, VfsEntry } from './client.js';
import type { VfsUri } from './uri.js';
import { baseName, joinPath } from './uri.js';

/** `signal` aborting while connecting closes the control connection at once (the endpoint is stopping). */
export async function ftpClient(uri: VfsUri, timeoutMs = 10000, signal?: AbortSignal): Promise<VfsClient> {
  const client = new Client(timeoutMs);
  const giveUp = () => client.close();
  signal?.addEventListener('abort', giveUp, { once: true });
  try {
    await client.access({ host: uri.host, port: uri.port ?? 21, user: uri.user ?? 'anonymous', password: uri.password ?? 'anonymous@', secure: uri.scheme === 'ftps' ? true : false, secureOptions: { rejectUnauthorized: uri.params['vfs.ssl.verify'] === 'true' } });
  } finally {
    signal?.removeEventListener('abort', giveUp);
  }
  const exists = async (p: string) => (await statOf(client, p)) !== undefined;
  return {
    async list(dir) {
      const items = await client.list(dir);
      return items.map((i): VfsEntry => ({ name: i.name, path: joinPath(dir, i.name), size: i.size, mtime: i.modifiedAt?.getTime() ?? 0, isFile: i.type === FileType.File || i.type === FileType.SymbolicLink }));
    },
    stat: (p) => statOf(client, p),
    async read(p) {
      const chunks: Buffer[] = [];
      const sink = new PassThrough();
      sink.on('data', (c: Buffer) => chunks.push(c));
      await client.downloadTo(sink, p);
      return Buffer.concat(chunks);
    },
    async readStream(p) {
      const sink = new PassThrough();
      const chunks: Buffer[] = [];
      sink.on('data', (c: Buffer) => chunks.push(c));
      await client.downloadTo(sink, p);
      return Readable.from([Buffer.concat(chunks)]);
    },
    async write(p, data, options) {
      if (options?.append) await client.appendFrom(Readable.from([data]), p);
      else await client.uploadFrom(Readable.from([data]), p);
    },
    async createExclusive(p, data) {
      if (await exists(p)) return false;
      await client.uploadFrom(Readable.from([data]), p);
      return true;
    },
    async rename(a, b) {
      await client.rename(a, b);
    },
    async remove(p) {
      await client.remove(p, true);
    },
    async mkdirp(p) {
      const here = await client.pwd();
      await client.ensureDir(p);
      await client.cd(here);
    },
    async close() {
      client.close();
    },
  };
}

async function statOf(client: Client, p: string): Promise<VfsEntry | undefined> {
  try {
    const size = await client.size(p);
    let mtime = 0;
    try {
      mtime = (await client.lastMod(p)).getTime();
    } catch {
      // MDTM is optional
    }
    return { name: baseName(p), path: p, size, mtime, isFile: true };
  } catch {
    return undefined;
  }
}
