/**
 * The set of deployed artifacts and how it changes: a batch of files is
 * compiled, references are checked against the whole configuration, and only
 * artifacts without errors replace what was there. A file that becomes broken
 * leaves its previous good version deployed.
 */
import type { ConfigDiagnostic } from '../core/errors.js';
import type { DeployedArtifact } from '../artifacts/index.js';
import type { RefKind } from '../model/descriptor.js';
import { compileArtifactText, type CompiledFile } from './compiler.js';

export interface SourceFile {
  file: string;
  text: string;
}

export interface DeployResult {
  deployed: { file: string; kind: string; name: string }[];
  failed: { file: string; diagnostics: ConfigDiagnostic[] }[];
  /** Warnings of files that deployed. */
  warnings: ConfigDiagnostic[];
}

const BUILT_IN_SEQUENCES = new Set(['main', 'fault']);

export class Deployment {
  /** kind:name -> artifact */
  private readonly byKey = new Map<string, { file: string; artifact: DeployedArtifact }>();
  private readonly fileToKey = new Map<string, string>();
  /** kind -> name -> artifact: what requests look up (no key string built per lookup). */
  private readonly byKind = new Map<string, Map<string, DeployedArtifact>>();
  /** Last compile result per file, including failures (the studio shows them). */
  readonly lastResults = new Map<string, CompiledFile>();

  constructor(
    private readonly registryHas: (key: string) => boolean,
    /** Definitions that live outside artifacts (datasources of deployment.toml). */
    private readonly externalHas?: (kind: string, name: string) => boolean,
  ) {}

  get(kind: string, name: string): DeployedArtifact | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  all(): DeployedArtifact[] {
    return [...this.byKey.values()].map((v) => v.artifact);
  }

  files(): string[] {
    return [...this.fileToKey.keys()];
  }

  /** Compiles and deploys a batch (a whole project, or the files a save changed). */
  apply(files: SourceFile[]): DeployResult {
    const compiled = files.map((f) => compileArtifactText(f.file, f.text));
    for (const c of compiled) this.lastResults.set(c.file, c);
    const result: DeployResult = { deployed: [], failed: [], warnings: [] };
    const batchKeys = new Map<string, string>();
    // Duplicate names inside the batch, or against another file already deployed.
    for (const c of compiled) {
      if (!c.kind || c.name === undefined) continue;
      const key = `${c.kind}:${c.name}`;
      const otherInBatch = batchKeys.get(key);
      const deployedOwner = this.byKey.get(key)?.file;
      const otherFile = otherInBatch ?? (deployedOwner !== undefined && deployedOwner !== c.file && files.every((f) => f.file !== deployedOwner) ? deployedOwner : undefined);
      if (otherFile !== undefined) {
        c.diagnostics.push({ code: 'SYN014', severity: 'error', message: `duplicate ${c.kind} name '${c.name}' (also defined in ${otherFile})`, file: c.file, line: c.tree?.loc.line ?? 1, col: c.tree?.loc.col ?? 1 });
        c.artifact = undefined;
      } else batchKeys.set(key, c.file);
    }
    const known = (kind: RefKind, name: string): boolean => {
      const fromBatch = (k: string) => compiled.some((c) => c.kind && c.name === name && c.kind === k);
      switch (kind) {
        case 'sequence':
          return BUILT_IN_SEQUENCES.has(name) || this.byKey.has(`sequence:${name}`) || fromBatch('sequence') || this.localEntryHas(name, 'sequence', compiled);
        case 'endpoint':
          return this.byKey.has(`endpoint:${name}`) || fromBatch('endpoint') || this.localEntryHas(name, 'endpoint', compiled);
        case 'template':
          return this.byKey.has(`template:${name}`) || fromBatch('template');
        case 'local-entry':
          return this.byKey.has(`local-entry:${name}`) || fromBatch('local-entry');
        case 'message-store':
          return this.byKey.has(`message-store:${name}`) || fromBatch('message-store');
        case 'data-source':
          return this.byKey.has(`data-source:${name}`) || fromBatch('data-source') || (this.externalHas?.('data-source', name) ?? false);
        case 'registry':
          return this.byKey.has(`local-entry:${name}`) || fromBatch('local-entry') || this.registryHas(name);
        default:
          return true;
      }
    };
    const targetValue = (kind: RefKind, name: string): unknown => {
      const fromBatch = compiled.find((c) => c.kind === kind && c.name === name && c.artifact)?.artifact;
      return (fromBatch ?? this.get(kind, name))?.value;
    };
    for (const c of compiled) {
      for (const r of c.references) {
        if (!known(r.kind, r.name) && r.ifMissing !== undefined) {
          c.diagnostics.push({ code: 'SYN008', severity: 'warning', message: `${r.kind} '${r.name}' is not defined in this project: ${r.ifMissing}`, file: c.file, line: r.at.line, col: r.at.col });
          continue;
        }
        if (!known(r.kind, r.name)) {
          c.diagnostics.push({ code: 'SYN008', severity: 'error', message: `${r.kind} '${r.name}' is not defined in this project`, file: c.file, line: r.at.line, col: r.at.col });
          c.artifact = undefined;
          continue;
        }
        const target = r.check ? targetValue(r.kind, r.name) : undefined;
        const problem = target !== undefined ? r.check!(target) : undefined;
        if (problem) {
          c.diagnostics.push({ code: 'SYN015', severity: 'error', message: problem, file: c.file, line: r.at.line, col: r.at.col });
          c.artifact = undefined;
        }
      }
    }
    for (const c of compiled) {
      const errors = c.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || !c.artifact) {
        result.failed.push({ file: c.file, diagnostics: c.diagnostics });
        continue;
      }
      this.install(c.file, c.artifact);
      result.deployed.push({ file: c.file, kind: c.artifact.kind, name: c.artifact.name });
      result.warnings.push(...c.diagnostics);
    }
    return result;
  }

  private localEntryHas(name: string, what: 'sequence' | 'endpoint', batch: CompiledFile[]): boolean {
    const deployed = this.byKey.get(`local-entry:${name}`)?.artifact;
    if (deployed && deployed.kind === 'local-entry' && deployed[what]) return true;
    return batch.some((c) => c.kind === 'local-entry' && c.name === name);
  }

  private install(file: string, artifact: DeployedArtifact): void {
    const key = `${artifact.kind}:${artifact.name}`;
    const previousKey = this.fileToKey.get(file);
    if (previousKey && previousKey !== key) this.unindex(previousKey);
    this.byKey.set(key, { file, artifact });
    this.fileToKey.set(file, key);
    let named = this.byKind.get(artifact.kind);
    if (!named) this.byKind.set(artifact.kind, (named = new Map()));
    named.set(artifact.name, artifact);
  }

  /** Undeploys whatever `file` deployed. */
  remove(file: string): DeployedArtifact | undefined {
    const key = this.fileToKey.get(file);
    this.lastResults.delete(file);
    if (!key) return undefined;
    const a = this.unindex(key);
    this.fileToKey.delete(file);
    return a;
  }

  private unindex(key: string): DeployedArtifact | undefined {
    const a = this.byKey.get(key)?.artifact;
    this.byKey.delete(key);
    if (a) this.byKind.get(a.kind)?.delete(a.name);
    return a;
  }
}
