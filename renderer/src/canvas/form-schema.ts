/**
 * Reading a descriptor's JSON Schema (DESIGN §3) the way the forms need it:
 * attributes and child elements in field order, value-or-expression pairs,
 * references to the shared endpoint form, where a new child element goes and
 * the XML it starts as. Data only; the form components render from these.
 */
import type { FlowElement, FormSchema } from '../../../src/contract/canvas.js';

export type Forms = Record<string, FormSchema>;

/** The catalog form a `$ref` schema stands for (the endpoint grammar is recursive). */
export function resolve(schema: FormSchema | undefined, forms: Forms): FormSchema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 4; i++) s = { ...forms[s.$ref], ...withoutRef(s) } as FormSchema;
  return s;
}

function withoutRef(s: FormSchema): Partial<FormSchema> {
  const { $ref: _ref, type: _type, ...rest } = s;
  return rest;
}

/** Attribute names in the editor's field order, then the rest in descriptor order. */
export function attributeNames(schema: FormSchema | undefined): string[] {
  const props = schema?.properties ?? {};
  const order = (schema?.['x-order'] ?? []).filter((n) => props[n]);
  return [...order, ...Object.keys(props).filter((n) => !n.startsWith('<') && !order.includes(n))];
}

/** Child element properties (`<property>` → `property`) in descriptor order. */
export function childNames(schema: FormSchema | undefined): string[] {
  return Object.keys(schema?.properties ?? {})
    .filter((n) => n.startsWith('<'))
    .map((n) => n.slice(1, -1));
}

export function childSchema(schema: FormSchema | undefined, local: string): FormSchema | undefined {
  return schema?.properties?.[`<${local}>`];
}

/** Attributes of which one is written (`value` or `expression`): shown as one field with a choice. */
export function alternatives(schema: FormSchema | undefined): string[][] {
  const names = (schema?.anyOf ?? []).map((a) => a.required[0]!).filter((n) => schema?.properties?.[n]);
  return names.length > 1 ? [names] : [];
}

export function isEndpointRef(schema: FormSchema | undefined): boolean {
  const s = schema?.items ?? schema;
  return s?.$ref === 'endpoint' || s?.properties?.key?.['x-ref-kind'] === 'endpoint';
}

/** Whether the element's content is shown as an editable text (text content, or XML content such as a payload format). */
export function contentKind(schema: FormSchema | undefined): 'text' | 'xml' | undefined {
  const c = schema?.['x-content'];
  return c === 'text' || c === 'xml' ? c : undefined;
}

/** `property[1]`, under `base` (`args/`): the path the edit engine addresses a child by. */
export function childPath(base: string, local: string, index: number): string {
  return `${base}${local}[${index}]`;
}

/** The children of one name, each with its index among those of that name and its position among all. */
export function childrenNamed(children: readonly FlowElement[], local: string): { el: FlowElement; index: number; position: number }[] {
  const out: { el: FlowElement; index: number; position: number }[] = [];
  children.forEach((el, position) => {
    if (el.local === local) out.push({ el, index: out.length, position });
  });
  return out;
}

/**
 * Where a new `<local>` goes among all element children: after the last one of
 * its name, else before the first child the grammar lists after it, else last.
 */
export function insertPosition(schema: FormSchema | undefined, children: readonly FlowElement[], local: string): number {
  const same = childrenNamed(children, local);
  if (same.length) return same.at(-1)!.position + 1;
  const order = childNames(schema);
  const rank = order.indexOf(local);
  const later = children.findIndex((c) => order.indexOf(c.local) > rank);
  return later >= 0 ? later : children.length;
}

/** The XML a new child element starts as: its required attributes (one of each alternative) with placeholder values. */
export function newElementXml(local: string, schema: FormSchema | undefined): string {
  const attrs: string[] = [];
  for (const name of schema?.required ?? []) if (!name.startsWith('<')) attrs.push(`${name}="${escapeAttr(placeholder(name, schema?.properties?.[name]))}"`);
  const choice = alternatives(schema)[0];
  if (choice && !choice.some((n) => schema?.required?.includes(n))) attrs.push(`${choice[0]}=""`);
  return `<${local}${attrs.map((a) => ` ${a}`).join('')}/>`;
}

function placeholder(name: string, schema: FormSchema | undefined): string {
  if (schema?.default !== undefined) return schema.default;
  if (schema?.enum?.length) return schema.enum[0]!;
  if (schema?.pattern?.includes('true|false')) return 'false';
  if (schema?.pattern?.includes('\\d')) return '0';
  if (name === 'regex') return '.*';
  return name;
}

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/**
 * Whether `xml` is well-formed element content. Prefixes may be declared on
 * ancestors in the document, so each used prefix is declared on the wrapper;
 * the edit engine checks the result again with the real scope.
 */
export function xmlContentProblem(xml: string): string | undefined {
  const prefixes = new Set<string>();
  for (const m of xml.matchAll(/<\/?([A-Za-z_][\w.-]*):/g)) prefixes.add(m[1]!);
  for (const m of xml.matchAll(/\s([A-Za-z_][\w.-]*):[\w.-]+\s*=/g)) if (m[1] !== 'xmlns' && m[1] !== 'xml') prefixes.add(m[1]!);
  const declarations = [...prefixes].map((p) => ` xmlns:${p}="urn:mediate:${p}"`).join('');
  const doc = new DOMParser().parseFromString(`<x${declarations}>${xml}</x>`, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (!error) return undefined;
  const detail = (error.textContent ?? '').replace(/\s+/g, ' ').replace(/^.*?error on line \d+ at column \d+: /i, '').trim();
  return `not well-formed XML${detail ? `: ${detail}` : ''}`;
}
