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
import type { CanvasCatalog, CanvasEdit, FlowEndpoint, FlowModel, FlowNode, FlowProblem } from '../../../src/contract/canvas.js';
import type { ArtifactGroup } from '../../../src/contract/index.js';
import { allNodes, layoutFlow, NODE_H, NODE_W } from './layout.js';
import { ActionsContext, MinimapNode, minimapClass, withInitialSizes, type CanvasActions, type MenuTarget } from './nodes.js';
import { ContextMenu, type MenuItem } from './ContextMenu.js';
import { edgeTypes } from './edges.js';
import { Palette } from './Palette.js';
import { NodeForm } from './NodeForm.js';
import { canvasNodeTypes } from './EndpointNode.js';
import { applyTextEdits } from './apply-edits.js';
import { lastWellFormed, rememberWellFormed } from './last-good.js';

let catalogCache: Promise<CanvasCatalog> | undefined;
/** Nodes handle their own clicks; a handler here makes React Flow let pointer events reach them. */
const ignoreNodeClick = () => undefined;
let clipboard: string | undefined;
let pendingCopy: Promise<void> | undefined;

const TALL_MINIMAP = { width: 110, height: 300 };
/** Above this many mediators only visible elements render and view changes are not animated (the minimap still draws them all). */
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

/** "12 mediators"; an endpoint artifact (no mediators) counts its endpoints instead. */
function sizeLabel(flow: FlowModel): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (flow.size > 0) return plural(flow.size, 'mediator');
  const count = (e: FlowEndpoint): number => 1 + (e.children ?? []).reduce((sum, c) => sum + count(c), 0);
  const endpoints = flow.sections.reduce((sum, section) => sum + (section.endpoint ? count(section.endpoint) : 0), 0);
  return endpoints > 0 ? plural(endpoints, 'endpoint') : plural(0, 'mediator');
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
  const [menu, setMenu] = useState<{ target: MenuTarget; x: number; y: number }>();
  const pendingSelect = useRef<number | undefined>(undefined);
  const generation = useRef(0);
  /** Whether a flow is drawn (the banner may then say the canvas shows the last good version). */
  const shown = useRef(false);
  const reactFlow = useReactFlow();
  const fitted = useRef(false);
  const container = useRef<HTMLDivElement>(null);

  const model = documents.model(path);

  const refresh = useCallback(async () => {
    if (!model || model.isDisposed()) return;
    const mine = ++generation.current;
    try {
      const text = model.getValue();
      const next = await canvas.flow(path, text);
      if (mine !== generation.current) return;
      if (next.ok) rememberWellFormed(path, text);
      else if (!shown.current) {
        // Opened on a malformed document: draw its last well-formed text, typed while another view was open.
        const good = lastWellFormed(path);
        const earlier = good === undefined ? undefined : await canvas.flow(path, good);
        if (mine !== generation.current) return;
        if (earlier?.ok) {
          shown.current = true;
          setFlow(earlier);
        }
      }
      if (next.ok) {
        shown.current = true;
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
  const rendered = useMemo(() => withInitialSizes(graph.nodes), [graph]);
  /** A long flow gets a tall, narrow minimap, so the window on it stays big enough to see and drag. */
  const minimapStyle = useMemo(() => {
    let w = 1;
    let h = 1;
    for (const n of rendered) {
      w = Math.max(w, n.position.x + (n.initialWidth ?? 0));
      h = Math.max(h, n.position.y + (n.initialHeight ?? 0));
    }
    return h > 2.5 * w ? TALL_MINIMAP : undefined;
  }, [rendered]);
  /** Where each mediator sits (list and index), and how many mediators each list holds. */
  const { places, listSizes } = useMemo(() => {
    const out = new Map<string, Place>();
    const sizes = new Map<string, number>();
    for (const n of graph.nodes) {
      if (n.type !== 'mediator') continue;
      const list = n.data.list as string;
      out.set((n.data as { flow: FlowNode }).flow.id, { list, index: n.data.index as number });
      sizes.set(list, (sizes.get(list) ?? 0) + 1);
    }
    return { places: out, listSizes: sizes };
  }, [graph]);
  const hits = useMemo(() => graph.nodes.filter((n) => n.type === 'mediator' && (n.data as { match: boolean }).match), [graph]);
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
    dropNode: (node, list, index) => moveTo(node, list, index),
    openSequence: (name) => {
      const target = sequencePaths.get(name);
      if (target) void documents.open(target);
      else setNotice(`No sequence named ${name} in this project.`);
    },
    openMenu: (target, x, y) => setMenu({ target, x, y }),
  };

  const selectedNode = selected ? nodesById.get(selected) : undefined;

  /** Moves a mediator to insert point `index` of `list` (counted with the mediator still in place); dropping it beside itself does nothing. */
  const moveTo = (node: string, list: string, index: number) => {
    const from = places.get(node);
    let to = index;
    if (from?.list === list) {
      if (index === from.index || index === from.index + 1) return;
      // The edit counts positions among the list without the moved mediator.
      if (index > from.index) to = index - 1;
    }
    void run({ op: 'move', node, list, index: to });
  };
  /** The insert point one step up (-1) or down (+1) from a mediator, if its list has one. */
  const stepTarget = (node: string, delta: -1 | 1): Place | undefined => {
    const at = places.get(node);
    if (!at) return undefined;
    const index = delta < 0 ? at.index - 1 : at.index + 2;
    return index >= 0 && index <= (listSizes.get(at.list) ?? 0) ? { list: at.list, index } : undefined;
  };
  const moveBy = (node: string, delta: -1 | 1) => {
    const to = stepTarget(node, delta);
    if (to) moveTo(node, to.list, to.index);
  };
  const copy = (node: string | undefined = selectedNode?.id): Promise<void> => {
    if (!node || !model) return Promise.resolve();
    pendingCopy = canvas.copy(path, model.getValue(), node).then(
      (xml) => void (clipboard = xml),
      (e: unknown) => setNotice(errorMessage(e)),
    );
    return pendingCopy;
  };
  // Ctrl+V right after Ctrl+C must paste what was just copied, so a paste waits for a copy in flight.
  const paste = async (at: Place | undefined = insertPlace()) => {
    await pendingCopy;
    if (clipboard && at) await run({ op: 'insert', ...at, xml: clipboard });
  };
  const toggleDisabled = (node: FlowNode) => void run({ op: node.disabled ? 'enable' : 'disable', node: node.id });
  const remove = (node: string) => void run({ op: 'delete', node });

  const menuItems = (target: MenuTarget): MenuItem[] => {
    if (!('node' in target)) return [{ action: 'paste', label: 'Paste here', keys: 'Ctrl+V', disabled: !clipboard, run: () => paste(target) }];
    const node = nodesById.get(target.node);
    if (!node) return [];
    const after = places.get(node.id);
    return [
      { action: 'copy', label: 'Copy', keys: 'Ctrl+C', run: () => void copy(node.id) },
      { action: 'paste', label: 'Paste after', keys: 'Ctrl+V', disabled: !clipboard || !after, run: () => after && paste({ list: after.list, index: after.index + 1 }) },
      { action: 'move-up', label: 'Move up', keys: 'Alt+↑', disabled: !stepTarget(node.id, -1), run: () => moveBy(node.id, -1) },
      { action: 'move-down', label: 'Move down', keys: 'Alt+↓', disabled: !stepTarget(node.id, 1), run: () => moveBy(node.id, 1) },
      // Members of an endpoint tree cannot be commented out (a group needs its members), so they get no Disable.
      ...(node.kind.startsWith('endpoint:') ? [] : [{ action: 'toggle-disabled', label: node.disabled ? 'Enable' : 'Disable (comment out)', run: () => toggleDisabled(node) }]),
      { action: 'delete', label: 'Delete', keys: 'Del', run: () => remove(node.id) },
    ];
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea')) return;
    const mod = e.ctrlKey || e.metaKey;
    if ((e.key === 'Delete' || e.key === 'Backspace') && selectedNode) {
      e.preventDefault();
      remove(selectedNode.id);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && selectedNode) {
      e.preventDefault();
      moveBy(selectedNode.id, e.key === 'ArrowUp' ? -1 : 1);
    } else if (mod && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      void copy();
    } else if (mod && e.key.toLowerCase() === 'v') {
      e.preventDefault();
      void paste();
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

  const hitIndex = hits.findIndex((n) => (n.data as { flow: FlowNode }).flow.id === selected);
  /** Selects the next (or previous) mediator whose name, kind, description or summary matches the search, and centres it. */
  const findNext = (step: 1 | -1) => {
    if (!hits.length) return;
    const next = hits[(hitIndex + step + hits.length) % hits.length]! as Node;
    setSelected((next.data as { flow: FlowNode }).flow.id);
    setActiveInsert(undefined);
    void reactFlow.setCenter(next.position.x + NODE_W / 2, next.position.y + NODE_H / 2, { zoom: Math.max(reactFlow.getZoom(), 0.8), duration: large ? 0 : 200 });
  };

  if (!model) return <div className="design-view empty">The document is not open.</div>;

  return (
    <div className="design-view" data-testid="design-view" onKeyDown={onKeyDown} tabIndex={0} ref={container}>
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
            onKeyDown={(e) => {
              if (e.key === 'Enter') findNext(e.shiftKey ? -1 : 1);
              else if (e.key === 'Escape') setSearch('');
            }}
            title="Enter: next match, Shift+Enter: previous"
          />
          {search.trim() && (
            <span className="muted" data-testid="design-search-count">
              {hits.length ? `${hitIndex >= 0 ? hitIndex + 1 : '–'} of ${hits.length}` : 'no match'}
            </span>
          )}
          <span className="muted design-size">{flow ? sizeLabel(flow) : ''}</span>
          {activeInsert && <span className="design-hint">Pick a palette item to insert at the highlighted +</span>}
        </div>
        {invalid && (
          <div className="banner warning" role="alert" data-testid="banner-invalid">
            <span>
              The XML is not well-formed (line {invalid.line}, column {invalid.col}: {invalid.message}).{' '}
              {flow ? 'The canvas shows the last good version; fix the source to edit again.' : 'There is no well-formed version of this document to show yet; fix the source to see its flow.'}
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
            {menu && <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.target)} onClose={() => {
                  setMenu(undefined);
                  // Keyboard commands (Delete, Ctrl+V …) keep working after a menu command.
                  container.current?.focus();
                }} />}
            <ReactFlow
              nodes={rendered}
              edges={graph.edges}
              nodeTypes={canvasNodeTypes}
              edgeTypes={edgeTypes}
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
              <MiniMap style={minimapStyle} pannable zoomable nodeComponent={MinimapNode} nodeClassName={minimapClass} nodeBorderRadius={4} bgColor="#202124" maskColor="rgba(10, 10, 12, 0.55)" maskStrokeColor="#c8ccd4" maskStrokeWidth={1.5} ariaLabel="Overview of the flow: drag to pan, scroll to zoom" />
            </ReactFlow>
          </ActionsContext.Provider>
        </div>
      </div>
      {selectedNode && (
        <NodeForm
          node={selectedNode}
          schema={catalog?.forms[selectedNode.kind]}
          forms={catalog?.forms}
          references={references}
          actions={{
            set: (name, value, element) => run({ op: 'setAttribute', node: selectedNode.id, name, value, element }),
            edit: run,
            checkExpression: (expression) => canvas.checkExpression(expression),
            remove: () => remove(selectedNode.id),
            toggleDisabled: () => toggleDisabled(selectedNode),
            copy: () => void copy(),
            paste: () => paste(),
            moveBy: (delta) => moveBy(selectedNode.id, delta < 0 ? -1 : 1),
          }}
        />
      )}
    </div>
  );
}
