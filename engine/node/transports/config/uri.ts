/**
 * Broker address URIs: `rabbitmq:/path?k=v&k=v`, `jms:/Dest?k=v`, `mqtt:/x?k=v`, `kafka:/x?k=v`.
 * Names and values are trimmed (some MI pages split the query over lines inside the
 * attribute, which XML turns into spaces) and percent-decoded; a later duplicate wins.
 */
export interface BrokerUri {
  scheme: string;
  /** The part before `?`, without the leading slashes. */
  path: string;
  params: Record<string, string>;
}

export function parseBrokerUri(uri: string): BrokerUri {
  const colon = uri.indexOf(':');
  const scheme = uri.slice(0, colon).toLowerCase();
  const rest = uri.slice(colon + 1);
  const q = rest.indexOf('?');
  const rawPath = q < 0 ? rest : rest.slice(0, q);
  const params: Record<string, string> = {};
  if (q >= 0) {
    for (const part of rest.slice(q + 1).split(/[&;]/)) {
      const eq = part.indexOf('=');
      const k = decode(eq < 0 ? part : part.slice(0, eq)).trim();
      if (!k) continue;
      params[k] = eq < 0 ? '' : decode(part.slice(eq + 1)).trim();
    }
  }
  return { scheme, path: decode(rawPath.replace(/^\/+/, '')).trim(), params };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, '%20'));
  } catch {
    return s;
  }
}

export function truthy(v: string | undefined, fallback = false): boolean {
  if (v === undefined || v === '') return fallback;
  return v.trim().toLowerCase() === 'true';
}

export function intOf(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : fallback;
}
