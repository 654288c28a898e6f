/** Content-Type helpers: MI chooses a message builder by the base media type. */

export function baseMediaType(contentType: string | undefined): string {
  if (!contentType) return '';
  let base = baseTypes.get(contentType);
  if (base === undefined) {
    const semicolon = contentType.indexOf(';');
    base = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
    if (baseTypes.size >= BASE_TYPE_CACHE_SIZE) baseTypes.clear();
    baseTypes.set(contentType, base);
  }
  return base;
}

/** Base types of the Content-Type values seen (every request asks several times; services use a handful of values). */
const baseTypes = new Map<string, string>();
const BASE_TYPE_CACHE_SIZE = 256;

export function contentTypeParam(contentType: string | undefined, name: string): string | undefined {
  if (!contentType) return undefined;
  for (const part of contentType.split(';').slice(1)) {
    const [k, ...v] = part.split('=');
    if (k && k.trim().toLowerCase() === name) return v.join('=').trim().replace(/^"|"$/g, '');
  }
  return undefined;
}

export type BuilderKind = 'json' | 'soap11' | 'soap12' | 'pox' | 'text' | 'form' | 'binary';

export function builderFor(contentType: string | undefined): BuilderKind {
  const t = baseMediaType(contentType);
  if (t === 'application/json' || t.endsWith('+json') || t === 'text/json') return 'json';
  if (t === 'text/xml') return 'soap11';
  if (t === 'application/soap+xml') return 'soap12';
  if (t === 'application/xml' || t.endsWith('+xml')) return 'pox';
  if (t === 'text/plain') return 'text';
  if (t === 'application/x-www-form-urlencoded') return 'form';
  return 'binary';
}

export function isJsonType(contentType: string | undefined): boolean {
  return builderFor(contentType) === 'json';
}
