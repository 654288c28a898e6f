/** The studio window: toolbar, explorer, editor, Try-it and the Console/Problems panel. */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StudioClient } from './connection.js';
import { errorMessage } from './connection.js';
import { Documents } from './documents.js';
import { Explorer } from './components/Explorer.js';
import { EditorArea, baseName } from './components/EditorArea.js';
import { RuntimeBar } from './components/RuntimeBar.js';
import { ConsolePanel } from './components/ConsolePanel.js';
import { ProblemsPanel } from './components/ProblemsPanel.js';
import { RuntimeView } from './components/RuntimeView.js';
import { MessagingView } from './messaging/MessagingView.js';
import { TryItPanel } from './components/TryItPanel.js';
import { NewArtifactDialog } from './components/NewArtifactDialog.js';
import { OpenApiImportDialog } from './components/OpenApiImportDialog.js';
import { PromptDialog } from './components/PromptDialog.js';
import { RenameReferences, type RenameReport } from './components/RenameReferences.js';
import { OpenProjectDialog } from './components/OpenProjectDialog.js';
import { ExportDialog } from './export/ExportDialog.js';
import { CarDialog } from './export/CarDialog.js';
import { DebugPanel } from './debug/DebugPanel.js';
import { TestExplorer } from './testing/TestExplorer.js';
import { useDebugControls } from './debug/use-debug.js';
import { useLanguage, useMergedProblems } from './language/use-language.js';
import type { ArtifactEntry, ArtifactGroup, ArtifactKind, LogEntry, Problem, ProjectInfo, RuntimeStatus, WorkspaceProgress } from '../../src/contract/index.js';

const MAX_LOG = 2000;

type Modal =
  | { type: 'new'; kind?: ArtifactKind }
  | { type: 'openapi' }
  | { type: 'rename'; entry: ArtifactEntry; error?: string }
  | { type: 'delete'; entry: ArtifactEntry; error?: string }
  | { type: 'project'; mode: 'open' | 'create' }
  | { type: 'export' }
  | { type: 'car'; file?: string };

export function App({ client }: { client: StudioClient }) {
  const documents = useMemo(() => new Documents(client), [client]);
  const docs = useSyncExternalStore(documents.subscribe, documents.getSnapshot);
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [groups, setGroups] = useState<ArtifactGroup[]>([]);
  const [status, setStatus] = useState<RuntimeStatus>({ state: 'stopped' });
  const [log, setLog] = useState<LogEntry[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const shownProblems = useMergedProblems(useLanguage(client, documents), problems);
  const [panel, setPanel] = useState<'console' | 'problems' | 'debug' | 'tests' | 'runtime'>('console');
  const [tryitOpen, setTryitOpen] = useState(false);
  const [modal, setModal] = useState<Modal>();
  const [notice, setNotice] = useState<string>();
  const [connected, setConnected] = useState(true);
  const [loading, setLoading] = useState(true);
  const [progress, setProgress] = useState<WorkspaceProgress>();
  const [renameReport, setRenameReport] = useState<RenameReport>();

  useEffect(() => {
    if (!progress?.done) return;
    const timer = setTimeout(() => setProgress(undefined), 4000); // the summary stays a moment, then the path returns
    return () => clearTimeout(timer);
  }, [progress]);

  const refreshArtifacts = useCallback(async () => {
    try {
      setGroups(await client.service('workspace').listArtifacts());
    } catch (e) {
      setNotice(errorMessage(e));
    }
  }, [client]);

  /** A wizard created an artifact: close it, list the artifacts again and open the new file. */
  const openCreated = (entry: ArtifactEntry) => {
    setModal(undefined);
    void refreshArtifacts();
    void documents.open(entry.path);
  };

  useEffect(() => {
    const offs = [
      client.on('runtime.status', setStatus),
      client.on('runtime.log', (entry) => setLog((l) => (l.length >= MAX_LOG ? [...l.slice(-MAX_LOG + 1), entry] : [...l, entry]))),
      client.on('runtime.problems', (list) => {
        setProblems(list);
        if (list.length > 0) setPanel('problems');
      }),
      client.on('workspace.fileChanged', (event) => void documents.onFileChanged(event)),
      client.on('workspace.artifactsChanged', () => void refreshArtifacts()),
      client.on('workspace.projectOpened', () => void refreshArtifacts()),
      client.on('workspace.progress', setProgress),
      client.onDisconnect(() => setConnected(false)),
    ];
    void (async () => {
      try {
        const current = await client.service('workspace').current();
        setProject(current);
        if (current) await refreshArtifacts();
        setStatus(await client.service('runtime').status());
        setLog(await client.service('runtime').recentLog());
        setProblems(await client.service('runtime').problems());
      } catch (e) {
        setNotice(errorMessage(e));
      } finally {
        setLoading(false);
      }
    })();
    return () => offs.forEach((off) => off());
  }, [client, documents, refreshArtifacts]);

  const run = useCallback(async () => {
    setPanel('console');
    try {
      await client.service('runtime').start();
    } catch (e) {
      setNotice(`Run failed: ${errorMessage(e)}`);
    }
  }, [client]);

  const showDebugPanel = useCallback(() => setPanel('debug'), []);
  const debugControls = useDebugControls(client, showDebugPanel, setNotice);

  const stop = useCallback(async () => {
    try {
      await client.service('runtime').stop();
    } catch (e) {
      setNotice(`Stop failed: ${errorMessage(e)}`);
    }
  }, [client]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault(); // never the browser's "save page"; the editor saves itself when focused
        const active = documents.getSnapshot().active;
        if (active && !(e.target instanceof HTMLElement && e.target.closest('.monaco-editor'))) void documents.save(active);
      } else if (e.key === 'F5' && !e.shiftKey) {
        e.preventDefault();
        if (status.state === 'stopped' && project) void run();
      } else if (e.key === 'F5' && e.shiftKey) {
        e.preventDefault();
        if (status.state === 'running') void stop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [documents, run, stop, status.state, project]);

  async function projectOpened(p: ProjectInfo) {
    for (const tab of documents.getSnapshot().tabs) documents.close(tab.path, true);
    setModal(undefined);
    setProject(p);
    await refreshArtifacts();
  }

  async function rename(entry: ArtifactEntry, newName: string) {
    const folder = entry.path.slice(0, entry.path.lastIndexOf('/') + 1);
    const extension = /\.[^./]+$/.exec(entry.path)?.[0] ?? '';
    const target = folder + (newName.includes('.') ? newName : newName + extension);
    try {
      if (documents.getSnapshot().tabs.some((t) => t.path === entry.path && t.dirty)) throw new Error('Save or undo your edits to this file first');
      if (entry.kind !== 'registry-resource' && !newName.includes('.')) {
        // The artifact's own name changes with its file; other files are only listed
        const result = await client.service('workspace').renameArtifact(entry.path, newName);
        setModal(undefined);
        setRenameReport(result.references.length ? { oldName: entry.name, newName: result.entry.name, references: result.references } : undefined);
        await documents.onRenamed(entry.path, result.entry.path);
        await refreshArtifacts();
        return;
      }
      await client.service('workspace').renameFile(entry.path, target);
      setModal(undefined);
      await documents.onRenamed(entry.path, target);
      await refreshArtifacts();
    } catch (e) {
      setModal({ type: 'rename', entry, error: errorMessage(e) });
    }
  }

  async function remove(entry: ArtifactEntry) {
    try {
      await client.service('workspace').deleteFile(entry.path);
      documents.close(entry.path, true);
      setModal(undefined);
      await refreshArtifacts();
    } catch (e) {
      setModal({ type: 'delete', entry, error: errorMessage(e) });
    }
  }

  const activeText = docs.active ? documents.model(docs.active)?.getValue() : undefined;

  return (
    <div className={`app${tryitOpen ? ' with-tryit' : ''}`}>
      <header className="toolbar">
        <span className="brand">
          <span className="logo">◆</span> Mediate Studio
        </span>
        <button className="ghost" onClick={() => setModal({ type: 'project', mode: 'open' })} title="Open a project folder">
          Open…
        </button>
        <button className="ghost" onClick={() => setModal({ type: 'project', mode: 'create' })} title="Create a project in the MI VS Code layout">
          New project…
        </button>
        {progress ? (
          <span className={`project-path workspace-progress${progress.done ? '' : ' busy'}`} data-testid="workspace-progress" role="status" title={progress.message}>
            {progress.message}
          </span>
        ) : (
          <span className="project-path muted" title={project?.root}>
            {project ? project.root : loading ? 'Loading…' : 'No project open'}
          </span>
        )}
        <span className="spacer" />
        <RuntimeBar status={status} canRun={!!project} onRun={() => void run()} onStop={() => void stop()} onDebug={() => void debugControls.start()} debugging={debugControls.debugging} />
        <button className={`ghost${tryitOpen ? ' pressed' : ''}`} data-testid="tryit-open" onClick={() => setTryitOpen(!tryitOpen)} title="Send requests to the running integration">
          Try-it
        </button>
        <button className="ghost" data-testid="export-open" disabled={!project} onClick={() => setModal({ type: 'export' })} title="Build a CAR (Carbon Application) that MI deploys">
          Export…
        </button>
        <button className="ghost" data-testid="car-open" onClick={() => setModal({ type: 'car' })} title="Inspect a CAR, or open it as a new project">
          Open CAR…
        </button>
      </header>
      {!connected && (
        <div className="banner error conn" role="alert">
          Lost the connection to the studio backend. Restart <code>mediate studio</code> and reload.
        </div>
      )}
      <div style={{ gridArea: 'notice' }}>
        {notice && (
          <div className="banner error notice" role="alert">
            <span>{notice}</span>
            <button onClick={() => setNotice(undefined)}>Dismiss</button>
          </div>
        )}
        {renameReport && <RenameReferences report={renameReport} onOpen={(ref) => void documents.open(ref.path, ref.line)} onDismiss={() => setRenameReport(undefined)} />}
      </div>
      <Explorer
        projectName={project?.name}
        groups={groups}
        activePath={docs.active}
        onOpen={(entry) => void documents.open(entry.path)}
        onNew={(kind) => setModal({ type: 'new', kind })}
        onRename={(entry) => setModal({ type: 'rename', entry })}
        onDelete={(entry) => setModal({ type: 'delete', entry })}
      />
      <main className="center">
        <EditorArea documents={documents} client={client} />
      </main>
      {tryitOpen && <TryItPanel client={client} artifactPath={docs.active} artifactText={activeText} port={status.port} running={status.state === 'running'} onClose={() => setTryitOpen(false)} />}
      <section className="bottom-panel">
        <div className="panel-tabs" role="tablist">
          <button role="tab" aria-selected={panel === 'console'} className={panel === 'console' ? 'active' : ''} onClick={() => setPanel('console')} data-testid="console-tab">
            Console
          </button>
          <button role="tab" aria-selected={panel === 'problems'} className={panel === 'problems' ? 'active' : ''} onClick={() => setPanel('problems')} data-testid="problems-tab">
            Problems {shownProblems.length > 0 && <span className="badge">{shownProblems.length}</span>}
          </button>
          <button role="tab" aria-selected={panel === 'debug'} className={panel === 'debug' ? 'active' : ''} onClick={() => setPanel('debug')} data-testid="debug-tab">
            Debug
          </button>
          <button role="tab" aria-selected={panel === 'tests'} className={panel === 'tests' ? 'active' : ''} onClick={() => setPanel('tests')} data-testid="tests-tab">
            Tests
          </button>
          <button role="tab" aria-selected={panel === 'runtime'} className={panel === 'runtime' ? 'active' : ''} onClick={() => setPanel('runtime')} data-testid="runtime-tab">
            Runtime
          </button>
        </div>
        {panel === 'runtime' ? (
          <>
            <RuntimeView client={client} running={status.state === 'running'} />
            <MessagingView client={client} running={status.state === 'running'} />
          </>
        ) : panel === 'tests' ? <TestExplorer client={client} documents={documents} /> : panel === 'debug' ? <DebugPanel client={client} documents={documents} /> : panel === 'console' ? <ConsolePanel entries={log} onClear={() => setLog([])} /> : <ProblemsPanel problems={shownProblems} onOpen={(p) => void documents.open(p.file, p.line)} />}
      </section>
      {modal?.type === 'new' && (
        <NewArtifactDialog
          client={client}
          initialKind={modal.kind}
          onCancel={() => setModal(undefined)}
          onFromOpenApi={() => setModal({ type: 'openapi' })}
          onCreated={openCreated}
        />
      )}
      {modal?.type === 'openapi' && (
        <OpenApiImportDialog
          client={client}
          onCancel={() => setModal(undefined)}
          onCreated={openCreated}
        />
      )}
      {modal?.type === 'rename' && (
        <PromptDialog
          title={`Rename ${baseName(modal.entry.path)}`}
          label={modal.entry.kind === 'registry-resource' ? 'New file name' : 'New name (file and name attribute)'}
          initial={baseName(modal.entry.path).replace(/\.[^.]+$/, '')}
          confirmText="Rename"
          error={modal.error}
          onCancel={() => setModal(undefined)}
          onConfirm={(value) => void rename(modal.entry, value.trim())}
        />
      )}
      {modal?.type === 'delete' && (
        <PromptDialog title={`Delete ${baseName(modal.entry.path)}?`} confirmText="Delete" error={modal.error} onCancel={() => setModal(undefined)} onConfirm={() => void remove(modal.entry)} />
      )}
      {modal?.type === 'export' && (
        <ExportDialog
          client={client}
          unsaved={docs.tabs.filter((t) => t.dirty).map((t) => t.path)}
          onSaveAll={async () => {
            for (const t of documents.getSnapshot().tabs) if (t.dirty) await documents.save(t.path);
          }}
          onOpenProblem={(p) => {
            setModal(undefined);
            void documents.open(p.file, p.line);
          }}
          onClose={() => setModal(undefined)}
          onInspect={(file) => setModal({ type: 'car', file })}
        />
      )}
      {modal?.type === 'car' && (
        <CarDialog
          client={client}
          file={modal.file}
          onClose={() => setModal(undefined)}
          onOpened={(p, notes) => {
            void projectOpened(p);
            if (notes.length) setNotice(`Opened from a CAR; ${notes.length} note${notes.length === 1 ? '' : 's'}: ${notes.slice(0, 3).join(' · ')}${notes.length > 3 ? ' …' : ''}`);
          }}
        />
      )}
      {modal?.type === 'project' && <OpenProjectDialog client={client} mode={modal.mode} onCancel={() => setModal(undefined)} onOpened={(p) => void projectOpened(p)} />}
    </div>
  );
}
