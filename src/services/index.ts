/** The studio's backend services on Node, and one call that builds them all for a host. */
import os from 'node:os';
import path from 'node:path';
import { SERVICE_METHODS, type EventSink, type CanvasService, type ExportService, type LanguageService, type DebugService, type RuntimeService, type StudioEvents, type StudioServices, type TestService, type MessagingService, type DataServicesService, type TryItService, type WorkspaceService } from '../contract/index.js';
import { NodeWorkspaceService } from './workspace/workspace-service.js';
import { ChildProcessRuntimeService } from './runtime/runtime-service.js';
import { HttpTryItService } from './tryit/tryit-service.js';
import { NodeExportService } from './export/export-service.js';
import { NodeCanvasService } from './canvas/canvas-service.js';
import { createLanguageService } from './language/index.js';
import { NodeDebugService } from './debug/debug-service.js';
import { StudioTestService } from './test/studio-service.js';
import { RuntimeMessagingService } from './messaging/messaging-service.js';
import { NodeDataServicesService } from './dataservices/dataservices-service.js';
import { listTests, runTests } from './test/index.js';

export { NodeWorkspaceService, contentVersion } from './workspace/workspace-service.js';
export { ChildProcessRuntimeService, findCliEntry } from './runtime/runtime-service.js';
export { HttpTryItService } from './tryit/tryit-service.js';
export { NodeExportService } from './export/export-service.js';
export { NodeDebugService } from './debug/debug-service.js';

export interface StudioBackendOptions {
  emit: EventSink;
  settingsDir?: string;
  /** Preferred runtime port (8290 by default). */
  runtimePort?: number;
  /** Opens a folder in the desktop's file manager (Electron only). */
  openFolder?: (folder: string) => Promise<void>;
}

export interface StudioBackend {
  services: StudioServices;
  workspace: NodeWorkspaceService;
  runtime: ChildProcessRuntimeService;
  exporter: NodeExportService;
  debug: NodeDebugService;
  dispose(): Promise<void>;
}

export function defaultSettingsDir(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'mediate');
}

export function createStudioBackend(options: StudioBackendOptions): StudioBackend {
  const language = createLanguageService();
  let root: string | undefined;
  const reloadLanguageProject = debounced(300, async () => {
    if (!root) return;
    await language.setProject(root);
    options.emit('language.diagnostics', await language.allDiagnostics());
  });
  // The language service sees files changed on disk (other editors, quick fixes creating files) after a short pause.
  let tests: StudioTestService | undefined;
  const workspaceEmit: EventSink = (name, payload) => {
    options.emit(name, payload);
    if (name === 'workspace.fileChanged' || name === 'workspace.artifactsChanged') reloadLanguageProject();
    if (name === 'workspace.fileChanged') tests?.onFileChanged(payload as StudioEvents['workspace.fileChanged']);
  };
  const workspace = new NodeWorkspaceService({ emit: workspaceEmit, settingsDir: options.settingsDir ?? defaultSettingsDir() });
  const runtime = new ChildProcessRuntimeService({ emit: options.emit, projectRoot: () => root, port: options.runtimePort });
  workspace.onProjectOpened((p) => {
    // A runtime serving the previous project would answer Try-it wrongly: stop it.
    if (root && root !== p.root) void runtime.stop();
    root = p.root;
    reloadLanguageProject();
  });
  const tryit = new HttpTryItService({ runtimePort: () => runtime.runningPort() });
  const exporter = new NodeExportService({ emit: options.emit, projectRoot: () => root, openFolder: options.openFolder });
  const debug = new NodeDebugService({ emit: options.emit, projectRoot: () => root, runtime });
  tests = new StudioTestService({ emit: options.emit, projectRoot: () => root, runTests, listTests, debug });
  return {
    services: {
      workspace: contractOnly<WorkspaceService>(workspace, SERVICE_METHODS.workspace),
      runtime: contractOnly<RuntimeService>(runtime, SERVICE_METHODS.runtime),
      tryit: contractOnly<TryItService>(tryit, SERVICE_METHODS.tryit),
      export: contractOnly<ExportService>(exporter, SERVICE_METHODS.export),
      canvas: contractOnly<CanvasService>(new NodeCanvasService(), SERVICE_METHODS.canvas),
      language: contractOnly<LanguageService>(language, SERVICE_METHODS.language),
      debug: contractOnly<DebugService>(debug, SERVICE_METHODS.debug),
      test: contractOnly<TestService>(tests, SERVICE_METHODS.test),
      messaging: contractOnly<MessagingService>(new RuntimeMessagingService(runtime), SERVICE_METHODS.messaging),
      dataservices: contractOnly<DataServicesService>(new NodeDataServicesService({ projectRoot: () => root }), SERVICE_METHODS.dataservices),
    },
    workspace,
    runtime,
    exporter,
    debug,
    async dispose() {
      tests?.dispose();
      await debug.dispose();
      await runtime.dispose();
      await workspace.dispose();
    },
  };
}

/** Runs `task` once calls have paused for `ms`; a failure is dropped (the next change retries). */
function debounced(ms: number, task: () => Promise<void>): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void task().catch(() => undefined), ms);
    timer.unref?.();
  };
}

/** A view of `impl` with only the contract's methods, so host-side helpers (dispose, hooks) are not callable over RPC. */
function contractOnly<T extends object>(impl: T, methods: Record<keyof T, true>): T;
function contractOnly(impl: object, methods: Record<string, true>): object {
  const view: Record<string, unknown> = {};
  for (const name of Object.keys(methods)) {
    const method = (impl as Record<string, unknown>)[name];
    if (typeof method === 'function') view[name] = method.bind(impl);
  }
  return view;
}
