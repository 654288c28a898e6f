/**
 * Schema-driven correction of a converted JSON payload, as MI's
 * jsontransform does with a schema: values are coerced to the types the
 * schema declares (numeric/boolean strings to numbers/booleans, scalars to
 * strings, a single value to a one-element array where an array is
 * expected), recursing through properties and items. Values that cannot be
 * coerced are left as they are.
 */
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema | Schema[] };

export function correctBySchema(value: unknown, schema: Schema | undefined): unknown {
  if (!schema || typeof schema !== 'object') return value;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('array')) {
    const list = Array.isArray(value) ? value : value === undefined ? value : [value];
    if (!Array.isArray(list)) return list;
    const item = Array.isArray(schema.items) ? undefined : schema.items;
    return list.map((v, i) => correctBySchema(v, Array.isArray(schema.items) ? schema.items[i] : item));
  }
  if (types.includes('object') || (types.length === 0 && schema.properties)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = correctBySchema(v, schema.properties?.[k]);
    return out;
  }
  if (types.includes('integer') || types.includes('number')) {
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
      const n = Number(value);
      if (types.includes('number') || Number.isInteger(n)) return n;
    }
    return value;
  }
  if (types.includes('boolean')) {
    if (value === 'true' || value === 'false') return value === 'true';
    return value;
  }
  if (types.includes('string')) {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return value;
  }
  return value;
}
