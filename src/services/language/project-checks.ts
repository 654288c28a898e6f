/**
 * The meaning checks over files already compiled elsewhere (`mediate
 * validate`): the same checks the editor shows, minus references and
 * duplicates, which deployment reports itself.
 */
import type { CompiledFile, ConfigDiagnostic } from '../../../engine/index.js';
import { analyseCompiled } from './analyse.js';
import { meaningChecks } from './checks/index.js';
import { ProjectIndex } from './project-index.js';

export function projectMeaningChecks(files: readonly { file: string; text: string; compiled: CompiledFile }[]): ConfigDiagnostic[] {
  const analyses = files.map((f) => analyseCompiled(f.file, f.text, f.compiled));
  const index = new ProjectIndex(analyses);
  return analyses.flatMap((a) => (a.compiled.tree ? meaningChecks(a, index) : []));
}
