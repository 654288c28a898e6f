/**
 * Opens a client for a VFS URI, retrying as `transport.vfs.MaxRetryCount` / `ReconnectTimeout` say.
 * An abort signal (the endpoint stopping) ends the wait between attempts and an attempt in
 * progress at once: shutdown never waits out a reconnect delay (30 s by default on inbounds).
 */
import type { Logger } from '../../../core/logger.js';
import type { VfsClient } from './client.js';
import type { VfsUri } from './uri.js';
import { localClient } from './local-client.js';
import { ftpClient } from './ftp-client.js';
import { sftpClient } from './sftp-client.js';
import { smbClient } from './smb-client.js';

export interface ConnectOptions {
  maxRetries: number;
  reconnectMs: number;
  /** SFTP private key file (transport.vfs.SFTPIdentities). */
  identity?: string;
  logger: Logger;
  /** For log lines: who connects. */
  who: string;
  /** Aborted when the poller stops: no further attempt, and a pending one is given up. */
  signal?: AbortSignal;
}

/** Thrown by connectVfs when its signal aborts; pollers treat it as a stop, not a failure. */
export class VfsConnectAborted extends Error {
  constructor(display: string) {
    super(`connecting to ${display} was given up: the endpoint is stopping`);
    this.name = 'VfsConnectAborted';
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The open, unless the signal aborts first; a client that connects after the abort is closed. */
function openUnlessAborted(uri: VfsUri, o: ConnectOptions): Promise<VfsClient> {
  const opening = open(uri, o);
  const signal = o.signal;
  if (!signal) return opening;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      opening.then((late) => late.close()).catch(() => {});
      reject(new VfsConnectAborted(uri.display));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    opening.then(
      (client) => {
        signal.removeEventListener('abort', onAbort);
        resolve(client);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

async function open(uri: VfsUri, o: ConnectOptions): Promise<VfsClient> {
  switch (uri.scheme) {
    case 'file':
      return localClient();
    case 'ftp':
    case 'ftps':
      return ftpClient(uri, undefined, o.signal);
    case 'sftp':
      return sftpClient(uri, { identity: o.identity });
    case 'smb':
      return smbClient(uri);
  }
}

export async function connectVfs(uri: VfsUri, o: ConnectOptions): Promise<VfsClient> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= o.maxRetries; attempt++) {
    if (o.signal?.aborted) throw new VfsConnectAborted(uri.display);
    try {
      return await openUnlessAborted(uri, o);
    } catch (e) {
      if (e instanceof VfsConnectAborted) throw e;
      lastError = e;
      const message = e instanceof Error ? e.message : String(e);
      o.logger.log('warn', `${o.who}: cannot connect to ${uri.display} (attempt ${attempt + 1} of ${o.maxRetries + 1}): ${message}`, { component: 'VFSTransport' });
      if (attempt < o.maxRetries) await abortableDelay(o.reconnectMs, o.signal);
    }
  }
  if (o.signal?.aborted) throw new VfsConnectAborted(uri.display);
  throw new Error(`cannot connect to ${uri.display} after ${o.maxRetries + 1} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
