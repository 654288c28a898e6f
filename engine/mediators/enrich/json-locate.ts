/**
 * Locating JSONPath matches so they can be changed in place: each match is
 * its parent container and the key/index it sits under (the root has no
 * parent). Paths are Jayway-style (a path without `$` is relative to `$`).
 */
import { JSONPath } from 'jsonpath-plus';
import { checkJsonPath } from '../../expr/jsonpath/syntax.js';
import { ExpressionSyntaxError } from '../../expr/types.js';
import { MediationFault } from '../../core/errors.js';

export interface JsonLocation {
  /** The container holding the match; undefined for the root. */
  parent: Record<string, unknown> | unknown[] | undefined;
  key: string | number | undefined;
  value: unknown;
}

/** A checked JSONPath ready for locating. */
export interface LocatablePath {
  source: string;
  path: string;
}

/** Throws ExpressionSyntaxError for a malformed path. */
export function locatablePath(source: string): LocatablePath {
  const checked = checkJsonPath(source);
  if (checked.fn) throw new ExpressionSyntaxError(`a path function (.${checked.fn}()) cannot name a location to change`, source.length);
  return { source, path: checked.path };
}

export function locate(root: unknown, p: LocatablePath): JsonLocation[] {
  if (p.path === '$') return [{ parent: undefined, key: undefined, value: root }];
  if (root === null || typeof root !== 'object') return [];
  let found: Array<{ value: unknown; parent: unknown; parentProperty: string | number }>;
  try {
    found = JSONPath({ path: p.path, json: root as object, wrap: true, resultType: 'all' }) as typeof found;
  } catch (e) {
    throw new MediationFault(0, `Error evaluating JSON Path <${p.source}>: ${e instanceof Error ? e.message : String(e)}`);
  }
  return found.map((f) => ({
    parent: f.parent === null || f.parent === undefined ? undefined : (f.parent as Record<string, unknown> | unknown[]),
    key: f.parent === null || f.parent === undefined ? undefined : Array.isArray(f.parent) ? Number(f.parentProperty) : String(f.parentProperty),
    value: f.value,
  }));
}

/** Splits `json-eval(a,b)` contents on top-level commas (MI's remove takes a list of paths). */
export function splitPathList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s !== '');
}

/**
 * A `${payload.a.b[0]}` / `${$.a}` Synapse expression written as a plain
 * path, converted to JSONPath; undefined when it is not a plain payload path.
 */
export function synapsePathToJsonPath(source: string): string | undefined {
  const t = source.trim();
  if (!t.startsWith('${') || !t.endsWith('}')) return undefined;
  const inner = t.slice(2, -1).trim();
  const m = /^(payload|\$)((?:\.[A-Za-z_][\w-]*|\[(?:\d+|\*|'[^']*'|"[^"]*")\]|\.\*)*)$/.exec(inner);
  if (!m) return undefined;
  return `$${m[2]}`;
}

/** Removes the located values; array elements are removed from the end so indexes stay valid. */
export function removeLocations(locations: JsonLocation[]): void {
  const byArray = new Map<unknown[], number[]>();
  for (const l of locations) {
    if (!l.parent) continue;
    if (Array.isArray(l.parent)) {
      const list = byArray.get(l.parent) ?? [];
      list.push(l.key as number);
      byArray.set(l.parent, list);
    } else delete l.parent[l.key as string];
  }
  for (const [arr, idx] of byArray) for (const i of [...new Set(idx)].sort((x, y) => y - x)) arr.splice(i, 1);
}
