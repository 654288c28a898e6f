/**
 * Descriptors: the data that defines an element's grammar once (DESIGN §3).
 * Parser, serializer, validator, JSON Schema and XSD are all derived from them.
 */

export type AttrType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  /** An expression in one of the three languages (XPath, json-eval, `${}`). */
  | 'expression'
  /** A literal or one whole `{xpath}` / `${...}` expression (Synapse "Value"). */
  | 'value'
  /** A name that refers to another artifact (sequence, endpoint, ...); may be `{dynamic}`. */
  | 'key';

export type RefKind = 'sequence' | 'endpoint' | 'template' | 'local-entry' | 'message-store' | 'data-source' | 'registry' | 'any';

export interface AttrDescriptor {
  name: string;
  type: AttrType;
  required?: boolean;
  values?: readonly string[]; // for enum
  /** Enum values compared case-insensitively (MI accepts `GET`/`get`). */
  caseInsensitive?: boolean;
  default?: string;
  refKind?: RefKind;
  help?: string;
}

/** What an element holds between its tags. */
export type Content =
  | 'empty'
  /** Mediators, in order (sequence bodies, then/else, inSequence ...). */
  | 'mediators'
  | 'text'
  /** Arbitrary XML and text, kept as written (payloadFactory format, inline policies, localEntry). */
  | 'xml'
  /** Only the declared child elements. */
  | 'elements';

export interface ChildDescriptor {
  descriptor: ElementDescriptor;
  required?: boolean;
  multiple?: boolean;
}

export interface ElementDescriptor {
  element: string;
  /** Namespace; undefined = the Synapse namespace. `null` = no namespace (e.g. data services). */
  ns?: string | null;
  attributes: readonly AttrDescriptor[];
  content: Content;
  children?: readonly ChildDescriptor[];
  /** Sets of attributes of which exactly/at least one must be present. */
  oneOf?: readonly (readonly string[])[];
  /** Attribute names that the runtime tolerates though we do not model them (kept on round trip). */
  help?: string;
}

export type PaletteGroup = 'core' | 'routing' | 'transformation' | 'eip' | 'qos' | 'extension' | 'data' | 'endpoints' | 'connectors';

export interface EditorMetadata {
  label: string;
  group: PaletteGroup;
  icon?: string;
  help: string;
  fieldOrder?: readonly string[];
}

// Small builders keep descriptors terse and uniform.
export const a = {
  str: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'string', ...extra }),
  int: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'integer', ...extra }),
  num: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'number', ...extra }),
  bool: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'boolean', ...extra }),
  enum: (name: string, values: readonly string[], extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'enum', values, ...extra }),
  expr: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'expression', ...extra }),
  value: (name: string, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'value', ...extra }),
  key: (name: string, refKind: RefKind, extra: Partial<AttrDescriptor> = {}): AttrDescriptor => ({ name, type: 'key', refKind, ...extra }),
  description: (): AttrDescriptor => ({ name: 'description', type: 'string', help: 'Free text shown in the diagram.' }),
};

export function el(element: string, attributes: readonly AttrDescriptor[], content: Content, children?: readonly ChildDescriptor[], extra: Partial<ElementDescriptor> = {}): ElementDescriptor {
  return { element, attributes, content, children, ...extra };
}

export function child(descriptor: ElementDescriptor, opts: { required?: boolean; multiple?: boolean } = {}): ChildDescriptor {
  return { descriptor, ...opts };
}
