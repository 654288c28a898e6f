/**
 * One interface over the file systems a VFS URI can name. Paths are the URI's (absolute; for
 * SMB `share/dir/file`). Each client is one connection; the poller opens one per poll and
 * closes it, so a server restart between polls costs nothing.
 */
import type { Readable } from 'node:stream';
import type { VfsUri } from './uri.js';

export interface VfsEntry {
  name: string;
  path: string;
  size: number;
  /** ms since epoch */
  mtime: number;
  isFile: boolean;
}

export interface VfsClient {
  list(dir: string): Promise<VfsEntry[]>;
  /** undefined when nothing is there. */
  stat(path: string): Promise<VfsEntry | undefined>;
  read(path: string): Promise<Buffer>;
  /** A stream of the file (large files are not held in memory); local files only stream truly. */
  readStream(path: string): Promise<Readable>;
  write(path: string, data: Buffer, options?: { append?: boolean }): Promise<void>;
  /** Creates a file only when none is there (lock files); false when it already exists. */
  createExclusive(path: string, data: Buffer): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
  mkdirp(path: string): Promise<void>;
  close(): Promise<void>;
}

export type VfsConnector = (uri: VfsUri) => Promise<VfsClient>;
