/**
 * The export service on Node: lists what the open project would put in a CAR,
 * validates the saved files the way deployment would, and writes
 * NAME_VERSION.car with the engine's CAR writer (only the chosen artifacts).
 * Written CARs are remembered by a random id so a browser-mode host can serve
 * them for download without exposing any other file.
 */
import { mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { inspectCar, scanProject, validateScans, writeCar, type ProjectScan } from '../../../engine/index.js';
import type { CarImportResult, CarReport, EventSink, ExportArtifact, ExportPlan, ExportProgress, ExportRequest, ExportResult, ExportService, Problem } from '../../contract/index.js';
import { selectionIdOf, selectableArtifacts, type CarPlan } from './selection.js';
import { importCarFile, inspectCarFile } from './car-files.js';

export interface ExportServiceOptions {
  emit: EventSink;
  /** The open project's root folder (absolute), if any. */
  projectRoot: () => string | undefined;
  /** Opens a folder in the desktop's file manager (Electron); absent in browser mode. */
  openFolder?: (folder: string) => Promise<void>;
}

/** A version lands in a file name: keep it to what Maven versions use. */
const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export class NodeExportService implements ExportService {
  private readonly written = new Map<string, string>();

  constructor(private readonly options: ExportServiceOptions) {}

  async plan(): Promise<ExportPlan> {
    const scan = await this.scan();
    return { name: scan.name, version: scan.version, defaultFolder: path.join(scan.root, 'target'), artifacts: selectableArtifacts(scan) };
  }

  async validate(artifacts?: string[]): Promise<Problem[]> {
    const scan = await this.scan();
    return this.problemsOf(scan, this.chosen(scan, artifacts));
  }

  async exportCar(request: ExportRequest): Promise<ExportResult> {
    const version = request.version?.trim() || undefined;
    if (version !== undefined && !VERSION_PATTERN.test(version)) throw coded('BAD_VERSION', `"${version}" is not a version (letters, digits, '.', '-', '_', '+')`);
    this.progress('scanning', 'Reading the project…');
    let scan: ProjectScan;
    try {
      scan = await this.scan();
    } catch (e) {
      this.progress('failed', errorText(e));
      throw e;
    }
    const chosen = this.chosen(scan, request.artifacts);
    if (chosen.size === 0) throw coded('NOTHING_SELECTED', 'Choose at least one artifact to export');

    this.progress('validating', `Validating ${chosen.size} artifact${chosen.size === 1 ? '' : 's'}…`);
    const problems = this.problemsOf(scan, chosen);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0 && !request.force) {
      this.progress('refused', `${errors.length} error${errors.length === 1 ? '' : 's'}: export refused`);
      return { written: false, problems, warnings: [] };
    }

    this.progress('writing', 'Writing the CAR…');
    const folder = path.resolve(scan.root, request.folder?.trim() || 'target');
    try {
      await mkdir(folder, { recursive: true });
      const result = await writeCar(scan, {
        out: folder,
        version,
        openapi: request.openapi ?? false,
        select: (plan: CarPlan) => {
          const id = selectionIdOf(scan, plan);
          return id === undefined || chosen.has(id);
        },
      });
      const downloadId = randomBytes(12).toString('base64url');
      this.written.set(downloadId, result.file);
      // One top-level folder per deployable artifact; metadata/ (API metadata and swagger) follows its API and is not counted.
      const artifactCount = result.entries.filter((e) => /^[^/]+\/$/.test(e) && e !== 'metadata/').length;
      this.progress('inspecting', 'Reading the CAR back as MI will…');
      const report = await inspectCar(result.file);
      this.progress('done', `Wrote ${result.file}`);
      return {
        written: true,
        problems,
        file: result.file,
        artifactCount,
        entryCount: result.entries.length,
        warnings: result.warnings,
        inspection: {
          artifacts: report.artifacts.map((a) => ({ name: a.name, type: a.type, version: a.version, serverRole: a.serverRole, deployed: a.deployed })),
          issues: report.issues.map((i) => ({ severity: i.severity, message: i.entry ? `${i.entry}: ${i.message}` : i.message })),
        },
        downloadPath: `/download/${downloadId}/${encodeURIComponent(path.basename(result.file))}`,
      };
    } catch (e) {
      this.progress('failed', errorText(e));
      throw e;
    }
  }

  async revealInFolder(file: string): Promise<boolean> {
    if (!this.options.openFolder || ![...this.written.values()].includes(file)) return false;
    await this.options.openFolder(path.dirname(file));
    return true;
  }

  inspectCar(file: string): Promise<CarReport> {
    return inspectCarFile(file);
  }

  importCar(file: string, parentFolder?: string): Promise<CarImportResult> {
    return importCarFile(file, parentFolder);
  }

  /** Host-side (not in the contract): the CAR written under a download id, if any. */
  downloadFile(id: string): string | undefined {
    return this.written.get(id);
  }

  private async scan(): Promise<ProjectScan> {
    const root = this.options.projectRoot();
    if (!root) throw coded('NO_PROJECT', 'No project is open');
    return scanProject(root);
  }

  /** Ids to include: all when none are given; unknown ids are refused rather than silently dropped. */
  private chosen(scan: ProjectScan, ids: string[] | undefined): Set<string> {
    const all = selectableArtifacts(scan).map((a: ExportArtifact) => a.id);
    if (!ids) return new Set(all);
    const unknown = ids.filter((id) => !all.includes(id));
    if (unknown.length > 0) throw coded('UNKNOWN_ARTIFACT', `Not in the project: ${unknown.join(', ')}`);
    return new Set(ids);
  }

  /** Deployment validation of the whole project (references need the others), kept to the chosen artifacts' files. */
  private problemsOf(scan: ProjectScan, chosen: Set<string>): Problem[] {
    const report = validateScans([scan]);
    const chosenFiles = new Set(scan.artifacts.filter((a) => chosen.has(path.relative(scan.root, a.file).split(path.sep).join('/'))).map((a) => path.resolve(a.file)));
    return report.diagnostics
      .filter((d) => !d.file || chosenFiles.has(path.resolve(d.file)))
      .map((d) => ({
        file: d.file ? projectPath(scan.root, d.file) : '',
        line: d.line,
        column: d.col,
        severity: d.severity === 'error' ? 'error' : 'warning',
        code: d.code,
        message: d.message,
      }));
  }

  private progress(step: ExportProgress['step'], message: string): void {
    this.options.emit('export.progress', { step, message });
  }
}

function projectPath(root: string, file: string): string {
  const relative = path.relative(root, path.resolve(file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
