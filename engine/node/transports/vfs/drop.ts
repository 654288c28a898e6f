/** Try-it: writes a file into a polled folder (temporary name, then renamed, so a poll never takes half of it). */
import type { Logger } from '../../../core/logger.js';
import { connectVfs } from './connect.js';
import type { VfsPollSettings } from './settings.js';
import { joinPath } from './uri.js';

export async function dropFile(s: VfsPollSettings, logger: Logger, name: string, content: Uint8Array): Promise<void> {
  if (!/^[^/\\]+$/.test(name) || name === '.' || name === '..') throw new Error(`'${name}' is not a file name`);
  const client = await connectVfs(s.fileUri, { maxRetries: 0, reconnectMs: 0, identity: s.identity, logger, who: s.who });
  try {
    const temp = joinPath(s.fileUri.path, `.${name}.tryit.lock`);
    await client.write(temp, Buffer.from(content.buffer, content.byteOffset, content.length));
    await client.rename(temp, joinPath(s.fileUri.path, name));
  } finally {
    await client.close();
  }
}
