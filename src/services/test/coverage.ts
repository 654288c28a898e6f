/**
 * Mediator coverage: a hook around every step counts runs by step path
 * (DESIGN §5); the artifact files a suite deployed give the full list of
 * mediators with the same step paths (the language service compiles them with
 * the runtime's own path rules), so mediators that never ran show as 0.
 */
import fs from 'node:fs';
import type { FlowHooks } from '../../../engine/index.js';
import { analyseFile } from '../debug/source-map.js';
import type { ArtifactCoverage, StepCoverage } from './types.js';

export class CoverageRecorder {
  private readonly hits = new Map<string, number>();

  readonly hook: FlowHooks = {
    beforeStep: (step) => {
      this.hits.set(step.path, (this.hits.get(step.path) ?? 0) + 1);
    },
  };

  /** Hits so far, to subtract later (per-suite coverage out of one run's counters). */
  snapshot(): Map<string, number> {
    return new Map(this.hits);
  }

  /** Coverage of the given files counting the hits since `since` (all hits when absent). */
  report(files: { path: string; relative: string }[], since?: Map<string, number>): ArtifactCoverage[] {
    const out: ArtifactCoverage[] = [];
    for (const f of files) {
      let text: string;
      try {
        text = fs.readFileSync(f.path, 'utf8');
      } catch {
        continue;
      }
      const byArtifact = new Map<string, StepCoverage[]>();
      for (const p of analyseFile(f.relative, text).points) {
        const artifact = p.stepPath.slice(0, p.stepPath.indexOf('/') < 0 ? undefined : p.stepPath.indexOf('/'));
        const hits = (this.hits.get(p.stepPath) ?? 0) - (since?.get(p.stepPath) ?? 0);
        const list = byArtifact.get(artifact) ?? [];
        list.push({ stepPath: p.stepPath, kind: p.kind, line: p.line, col: p.col, hits });
        byArtifact.set(artifact, list);
      }
      for (const [artifact, steps] of byArtifact) out.push(summarise(artifact, f.relative, steps));
    }
    return out;
  }
}

export function summarise(artifact: string, file: string, steps: StepCoverage[]): ArtifactCoverage {
  const covered = steps.filter((s) => s.hits > 0).length;
  return { artifact, file, steps, covered, total: steps.length, percent: steps.length ? Math.round((covered / steps.length) * 1000) / 10 : 100 };
}

/** Sums per-suite coverage into one entry per artifact (hits added). */
export function mergeCoverage(lists: ArtifactCoverage[][]): ArtifactCoverage[] {
  const byArtifact = new Map<string, { file: string; steps: Map<string, StepCoverage> }>();
  for (const list of lists) {
    for (const a of list) {
      const entry = byArtifact.get(a.artifact) ?? { file: a.file, steps: new Map() };
      for (const s of a.steps) {
        const prev = entry.steps.get(s.stepPath);
        entry.steps.set(s.stepPath, prev ? { ...prev, hits: prev.hits + s.hits } : { ...s });
      }
      byArtifact.set(a.artifact, entry);
    }
  }
  return [...byArtifact].map(([artifact, e]) => summarise(artifact, e.file, [...e.steps.values()])).sort((x, y) => x.artifact.localeCompare(y.artifact));
}
