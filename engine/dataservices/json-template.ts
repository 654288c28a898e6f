/**
 * `<result outputType="json">`: MI converts the JSON template into an ordinary
 * result mapping when the service loads (QueryFactory.getJSONResultFromText):
 * the single top-level key is the wrapper; an object holding exactly one key
 * whose value is a one-element array names the row and gives the row template;
 * `"$col"` maps a column, `"$col(type:integer;requiredRoles:a,b;optional:true)"`
 * adds options, nested objects are element groups, and `"@Query": "$c->p, ..."`
 * calls a nested query. Arrays anywhere else are errors.
 */
import type { Loc } from '../model/node.js';
import type { OutputDef, ResultDef, WithParamDef } from './types.js';

export class JsonTemplateError extends Error {}

export function resultFromJsonTemplate(text: string, namespace: string, loc: Loc): ResultDef {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new JsonTemplateError(`the JSON result template is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isObject(parsed)) throw new JsonTemplateError('the JSON result template must be an object');
  const keys = Object.keys(parsed);
  if (keys.length !== 1) throw new JsonTemplateError(`the JSON result template must have exactly one top-level key (the wrapper element); it has ${keys.length}`);
  const element = keys[0]!;
  const body = parsed[element];
  if (!isObject(body)) throw new JsonTemplateError(`the value of "${element}" in the JSON result template must be an object`);
  let rowName: string | undefined;
  let rowTemplate: Record<string, unknown> = body;
  const inner = Object.keys(body);
  if (inner.length === 1 && Array.isArray(body[inner[0]!])) {
    const arr = body[inner[0]!] as unknown[];
    if (arr.length !== 1 || !isObject(arr[0])) throw new JsonTemplateError(`the array "${inner[0]}" in the JSON result template must hold exactly one object (the row template)`);
    rowName = inner[0];
    rowTemplate = arr[0] as Record<string, unknown>;
  }
  return { element, rowName, namespace, outputType: 'json', useColumnNumbers: false, escapeNonPrintableChar: false, children: mapObject(rowTemplate, loc), loc };
}

function mapObject(obj: Record<string, unknown>, loc: Loc): OutputDef[] {
  const out: OutputDef[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('@')) {
      if (typeof value !== 'string') throw new JsonTemplateError(`the nested query "${key}" must map columns to parameters as a string ("$col->param, ...")`);
      out.push({ kind: 'call-query', href: key.slice(1), withParams: withParams(value, key, loc), loc });
    } else if (Array.isArray(value)) {
      throw new JsonTemplateError(`"${key}": arrays are allowed only directly under the wrapper of a JSON result template`);
    } else if (isObject(value)) {
      out.push({ kind: 'group', name: key, children: mapObject(value, loc), loc });
    } else if (typeof value === 'string' && value.startsWith('$')) {
      out.push(columnElement(key, value, loc));
    } else {
      throw new JsonTemplateError(`"${key}": a JSON result template value must be "$column", an object, or "@Query" mapping; got ${JSON.stringify(value)}`);
    }
  }
  return out;
}

function columnElement(name: string, spec: string, loc: Loc): OutputDef {
  const m = /^\$([^()]+)(?:\((.*)\))?$/.exec(spec.trim());
  if (!m) throw new JsonTemplateError(`"${name}": cannot read the column reference ${JSON.stringify(spec)}`);
  const options: Record<string, string> = {};
  for (const part of (m[2] ?? '').split(';')) {
    const colon = part.indexOf(':');
    if (colon > 0) options[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
  }
  const source = m[1]!.trim();
  const isParam = source.startsWith('query-param:') ? source.slice('query-param:'.length) : undefined;
  return {
    kind: 'element',
    name,
    column: isParam ? undefined : source,
    queryParam: isParam,
    xsdType: options.type ?? 'string',
    optional: options.optional === 'true',
    requiredRoles: options.requiredRoles,
    loc,
  };
}

function withParams(text: string, key: string, loc: Loc): WithParamDef[] {
  const out: WithParamDef[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*\$([^\s-]+)\s*->\s*(\S+)\s*$/.exec(part);
    if (!m) throw new JsonTemplateError(`"${key}": each mapping must read "$column->param"; got ${JSON.stringify(part.trim())}`);
    out.push({ name: m[2]!, column: m[1]!, loc });
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
