/** Tabs, conflict banners and the Monaco source editor. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { monaco } from '../monaco.js';
import type { Documents } from '../documents.js';
import { attachBreakpointGutter } from '../debug/editor-breakpoints.js';
import type { StudioClient } from '../connection.js';
import { DesignView } from '../canvas/DesignView.js';
import { DataServiceDesigner } from '../dataservices/DataServiceDesigner.js';
import { FORMAT_ACTION_ID, registerXmlFormatter } from '../format/xml-formatter.js';
import { ApiOpenApiDialog } from './ApiOpenApiDialog.js';

/** Source only, the flow canvas only, or both side by side (artifact XML documents). */
type EditorView = 'source' | 'design' | 'split';

export function EditorArea({ documents, client }: { documents: Documents; client?: StudioClient }) {
  const snapshot = useSyncExternalStore(documents.subscribe, documents.getSnapshot);
  const [views, setViews] = useState<Record<string, EditorView>>({});
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState | null>());
  const shown = useRef<string | undefined>(undefined);
  const activeRef = useRef<string | undefined>(undefined);
  activeRef.current = snapshot.active;
  const [formatNotice, setFormatNotice] = useState<string>();
  const [openApiOf, setOpenApiOf] = useState<string>();

  useEffect(() => {
    if (!client) return;
    const formatter = registerXmlFormatter(client, setFormatNotice);
    return () => formatter.dispose();
  }, [client]);

  useEffect(() => {
    const instance = monaco.editor.create(host.current!, {
      model: null,
      theme: 'vs-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 4,
      folding: true,
      scrollBeyondLastLine: false,
      renderWhitespace: 'selection',
    });
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => {
      if (activeRef.current) void documents.save(activeRef.current);
    });
    // VS Code's Windows/macOS binding on every platform (Monaco's Linux default is Ctrl+Shift+I, which also works)
    instance.addCommand(monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF, () => void instance.getAction(FORMAT_ACTION_ID)?.run());
    editor.current = instance;
    const gutter = attachBreakpointGutter(instance, () => activeRef.current);
    return () => {
      gutter.dispose();
      instance.dispose();
    };
  }, [documents]);

  useEffect(() => {
    const instance = editor.current;
    if (!instance || shown.current === snapshot.active) return;
    if (shown.current) viewStates.current.set(shown.current, instance.saveViewState());
    const model = snapshot.active ? documents.model(snapshot.active) : undefined;
    instance.setModel(model ?? null);
    if (snapshot.active) {
      const state = viewStates.current.get(snapshot.active);
      if (state) instance.restoreViewState(state);
      instance.focus();
    }
    shown.current = snapshot.active;
  }, [snapshot.active, snapshot.tabs, documents]);

  useEffect(() => {
    const reveal = snapshot.reveal;
    const instance = editor.current;
    if (!reveal || !instance || reveal.path !== snapshot.active) return;
    instance.revealLineInCenter(reveal.line);
    instance.setPosition({ lineNumber: reveal.line, column: 1 });
    instance.focus();
  }, [snapshot.reveal, snapshot.active]);

  const active = snapshot.tabs.find((t) => t.path === snapshot.active);
  const dataService = !!client && !!active && /\.dbs$/i.test(active.path);
  const designable = dataService || (!!client && !!active && /\/artifacts\/.*\.xml$/i.test(active.path));
  // A data service opens with its designer beside the source.
  const view: EditorView = designable ? (views[active!.path] ?? (dataService ? 'split' : 'source')) : 'source';
  const setView = (v: EditorView) => active && setViews((all) => ({ ...all, [active.path]: v }));

  return (
    <div className="editor-area">
      <div className="tabs" role="tablist">
        {snapshot.tabs.map((tab) => (
          <div
            key={tab.path}
            role="tab"
            aria-selected={tab.path === snapshot.active}
            className={`tab${tab.path === snapshot.active ? ' active' : ''}${tab.dirty ? ' dirty' : ''}`}
            data-testid="editor-tab"
            data-path={tab.path}
            data-dirty={tab.dirty ? 'true' : 'false'}
            title={tab.path}
            onClick={() => documents.activate(tab.path)}
            onAuxClick={(e) => e.button === 1 && closeTab(documents, tab.path, tab.dirty)}
          >
            <span className="tab-name">{baseName(tab.path)}</span>
            <span className="dirty-marker" aria-label={tab.dirty ? 'unsaved changes' : undefined}>
              {tab.dirty ? '●' : ''}
            </span>
            <button
              className="tab-close"
              title="Close"
              onClick={(e) => {
                e.stopPropagation();
                closeTab(documents, tab.path, tab.dirty);
              }}
            >
              ×
            </button>
          </div>
        ))}
        {active && (
          <div className="tab-actions">
            {designable && (
              <span className="view-toggle" role="group" aria-label="View">
                {(['design', 'split', 'source'] as const).map((v) => (
                  <button key={v} className={view === v ? 'pressed' : ''} data-testid={`view-${v}`} aria-pressed={view === v} onClick={() => setView(v)}>
                    {v === 'design' ? 'Design' : v === 'split' ? 'Split' : 'Source'}
                  </button>
                ))}
              </span>
            )}
            {client && /\.(xml|dbs|xsd|xsl|xslt|wsdl)$/i.test(active.path) && view !== 'design' && (
              <button
                className="ghost"
                data-testid="format-document"
                title="Format document (Shift+Alt+F): re-indents, keeps comments, CDATA and text"
                onClick={() => {
                  setFormatNotice(undefined);
                  editor.current?.focus();
                  void editor.current?.getAction(FORMAT_ACTION_ID)?.run();
                }}
              >
                Format
              </button>
            )}
            {client && /(^|\/)artifacts\/apis\/[^/]+\.xml$/.test(active.path) && (
              <button className="ghost" data-testid="api-openapi" title="The OpenAPI document of this API, and where it differs from the resources" onClick={() => setOpenApiOf(active.path)}>
                OpenAPI
              </button>
            )}
            <button className="ghost" title="Save (Ctrl+S)" disabled={!active.dirty} onClick={() => void documents.save(active.path)}>
              Save
            </button>
          </div>
        )}
      </div>
      {client && openApiOf && <ApiOpenApiDialog client={client} apiPath={openApiOf} onCancel={() => setOpenApiOf(undefined)} />}
      {active?.conflict && <ConflictBanner documents={documents} path={active.path} conflict={active.conflict} dirty={active.dirty} />}
      {formatNotice && (
        <div className="banner warning" role="alert" data-testid="format-notice">
          <span>{formatNotice}</span>
          <button onClick={() => setFormatNotice(undefined)}>Dismiss</button>
        </div>
      )}
      {snapshot.error && (
        <div className="banner error" role="alert">
          <span>{snapshot.error}</span>
          <button onClick={() => documents.dismissError()}>Dismiss</button>
        </div>
      )}
      <div className="editor-split" style={{ display: active ? 'flex' : 'none' }}>
        {view !== 'source' && active && client && (
          <div className="design-host">
            {dataService ? <DataServiceDesigner key={active.path} client={client} documents={documents} path={active.path} /> : <DesignView key={active.path} client={client} documents={documents} path={active.path} />}
          </div>
        )}
        <div className="editor-host" data-testid="source-editor" ref={host} style={{ display: active && view !== 'design' ? 'block' : 'none' }} />
      </div>
      {!active && (
        <div className="empty-editor">
          <h2>Mediate Studio</h2>
          <p>Open an artifact from the explorer, or create one with <b>New artifact</b>.</p>
          <p className="muted">Ctrl+S saves · Ctrl+Z undoes · F5 runs · Shift+F5 stops</p>
        </div>
      )}
    </div>
  );
}

function ConflictBanner({ documents, path, conflict, dirty }: { documents: Documents; path: string; conflict: string; dirty: boolean }) {
  const text =
    conflict === 'deleted-on-disk'
      ? 'This file was deleted on disk. Saving will create it again.'
      : conflict === 'save-rejected'
        ? 'This file changed on disk after you opened it; your save was not written.'
        : `This file changed on disk${dirty ? ' while you have unsaved edits' : ''}.`;
  return (
    <div className="banner warning" role="alert" data-testid="conflict-banner">
      <span>{text}</span>
      {conflict !== 'deleted-on-disk' && <button onClick={() => void documents.takeDisk(path)}>Use the version on disk</button>}
      <button onClick={() => void documents.keepMine(path)}>{conflict === 'deleted-on-disk' ? 'Save my version' : 'Keep my edits and save'}</button>
    </div>
  );
}

function closeTab(documents: Documents, path: string, dirty: boolean) {
  if (dirty && !window.confirm(`${baseName(path)} has unsaved changes. Close it and lose them?`)) return;
  documents.close(path, true);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
