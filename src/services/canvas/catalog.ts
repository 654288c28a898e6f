/**
 * The palette and the forms, from the engine's catalog at call time: a new
 * mediator or endpoint module appears here without touching the renderer.
 */
import { elementJsonSchema, endpointDefinitions, mediatorDefinitions } from '../../../engine/index.js';
import type { CanvasCatalog, FormSchema, PaletteItem } from '../../contract/canvas.js';
import { endpointCallSnippet, mediatorSnippet } from './snippets.js';

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

/** Palette kind of an endpoint item: inserting it adds a call with that inline endpoint. */
export const ENDPOINT_ITEM_PREFIX = 'endpoint:';

export function buildCatalog(): CanvasCatalog {
  const items: PaletteItem[] = [];
  const forms: Record<string, FormSchema> = {};
  for (const m of mediatorDefinitions) {
    items.push({ kind: m.kind, element: m.descriptor.element, label: m.editor.label, group: m.editor.group, help: m.editor.help, snippet: mediatorSnippet(m.kind, m.descriptor) });
    forms[m.kind] = elementJsonSchema(m.descriptor, m.editor) as FormSchema;
  }
  for (const e of endpointDefinitions) {
    items.push({ kind: ENDPOINT_ITEM_PREFIX + e.kind, element: e.descriptor.element, label: e.editor.label, group: 'endpoints', help: e.editor.help, snippet: endpointCallSnippet(e.kind, e.descriptor) });
    forms[ENDPOINT_ITEM_PREFIX + e.kind] = elementJsonSchema(e.descriptor, e.editor) as FormSchema;
  }
  const known = new Set(PALETTE_GROUPS.map((g) => g.id));
  const extra = [...new Set(items.map((i) => i.group).filter((g) => !known.has(g)))].map((id) => ({ id, label: id[0]!.toUpperCase() + id.slice(1) }));
  const groups = [...PALETTE_GROUPS, ...extra].map((g) => ({ ...g, items: items.filter((i) => i.group === g.id) })).filter((g) => g.items.length > 0);
  return { groups, forms };
}

export function snippetOf(catalog: CanvasCatalog, kind: string): string | undefined {
  for (const g of catalog.groups) for (const i of g.items) if (i.kind === kind) return i.snippet;
  return undefined;
}
