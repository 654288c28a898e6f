/**
 * An endpoint of an endpoint tree on the canvas: its kind, its name, and its
 * address (method and URI template) or the endpoint it refers to. It selects,
 * drags among its group's "+" points and opens the node menu like a mediator,
 * but has no breakpoint: endpoints are not steps of the flow.
 */
import { useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { FlowNode } from '../../../src/contract/canvas.js';
import { ActionsContext, MediatorNodeView, nodeInteractions, nodeTypes } from './nodes.js';
import { NODE_H, NODE_W, type MediatorData } from './layout.js';
import './endpoint-node.css';

const hidden = { opacity: 0, pointerEvents: 'none' as const };

export function isEndpointNode(flow: FlowNode): boolean {
  return flow.kind.startsWith('endpoint:');
}

/** The address line: `POST http://…`, the referenced endpoint's name, or what a group holds. */
export function endpointAddress(flow: FlowNode): string {
  const ep = flow.endpoint;
  if (!ep) return '';
  if (ep.key !== undefined) return ep.kind === 'template' ? `template ${ep.key}` : `→ ${ep.key}`;
  if (ep.address !== undefined) return `${ep.method ? `${ep.method.toUpperCase()} ` : ''}${ep.address}`;
  if (ep.children) return `${ep.children.length} endpoint${ep.children.length === 1 ? '' : 's'}`;
  return '';
}

export function EndpointNodeView({ data }: NodeProps) {
  const { flow, match } = data as MediatorData;
  const actions = useContext(ActionsContext);
  const problems = flow.problems ?? [];
  const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.length ? 'warning' : '';
  const kind = flow.endpoint?.kind ?? flow.kind.slice('endpoint:'.length);
  const name = flow.attrs.name;
  const address = endpointAddress(flow);
  const classes = ['flow-node', 'endpoint-node', 'nopan', 'nodrag', 'group-endpoints', actions?.selected === flow.id ? 'selected' : '', match ? 'match' : '', worst ? `has-${worst}` : ''].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      style={{ width: NODE_W, height: NODE_H }}
      data-testid="flow-node"
      data-step-path={flow.id}
      data-kind={flow.kind}
      {...nodeInteractions(flow.id, actions)}
      title={problems.map((p) => `${p.code}: ${p.message}`).join('\n') || `${flow.label}${name ? ` ${name}` : ''}${address ? `: ${address}` : ''}`}
    >
      <Handle type="target" position={Position.Top} style={hidden} isConnectable={false} />
      <div className="flow-node-head">
        <span className={`endpoint-kind ep-${kind}`}>{kind === 'key' ? 'ref' : kind}</span>
        <span className="flow-node-label">{name ?? flow.label}</span>
        {worst && (
          <span className={`flow-node-problem ${worst}`} data-testid="node-problem">
            {problems.length}
          </span>
        )}
      </div>
      <div className="flow-node-detail endpoint-address" data-testid="node-endpoint">
        {address}
      </div>
      <Handle type="source" position={Position.Bottom} style={hidden} isConnectable={false} />
    </div>
  );
}

/** Mediator-list nodes and endpoint-tree nodes share the node type (selection, moves and menus treat them alike); each draws itself. */
function StepNodeView(props: NodeProps) {
  return isEndpointNode((props.data as MediatorData).flow) ? <EndpointNodeView {...props} /> : <MediatorNodeView {...props} />;
}

export const canvasNodeTypes = { ...nodeTypes, mediator: StepNodeView };
