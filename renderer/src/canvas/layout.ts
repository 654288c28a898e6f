/**
 * Flow model → positioned canvas nodes and edges, top to bottom.
 *
 * A mediation flow is series-parallel: lists of steps, where a step may fork
 * into lanes that join again. A recursive layout draws exactly that (each
 * lane a column under its fork, the join below the widest lane) in linear
 * time, so 500-mediator flows lay out instantly and lanes never interleave,
 * which a general graph layouter (elkjs' layered algorithm) does not promise.
 *
 * Endpoint trees use the same shapes: a group endpoint's members are a lane
 * of nodes with "+" points between them but no edges (they are alternatives
 * or recipients, not steps); an endpoint artifact's one endpoint has no "+".
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowList, FlowModel, FlowNode, FlowSection } from '../../../src/contract/canvas.js';

export const NODE_W = 230;
export const NODE_H = 58;
const GAP_Y = 34;
const LANE_GAP = 28;
const LANE_PAD = 14;
const LANE_HEAD = 26;
const SECTION_GAP = 90;
const TITLE_H = 34;
const EDGE_STYLE = { stroke: '#8a9099', strokeWidth: 1.5 };

export interface MediatorData extends Record<string, unknown> {
  flow: FlowNode;
  list: string;
  index: number;
  match: boolean;
}
export interface InsertData extends Record<string, unknown> {
  list: string;
  index: number;
}
export interface LaneData extends Record<string, unknown> {
  label: string;
  width: number;
  height: number;
}
export interface TitleData extends Record<string, unknown> {
  section: FlowSection;
}

export interface CanvasGraph {
  nodes: Node[];
  edges: Edge[];
}

interface Size {
  w: number;
  h: number;
}

/** The size a list takes (width of its widest node or fork). */
function listSize(list: FlowList, cache: Map<FlowNode, Size>): Size {
  let w = NODE_W;
  let h = GAP_Y; // the insert point before the first node
  for (const n of list.nodes) {
    const s = nodeSize(n, cache);
    w = Math.max(w, s.w);
    h += s.h + GAP_Y;
  }
  return { w, h };
}

function nodeSize(node: FlowNode, cache: Map<FlowNode, Size>): Size {
  const known = cache.get(node);
  if (known) return known;
  let size: Size = { w: NODE_W, h: NODE_H };
  if (node.branches?.length) {
    const lanes = node.branches.map((b) => listSize(b, cache));
    const w = lanes.reduce((sum, l) => sum + l.w + 2 * LANE_PAD, 0) + LANE_GAP * (lanes.length - 1);
    const h = Math.max(...lanes.map((l) => l.h)) + LANE_HEAD + LANE_PAD;
    size = { w: Math.max(NODE_W, w), h: NODE_H + GAP_Y + h };
  }
  cache.set(node, size);
  return size;
}

export function layoutFlow(model: FlowModel, search: string): CanvasGraph {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const cache = new Map<FlowNode, Size>();
  const needle = search.trim().toLowerCase();
  const matches = (n: FlowNode) => !!needle && [n.label, n.kind, n.description, n.detail].some((t) => t?.toLowerCase().includes(needle));
  let edgeId = 0;
  const edge = (source: string, target: string, sourceHandle?: string, targetHandle?: string) => {
    edges.push({ id: `e${edgeId++}`, source, target, sourceHandle, targetHandle, type: 'smoothstep', focusable: false, selectable: false, style: EDGE_STYLE });
  };

  /** Places `list` with its centre line at x = cx from y; returns what flows out of its end (`node` or `node|handle`). */
  const placeList = (list: FlowList, cx: number, y: number, entry: string[]): { exits: string[]; y: number } => {
    const steps = list.holds !== 'endpoints';
    let tails = steps ? entry : [];
    let at = y;
    const insert = (index: number, top: number) => {
      if (list.holds === 'endpoint') return;
      const id = `insert:${list.id}:${index}`;
      nodes.push({ id, type: 'insert', position: { x: cx - 11, y: top + GAP_Y / 2 - 11 }, data: { list: list.id, index } satisfies InsertData, draggable: false, selectable: false });
    };
    insert(0, at - GAP_Y);
    list.nodes.forEach((n, i) => {
      const size = nodeSize(n, cache);
      const id = `node:${n.id}`;
      nodes.push({ id, type: 'mediator', position: { x: cx - NODE_W / 2, y: at }, data: { flow: n, list: list.id, index: i, match: matches(n) } satisfies MediatorData, draggable: false });
      for (const t of tails) edge(t.split('|')[0]!, id, t.split('|')[1]);
      tails = [id];
      if (n.branches?.length) {
        // An endpoint's members end there; a mediator's lanes join and the flow goes on.
        const joins = !n.kind.startsWith('endpoint:');
        const laneSizes = n.branches.map((b) => listSize(b, cache));
        const total = laneSizes.reduce((s, l) => s + l.w + 2 * LANE_PAD, 0) + LANE_GAP * (laneSizes.length - 1);
        let left = cx - total / 2;
        const laneTop = at + NODE_H + GAP_Y;
        const laneH = Math.max(...laneSizes.map((l) => l.h)) + LANE_HEAD + LANE_PAD;
        n.branches.forEach((b, li) => {
          const w = laneSizes[li]!.w + 2 * LANE_PAD;
          const laneId = `lane:${b.id}`;
          nodes.push({ id: laneId, type: 'lane', className: b.holds ? 'endpoint-lane' : undefined, position: { x: left, y: laneTop }, data: { label: laneLabel(b), width: w, height: laneH } satisfies LaneData, draggable: false, selectable: false, zIndex: -1 });
          edge(id, laneId, undefined, 'in');
          // Inside the lane the flow runs from its head to its foot; lanes join below the widest one.
          const placed = placeList(b, left + w / 2, laneTop + LANE_HEAD + GAP_Y, [`${laneId}|start`]);
          for (const exit of placed.exits) edge(exit.split('|')[0]!, laneId, exit.split('|')[1], 'end');
          if (joins) edge(laneId, `join:${n.id}`, 'out');
          left += w + LANE_GAP;
        });
        if (joins) nodes.push({ id: `join:${n.id}`, type: 'end', className: 'join', position: { x: cx - 4, y: laneTop + laneH + 4 }, data: { join: true }, draggable: false, selectable: false });
        tails = joins ? [`join:${n.id}`] : [];
      }
      if (!steps) tails = [];
      at += size.h + GAP_Y;
      insert(i + 1, at - GAP_Y);
    });
    return { exits: tails, y: at };
  };

  let x = 0;
  for (const section of model.sections) {
    const size = section.list ? listSize(section.list, cache) : { w: NODE_W, h: 0 };
    const w = Math.max(size.w, NODE_W);
    const cx = x + w / 2;
    const titleId = `title:${section.id}`;
    nodes.push({ id: titleId, type: 'title', position: { x: cx - NODE_W / 2, y: 0 }, data: { section } satisfies TitleData, draggable: false, selectable: false });
    if (section.list) {
      const placed = placeList(section.list, cx, TITLE_H + GAP_Y, [titleId]);
      // An endpoint is not a flow with an end.
      if (section.list.holds) {
        x += w + SECTION_GAP;
        continue;
      }
      const endId = `end:${section.id}`;
      nodes.push({ id: endId, type: 'end', position: { x: cx - 7, y: placed.y }, data: {}, draggable: false, selectable: false });
      for (const t of placed.exits) edge(t.split('|')[0]!, endId, t.split('|')[1]);
    }
    x += w + SECTION_GAP;
  }
  return { nodes, edges };
}

/** What a lane says: its branch (`then`, `case a`), or what a group endpoint does with its members. */
function laneLabel(list: FlowList): string {
  if (list.holds !== 'endpoints') return list.label;
  const how: Record<string, string> = { failover: 'next on failure', loadbalance: 'in turn', recipientlist: 'to each' };
  return how[list.label] ? `${list.label}: ${how[list.label]}` : list.label;
}

/** Every node of a model, depth first (for search and selection). */
export function allNodes(model: FlowModel): FlowNode[] {
  const out: FlowNode[] = [];
  const visit = (list: FlowList) => {
    for (const n of list.nodes) {
      out.push(n);
      for (const b of n.branches ?? []) visit(b);
    }
  };
  for (const s of model.sections) if (s.list) visit(s.list);
  return out;
}
