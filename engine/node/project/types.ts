/** Data shapes shared by the project scanner and the CAR reader/writer. */

import type { ArtifactKind } from '../../artifacts/types.js';

/** The artifact kinds are the runtime's (one list for the loader, the CAR writer and the deployer). */
export type { ArtifactKind };

export interface ProjectArtifactFile {
  kind: ArtifactKind;
  /** Runtime name: the root's `name` (`key` for local entries); file base name for data sources. */
  name: string;
  /** Absolute path. */
  file: string;
  /** `version` attribute of a versioned API, when present. */
  version?: string;
}

export interface RegistryResourceFile {
  /** e.g. `gov:mi/schemas/x.xsd` or `conf:xslt/t.xsl` */
  key: string;
  /** e.g. `/_system/governance/mi/schemas/x.xsd` */
  registryPath: string;
  /** Absolute path. */
  file: string;
  mediaType?: string;
  properties?: Record<string, string>;
  /** Name of the `registry/resource` artifact that declares the file (used as the CAR artifact name). */
  artifactName?: string;
}

/** Files that are neither Synapse artifacts nor registry resources but travel inside a CAR. */
export type ProjectExtraKind = 'connector' | 'class-mediator' | 'metadata' | 'api-definition' | 'config';

export interface ProjectExtraFile {
  kind: ProjectExtraKind;
  /** connector: zip name up to the last `-`; metadata: file base name (`Api_metadata`, `Api_swagger`); config: `config`. */
  name: string;
  file: string;
  /** connector version taken from the zip name */
  version?: string;
}

export type ProjectLayout = 'vscode' | 'integration-studio' | 'plain' | 'car';

export interface ProjectProblem {
  file: string;
  message: string;
}

export interface ProjectScan {
  root: string;
  layout: ProjectLayout;
  name: string;
  version: string;
  groupId?: string;
  artifacts: ProjectArtifactFile[];
  resources: RegistryResourceFile[];
  /**
   * Keys declared in config.properties (MI 4.4 `${configs.<key>}`), mapped to the value the
   * project's `.env` gives them, or '' when the `.env` does not (MI then looks at the
   * environment / system properties at deploy time).
   */
  configProperties: Record<string, string>;
  /** Files the scanner could not classify, with the reason. */
  problems: ProjectProblem[];
  /** Connectors, class-mediator jars, metadata/OpenAPI files and config.properties. */
  extras?: ProjectExtraFile[];
}
