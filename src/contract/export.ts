/**
 * The export service: builds a CAR (Carbon Application aRchive) from the open
 * project, after validating it. JSON-only data (crosses RPC unchanged).
 */
import type { Problem } from './runtime.js';

/** One thing the user can include in or leave out of a CAR. */
export interface ExportArtifact {
  /** Stable id used in `ExportRequest.artifacts`: the project-relative file, or `registry:NAME` for a registry resource group. */
  id: string;
  name: string;
  /** Project kind: api, proxy, sequence, endpoint, ..., registry, connector, class-mediator, config. */
  kind: string;
  /** Project-relative file (the first file, for registry groups). */
  file: string;
}

export interface ExportPlan {
  /** Application name (pom.xml artifactId, else the folder name). */
  name: string;
  /** Default version (pom.xml version). */
  version: string;
  /** Folder the CAR goes to by default (absolute): the project's target/. */
  defaultFolder: string;
  artifacts: ExportArtifact[];
}

export interface ExportRequest {
  /** Ids of the artifacts to include; all when omitted. */
  artifacts?: string[];
  version?: string;
  /** Also generate an OpenAPI document for each API into metadata/. */
  openapi?: boolean;
  /** Folder (absolute, or relative to the project) to write NAME_VERSION.car into; the project's target/ when omitted. */
  folder?: string;
  /** Write the CAR even when validation reports errors. */
  force?: boolean;
}

export interface ExportResult {
  /** False when validation refused the export (see `problems`). */
  written: boolean;
  /** Validation problems of the included artifacts (errors and warnings). */
  problems: Problem[];
  /** Absolute path of the written CAR. */
  file?: string;
  /** Number of artifact folders in the CAR. */
  artifactCount?: number;
  entryCount?: number;
  warnings: string[];
  /** What MI will see in the written CAR (read back from the file, as `mediate inspect` does). */
  inspection?: CarInspection;
  /** Same-origin URL path the written CAR can be downloaded from (browser mode; needs the session's token). */
  downloadPath?: string;
}

export interface CarInspection {
  artifacts: { name: string; type?: string; version?: string; serverRole?: string; deployed: boolean }[];
  /** Problems MI would have deploying it (errors make MI refuse it). */
  issues: { severity: 'error' | 'warning'; message: string }[];
}

/** A CAR on the host read the way MI reads it (`mediate inspect`). */
export interface CarReport extends CarInspection {
  /** Absolute path of the CAR. */
  file: string;
  /** Application name and version from the CAR's descriptor. */
  name: string;
  version?: string;
  /** Number of zip entries. */
  entryCount: number;
}

/** A CAR unpacked into a new project in the MI VS Code layout (`mediate import`). */
export interface CarImportResult {
  /** Absolute folder of the new project; open it with workspace.openFolder. */
  dir: string;
  fileCount: number;
  /** What could not be carried over faithfully, and the CAR's own problems. */
  notes: string[];
}

export interface ExportProgress {
  step: 'scanning' | 'validating' | 'writing' | 'inspecting' | 'done' | 'refused' | 'failed';
  message: string;
}

export interface ExportService {
  /** What the open project would export, with the defaults. */
  plan(): Promise<ExportPlan>;
  /** Validation problems of the saved project (or of the given artifacts). */
  validate(artifacts?: string[]): Promise<Problem[]>;
  /** Validates, then writes the CAR unless there are errors (or `force`). Progress goes out as `export.progress` events. */
  exportCar(request: ExportRequest): Promise<ExportResult>;
  /** Opens the folder holding `file` in the desktop's file manager; false where the host cannot (browser mode). */
  revealInFolder(file: string): Promise<boolean>;
  /** Reads a CAR on the host (absolute path); hostile archives are refused (error code HOSTILE_CAR). */
  inspectCar(file: string): Promise<CarReport>;
  /**
   * Unpacks a CAR (absolute path) into a new project folder `parentFolder/name` (default: beside
   * the CAR, named after its application; a free name is chosen when that exists). Does not open it.
   */
  importCar(file: string, parentFolder?: string): Promise<CarImportResult>;
}
