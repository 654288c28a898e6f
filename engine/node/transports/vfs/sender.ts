/**
 * `vfs:` address endpoints (MI's VFSTransportSender): the message, formatted by its messageType,
 * is written to the URI. An existing folder gets a file named by the transport property
 * transport.vfs.ReplyFileName (default response.xml); any other URI is the file itself.
 * `?transport.vfs.Append=true` appends; otherwise the file is written under a temporary name
 * and renamed, so a poller on the folder never sees half a file. transport.vfs.CreateFolder
 * creates missing folders. A server that cannot be reached is error 101503, as MI.
 */
import type { BrokerSender } from '../../../core/broker.js';
import { BrokerError } from '../../../core/broker.js';
import { ErrorCodes } from '../../../core/errors.js';
import type { Logger } from '../../../core/logger.js';
import { connectVfs } from './connect.js';
import { dirName, joinPath, parseVfsUri, baseName } from './uri.js';

export function createVfsSender(o: { logger: Logger }): BrokerSender {
  return {
    async send(req) {
      const uri = parseVfsUri(req.uri);
      const prop = (name: string) => {
        const v = req.headers.get(name) ?? req.property(name);
        return v === undefined || v === null ? undefined : String(v);
      };
      const append = (uri.params['transport.vfs.Append'] ?? prop('transport.vfs.Append') ?? '').toLowerCase() === 'true';
      const createFolder = (uri.params['transport.vfs.CreateFolder'] ?? prop('transport.vfs.CreateFolder') ?? 'true').toLowerCase() !== 'false';
      let client;
      try {
        client = await connectVfs(uri, { maxRetries: Number(uri.params['transport.vfs.MaxRetryCount'] ?? 0), reconnectMs: Number(uri.params['transport.vfs.ReconnectTimeout'] ?? 1000), logger: o.logger, who: 'VFS sender', identity: uri.params['transport.vfs.SFTPIdentities'] });
      } catch (e) {
        throw new BrokerError(ErrorCodes.CONNECTION_FAILED, `Cannot connect to ${uri.display}: ${e instanceof Error ? e.message : String(e)}`);
      }
      try {
        const there = await client.stat(uri.path);
        const isFolder = there !== undefined && !there.isFile;
        const target = isFolder ? joinPath(uri.path, prop('transport.vfs.ReplyFileName') || 'response.xml') : uri.path;
        if (createFolder) await client.mkdirp(dirName(target) || '/');
        const data = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.length);
        if (append) await client.write(target, data, { append: true });
        else {
          const temp = joinPath(dirName(target), `.${baseName(target)}.${process.pid}.${Date.now()}.tmp`);
          await client.write(temp, data);
          if (await client.stat(target)) await client.remove(target);
          await client.rename(temp, target);
        }
      } catch (e) {
        if (e instanceof BrokerError) throw e;
        throw new BrokerError(ErrorCodes.SENDING_FAILED, `Cannot write to ${uri.display}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        await client.close().catch(() => {});
      }
      return undefined;
    },
  };
}
