/**
 * Turns one artifact file into a deployable artifact plus diagnostics. Pure:
 * it never touches the running engine, so validation and deployment share it.
 */
import type { ConfigDiagnostic } from '../core/errors.js';
import { parseXml, SYNAPSE_NS, lineOf, colOf, type ParsedXml } from '../xml/dom.js';
import { ParseContext, parseElement } from '../model/parse.js';
import { findMediator } from '../mediators/index.js';
import { findArtifactDefinition, type ArtifactKind, type DeployedArtifact } from '../artifacts/index.js';
import { CompileEnvImpl, type RecordedReference } from './compile-env.js';
import type { ConfigNode } from '../model/node.js';

export interface CompiledFile {
  file: string;
  kind?: ArtifactKind;
  name?: string;
  /** The parsed tree (for the studio), present when the XML was well-formed and the root known. */
  tree?: ConfigNode;
  artifact?: DeployedArtifact;
  diagnostics: ConfigDiagnostic[];
  references: RecordedReference[];
}

export const mediatorLookup = (ns: string | null, local: string) => {
  const d = findMediator(ns, local);
  return d ? { kind: d.kind, descriptor: d.descriptor } : undefined;
};

export interface CompileOptions {
  /** Supplies the compile environment (the language service records step paths with its own). */
  makeEnv?: (file: string, artifact: string) => CompileEnvImpl;
  /** Parses the text instead of parseXml (the language service re-parses only what an edit changed). */
  parse?: (text: string, file: string) => ParsedXml;
}

export function compileArtifactText(file: string, text: string, options: CompileOptions = {}): CompiledFile {
  const parsed = options.parse ? options.parse(text, file) : parseXml(text, file);
  if (!parsed.doc) return { file, diagnostics: parsed.diagnostics, references: [] };
  const root = parsed.doc.documentElement!;
  const def = findArtifactDefinition(root);
  if (!def) {
    const hint = root.namespaceURI !== SYNAPSE_NS && root.namespaceURI !== null ? ` (namespace '${root.namespaceURI ?? ''}'; expected ${SYNAPSE_NS})` : root.namespaceURI === null ? ` (missing xmlns="${SYNAPSE_NS}")` : '';
    return {
      file,
      diagnostics: [{ code: 'SYN001', severity: 'error', message: `<${root.nodeName}> is not a Synapse artifact${hint}`, file, line: lineOf(root), col: colOf(root) }],
      references: [],
    };
  }
  const pc = new ParseContext(file, mediatorLookup);
  const tree = parseElement(root, def.descriptor, pc);
  const name = def.nameOf(tree);
  const artifactId = `${def.kind === 'local-entry' ? 'local-entry' : def.kind}:${name}`;
  const env = options.makeEnv ? options.makeEnv(file, artifactId) : new CompileEnvImpl(file, artifactId);
  const diagnostics = [...pc.diagnostics];
  let artifact: DeployedArtifact | undefined;
  if (!pc.hasErrors) {
    artifact = def.compile(tree, env);
  }
  diagnostics.push(...env.diagnostics);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { file, kind: def.kind, name, tree, artifact: failed ? undefined : artifact, diagnostics, references: env.references };
}
