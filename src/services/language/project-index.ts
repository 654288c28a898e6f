/**
 * What the language service knows about the whole project: every artifact by
 * kind and name (open documents replace their file on disk), API contexts,
 * and property names set anywhere (for completion).
 */
import type { RefKind } from '../../../engine/index.js';
import type { Analysis } from './analyse.js';
import { forEachNode } from './analyse.js';

export interface ArtifactEntry {
  uri: string;
  kind: string;
  name: string;
  line: number;
  col: number;
  analysis: Analysis;
}

export interface PropertyName {
  name: string;
  scope: string;
}

const BUILT_IN_SEQUENCES = ['main', 'fault'];

export class ProjectIndex {
  readonly artifacts: ArtifactEntry[] = [];
  private readonly byKey = new Map<string, ArtifactEntry[]>();

  constructor(
    readonly documents: readonly Analysis[],
    private readonly registryHas: (key: string) => boolean = () => false,
  ) {
    for (const a of documents) {
      const c = a.compiled;
      if (!c.kind || c.name === undefined || !c.tree) continue;
      const entry: ArtifactEntry = { uri: a.uri, kind: c.kind, name: c.name, line: c.tree.loc.line, col: c.tree.loc.col, analysis: a };
      this.artifacts.push(entry);
      const key = `${c.kind}:${c.name}`;
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), entry]);
    }
  }

  named(kind: string, name: string): ArtifactEntry[] {
    return this.byKey.get(`${kind}:${name}`) ?? [];
  }

  /** Names a reference of `kind` may use (what deployment accepts), for completion. */
  namesFor(kind: RefKind): string[] {
    const of = (k: string) => this.artifacts.filter((e) => e.kind === k).map((e) => e.name);
    switch (kind) {
      case 'sequence':
        return [...new Set([...of('sequence'), ...of('local-entry'), ...BUILT_IN_SEQUENCES])];
      case 'endpoint':
        return [...new Set([...of('endpoint'), ...of('local-entry')])];
      case 'template':
        return of('template');
      case 'local-entry':
      case 'registry':
        return of('local-entry');
      case 'message-store':
        return of('message-store');
      default:
        return [...new Set(this.artifacts.map((e) => e.name))];
    }
  }

  /** Whether a reference resolves, by the same rules as deployment. */
  resolves(kind: RefKind, name: string): boolean {
    switch (kind) {
      case 'sequence':
        return BUILT_IN_SEQUENCES.includes(name) || this.named('sequence', name).length > 0 || this.named('local-entry', name).length > 0;
      case 'endpoint':
        return this.named('endpoint', name).length > 0 || this.named('local-entry', name).length > 0;
      case 'template':
      case 'local-entry':
      case 'message-store':
        return this.named(kind, name).length > 0;
      case 'registry':
        return this.named('local-entry', name).length > 0 || this.registryHas(name);
      default:
        return true;
    }
  }

  /** The compiled value a reference points to (for the engine's own reference checks). */
  targetValue(kind: RefKind, name: string): unknown {
    return this.named(kind, name).find((e) => e.analysis.compiled.artifact)?.analysis.compiled.artifact?.value;
  }

  /** Property names set by property mediators anywhere in the project, with their scopes. */
  propertyNames(): PropertyName[] {
    const seen = new Map<string, PropertyName>();
    for (const a of this.documents) {
      if (!a.compiled.tree) continue;
      forEachNode(a.compiled.tree, (n, kind) => {
        if ((kind === 'property' || (kind === undefined && n.element === 'property')) && n.attrs.name) {
          const scope = n.attrs.scope ?? 'default';
          seen.set(`${scope}|${n.attrs.name}`, { name: n.attrs.name, scope });
        }
      });
    }
    return [...seen.values()].sort((x, y) => x.name.localeCompare(y.name));
  }
}
