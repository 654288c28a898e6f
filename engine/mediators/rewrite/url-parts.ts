/**
 * A URL split into the fragments Synapse's URL rewrite mediator edits:
 * protocol, user, host, port, path, query, ref. Joining puts them back the
 * way java.net.URI renders them (port -1 = absent).
 */
export const FRAGMENTS = ['protocol', 'user', 'host', 'port', 'path', 'query', 'ref', 'full'] as const;
export type Fragment = (typeof FRAGMENTS)[number];
export type UrlFragment = Exclude<Fragment, 'full'>;

export type UrlParts = Record<UrlFragment, string>;

const URL_SHAPE = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

export function splitUrl(url: string): UrlParts {
  const m = URL_SHAPE.exec(url) ?? [];
  return { protocol: m[1] ?? '', user: m[2] ?? '', host: m[3] ?? '', port: m[4] ?? '', path: m[5] ?? '', query: m[6] ?? '', ref: m[7] ?? '' };
}

export function joinUrl(p: UrlParts): string {
  let out = '';
  if (p.protocol) out += `${p.protocol}:`;
  if (p.host || p.user || p.port) {
    out += '//';
    if (p.user) out += `${p.user}@`;
    out += p.host;
    if (p.port && p.port !== '-1') out += `:${p.port}`;
  }
  let path = p.path;
  if ((p.host || p.protocol) && path && !path.startsWith('/')) path = `/${path}`;
  out += path;
  if (p.query) out += `?${p.query}`;
  if (p.ref) out += `#${p.ref}`;
  return out;
}
