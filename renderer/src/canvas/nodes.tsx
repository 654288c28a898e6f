/** The canvas' node types: mediator, lane, insert point ("+"), section title and end. */
import { createContext, memo, useContext, useState, type DragEvent, type MouseEvent } from 'react';
import { Handle, Position, type MiniMapNodeProps, type Node, type NodeProps } from '@xyflow/react';
import type { FlowEndpoint } from '../../../src/contract/canvas.js';
import type { InsertData, LaneData, MediatorData, TitleData } from './layout.js';
import { NODE_H, NODE_W } from './layout.js';
import { BreakpointToggle } from '../debug/BreakpointToggle.js';
import { useCoverage } from '../testing/test-store.js';

export const KIND_MIME = 'application/x-mediate-kind';
export const NODE_MIME = 'application/x-mediate-node';

/** What a right click opened a menu on: a mediator, or an insert point. */
export type MenuTarget = { node: string } | { list: string; index: number };

export interface CanvasActions {
  selected?: string;
  activeInsert?: { list: string; index: number };
  select(id: string | undefined): void;
  activateInsert(list: string, index: number): void;
  dropKind(kind: string, list: string, index: number): void;
  dropNode(node: string, list: string, index: number): void;
  openSequence(name: string): void;
  openMenu(target: MenuTarget, x: number, y: number): void;
}

export const ActionsContext = createContext<CanvasActions | null>(null);

/** What a node on the canvas does when dragged (a move), clicked (select) or right-clicked (its menu). */
export function nodeInteractions(id: string, actions: CanvasActions | null) {
  return {
    draggable: true,
    onDragStart: (e: DragEvent) => {
      e.dataTransfer.setData(NODE_MIME, id);
      e.dataTransfer.effectAllowed = 'move';
    },
    onClick: (e: MouseEvent) => {
      e.stopPropagation();
      actions?.select(id);
    },
    onContextMenu: (e: MouseEvent) => {
      e.preventDefault();
      e.stopPropagation();
      actions?.select(id);
      actions?.openMenu({ node: id }, e.clientX, e.clientY);
    },
  };
}

function useActions(): CanvasActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('canvas nodes need the ActionsContext');
  return actions;
}

const hidden = { opacity: 0, pointerEvents: 'none' as const };

export function MediatorNodeView({ data }: NodeProps) {
  const { flow, match } = data as MediatorData;
  const actions = useActions();
  const covered = useCoverage(flow.id);
  const problems = flow.problems ?? [];
  const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.length ? 'warning' : '';
  // nopan: a press on a node starts an HTML5 drag (move), not a pan of the canvas (whose handler would cancel the drag).
  const classes = ['flow-node', 'nopan', 'nodrag', `group-${flow.group}`, flow.disabled ? 'disabled' : '', actions.selected === flow.id ? 'selected' : '', match ? 'match' : '', worst ? `has-${worst}` : ''].filter(Boolean).join(' ');
  const endpoint = flow.endpoint ? endpointText(flow.endpoint) : undefined;
  const rows = [
    flow.description !== undefined && <div key="description" className="flow-node-detail">{flow.description}</div>,
    flow.endpoint && (
      <div key="endpoint" className="flow-node-detail" data-testid="node-endpoint" title={endpoint}>
        <span className={`flow-node-ep ep-${flow.endpoint.kind}`}>{flow.endpoint.kind === 'key' ? 'endpoint' : flow.endpoint.kind}</span>
        {endpoint}
      </div>
    ),
    !flow.endpoint && flow.sequenceKey && (
      <div key="sequence" className="flow-node-detail">
        <button
          className="link-button"
          title={`Open sequence ${flow.sequenceKey}`}
          onClick={(e) => {
            e.stopPropagation();
            actions.openSequence(flow.sequenceKey!);
          }}
        >
          {flow.sequenceKey} ↗
        </button>
      </div>
    ),
    !flow.endpoint && !flow.sequenceKey && flow.detail && <div key="detail" className="flow-node-detail">{flow.detail}</div>,
  ].filter(Boolean);
  return (
    <div
      className={classes}
      style={{ width: NODE_W, height: NODE_H }}
      data-testid="flow-node"
      data-step-path={flow.id}
      data-kind={flow.kind}
      data-disabled={flow.disabled ? 'true' : 'false'}
      data-covered={covered}
      {...nodeInteractions(flow.id, actions)}
      title={problems.map((p) => `${p.code}: ${p.message}`).join('\n') || [flow.element, flow.detail].filter(Boolean).join(': ')}
    >
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <div className="flow-node-head">
        {!flow.disabled && <BreakpointToggle stepPath={flow.id} />}
        <span className="flow-node-label">{flow.label}</span>
        {flow.disabled && <span className="flow-node-tag">disabled</span>}
        {worst && (
          <span className={`flow-node-problem ${worst}`} data-testid="node-problem">
            {problems.length}
          </span>
        )}
      </div>
      {rows.slice(0, 2)}
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** An endpoint as one line: the named endpoint, the method and address, or the children of a group. */
export function endpointText(ep: FlowEndpoint): string {
  if (ep.key !== undefined) return ep.key;
  if (ep.address !== undefined) return `${ep.method ? `${ep.method.toUpperCase()} ` : ''}${ep.address}`;
  if (ep.children?.length) return ep.children.map(endpointText).join(' | ');
  return '';
}

export function InsertNodeView({ data }: NodeProps) {
  const { list, index } = data as InsertData;
  const actions = useActions();
  const [over, setOver] = useState(false);
  const active = actions.activeInsert?.list === list && actions.activeInsert.index === index;
  const accept = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(KIND_MIME) || e.dataTransfer.types.includes(NODE_MIME)) {
      e.preventDefault();
      setOver(true);
    }
  };
  return (
    <button
      className={`insert-point nopan${active ? ' active' : ''}${over ? ' over' : ''}`}
      data-testid="insert-point"
      data-list={list}
      data-index={index}
      title="Insert here (click, then pick from the palette; or drop a palette item or a node)"
      onClick={(e) => {
        e.stopPropagation();
        actions.activateInsert(list, index);
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        actions.activateInsert(list, index);
        actions.openMenu({ list, index }, e.clientX, e.clientY);
      }}
      onDragOver={accept}
      onDragEnter={accept}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const kind = e.dataTransfer.getData(KIND_MIME);
        const node = e.dataTransfer.getData(NODE_MIME);
        if (kind) actions.dropKind(kind, list, index);
        else if (node) actions.dropNode(node, list, index);
      }}
    >
      +
    </button>
  );
}

export function LaneNodeView({ data }: NodeProps) {
  const { label, width, height } = data as LaneData;
  return (
    <div className="flow-lane" style={{ width, height }} data-testid="flow-lane">
      <Handle type="target" id="in" position={Position.Top} style={hidden} isConnectable={false} />
      <div className="flow-lane-label">{label}</div>
      <Handle type="source" id="start" position={Position.Top} style={{ ...hidden, top: 24 }} isConnectable={false} />
      <Handle type="target" id="end" position={Position.Bottom} style={hidden} isConnectable={false} />
      <Handle type="source" id="out" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

export function TitleNodeView({ data }: NodeProps) {
  const { section } = data as TitleData;
  const actions = useActions();
  return (
    <div className="flow-title" style={{ width: NODE_W }} data-testid="flow-section">
      <div className="flow-title-text" title={section.title}>
        {section.title}
      </div>
      {section.sequenceKey && (
        <button className="link-button" onClick={() => actions.openSequence(section.sequenceKey!)}>
          sequence {section.sequenceKey} ↗
        </button>
      )}
      {section.endpoint && (
        <div className="flow-node-detail">
          <span className={`flow-node-ep ep-${section.endpoint.kind}`}>{section.endpoint.kind}</span> {endpointText(section.endpoint)}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** The end of a section, or (small) the point where a fork's lanes join. */
export function EndNodeView({ data }: NodeProps) {
  const join = !!(data as { join?: boolean }).join;
  return (
    <div className={join ? 'flow-join' : 'flow-end'}>
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      {join && <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />}
    </div>
  );
}

/** Height of a section title: one line, plus one for its sequence link or endpoint. */
const TITLE_LINE = 34;
const TITLE_EXTRA = 18;

/**
 * The size each kind of canvas node renders at. React Flow measures nodes in
 * the page, but the minimap (and onlyRenderVisibleElements) read sizes from
 * the nodes given to it; giving them up front lets the minimap draw every
 * node, including those a large flow never renders.
 */
export function withInitialSizes(nodes: Node[]): Node[] {
  return nodes.map((n) => {
    const size = initialSize(n);
    return { ...n, initialWidth: size.w, initialHeight: size.h };
  });
}

function initialSize(n: Node): { w: number; h: number } {
  switch (n.type) {
    case 'mediator':
      return { w: NODE_W, h: NODE_H };
    case 'lane':
      return { w: (n.data as LaneData).width, h: (n.data as LaneData).height };
    case 'title': {
      const section = (n.data as TitleData).section;
      return { w: NODE_W, h: TITLE_LINE + (section.sequenceKey ? TITLE_EXTRA : 0) + (section.endpoint ? TITLE_EXTRA : 0) };
    }
    case 'insert':
      return { w: 22, h: 22 };
    case 'end':
      return (n.data as { join?: boolean }).join ? { w: 8, h: 8 } : { w: 14, h: 14 };
    default:
      return { w: NODE_W, h: NODE_H };
  }
}

/** Minimap colour classes: mediators by palette group, lanes and titles muted; insert points and ends not drawn. */
export function minimapClass(n: Node): string {
  if (n.type === 'mediator') {
    const flow = (n.data as MediatorData).flow;
    return `mm-mediator group-${flow.group}${flow.disabled ? ' mm-disabled' : ''}${(n.data as MediatorData).match ? ' mm-match' : ''}`;
  }
  return `mm-${n.type ?? 'other'}`;
}

/** A minimap shape that names its node (data-node-id), so a test can find where a step sits on the map. */
export const MinimapNode = memo(function MinimapNode({ id, x, y, width, height, className, borderRadius, shapeRendering, onClick }: MiniMapNodeProps) {
  if (!className.includes('mm-mediator') && !className.includes('mm-lane') && !className.includes('mm-title')) return null;
  return (
    <rect
      className={`react-flow__minimap-node ${className}`}
      data-node-id={id}
      x={x}
      y={y}
      rx={borderRadius}
      ry={borderRadius}
      width={width}
      height={height}
      shapeRendering={shapeRendering}
      onClick={onClick ? (e) => onClick(e, id) : undefined}
    />
  );
});

export const nodeTypes = { mediator: MediatorNodeView, insert: InsertNodeView, lane: LaneNodeView, title: TitleNodeView, end: EndNodeView };
