/**
 * The palette and the forms, from the engine's catalog at call time: a new
 * mediator or endpoint module appears here without touching the renderer.
 */
import { elementJsonSchema, endpointDefinitions, mediatorDefinitions } from '../../../engine/index.js';
import type { CanvasCatalog, FormSchema, PaletteItem } from '../../contract/canvas.js';
import { endpointBodySnippet, endpointCallSnippet, mediatorSnippet } from './snippets.js';

/** MI's palette groups, in MI's order. */
export const PALETTE_GROUPS: readonly { id: string; label: string }[] = [
  { id: 'core', label: 'Core' },
  { id: 'routing', label: 'Routing' },
  { id: 'transformation', label: 'Transformation' },
  { id: 'eip', label: 'EIP' },
  { id: 'qos', label: 'QoS' },
  { id: 'extension', label: 'Extension' },
  { id: 'data', label: 'Data' },
  { id: 'endpoints', label: 'Endpoints' },
];

/** Palette kind of an endpoint item: inserting it adds a call with that inline endpoint (or a member, into a group). */
export const ENDPOINT_ITEM_PREFIX = 'endpoint:';
/** The form of the `<endpoint>` element; endpoint nodes' kinds and nested endpoints refer to it. */
export const ENDPOINT_FORM = 'endpoint';
/** Kinds of endpoint nodes that are not palette items. */
const REFERENCE_KINDS = ['key', 'template'];

export function buildCatalog(): CanvasCatalog {
  const items: PaletteItem[] = [];
  const forms: Record<string, FormSchema> = {};
  for (const m of mediatorDefinitions) {
    items.push({ kind: m.kind, element: m.descriptor.element, label: m.editor.label, group: m.editor.group, help: m.editor.help, snippet: mediatorSnippet(m.kind, m.descriptor) });
    forms[m.kind] = referEndpoints(elementJsonSchema(m.descriptor, m.editor) as FormSchema, false);
  }
  for (const e of endpointDefinitions) {
    items.push({ kind: ENDPOINT_ITEM_PREFIX + e.kind, element: e.descriptor.element, label: e.editor.label, group: 'endpoints', help: e.editor.help, snippet: endpointCallSnippet(e.kind, e.descriptor) });
    forms[ENDPOINT_ITEM_PREFIX + e.kind] = { type: 'object', title: e.editor.label, description: e.editor.help, $ref: ENDPOINT_FORM };
  }
  for (const kind of REFERENCE_KINDS) forms[ENDPOINT_ITEM_PREFIX + kind] = { type: 'object', title: kind === 'key' ? 'Endpoint reference' : 'Template endpoint', $ref: ENDPOINT_FORM };
  const member = endpointDefinitions.flatMap((e) => e.descriptor.children ?? []).find((c) => c.descriptor.element === 'endpoint');
  if (member) forms[ENDPOINT_FORM] = referEndpoints(elementJsonSchema(member.descriptor) as FormSchema, true);
  const known = new Set(PALETTE_GROUPS.map((g) => g.id));
  const extra = [...new Set(items.map((i) => i.group).filter((g) => !known.has(g)))].map((id) => ({ id, label: id[0]!.toUpperCase() + id.slice(1) }));
  const groups = [...PALETTE_GROUPS, ...extra].map((g) => ({ ...g, items: items.filter((i) => i.group === g.id) })).filter((g) => g.items.length > 0);
  return { groups, forms };
}

/**
 * Replaces nested `<endpoint>` schemas by a reference to the one endpoint form.
 * The endpoint grammar is recursive (groups hold endpoints), so inlining it
 * repeats the whole tree at every call, send and group: megabytes of catalog.
 */
function referEndpoints(schema: FormSchema, isEndpoint: boolean): FormSchema {
  const props = schema.properties;
  if (!props) return schema;
  const out: Record<string, FormSchema> = {};
  for (const [name, prop] of Object.entries(props)) {
    if (name === '<endpoint>' && (isEndpoint || isEndpointSchema(prop.items ?? prop))) out[name] = prop.type === 'array' ? { type: 'array', items: { type: 'object', $ref: ENDPOINT_FORM } } : { type: 'object', $ref: ENDPOINT_FORM };
    else if (name.startsWith('<')) out[name] = prop.items ? { ...prop, items: referEndpoints(prop.items, isEndpoint) } : referEndpoints(prop, isEndpoint);
    else out[name] = prop;
  }
  return { ...schema, properties: out };
}

function isEndpointSchema(schema: FormSchema): boolean {
  return schema.properties?.key?.['x-ref-kind'] === 'endpoint';
}

/** The element of endpoint kind `endpoint:<kind>` (`<http …/>`) for inserting or changing an endpoint. */
export function endpointBodyOf(kind: string): string | undefined {
  if (!kind.startsWith(ENDPOINT_ITEM_PREFIX)) return undefined;
  const def = endpointDefinitions.find((e) => e.kind === kind.slice(ENDPOINT_ITEM_PREFIX.length));
  return def && endpointBodySnippet(def.kind, def.descriptor);
}

export function snippetOf(catalog: CanvasCatalog, kind: string): string | undefined {
  for (const g of catalog.groups) for (const i of g.items) if (i.kind === kind) return i.snippet;
  return undefined;
}
