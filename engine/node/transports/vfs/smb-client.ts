/** smb:// placeholder until a Node SMB2 client is chosen (see smb-client notes in the VFS README). */
import type { VfsClient } from './client.js';
import type { VfsUri } from './uri.js';

export async function smbClient(uri: VfsUri): Promise<VfsClient> {
  throw new Error(`smb:// is not supported by this runtime yet (${uri.display}): no usable Node SMB2 client`);
}
