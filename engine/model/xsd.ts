/**
 * XSD (1.0) export of the grammar, derived from descriptors like the parser
 * and the JSON Schema are (DESIGN §3), so that any XML tool can check an
 * artifact: `xmllint --schema synapse.xsd file.xml`.
 *
 * Shape of the set:
 * - one schema document per namespace; `synapse.xsd` (the Synapse namespace)
 *   is the entry and imports the others (e.g. `no-namespace.xsd`, data services);
 * - global elements: the artifact roots and every mediator of the catalog;
 * - one named complexType per descriptor (descriptors may be recursive, e.g.
 *   failover members are endpoints).
 *
 * What XSD 1.0 cannot say, and how it is approximated (the language service
 * checks these exactly):
 * - Connector operations (`<salesforce.query>`) are elements of the Synapse
 *   namespace whose names no schema can list in advance. Mediator lists are
 *   therefore `xs:any namespace="##any" processContents="lax"`: an element
 *   with a global declaration (every mediator) is validated against it, any
 *   other element is accepted. So a misspelt mediator is not an XSD error
 *   (the parser reports it as SYN002). Declared children of a mediator list
 *   (e.g. `<target>` beside mediators) are covered by the same wildcard.
 * - A name that is both an artifact root and a mediator (`<sequence>`) gets
 *   one global declaration that accepts both forms.
 * - An artifact root the runtime reads in any namespace (`ns: null`) is
 *   declared without a namespace and in the Synapse namespace.
 * - `oneOf` attribute groups are not expressed; all of them are optional.
 * - Children may come in any order (as the parser accepts them); when one of
 *   them may repeat, required/once-only counts are not expressed.
 * - Elements whose content is kept as written ('xml') accept any attributes:
 *   their descriptor names only the attributes the runtime reads.
 * - Children in a namespace other than their parent's are accepted by a
 *   wildcard of that namespace.
 */
import { SYNAPSE_NS } from '../xml/dom.js';
import type { AttrDescriptor, Content, ElementDescriptor } from './descriptor.js';

export interface XsdSource {
  descriptor: ElementDescriptor;
  /** Documentation placed on the global element (editor help). */
  help?: string;
}

export interface XsdGrammar {
  /** Top-level artifact roots. */
  artifacts: readonly XsdSource[];
  /** Mediators: global elements, matched by the lax wildcard of mediator lists. */
  mediators: readonly XsdSource[];
}

export interface XsdFile {
  /** File name inside the exported folder; `synapse.xsd` is the entry. */
  name: string;
  text: string;
}

export const XSD_ENTRY = 'synapse.xsd';
const NO_NAMESPACE_FILE = 'no-namespace.xsd';

const CONTENT_BREADTH: Record<Content, number> = { empty: 0, text: 1, elements: 2, mediators: 3, xml: 4 };

const TYPE_PATTERNS: Partial<Record<AttrDescriptor['type'], string>> = {
  integer: '\\s*-?\\d+\\s*',
  number: '\\s*-?(\\d+\\.?\\d*|\\.\\d+)([eE][\\-+]?\\d+)?\\s*',
  boolean: '\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*',
};

function nsOf(d: ElementDescriptor): string | null {
  return d.ns === undefined ? SYNAPSE_NS : d.ns;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A pattern matching `value` in any letter case (XSD patterns have no flags). */
function caseInsensitivePattern(value: string): string {
  return [...value].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch.replace(/[\\.\-^$?*+{}()|[\]]/g, '\\$&'))).join('');
}

/** One global declaration for descriptors that share a name (e.g. sequence artifact + sequence mediator). */
export function mergeDescriptors(list: readonly ElementDescriptor[]): ElementDescriptor {
  if (list.length === 1) return list[0]!;
  const attrs = new Map<string, AttrDescriptor>();
  for (const d of list) {
    for (const at of d.attributes) {
      const prev = attrs.get(at.name);
      if (!prev) attrs.set(at.name, { ...at });
      else if (prev.type !== at.type || prev.caseInsensitive !== at.caseInsensitive) attrs.set(at.name, { name: at.name, type: 'string', help: prev.help ?? at.help });
      else if (at.type === 'enum') prev.values = [...new Set([...(prev.values ?? []), ...(at.values ?? [])])];
    }
  }
  // An attribute is required in the merge only when every form requires it.
  for (const at of attrs.values()) if (!list.every((d) => d.attributes.some((x) => x.name === at.name && x.required))) at.required = false;
  const content = list.map((d) => d.content).reduce((x, y) => (CONTENT_BREADTH[y] > CONTENT_BREADTH[x] ? y : x));
  const children = list.flatMap((d) => d.children ?? []).map((c) => ({ ...c, required: false }));
  const unique = children.filter((c, i) => children.findIndex((o) => o.descriptor.element === c.descriptor.element) === i);
  return { element: list[0]!.element, ns: list[0]!.ns, attributes: [...attrs.values()], content, children: unique, help: list.map((d) => d.help).find(Boolean) };
}

class SchemaWriter {
  private readonly typeNames = new Map<ElementDescriptor, string>();
  private readonly usedNames = new Set<string>();
  /** Type definitions per namespace document. */
  private readonly types = new Map<string | null, string[]>();
  private readonly globals = new Map<string | null, string[]>();

  typeName(d: ElementDescriptor): string {
    const known = this.typeNames.get(d);
    if (known) return known;
    const base = `${d.element.replace(/[^A-Za-z0-9_.-]/g, '_')}Type`;
    let name = base;
    for (let i = 2; this.usedNames.has(`${nsOf(d) ?? ''}|${name}`); i++) name = `${base}${i}`;
    this.usedNames.add(`${nsOf(d) ?? ''}|${name}`);
    this.typeNames.set(d, name);
    // Registered before the body is written, so recursive grammars terminate.
    const body = this.complexType(d, name);
    this.push(this.types, nsOf(d), body);
    return name;
  }

  global(d: ElementDescriptor, help?: string): void {
    const type = this.typeName(d);
    const doc = help ?? d.help;
    const annotation = doc ? `\n    <xs:annotation><xs:documentation>${escapeXml(doc)}</xs:documentation></xs:annotation>\n  ` : '';
    this.push(this.globals, nsOf(d), `  <xs:element name="${d.element}" type="${this.qualify(type, nsOf(d))}">${annotation}</xs:element>`);
  }

  namespaces(): (string | null)[] {
    return [...new Set([...this.types.keys(), ...this.globals.keys()])];
  }

  document(ns: string | null, imports: readonly { ns: string | null; file: string }[]): string {
    const head = ns === null ? `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:mediate:no-namespace-types" elementFormDefault="unqualified">` : `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="${escapeXml(ns)}" targetNamespace="${escapeXml(ns)}" elementFormDefault="qualified">`;
    const importLines = imports.map((i) => (i.ns === null ? `  <xs:import schemaLocation="${i.file}"/>` : `  <xs:import namespace="${escapeXml(i.ns)}" schemaLocation="${i.file}"/>`));
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!-- Generated by `mediate schema` from the descriptors of the Mediate engine. Do not edit. -->',
      head,
      ...importLines,
      ...(this.globals.get(ns) ?? []),
      ...(this.types.get(ns) ?? []),
      '</xs:schema>',
      '',
    ].join('\n');
  }

  private qualify(type: string, ns: string | null): string {
    // No-namespace types are referenced unprefixed from their own (no-namespace) document.
    return ns === null ? type : `t:${type}`;
  }

  private push(map: Map<string | null, string[]>, ns: string | null, text: string): void {
    const list = map.get(ns) ?? [];
    list.push(text);
    map.set(ns, list);
  }

  private complexType(d: ElementDescriptor, name: string): string {
    const ns = nsOf(d);
    const attrs = this.attributes(d);
    const lines: string[] = [];
    switch (d.content) {
      case 'xml':
        lines.push(`  <xs:complexType name="${name}" mixed="true">`, '    <xs:sequence><xs:any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>', ...attrs, '    <xs:anyAttribute processContents="skip"/>', '  </xs:complexType>');
        break;
      case 'mediators':
        lines.push(`  <xs:complexType name="${name}">`, '    <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>', ...attrs, '  </xs:complexType>');
        break;
      case 'text':
        if (!d.children?.length) {
          lines.push(`  <xs:complexType name="${name}">`, '    <xs:simpleContent><xs:extension base="xs:string">', ...attrs.map((l) => `  ${l}`), '    </xs:extension></xs:simpleContent>', '  </xs:complexType>');
        } else lines.push(`  <xs:complexType name="${name}" mixed="true">`, ...this.childModel(d, ns), ...attrs, '  </xs:complexType>');
        break;
      case 'empty':
      case 'elements':
        lines.push(`  <xs:complexType name="${name}">`, ...(d.children?.length ? this.childModel(d, ns) : []), ...attrs, '  </xs:complexType>');
        break;
    }
    return lines.join('\n');
  }

  /** Children in any order: xs:all when none repeats, else an unbounded choice. */
  private childModel(d: ElementDescriptor, ns: string | null): string[] {
    const children = (d.children ?? []).filter((c, i, all) => all.findIndex((o) => o.descriptor.element === c.descriptor.element && nsOf(o.descriptor) === nsOf(c.descriptor)) === i);
    const repeats = children.some((c) => c.multiple);
    const foreign = children.filter((c) => nsOf(c.descriptor) !== ns);
    const local = children.filter((c) => nsOf(c.descriptor) === ns);
    const decl = (c: (typeof children)[number], counts: string) => {
      const type = this.typeName(c.descriptor);
      return `      <xs:element name="${c.descriptor.element}" type="${this.qualify(type, ns)}"${counts}/>`;
    };
    const wildcards = [...new Set(foreign.map((c) => nsOf(c.descriptor)))].map((fns) => `      <xs:any namespace="${fns === null ? '##local' : escapeXml(fns)}" processContents="lax"/>`);
    if (!repeats && wildcards.length === 0) {
      return ['    <xs:all>', ...local.map((c) => decl(c, c.required ? '' : ' minOccurs="0"')), '    </xs:all>'];
    }
    return ['    <xs:choice minOccurs="0" maxOccurs="unbounded">', ...local.map((c) => decl(c, '')), ...wildcards, '    </xs:choice>'];
  }

  private attributes(d: ElementDescriptor): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const at of d.attributes) {
      if (seen.has(at.name) || at.name.includes(':')) continue;
      seen.add(at.name);
      const use = at.required ? ' use="required"' : '';
      const doc = at.help ? `<xs:annotation><xs:documentation>${escapeXml(at.help)}</xs:documentation></xs:annotation>` : '';
      const simple = this.simpleType(at);
      if (!simple) out.push(`    <xs:attribute name="${at.name}" type="xs:string"${use}>${doc}</xs:attribute>`);
      else out.push(`    <xs:attribute name="${at.name}"${use}>${doc}<xs:simpleType><xs:restriction base="xs:string">${simple}</xs:restriction></xs:simpleType></xs:attribute>`);
    }
    // Qualified attributes of other vocabularies (xsi:, wsp: ...) are tolerated, as MI does.
    if (d.content !== 'xml') out.push('    <xs:anyAttribute namespace="##other" processContents="lax"/>');
    return out;
  }

  private simpleType(at: AttrDescriptor): string | undefined {
    if (at.type === 'enum' && at.values?.length) {
      if (at.caseInsensitive) return `<xs:pattern value="${escapeXml(at.values.map(caseInsensitivePattern).join('|'))}"/>`;
      return at.values.map((v) => `<xs:enumeration value="${escapeXml(v)}"/>`).join('');
    }
    const p = TYPE_PATTERNS[at.type];
    return p ? `<xs:pattern value="${escapeXml(p)}"/>` : undefined;
  }
}

/** The XSD set of a grammar; the first file is the entry (`synapse.xsd`). */
export function buildXsdSet(grammar: XsdGrammar): XsdFile[] {
  const writer = new SchemaWriter();
  const byName = new Map<string, { descriptors: ElementDescriptor[]; help?: string }>();
  // An artifact root read in any namespace (ns: null, e.g. <inboundEndpoint>) is declared without a
  // namespace and, as MI writes it, in the Synapse namespace too.
  const anyNamespaceRoots = grammar.artifacts.filter((s) => s.descriptor.ns === null).map((s) => ({ ...s, descriptor: { ...s.descriptor, ns: undefined } }));
  for (const s of [...grammar.artifacts, ...anyNamespaceRoots, ...grammar.mediators]) {
    const key = `${nsOf(s.descriptor) ?? ''}|${s.descriptor.element}`;
    const entry = byName.get(key) ?? { descriptors: [] };
    if (!entry.descriptors.includes(s.descriptor)) entry.descriptors.push(s.descriptor);
    entry.help ??= s.help;
    byName.set(key, entry);
  }
  for (const { descriptors, help } of byName.values()) writer.global(mergeDescriptors(descriptors), help);
  const others = writer.namespaces().filter((ns) => ns !== SYNAPSE_NS);
  const fileOf = (ns: string | null, i: number) => (ns === null ? NO_NAMESPACE_FILE : `namespace-${i + 1}.xsd`);
  const otherFiles = others.map((ns, i) => ({ ns, file: fileOf(ns, i) }));
  return [{ name: XSD_ENTRY, text: writer.document(SYNAPSE_NS, otherFiles) }, ...otherFiles.map((o) => ({ name: o.file, text: writer.document(o.ns, []) }))];
}
