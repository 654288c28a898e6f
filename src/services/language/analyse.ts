/**
 * One document analysed: the engine's own compile result (tree, diagnostics,
 * references), plus what the studio needs on top: the descriptor of every
 * node, the step path of every mediator, and a JSON-safe syntax tree.
 */
import { artifactDefinitions, compileArtifactText, CompileEnvImpl, type CompiledFile, type ConfigNode, type ElementDescriptor, type IncrementalXmlParser, type MediatorNode } from '../../../engine/index.js';
import type { SyntaxNode } from '../../contract/language.js';
import { mediatorsByElement } from './grammar.js';
import { LineIndex } from './text.js';

export interface Analysis {
  uri: string;
  text: string;
  lines: LineIndex;
  compiled: CompiledFile;
  /** Descriptor of each parsed node (absent for connector operations and unknown elements). */
  descriptors: Map<ConfigNode, ElementDescriptor>;
  /** Step path of each mediator node, as the runtime names its step. */
  paths: Map<ConfigNode, string>;
}

/** Records the path the runtime gives every mediator while the artifact compiles. */
class PathRecordingEnv extends CompileEnvImpl {
  constructor(
    file: string,
    artifact: string,
    private readonly paths: Map<ConfigNode, string>,
  ) {
    super(file, artifact);
  }
  override mediators(list: readonly MediatorNode[] | undefined, path: string) {
    let index = 0;
    for (const m of list ?? []) if (m.kind !== 'comment') this.paths.set((m as { node: ConfigNode }).node, `${path}/${index++}`);
    return super.mediators(list, path);
  }
}

/**
 * Analyses one version of a document. With `xml`, the parser that read the document's previous
 * version, only what the edit changed is parsed again (that previous analysis's DOM is reused).
 */
export function analyse(uri: string, text: string, xml?: IncrementalXmlParser): Analysis {
  // One compile records the step paths too; only a tree with grammar errors (not compiled) is walked again.
  const paths = new Map<ConfigNode, string>();
  const compiled = compileArtifactText(uri, text, {
    makeEnv: (file, artifact) => new PathRecordingEnv(file, artifact, paths),
    parse: xml ? (t, file) => xml.parse(t, file) : undefined,
  });
  return analyseCompiled(uri, text, compiled, paths.size > 0 ? paths : undefined);
}

/** Same as analyse() for a file the engine has compiled already. */
export function analyseCompiled(uri: string, text: string, compiled: CompiledFile, recordedPaths?: Map<ConfigNode, string>): Analysis {
  const descriptors = new Map<ConfigNode, ElementDescriptor>();
  const paths = recordedPaths ?? new Map<ConfigNode, string>();
  const def = compiled.kind ? artifactDefinitions.find((d) => d.kind === compiled.kind) : undefined;
  if (compiled.tree && def) {
    mapDescriptors(compiled.tree, def.descriptor, descriptors);
    if (!recordedPaths) try {
      // Compiling again with a recording env gives the runtime's own step paths, even when the tree has grammar errors.
      def.compile(compiled.tree, new PathRecordingEnv(uri, `${compiled.kind}:${compiled.name ?? ''}`, paths));
    } catch {
      // A tree with errors may not compile completely; the paths found so far stay.
    }
  }
  return { uri, text, lines: new LineIndex(text), compiled, descriptors, paths };
}

function mapDescriptors(node: ConfigNode, desc: ElementDescriptor, out: Map<ConfigNode, ElementDescriptor>): void {
  out.set(node, desc);
  for (const c of node.children) {
    const cd = desc.children?.find((x) => x.descriptor.element === c.element);
    if (cd) mapDescriptors(c, cd.descriptor, out);
  }
  for (const m of node.mediators ?? []) {
    if (m.kind === 'comment' || m.kind === 'connector') continue;
    const md = mediatorsByElement().get((m as { node: ConfigNode }).node.element);
    if (md) mapDescriptors((m as { node: ConfigNode }).node, md.descriptor, out);
  }
}

/** Visits every mediator list of a tree: the owner element, the list, and each mediator node. */
export function forEachMediatorList(node: ConfigNode, visit: (owner: ConfigNode, list: readonly MediatorNode[]) => void): void {
  if (node.mediators) visit(node, node.mediators);
  for (const c of node.children) forEachMediatorList(c, visit);
  for (const m of node.mediators ?? []) if (m.kind !== 'comment') forEachMediatorList((m as { node: ConfigNode }).node, visit);
}

/** Every node of the tree (declared children and mediators), depth first. */
export function forEachNode(node: ConfigNode, visit: (n: ConfigNode, kind: string | undefined) => void, kind?: string): void {
  visit(node, kind);
  for (const c of node.children) forEachNode(c, visit);
  for (const m of node.mediators ?? []) if (m.kind !== 'comment') forEachNode((m as { node: ConfigNode }).node, visit, m.kind);
}

export function toSyntaxTree(a: Analysis): SyntaxNode | undefined {
  const tree = a.compiled.tree;
  if (!tree) return undefined;
  const convert = (n: ConfigNode, role: SyntaxNode['role'], kind?: string): SyntaxNode => {
    const out: SyntaxNode = { element: n.element, role, attrs: { ...n.attrs }, loc: { line: n.loc.line, col: n.loc.col }, children: n.children.map((c) => convert(c, a.descriptors.has(c) ? 'element' : 'connector')) };
    if (kind) out.kind = kind;
    const path = a.paths.get(n);
    if (path) out.path = path;
    if (n.text !== undefined && n.text.trim() !== '') out.text = n.text;
    if (n.mediators) {
      out.mediators = n.mediators.map((m) => (m.kind === 'comment' ? { element: '#comment', role: 'comment' as const, attrs: {}, loc: { line: m.loc.line, col: m.loc.col }, children: [], text: (m as { text: string }).text } : convert((m as { node: ConfigNode }).node, m.kind === 'connector' ? 'connector' : 'mediator', m.kind === 'connector' ? undefined : m.kind)));
    }
    return out;
  };
  return convert(tree, 'artifact', a.compiled.kind);
}
