/**
 * The server-level TCP listener ([transport.tcp] listener.enable in deployment.toml) serves every
 * TCP proxy without a port of its own. A raw socket carries no URL, so, as MI's TCP transport,
 * it finds the proxy from the message itself: the WS-Addressing To header
 * (`tcp://host:6060/services/StockQuoteProxy`), else the namespace of the first body element
 * (`.../services/StockQuoteProxy` or ending in the proxy's name).
 */
export function proxyOfMessage(text: string, proxies: ReadonlySet<string>): string | undefined {
  const to = /<(?:[\w.-]+:)?To\b[^>]*>\s*([^<\s]+)\s*</.exec(text)?.[1];
  const fromTo = to && serviceInPath(to, proxies);
  if (fromTo) return fromTo;
  const body = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<([\w.-]+:)?[\w.-]+\b([^>]*)>/.exec(text);
  if (!body) return undefined;
  const prefix = body[1]?.slice(0, -1);
  const ns = new RegExp(`xmlns${prefix ? `:${prefix}` : ''}\\s*=\\s*["']([^"']+)["']`).exec(body[2] ?? '')?.[1];
  return ns ? serviceInPath(ns, proxies) : undefined;
}

function serviceInPath(uri: string, proxies: ReadonlySet<string>): string | undefined {
  const path = uri.replace(/[?#].*$/, '');
  const services = /\/services\/([^/.]+)/.exec(path)?.[1];
  if (services && proxies.has(services)) return services;
  const last = path.split('/').filter(Boolean).at(-1);
  return last && proxies.has(last) ? last : undefined;
}
