/**
 * Enrich on a JSON payload (MI 4.x native JSON enrich): sources and targets
 * are JSON values located with JSONPath, the payload stays JSON.
 * - A property target keeps objects and arrays as JSON values and a
 *   primitive as its JSON text (so `get-property` prints `"Tom"` with
 *   quotes, as MI's JsonPrimitive does); a string property used as a source
 *   is read as JSON when it parses, else as a string.
 * - replace sets each match; child appends to an array match or merges an
 *   object source into an object match; sibling inserts after an array
 *   element or merges into the parent object; key renames each matched key
 *   in place (source must be a string); remove deletes every match of the
 *   source's comma-separated paths from the body or the property.
 */
import type { MessageContext } from '../../core/context.js';
import { MediationFault } from '../../core/errors.js';
import { parseJsonText, serializeJson } from '../../xml/json-xml.js';
import { locate, removeLocations, type JsonLocation, type LocatablePath } from './json-locate.js';
import type { EnrichPlan } from './plan.js';

export function runJsonEnrich(plan: EnrichPlan, ctx: MessageContext): void {
  const { target } = plan;
  if (target.action === 'remove') return removeFromTarget(plan, ctx);
  const value = jsonSource(plan, ctx);
  if (value === undefined) throw new MediationFault(0, 'Enrich source evaluated to nothing; nothing to enrich with');
  switch (target.type) {
    case 'body':
      return enrichBody(value, plan, ctx);
    case 'envelope':
      ctx.message.setJson(value);
      return;
    case 'property':
    case 'variable':
      return enrichStored(value, plan, ctx);
    case 'key':
    case 'custom':
      return enrichPaths(value, plan, ctx);
  }
}

/** The source as a fresh JSON value (MI reads JSON sources anew, so the payload is never aliased). */
export function jsonSource(plan: EnrichPlan, ctx: MessageContext): unknown {
  const { source } = plan;
  switch (source.type) {
    case 'body':
    case 'envelope':
      return structuredClone(ctx.message.json());
    case 'custom': {
      if (!source.expression) return undefined;
      return copy(source.expression.evaluate(ctx));
    }
    case 'property':
      return storedAsJson(ctx.getProperty('default', source.name ?? ''));
    case 'variable':
      return storedAsJson(ctx.variables.get(source.name ?? ''));
    case 'inline': {
      const text = source.inlineText ?? (source.key ? ctx.services.registryResource(source.key) : undefined);
      if (text === undefined) throw new MediationFault(0, `Enrich inline source key '${source.key}' not found`);
      return parseLenient(text.trim());
    }
  }
}

function copy(v: unknown): unknown {
  return v === undefined ? undefined : structuredClone(v);
}

function parseLenient(text: string): unknown {
  try {
    return parseJsonText(text);
  } catch {
    return text;
  }
}

function storedAsJson(v: unknown): unknown {
  if (v === undefined || v === null) return v ?? undefined;
  if (typeof v === 'string') return parseLenient(v.trim());
  if (typeof v === 'object' && (v as Node).nodeType !== undefined) throw new MediationFault(0, 'Enrich: an XML property cannot enrich a JSON payload');
  return structuredClone(v);
}

/** What a property holds after a JSON enrich: objects/arrays as values, primitives as JSON text. */
function forStorage(v: unknown): unknown {
  return v !== null && typeof v === 'object' ? v : serializeJson(v);
}

function enrichBody(value: unknown, plan: EnrichPlan, ctx: MessageContext): void {
  const action = plan.target.action;
  if (action === 'replace') return ctx.message.setJson(value);
  const body = structuredClone(ctx.message.json());
  ctx.message.setJson(addTo({ parent: undefined, key: undefined, value: body }, value, action === 'child' ? 'child' : 'sibling', body));
}

function enrichStored(value: unknown, plan: EnrichPlan, ctx: MessageContext): void {
  const name = plan.target.name ?? '';
  const isVar = plan.target.type === 'variable';
  const write = (v: unknown): void => {
    if (isVar) ctx.variables.set(name, v);
    else ctx.setProperty('default', name, forStorage(v));
  };
  if (plan.target.action === 'replace') return write(value);
  const current = storedAsJson(isVar ? ctx.variables.get(name) : ctx.getProperty('default', name));
  if (current === undefined) throw new MediationFault(0, `Enrich: ${plan.target.type} '${name}' is not set; cannot add a ${plan.target.action} to it`);
  write(addTo({ parent: undefined, key: undefined, value: current }, value, plan.target.action === 'child' ? 'child' : 'sibling', current));
}

function enrichPaths(value: unknown, plan: EnrichPlan, ctx: MessageContext): void {
  const path = plan.target.jsonPath;
  if (!path) throw new MediationFault(0, 'Enrich target needs a JSONPath to change a JSON payload');
  let root = structuredClone(ctx.message.json());
  const matches = locate(root, path);
  if (plan.target.type === 'key') {
    if (typeof value !== 'string') throw new MediationFault(0, 'Enrich key target needs a string source (the new key name)');
    for (const m of matches) renameKey(m, value);
    ctx.message.setJson(root);
    return;
  }
  for (const m of matches) {
    const v = structuredClone(value);
    if (plan.target.action === 'replace') {
      if (!m.parent) root = v;
      else (m.parent as Record<string | number, unknown>)[m.key as string] = v;
    } else root = addTo(m, v, plan.target.action === 'child' ? 'child' : 'sibling', root);
  }
  ctx.message.setJson(root);
}

/** Adds `value` as a child of the match or a sibling of it; returns the (possibly new) root. */
function addTo(m: JsonLocation, value: unknown, how: 'child' | 'sibling', root: unknown): unknown {
  if (how === 'child') {
    if (Array.isArray(m.value)) {
      m.value.push(value);
      return root;
    }
    if (isObject(m.value) && isObject(value)) {
      Object.assign(m.value, value);
      return root;
    }
    throw new MediationFault(0, 'Enrich child action needs an array target, or an object target and an object source');
  }
  if (!m.parent) {
    if (Array.isArray(root)) return [...root, value];
    return [root, value];
  }
  if (Array.isArray(m.parent)) {
    m.parent.splice((m.key as number) + 1, 0, value);
    return root;
  }
  if (isObject(value)) {
    Object.assign(m.parent, value);
    return root;
  }
  throw new MediationFault(0, 'Enrich sibling action on an object member needs an object source');
}

function renameKey(m: JsonLocation, newKey: string): void {
  if (!m.parent || Array.isArray(m.parent)) throw new MediationFault(0, 'Enrich key target must select object members');
  const parent = m.parent as Record<string, unknown>;
  const entries = Object.entries(parent).map(([k, v]) => [k === m.key ? newKey : k, v] as const);
  for (const k of Object.keys(parent)) delete parent[k];
  for (const [k, v] of entries) parent[k] = v;
}

function removeFromTarget(plan: EnrichPlan, ctx: MessageContext): void {
  const paths: LocatablePath[] = plan.source.removePaths ?? [];
  if (paths.length === 0) throw new MediationFault(0, 'Enrich remove needs a custom source listing JSONPaths to remove');
  const { type, name } = plan.target;
  let root: unknown;
  if (type === 'body' || type === 'envelope' || type === 'custom') root = structuredClone(ctx.message.json());
  else root = storedAsJson(type === 'variable' ? ctx.variables.get(name ?? '') : ctx.getProperty('default', name ?? ''));
  if (root === undefined) return;
  const all = paths.flatMap((p) => locate(root, p));
  removeLocations(all);
  if (type === 'property') ctx.setProperty('default', name ?? '', forStorage(root));
  else if (type === 'variable') ctx.variables.set(name ?? '', root);
  else ctx.message.setJson(root);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
