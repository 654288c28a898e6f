/**
 * The workspace service on Node: one open project, its artifacts (via the
 * engine's project scanner), file access confined to the project, and
 * change events from a chokidar watcher so edits made outside the studio
 * (git checkout, another editor) show up at once.
 */
import { readFile, rename, rm, mkdir, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { scanProject, detectLayout, isAtomicWriteTemp, writeFileAtomic } from '../../../engine/index.js';
import {
  ARTIFACT_KINDS,
  ARTIFACT_KIND_INFO,
  CONFLICT_ERROR,
  type ArtifactEntry,
  type ArtifactGroup,
  type ArtifactKind,
  type ArtifactTemplate,
  type CreateArtifactRequest,
  type EventSink,
  type FileContent,
  type FormatXmlResult,
  type OpenApiImportPreview,
  type ApiOpenApi,
  type OpenApiImportRequest,
  type ProjectInfo,
  type RenameArtifactResult,
  type WorkspaceService,
} from '../../contract/index.js';
import { formatXml } from '../format/xml-format.js';
import { findReferences, withArtifactName } from './artifact-rename.js';
import { createRegistryResource, type RegistryResourceAnswers } from './registry-resource.js';
import { artifactTemplates, checkTemplateValues, renderArtifact } from './artifact-templates.js';
import { createProjectFolder } from './project-template.js';
import { RecentProjects } from './recent-projects.js';
import { resolveInProject, toProjectPath } from './project-paths.js';
import { importOpenApi, planOpenApiImport, OpenApiTargetExistsError } from './openapi/import-openapi.js';
import { OpenApiError } from './openapi/openapi-document.js';
import { apiOpenApiView, syncApiOpenApi } from './openapi/api-openapi.js';

export interface WorkspaceServiceOptions {
  emit: EventSink;
  /** Where the recent-projects list is kept. */
  settingsDir: string;
}

const IGNORED = /(^|[\\/])(node_modules|target|\.git)([\\/]|$)/;

export function contentVersion(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** The name and context of an RPC request, strings or nothing (the request is not trusted). */
function apiOptions(request: OpenApiImportRequest | undefined): { name?: string; context?: string } {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return { name: text(request?.name), context: text(request?.context) };
}

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export class NodeWorkspaceService implements WorkspaceService {
  private project: ProjectInfo | null = null;
  private watcher: FSWatcher | undefined;
  private artifactsTimer: NodeJS.Timeout | undefined;
  private readonly recent: RecentProjects;
  private readonly openListeners = new Set<(project: ProjectInfo) => void>();

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.recent = new RecentProjects(options.settingsDir);
  }

  /** Host-side hook (not part of the contract): called after a project opens. */
  onProjectOpened(listener: (project: ProjectInfo) => void): () => void {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }

  async current(): Promise<ProjectInfo | null> {
    return this.project;
  }

  async openFolder(folder: string): Promise<ProjectInfo> {
    const root = path.resolve(String(folder));
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) throw coded('NOT_FOUND', `${root} is not a folder`);
    this.options.emit('workspace.progress', { operation: 'open-project', message: `Scanning ${path.basename(root)}…`, done: false });
    const scan = await scanProject(root).catch((e: unknown) => {
      this.options.emit('workspace.progress', { operation: 'open-project', message: `Could not open ${path.basename(root)}`, done: true });
      throw e;
    });
    const artifacts = scan.artifacts.length + scan.resources.length;
    this.options.emit('workspace.progress', { operation: 'open-project', message: `Scanned ${artifacts} artifacts; watching for changes…`, done: false, artifacts });
    await this.closeWatcher();
    this.project = { root, name: scan.name || path.basename(root), layout: detectLayout(root) };
    await this.startWatcher(root);
    await this.recent.remember(root);
    this.options.emit('workspace.progress', { operation: 'open-project', message: `Opened ${this.project.name}: ${artifacts} artifacts`, done: true, artifacts });
    this.options.emit('workspace.projectOpened', { root, name: this.project.name });
    for (const l of this.openListeners) l(this.project);
    return this.project;
  }

  async createProject(parentFolder: string, name: string): Promise<ProjectInfo> {
    const root = await createProjectFolder(String(parentFolder), String(name));
    return this.openFolder(root);
  }

  async recentProjects(): Promise<string[]> {
    return this.recent.list();
  }

  async listArtifacts(): Promise<ArtifactGroup[]> {
    const root = this.requireRoot();
    const scan = await scanProject(root);
    const byKind = new Map<ArtifactKind, ArtifactEntry[]>(ARTIFACT_KINDS.map((k) => [k, []]));
    for (const a of scan.artifacts) byKind.get(a.kind)?.push({ kind: a.kind, name: a.name, path: toProjectPath(root, a.file) });
    for (const r of scan.resources) byKind.get('registry-resource')!.push({ kind: 'registry-resource', name: r.key, path: toProjectPath(root, r.file) });
    return ARTIFACT_KINDS.map((kind) => ({
      kind,
      label: ARTIFACT_KIND_INFO[kind].label,
      items: byKind.get(kind)!.sort((a, b) => a.name.localeCompare(b.name)),
    }));
  }

  async readFile(relative: string): Promise<FileContent> {
    const file = resolveInProject(this.requireRoot(), relative);
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'ENOENT' ? coded('NOT_FOUND', `${relative} does not exist`) : e;
    });
    return { path: relative, text, version: contentVersion(text) };
  }

  async writeFile(relative: string, text: string, baseVersion?: string): Promise<FileContent> {
    if (typeof text !== 'string') throw coded('INVALID', 'text must be a string');
    const file = resolveInProject(this.requireRoot(), relative);
    if (baseVersion !== undefined && baseVersion !== null) {
      const onDisk = await readFile(file, 'utf8').catch(() => undefined);
      if (onDisk !== undefined && contentVersion(onDisk) !== baseVersion) throw coded(CONFLICT_ERROR, `${relative} changed on disk since it was opened`);
    }
    await mkdir(path.dirname(file), { recursive: true });
    // A save interrupted at any moment (the studio killed) leaves the old or the new text, never half.
    await writeFileAtomic(file, text);
    return { path: relative, text, version: contentVersion(text) };
  }

  async renameFile(from: string, to: string): Promise<void> {
    const root = this.requireRoot();
    const source = resolveInProject(root, from);
    const target = resolveInProject(root, to);
    if (await stat(target).catch(() => undefined)) throw coded('EXISTS', `${to} already exists`);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(source, target);
  }

  async deleteFile(relative: string): Promise<void> {
    const file = resolveInProject(this.requireRoot(), relative);
    const info = await stat(file).catch(() => undefined);
    if (!info) throw coded('NOT_FOUND', `${relative} does not exist`);
    if (!info.isFile()) throw coded('INVALID', `${relative} is not a file`);
    await rm(file);
  }

  async templates(): Promise<ArtifactTemplate[]> {
    return artifactTemplates();
  }

  async createArtifact(request: CreateArtifactRequest): Promise<ArtifactEntry> {
    const root = this.requireRoot();
    const kind = request?.kind;
    if (!ARTIFACT_KINDS.includes(kind)) throw coded('INVALID', `unknown artifact kind '${String(kind)}'`);
    const { values, errors } = checkTemplateValues(kind, request.values ?? {});
    if (errors.length) throw coded('INVALID', errors.join('; '));
    if (kind === 'registry-resource') {
      const scan = await scanProject(root);
      return createRegistryResource(root, values as unknown as RegistryResourceAnswers, scan.groupId ?? 'com.example', scan.version.replace(/-SNAPSHOT$/, '') || '1.0.0');
    }
    const { name, text } = renderArtifact(kind, values);
    const info = ARTIFACT_KIND_INFO[kind];
    const relative = `${info.folder}/${name}${info.extension}`;
    const file = resolveInProject(root, relative);
    if (await stat(file).catch(() => undefined)) throw coded('EXISTS', `${relative} already exists`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, text, { exclusive: true });
    return { kind, name, path: relative };
  }

  async previewOpenApi(request: OpenApiImportRequest): Promise<OpenApiImportPreview> {
    const root = this.requireRoot();
    try {
      const { api, apiFile, definitionFile } = planOpenApiImport(root, String(request?.text ?? ''), request?.fileName || 'the document', apiOptions(request));
      return { problems: [], name: api.name, context: api.context, resources: api.resources, apiFile, definitionFile, xml: api.xml };
    } catch (e) {
      return { problems: e instanceof OpenApiError ? e.problems : [e instanceof Error ? e.message : String(e)] };
    }
  }

  async importOpenApi(request: OpenApiImportRequest): Promise<ArtifactEntry> {
    const root = this.requireRoot();
    try {
      const { api, apiFile } = importOpenApi(root, String(request?.text ?? ''), request?.fileName || 'the document', apiOptions(request));
      return { kind: 'api', name: api.name, path: apiFile };
    } catch (e) {
      if (e instanceof OpenApiError) throw coded('INVALID', e.problems.join('; '));
      throw coded(e instanceof OpenApiTargetExistsError ? 'EXISTS' : 'INVALID', e instanceof Error ? e.message : String(e));
    }
  }

  async apiOpenApi(relative: string): Promise<ApiOpenApi> {
    return this.withApiFile(relative, (root, file) => apiOpenApiView(root, file));
  }

  async syncApiOpenApi(relative: string): Promise<ApiOpenApi> {
    return this.withApiFile(relative, (root, file) => syncApiOpenApi(root, file));
  }

  private async withApiFile(relative: string, act: (root: string, file: string) => ApiOpenApi): Promise<ApiOpenApi> {
    const root = this.requireRoot();
    const file = toProjectPath(root, resolveInProject(root, String(relative ?? '')));
    if (!(await stat(path.join(root, file)).catch(() => undefined))) throw coded('NOT_FOUND', `${file} does not exist`);
    try {
      return act(root, file);
    } catch (e) {
      throw coded('INVALID', e instanceof OpenApiError ? e.problems.join('; ') : e instanceof Error ? e.message : String(e));
    }
  }

  async renameArtifact(from: string, newName: string): Promise<RenameArtifactResult> {
    const root = this.requireRoot();
    const name = String(newName ?? '').trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw coded('INVALID', `'${name}' is not a valid artifact name`);
    const scan = await scanProject(root);
    const artifact = scan.artifacts.find((a) => toProjectPath(root, a.file) === from);
    if (!artifact) throw coded('NOT_FOUND', `${from} is not an artifact of this project`);
    const extension = path.posix.extname(from);
    const to = `${path.posix.dirname(from)}/${name}${extension}`;
    const source = resolveInProject(root, from);
    const target = resolveInProject(root, to);
    if (to !== from && (await stat(target).catch(() => undefined))) throw coded('EXISTS', `${to} already exists`);
    const text = await readFile(source, 'utf8');
    const renamed = withArtifactName(text, artifact.kind, name);
    if (to === from) {
      if (renamed !== undefined) await writeFileAtomic(source, renamed);
    } else {
      await writeFileAtomic(target, renamed ?? text, { exclusive: true });
      await rm(source);
    }
    const references = artifact.name === name ? [] : await findReferences(root, artifact.name, to);
    return { entry: { kind: artifact.kind, name, path: to }, nameUpdated: renamed !== undefined, references };
  }

  async formatXml(text: string, indent?: string): Promise<FormatXmlResult> {
    if (typeof text !== 'string') throw coded('INVALID', 'text must be a string');
    const unit = typeof indent === 'string' && /^( {1,8}|\t)$/.test(indent) ? indent : undefined;
    return formatXml(text, { indent: unit });
  }

  /** Stops watching; the service can be reopened later. */
  async dispose(): Promise<void> {
    await this.closeWatcher();
  }

  private requireRoot(): string {
    if (!this.project) throw coded('NO_PROJECT', 'no project is open');
    return this.project.root;
  }

  private async startWatcher(root: string): Promise<void> {
    const watcher = watch(root, { ignoreInitial: true, ignored: (p) => IGNORED.test(p) || isAtomicWriteTemp(p), awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 20 } });
    this.watcher = watcher;
    const report = async (type: 'added' | 'changed' | 'removed', file: string) => {
      if (this.watcher !== watcher) return;
      const relative = toProjectPath(root, file);
      let version: string | undefined;
      if (type !== 'removed') version = await readFile(file, 'utf8').then(contentVersion, () => undefined);
      this.options.emit('workspace.fileChanged', { type, path: relative, version });
      this.scheduleArtifactsChanged();
    };
    watcher.on('add', (f) => void report('added', f));
    watcher.on('change', (f) => void report('changed', f));
    watcher.on('unlink', (f) => void report('removed', f));
    watcher.on('unlinkDir', () => this.scheduleArtifactsChanged());
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  private scheduleArtifactsChanged(): void {
    clearTimeout(this.artifactsTimer);
    this.artifactsTimer = setTimeout(() => this.options.emit('workspace.artifactsChanged', {}), 80);
  }

  private async closeWatcher(): Promise<void> {
    clearTimeout(this.artifactsTimer);
    const w = this.watcher;
    this.watcher = undefined;
    await w?.close();
  }
}
