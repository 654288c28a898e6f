/**
 * JSON Schema validation with ajv. Draft-07 is ajv's own dialect; draft-04
 * schemas (what MI's validator reads) are translated on load: `id` -> `$id`,
 * boolean exclusiveMinimum/exclusiveMaximum -> numeric bounds. Failure
 * messages follow the wording of MI's JSON validator for the common
 * keywords (e.g. `object has missing required properties (["request"])`).
 */
import type * as AjvModule from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';

// ajv is CommonJS: depending on the loader its class is the module's `default` or `default.default`.
type AjvClass = typeof AjvModule.Ajv;
type AjvInstance = InstanceType<AjvClass>;
/** Loaded on the first JSON validation, not at start-up (ajv is one of the heaviest modules to load). */
let ajvInstance: Promise<AjvInstance> | undefined;
function loadAjv(): Promise<AjvInstance> {
  ajvInstance ??= import('ajv').then((m) => {
    const Ajv: AjvClass = (m as unknown as { Ajv?: AjvClass }).Ajv ?? (m as unknown as { default: { default: AjvClass } }).default.default;
    return new Ajv({ strict: false, allErrors: false, validateSchema: false });
  });
  return ajvInstance;
}
const compiled = new Map<string, ValidateFunction>();

export class JsonSchemaError extends Error {}

/** Compiles (and caches by text) a schema; throws JsonSchemaError when it is not a usable schema. */
export async function compileJsonSchema(text: string): Promise<ValidateFunction> {
  const cached = compiled.get(text);
  if (cached) return cached;
  const ajv = await loadAjv();
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (e) {
    throw new JsonSchemaError(`schema is not JSON: ${(e as Error).message}`);
  }
  if (schema === null || typeof schema !== 'object') throw new JsonSchemaError('schema must be a JSON object');
  let fn: ValidateFunction;
  try {
    fn = ajv.compile(fromDraft04(schema as Record<string, unknown>, true) as object);
  } catch (e) {
    throw new JsonSchemaError((e as Error).message);
  }
  compiled.set(text, fn);
  return fn;
}

function fromDraft04(node: unknown, root: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => fromDraft04(n, false));
  if (node === null || typeof node !== 'object') return node;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$schema' && root && typeof v === 'string' && /draft-0[346]/.test(v)) continue;
    if (k === 'id' && typeof v === 'string') out.$id = v;
    else if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') continue;
    else if (k === 'properties' || k === 'patternProperties' || k === 'definitions' || k === 'dependencies') {
      out[k] = v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, fromDraft04(pv, false)])) : v;
    } else out[k] = fromDraft04(v, false);
  }
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = { object: 'object', array: 'array', string: 'string', number: 'number', integer: 'integer', boolean: 'boolean', null: 'null' };

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** The first error in the validator's wording, with the JSON pointer of the instance. */
export function describeFirstError(errors: ErrorObject[] | null | undefined, data: unknown): string {
  const e = errors?.[0];
  if (!e) return 'JSON Schema validation failed';
  const at = e.instancePath || '';
  const value = valueAt(data, at);
  const where = at === '' ? '' : ` (at ${at})`;
  switch (e.keyword) {
    case 'required':
      return `object has missing required properties (["${(e.params as { missingProperty: string }).missingProperty}"])${where}`;
    case 'type': {
      const expected = String((e.params as { type: string }).type).split(',').map((t) => `"${TYPE_NAMES[t] ?? t}"`);
      return `instance type (${jsonTypeOf(value)}) does not match any allowed primitive type (allowed: [${expected.join(',')}])${where}`;
    }
    case 'enum':
      return `instance value (${JSON.stringify(value)}) not found in enum${where}`;
    case 'pattern':
      return `ECMA 262 regex "${(e.params as { pattern: string }).pattern}" does not match input string ${JSON.stringify(value)}${where}`;
    case 'additionalProperties':
      return `object instance has properties which are not allowed by the schema: ["${(e.params as { additionalProperty: string }).additionalProperty}"]${where}`;
    default:
      return `${e.message ?? 'is invalid'}${where}`;
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  if (pointer === '') return data;
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}
