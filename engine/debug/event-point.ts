/**
 * The component object MI's breakpoint and skip events carry for a step
 * (debug-protocol.md A.5): the same object a client sends in `set`, with the
 * API resource's `mapping` (not `uri-template`) and the request's method.
 */
import { childrenNamed } from '../model/node.js';
import type { DebugConfigView, JsonObject } from './addresses.js';
import { pointOfStepPath, positionText } from './positions.js';

export interface EventPoint {
  component: 'sequence' | 'template';
  point: JsonObject;
}

const SHORT_TO_TYPE: Record<string, string> = { in: 'inseq', out: 'outseq', fault: 'faultseq' };

export function eventPointOf(view: DebugConfigView, stepPath: string, method: string): EventPoint | undefined {
  const p = pointOfStepPath(stepPath);
  if (!p) return undefined;
  const position = positionText(p.position);
  const [head, ...rest] = p.flow.split('/');
  const colon = head!.indexOf(':');
  const kind = head!.slice(0, colon);
  const name = head!.slice(colon + 1);
  switch (kind) {
    case 'sequence':
      return { component: 'sequence', point: { sequence: { 'sequence-type': 'named', 'sequence-key': name, 'mediator-position': position } } };
    case 'template':
      return { component: 'template', point: { template: { 'template-key': name, 'mediator-position': position } } };
    case 'proxy':
      return { component: 'sequence', point: { sequence: { proxy: { 'proxy-key': name, 'sequence-type': `proxy_${SHORT_TO_TYPE[rest[0]!]}`, 'mediator-position': position } } } };
    case 'api': {
      const index = Number(/\[(\d+)\]/.exec(rest[0] ?? '')?.[1] ?? 0);
      const tree = view.tree('api', name);
      const resource = tree ? childrenNamed(tree, 'resource')[index] : undefined;
      const mapping = resource?.attrs['uri-template'] ?? resource?.attrs['url-mapping'];
      const apiKey = tree?.attrs.version ? `${name}:v${tree.attrs.version}` : name;
      return {
        component: 'sequence',
        point: { sequence: { api: { 'api-key': apiKey, resource: mapping !== undefined ? { mapping, method } : { method }, 'sequence-type': `api_${SHORT_TO_TYPE[rest[1]!]}`, 'mediator-position': position } } },
      };
    }
    default:
      return undefined;
  }
}
