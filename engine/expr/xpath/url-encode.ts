/**
 * MI's url-encode() uses commons-httpclient URIUtil.encodePathQuery: the part
 * before the first '?' is escaped as a URI path, the rest as a query; bytes
 * come from the given charset and are written as upper-case %XX. Characters
 * left alone: letters, digits, `-_.!~*'()` and the URI delimiters allowed in
 * each part (`;/:@&=$,` in the path, those plus `?+[]` in the query); '%' is
 * always escaped.
 */
const UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()";
const PATH_ALLOWED = new Set(UNRESERVED + ';/:@&=$,');
const QUERY_ALLOWED = new Set(UNRESERVED + ';/?:@&=+$,[]');

export function encodePathQuery(value: string, encode: (s: string) => Uint8Array): string {
  const q = value.indexOf('?');
  if (q < 0) return escape(value, PATH_ALLOWED, encode);
  return `${escape(value.slice(0, q), PATH_ALLOWED, encode)}?${escape(value.slice(q + 1), QUERY_ALLOWED, encode)}`;
}

function escape(part: string, allowed: Set<string>, encode: (s: string) => Uint8Array): string {
  let out = '';
  for (const ch of part) {
    if (allowed.has(ch)) {
      out += ch;
      continue;
    }
    for (const b of encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
