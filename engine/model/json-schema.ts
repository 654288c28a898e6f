/**
 * JSON Schema (draft-07) of an element, derived from its descriptor: the
 * studio's forms render from it (DESIGN §3). Attribute values are strings in
 * XML, so enums and patterns constrain strings; expression-valued attributes
 * carry `x-expression: true` so the form shows an expression editor.
 */
import type { AttrDescriptor, ElementDescriptor, EditorMetadata } from './descriptor.js';

export interface JsonSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type: 'object' | 'string' | 'array';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: readonly string[];
  pattern?: string;
  default?: string;
  items?: JsonSchema;
  anyOf?: { required: string[] }[];
  additionalProperties?: boolean;
  'x-expression'?: boolean;
  'x-ref-kind'?: string;
  'x-content'?: string;
  'x-order'?: readonly string[];
}

const PATTERNS: Partial<Record<AttrDescriptor['type'], string>> = {
  integer: '^\\s*-?\\d+\\s*$',
  number: '^\\s*-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$',
  boolean: '^(true|false|TRUE|FALSE|True|False)$',
};

function attrSchema(a: AttrDescriptor): JsonSchema {
  const s: JsonSchema = { type: 'string' };
  if (a.help) s.description = a.help;
  if (a.default !== undefined) s.default = a.default;
  if (a.type === 'enum' && a.values && !a.caseInsensitive) s.enum = a.values;
  const p = PATTERNS[a.type];
  if (p) s.pattern = p;
  if (a.type === 'expression' || a.type === 'value') s['x-expression'] = true;
  if (a.type === 'key' && a.refKind) s['x-ref-kind'] = a.refKind;
  return s;
}

export function elementJsonSchema(desc: ElementDescriptor, editor?: EditorMetadata): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const a of desc.attributes) properties[a.name] = attrSchema(a);
  for (const c of desc.children ?? []) {
    const child = elementJsonSchema(c.descriptor);
    properties[`<${c.descriptor.element}>`] = c.multiple ? { type: 'array', items: child } : child;
  }
  const required = [...desc.attributes.filter((a) => a.required).map((a) => a.name), ...(desc.children ?? []).filter((c) => c.required).map((c) => `<${c.descriptor.element}>`)];
  const schema: JsonSchema = { type: 'object', title: editor?.label ?? desc.element, properties, additionalProperties: true, 'x-content': desc.content };
  if (editor?.help ?? desc.help) schema.description = editor?.help ?? desc.help;
  if (required.length) schema.required = required;
  if (desc.oneOf?.length) schema.anyOf = desc.oneOf.flatMap((group) => group.map((name) => ({ required: [name] })));
  if (editor?.fieldOrder) schema['x-order'] = editor.fieldOrder;
  return schema;
}
