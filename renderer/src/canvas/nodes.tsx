/** The canvas' node types: mediator, lane, insert point ("+"), section title and end. */
import { createContext, useContext, useState, type DragEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { InsertData, LaneData, MediatorData, TitleData } from './layout.js';
import { NODE_H, NODE_W } from './layout.js';
import { BreakpointToggle } from '../debug/BreakpointToggle.js';

export const KIND_MIME = 'application/x-mediate-kind';
export const NODE_MIME = 'application/x-mediate-node';

export interface CanvasActions {
  selected?: string;
  activeInsert?: { list: string; index: number };
  select(id: string | undefined): void;
  activateInsert(list: string, index: number): void;
  dropKind(kind: string, list: string, index: number): void;
  dropNode(node: string, list: string, index: number): void;
  openSequence(name: string): void;
}

export const ActionsContext = createContext<CanvasActions | null>(null);

function useActions(): CanvasActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('canvas nodes need the ActionsContext');
  return actions;
}

const hidden = { opacity: 0, pointerEvents: 'none' as const };

export function MediatorNodeView({ data }: NodeProps) {
  const { flow, match } = data as MediatorData;
  const actions = useActions();
  const problems = flow.problems ?? [];
  const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.length ? 'warning' : '';
  const classes = ['flow-node', `group-${flow.group}`, flow.disabled ? 'disabled' : '', actions.selected === flow.id ? 'selected' : '', match ? 'match' : '', worst ? `has-${worst}` : ''].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      style={{ width: NODE_W, height: NODE_H }}
      data-testid="flow-node"
      data-step-path={flow.id}
      data-kind={flow.kind}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData(NODE_MIME, flow.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onClick={(e) => {
        e.stopPropagation();
        actions.select(flow.id);
      }}
      title={problems.map((p) => `${p.code}: ${p.message}`).join('\n') || flow.element}
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
      <div className="flow-node-detail">
        {flow.endpoint && <span className="flow-node-ep">{flow.endpoint.kind}</span>}
        {flow.sequenceKey ? (
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
        ) : (
          <span>{flow.description ?? flow.detail ?? ''}</span>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
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
      className={`insert-point${active ? ' active' : ''}${over ? ' over' : ''}`}
      data-testid="insert-point"
      data-list={list}
      data-index={index}
      title="Insert here (click, then pick from the palette; or drop a palette item or a node)"
      onClick={(e) => {
        e.stopPropagation();
        actions.activateInsert(list, index);
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
          <span className="flow-node-ep">{section.endpoint.kind}</span> {section.endpoint.key ?? section.endpoint.address ?? section.endpoint.children?.map((c) => c.address ?? c.key).join(', ')}
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

export const nodeTypes = { mediator: MediatorNodeView, insert: InsertNodeView, lane: LaneNodeView, title: TitleNodeView, end: EndNodeView };
