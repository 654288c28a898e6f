/** file:// through node:fs. */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { VfsClient, VfsEntry } from './client.js';

async function entry(p: string): Promise<VfsEntry | undefined> {
  try {
    // lstat: a dangling link is listed (and then fails to read, as an unreadable file should).
    const s = await fsp.lstat(p);
    let isFile = s.isFile() || s.isSymbolicLink();
    if (s.isSymbolicLink()) {
      try {
        isFile = (await fsp.stat(p)).isFile();
      } catch {
        isFile = true;
      }
    }
    return { name: path.basename(p), path: p, size: s.size, mtime: s.mtimeMs, isFile };
  } catch {
    return undefined;
  }
}

export function localClient(): VfsClient {
  return {
    async list(dir) {
      const names = await fsp.readdir(dir);
      const out: VfsEntry[] = [];
      for (const n of names) {
        const e = await entry(path.join(dir, n));
        if (e) out.push(e);
      }
      return out;
    },
    stat: entry,
    read: (p) => fsp.readFile(p),
    async readStream(p): Promise<Readable> {
      await fsp.access(p, fs.constants.R_OK);
      return fs.createReadStream(p);
    },
    async write(p, data, options) {
      if (options?.append) await fsp.appendFile(p, data);
      else await fsp.writeFile(p, data);
    },
    async createExclusive(p, data) {
      try {
        await fsp.writeFile(p, data, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    },
    rename: (a, b) => fsp.rename(a, b),
    remove: (p) => fsp.rm(p, { force: true }),
    async mkdirp(p) {
      await fsp.mkdir(p, { recursive: true });
    },
    async close() {},
  };
}
