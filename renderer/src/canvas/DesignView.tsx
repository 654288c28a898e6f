/**
 * The graphical view of one document. It draws the canvas service's flow
 * model of the document's Monaco model text and edits that same model with
 * the service's minimal text edits, so the source view shows every change at
 * once and one undo stack serves both. While the text is not well-formed the
 * last good flow stays, greyed, under a banner pointing at the error.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { Documents } from '../documents.js';
import type { CanvasCatalog, CanvasEdit, FlowModel, FlowNode, FlowProblem } from '../../../src/contract/canvas.js';
import type { ArtifactGroup } from '../../../src/contract/index.js';
import { allNodes, layoutFlow } from './layout.js';
import { ActionsContext, nodeTypes, type CanvasActions } from './nodes.js';
import { Palette } from './Palette.js';
import { NodeForm } from './NodeForm.js';
import { applyTextEdits } from './apply-edits.js';

let catalogCache: Promise<CanvasCatalog> | undefined;
/** Nodes handle their own clicks; a handler here makes React Flow let pointer events reach them. */
const ignoreNodeClick = () => undefined;
let clipboard: string | undefined;

/** Above this many mediators the minimap and animated fit are turned off and only visible elements render. */
const LARGE_FLOW = 150;

export function DesignView(props: { client: StudioClient; documents: Documents; path: string }) {
  return (
    <ReactFlowProvider>
      <Design {...props} />
    </ReactFlowProvider>
  );
}

interface Place {
  list: string;
  index: number;
}

function Design({ client, documents, path }: { client: StudioClient; documents: Documents; path: string }) {
  const canvas = client.service('canvas');
  const [catalog, setCatalog] = useState<CanvasCatalog>();
  const [flow, setFlow] = useState<FlowModel>();
  const [invalid, setInvalid] = useState<FlowProblem>();
  const [selected, setSelected] = useState<string>();
  const [activeInsert, setActiveInsert] = useState<Place>();
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string>();
  const [groups, setGroups] = useState<ArtifactGroup[]>([]);
  const pendingSelect = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  const reactFlow = useReactFlow();
  const fitted = useRef(false);

  const model = documents.model(path);

  const refresh = useCallback(async () => {
    if (!model || model.isDisposed()) return;
    const mine = ++generation.current;
    try {
      const next = await canvas.flow(path, model.getValue());
      if (mine !== generation.current) return;
      if (next.ok) {
        setFlow(next);
        setInvalid(undefined);
        if (pendingSelect.current !== undefined) {
          const at = pendingSelect.current;
          pendingSelect.current = undefined;
          const hit = allNodes(next).find((n) => n.range.start === at);
          if (hit) setSelected(hit.id);
        }
      } else setInvalid(next.error ?? { code: 'XML001', severity: 'error', message: 'the XML is not well-formed', line: 1, col: 1 });
    } catch (e) {
      if (mine === generation.current) setNotice(errorMessage(e));
    }
  }, [canvas, model, path]);

  useEffect(() => {
    catalogCache ??= canvas.catalog();
    catalogCache.then(setCatalog, (e) => setNotice(errorMessage(e)));
    client
      .service('workspace')
      .listArtifacts()
      .then(setGroups, () => undefined);
  }, [canvas, client]);

  useEffect(() => {
    if (!model) return;
    void refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 120);
    });
    return () => {
      clearTimeout(timer);
      sub.dispose();
    };
  }, [model, refresh]);

  const graph = useMemo(() => (flow ? layoutFlow(flow, search) : { nodes: [], edges: [] }), [flow, search]);
  const nodesById = useMemo(() => new Map((flow ? allNodes(flow) : []).map((n) => [n.id, n])), [flow]);
  const places = useMemo(() => {
    const out = new Map<string, Place>();
    for (const n of graph.nodes) if (n.type === 'mediator') out.set((n.data as { flow: FlowNode }).flow.id, { list: n.data.list as string, index: n.data.index as number });
    return out;
  }, [graph]);
  const large = (flow?.size ?? 0) > LARGE_FLOW;

  useEffect(() => {
    if (!flow || fitted.current) return;
    fitted.current = true;
    requestAnimationFrame(() => void reactFlow.fitView({ maxZoom: 1, minZoom: 0.2, padding: 0.1, nodes: large ? graph.nodes.slice(0, 40) : undefined }));
  }, [flow, graph, large, reactFlow]);

  const run = useCallback(
    async (edit: CanvasEdit) => {
      if (!model) return;
      if (invalid) return setNotice('Fix the XML in the source view first: the canvas edits well-formed documents only.');
      const text = model.getValue();
      try {
        const result = await canvas.edit(path, text, edit);
        if (model.getValue() !== text) return setNotice('The document changed while the edit was prepared; try again.');
        applyTextEdits(model, result.edits);
        if (result.selection) pendingSelect.current = result.selection.start;
        setActiveInsert(undefined);
        setNotice(undefined);
        await refresh();
      } catch (e) {
        setNotice(errorMessage(e));
      }
    },
    [canvas, invalid, model, path, refresh],
  );

  const insertPlace = (): Place | undefined => {
    if (activeInsert) return activeInsert;
    const at = selected ? places.get(selected) : undefined;
    if (at) return { list: at.list, index: at.index + 1 };
    const first = flow?.sections.find((s) => s.list)?.list;
    return first ? { list: first.id, index: first.nodes.length } : undefined;
  };

  const sequencePaths = useMemo(() => new Map(groups.flatMap((g) => g.items).filter((i) => i.kind === 'sequence' || i.kind === 'template').map((i) => [i.name, i.path])), [groups]);
  const references = useMemo(() => {
    const byKind: Record<string, string[]> = {};
    for (const g of groups) for (const i of g.items) (byKind[g.kind === 'local-entry' ? 'local-entry' : g.kind] ??= []).push(i.name);
    return byKind;
  }, [groups]);

  const actions: CanvasActions = {
    selected,
    activeInsert,
    select: (id) => {
      setSelected(id);
      setActiveInsert(undefined);
    },
    activateInsert: (list, index) => {
      setActiveInsert({ list, index });
      setSelected(undefined);
    },
    dropKind: (kind, list, index) => void run({ op: 'insert', list, index, kind }),
    dropNode: (node, list, index) => void run({ op: 'move', node, list, index }),
    openSequence: (name) => {
      const target = sequencePaths.get(name);
      if (target) void documents.open(target);
      else setNotice(`No sequence named ${name} in this project.`);
    },
  };

  const selectedNode = selected ? nodesById.get(selected) : undefined;

  const copy = async () => {
    if (!selectedNode || !model) return;
    clipboard = await canvas.copy(path, model.getValue(), selectedNode.id);
  };
  const paste = () => {
    const at = insertPlace();
    if (clipboard && at) void run({ op: 'insert', ...at, xml: clipboard });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea')) return;
    const mod = e.ctrlKey || e.metaKey;
    if ((e.key === 'Delete' || e.key === 'Backspace') && selectedNode) {
      e.preventDefault();
      void run({ op: 'delete', node: selectedNode.id });
    } else if (mod && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy();
    } else if (mod && e.key.toLowerCase() === 'v') {
      e.preventDefault();
      paste();
    } else if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) model?.redo();
      else model?.undo();
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      model?.redo();
    } else if (e.key === 'Escape') {
      setSelected(undefined);
      setActiveInsert(undefined);
    }
  };

  const findNext = () => {
    const hits = graph.nodes.filter((n) => n.type === 'mediator' && (n.data as { match: boolean }).match);
    if (!hits.length) return;
    const current = hits.findIndex((n) => (n.data as { flow: FlowNode }).flow.id === selected);
    const next = hits[(current + 1) % hits.length]! as Node;
    setSelected((next.data as { flow: FlowNode }).flow.id);
    void reactFlow.setCenter(next.position.x + 115, next.position.y + 29, { zoom: Math.max(reactFlow.getZoom(), 0.8), duration: large ? 0 : 200 });
  };

  if (!model) return <div className="design-view empty">The document is not open.</div>;

  return (
    <div className="design-view" data-testid="design-view" onKeyDown={onKeyDown} tabIndex={0}>
      <Palette catalog={catalog} onPick={(kind) => {
        const at = insertPlace();
        if (at) void run({ op: 'insert', ...at, kind });
      }} />
      <div className="design-main">
        <div className="design-toolbar">
          <button className="ghost" title="Undo (Ctrl+Z), shared with the source view" data-testid="design-undo" onClick={() => model.undo()}>
            ↶ Undo
          </button>
          <button className="ghost" title="Redo (Ctrl+Shift+Z)" onClick={() => model.redo()}>
            ↷ Redo
          </button>
          <input
            className="design-search"
            placeholder="Find mediator by name or description…"
            value={search}
            data-testid="design-search"
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && findNext()}
          />
          <span className="muted">{flow ? `${flow.size} mediator${flow.size === 1 ? '' : 's'}` : ''}</span>
          {activeInsert && <span className="design-hint">Pick a palette item to insert at the highlighted +</span>}
        </div>
        {invalid && (
          <div className="banner warning" role="alert" data-testid="banner-invalid">
            <span>
              The XML is not well-formed (line {invalid.line}, column {invalid.col}: {invalid.message}). The canvas shows the last good version; fix the source to edit again.
            </span>
          </div>
        )}
        {notice && (
          <div className="banner error" role="alert">
            <span>{notice}</span>
            <button onClick={() => setNotice(undefined)}>Dismiss</button>
          </div>
        )}
        <div className={`design-canvas${invalid ? ' stale' : ''}`} data-testid="design-canvas">
          {flow && flow.sections.length === 0 && <div className="design-empty muted">This artifact has no mediation flow to draw.</div>}
          <ActionsContext.Provider value={actions}>
            <ReactFlow
              nodes={graph.nodes}
              edges={graph.edges}
              nodeTypes={nodeTypes}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              onlyRenderVisibleElements={large}
              onNodeClick={ignoreNodeClick}
              minZoom={0.1}
              maxZoom={2}
              proOptions={{ hideAttribution: true }}
              onPaneClick={() => {
                setSelected(undefined);
                setActiveInsert(undefined);
              }}
              colorMode="dark"
            >
              <Background gap={24} size={1} />
              <Controls showInteractive={false} />
              <MiniMap pannable zoomable nodeStrokeWidth={2} bgColor="#232427" maskColor="rgba(20, 20, 22, 0.6)" nodeColor={(n) => (n.type === 'mediator' ? '#6b8fc7' : n.type === 'lane' ? '#3a3e44' : n.type === 'title' ? '#2f5f8f' : 'transparent')} />
            </ReactFlow>
          </ActionsContext.Provider>
        </div>
      </div>
      {selectedNode && (
        <NodeForm
          node={selectedNode}
          schema={catalog?.forms[selectedNode.kind]}
          references={references}
          actions={{
            set: (name, value, element) => run({ op: 'setAttribute', node: selectedNode.id, name, value, element }),
            checkExpression: (expression) => canvas.checkExpression(expression),
            remove: () => void run({ op: 'delete', node: selectedNode.id }),
            toggleDisabled: () => void run({ op: selectedNode.disabled ? 'enable' : 'disable', node: selectedNode.id }),
            copy: () => void copy(),
            paste,
            moveBy: (delta) => {
              const at = places.get(selectedNode.id);
              if (at) void run({ op: 'move', node: selectedNode.id, list: at.list, index: Math.max(0, at.index + delta) });
            },
          }}
        />
      )}
    </div>
  );
}
