/**
 * Writing a user's file so that a crash (kill -9, power loss) at any moment
 * leaves either the old complete content or the new complete content, never
 * a mix or a truncated file: the data goes to a temporary file in the same
 * folder (so the rename cannot cross file systems), is flushed to disk, and
 * is renamed over the target, which POSIX makes atomic; the folder is then
 * flushed so the rename itself survives a power loss.
 *
 * - An existing target keeps its permission bits; a symlink target is
 *   written through (the link stays a link).
 * - `exclusive` fails with EEXIST when the target exists, still without a
 *   half-written file (the complete temporary file is hard-linked into place).
 * - A crash can leave a temporary file (or staging folder) behind
 *   (`.NAME.PID.RANDOM.tmp`, hidden); `isAtomicWriteTemp` lets watchers and
 *   scanners skip it.
 */
import { createWriteStream, fsyncSync, closeSync, openSync, writeSync, renameSync, linkSync, unlinkSync, statSync, chmodSync, realpathSync, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { open, rename, link, unlink, stat, chmod, realpath } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Fail with EEXIST when the file exists (like flag 'wx'). */
  exclusive?: boolean;
}

const TEMP_NAME = /^\.[^/\\]+\.\d+\.[0-9a-f]{12}\.tmp$/;

/** Whether a path is one of this module's temporary files (left behind only by a crash). */
export function isAtomicWriteTemp(file: string): boolean {
  return TEMP_NAME.test(path.basename(file));
}

function tempFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function targetOf(file: string): Promise<string> {
  // Write through a symlink rather than replace it with a regular file.
  return realpath(file).catch(() => path.resolve(file));
}

function targetOfSync(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Flushes a folder's entries (the rename) to disk; where a platform cannot open folders, the rename stands unflushed. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    /* EINVAL/EPERM on some file systems: nothing more can be done */
  } finally {
    await handle.close();
  }
}

function syncFolderSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* as syncFolder */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function place(temp: string, target: string, exclusive: boolean | undefined): Promise<void> {
  if (exclusive) {
    await link(temp, target);
    await unlink(temp);
  } else {
    const mode = await stat(target).then((s) => s.mode & 0o7777, () => undefined);
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, target);
  }
  await syncFolder(path.dirname(target));
}

/** Writes `data` to `file` atomically (see the module comment). */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await targetOf(file);
  const temp = tempFor(target);
  try {
    const handle = await open(temp, 'wx', 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await place(temp, target, options.exclusive);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** The synchronous form, for command-line tools that write their output once. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = targetOfSync(file);
  const temp = tempFor(target);
  try {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.exclusive) {
      linkSync(temp, target);
      unlinkSync(temp);
    } else {
      try {
        chmodSync(temp, statSync(target).mode & 0o7777);
      } catch {
        /* a new file: default permissions */
      }
      renameSync(temp, target);
    }
    syncFolderSync(path.dirname(target));
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already placed or never created */
    }
    throw e;
  }
}

/**
 * Streams into `file` atomically: `produce` writes to the temporary file's
 * stream and resolves once it has ended it (a zip writer piping its output).
 */
export async function writeStreamAtomic(file: string, produce: (out: WriteStream) => Promise<void>, options: AtomicWriteOptions = {}): Promise<void> {
  const target = await targetOf(file);
  const temp = tempFor(target);
  const out = createWriteStream(temp, { flags: 'wx', mode: 0o666 });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.once('close', () => resolve());
  });
  try {
    const produced = produce(out).catch((e: unknown) => {
      out.destroy();
      throw e;
    });
    await Promise.all([produced, closed]);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await place(temp, target, options.exclusive);
  } catch (e) {
    // The stream opens its file asynchronously: only once it has closed is there nothing left to create it.
    await closed.catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * A folder of several files that must appear all at once (a project unpacked
 * from a CAR): `build` fills a hidden staging folder beside `dir`, which is
 * then renamed to `dir` (which must not exist, or be empty). A crash while
 * building leaves `dir` as it was; a failure removes the staging folder.
 */
export async function writeFolderAtomic<T>(dir: string, build: (staging: string) => Promise<T>): Promise<T> {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(staging);
  try {
    const result = await build(staging);
    renameSync(staging, target);
    syncFolderSync(parent);
    return result;
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
