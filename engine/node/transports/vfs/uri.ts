/**
 * VFS URIs as MI writes them: an optional `vfs:` prefix, then `file://`, `ftp://`, `ftps://`,
 * `sftp://`, `smb://` or `smb2://`, user and password (percent-encoded) before the host, scheme
 * options as query parameters (`?vfs.passive=true`, `?transport.vfs.Append=true`).
 */
export type VfsScheme = 'file' | 'ftp' | 'ftps' | 'sftp' | 'smb';

export interface VfsUri {
  scheme: VfsScheme;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  /** Absolute path (file, ftp, sftp) or `share/path` for smb (no leading slash). */
  path: string;
  params: Record<string, string>;
  /** The URI as written, password masked (for logs). */
  display: string;
}

export class VfsUriError extends Error {}

export function parseVfsUri(raw: string): VfsUri {
  let text = raw.trim();
  if (/^vfs:/i.test(text)) text = text.slice(4);
  const m = /^([a-z0-9]+):/i.exec(text);
  if (!m) throw new VfsUriError(`'${raw}' is not a VFS URI (file://, ftp://, ftps://, sftp:// or smb://)`);
  const scheme = m[1]!.toLowerCase();
  const q = text.indexOf('?');
  const params: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(text.slice(q + 1))) params[k] = v;
  const base = q >= 0 ? text.slice(0, q) : text;
  if (scheme === 'file') {
    const p = decodeURIComponent(base.replace(/^file:(\/\/)?/i, ''));
    return { scheme: 'file', path: p.startsWith('/') ? p : `/${p}`, params, display: base };
  }
  if (!['ftp', 'ftps', 'sftp', 'smb', 'smb2'].includes(scheme)) throw new VfsUriError(`unsupported VFS scheme '${scheme}' in ${mask(raw)} (file, ftp, ftps, sftp, smb)`);
  let url: URL;
  try {
    url = new URL(base.replace(/^smb2:/i, 'smb:'));
  } catch {
    throw new VfsUriError(`'${mask(raw)}' is not a valid URI`);
  }
  const path = decodeURIComponent(url.pathname);
  return {
    scheme: (scheme === 'smb2' ? 'smb' : scheme) as VfsScheme,
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    path: scheme.startsWith('smb') ? path.replace(/^\/+/, '') : path || '/',
    params,
    display: mask(base),
  };
}

/** The URI with its password replaced by *** (never log a password). */
export function mask(uri: string): string {
  return uri.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}

/** The same server, another path (MoveAfterProcess on the same host reuses the connection). */
export function sameServer(a: VfsUri, b: VfsUri): boolean {
  return a.scheme === b.scheme && a.host === b.host && a.port === b.port && a.user === b.user;
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function baseName(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

export function dirName(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? (p.startsWith('/') ? '/' : '') : p.slice(0, i);
}
