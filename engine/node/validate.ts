/**
 * Validates projects without running them: every artifact is parsed and
 * compiled as for deployment (so it catches what deployment refuses:
 * malformed XML, unknown mediators, missing attributes, bad expressions,
 * unresolved references, duplicates).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Deployment } from '../runtime/deployment.js';
import type { ConfigDiagnostic } from '../core/errors.js';
import type { CompiledFile } from '../runtime/compiler.js';
import { scanProject, type ProjectScan } from './project/index.js';
import { fileRegistry } from './registry.js';

export interface ValidationReport {
  scans: ProjectScan[];
  diagnostics: ConfigDiagnostic[];
  artifactCount: number;
  /** Every artifact as read and compiled, for checks layered on top (the language service's meaning checks). */
  files: { file: string; text: string; compiled: CompiledFile }[];
}

export async function validateProjects(sources: string[]): Promise<ValidationReport> {
  const scans = await Promise.all(sources.map((s) => scanProject(path.resolve(s))));
  return validateScans(scans);
}

export function validateScans(scans: ProjectScan[]): ValidationReport {
  const registries = scans.map((s) => fileRegistry(s.resources));
  const deployment = new Deployment((key) => registries.some((r) => r.get(key) !== undefined));
  const files = scans.flatMap((s) => s.artifacts.map((a) => ({ file: a.file, text: fs.readFileSync(a.file, 'utf8') })));
  deployment.apply(files);
  const diagnostics = [...deployment.lastResults.values()].flatMap((r) => r.diagnostics);
  diagnostics.sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.col - b.col);
  const compiled = files.flatMap((f) => {
    const c = deployment.lastResults.get(f.file);
    return c ? [{ file: f.file, text: f.text, compiled: c }] : [];
  });
  return { scans, diagnostics, artifactCount: files.length, files: compiled };
}
