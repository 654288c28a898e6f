/**
 * How the canvas draws its connections. The flow runs top to bottom and every
 * edge leaves its source downwards and enters its target from above, so an
 * edge is a vertical line, or (fork into lanes, lanes joining) down to a bar
 * halfway between the two ends, across, and down, with rounded corners. A
 * generic router (React Flow's smoothstep) takes the lane handles' declared
 * sides literally and loops around lanes whose ends lie only a few pixels
 * apart; this one never leaves the band between source and target.
 */
import { memo } from 'react';
import { BaseEdge, type EdgeProps } from '@xyflow/react';

const CORNER = 6;

/** SVG path of a top-to-bottom connection from (sx, sy) to (tx, ty). */
export function flowEdgePath(sx: number, sy: number, tx: number, ty: number): string {
  if (Math.abs(sx - tx) < 0.5 || ty <= sy) return `M${sx},${sy} L${tx},${ty}`;
  const bar = sy + (ty - sy) / 2;
  const dir = tx > sx ? 1 : -1;
  const r = Math.min(CORNER, Math.abs(tx - sx) / 2, (ty - sy) / 2);
  return `M${sx},${sy} L${sx},${bar - r} Q${sx},${bar} ${sx + dir * r},${bar} L${tx - dir * r},${bar} Q${tx},${bar} ${tx},${bar + r} L${tx},${ty}`;
}

export const FlowEdge = memo(function FlowEdge({ id, sourceX, sourceY, targetX, targetY, style, markerEnd }: EdgeProps) {
  return <BaseEdge id={id} path={flowEdgePath(sourceX, sourceY, targetX, targetY)} style={style} markerEnd={markerEnd} />;
});

/** Replaces the edge type the layout asks for (smoothstep) with the flow router above. */
export const edgeTypes = { smoothstep: FlowEdge, default: FlowEdge };
