/** Opens a client for a VFS URI, retrying as `transport.vfs.MaxRetryCount` / `ReconnectTimeout` say. */
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
}

async function open(uri: VfsUri, o: ConnectOptions): Promise<VfsClient> {
  switch (uri.scheme) {
    case 'file':
      return localClient();
    case 'ftp':
    case 'ftps':
      return ftpClient(uri);
    case 'sftp':
      return sftpClient(uri, { identity: o.identity });
    case 'smb':
      return smbClient(uri);
  }
}

export async function connectVfs(uri: VfsUri, o: ConnectOptions): Promise<VfsClient> {
  let lastError: unknown;
  for (let attempt = 0; attempt <= o.maxRetries; attempt++) {
    try {
      return await open(uri, o);
    } catch (e) {
      lastError = e;
      const message = e instanceof Error ? e.message : String(e);
      o.logger.log('warn', `${o.who}: cannot connect to ${uri.display} (attempt ${attempt + 1} of ${o.maxRetries + 1}): ${message}`, { component: 'VFSTransport' });
      if (attempt < o.maxRetries) await new Promise((r) => setTimeout(r, o.reconnectMs));
    }
  }
  throw new Error(`cannot connect to ${uri.display} after ${o.maxRetries + 1} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
