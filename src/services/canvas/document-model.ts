/**
 * One artifact text → the flow model the canvas draws, plus the index the
 * edit engine addresses: every mediator list (by the step path prefix its
 * mediators get) and every node (by its step path) with exact offsets.
 *
 * The engine parses and compiles the text (the tree, the diagnostics, the step
 * paths as the runtime assigns them); the lossless scanner adds the offsets.
 */
import { artifactDefinitions, compileArtifactText, CompileEnvImpl, endpointDefinitions, mediatorDefinitions, type ConfigDiagnostic, type ConfigNode, type MediatorNode, type Step } from '../../../engine/index.js';
import type { FlowList, FlowModel, FlowNode, FlowProblem, FlowSection, OffsetRange } from '../../contract/canvas.js';
import { scanXml, elementChildren, attrValue, type ScannedDocument, type ScannedElement, type ScannedLeaf } from './xml-scan.js';
import { commentedElement } from './disabled.js';
import { describeEndpoint, detailOf, endpointLabel, endpointSummary, groupOf, kindOfElement, labelOf } from './describe.js';
import { flowElements } from './elements.js';

const FILE = 'document.xml';

/** The `<endpoint>` element's grammar (as a group's member; the artifact's root differs only in requiring a name). */
const ENDPOINT_DESCRIPTOR = endpointDefinitions.flatMap((e) => e.descriptor.children ?? []).find((c) => c.descriptor.element === 'endpoint')?.descriptor;
/** Endpoint kinds whose members are `<endpoint>` children (failover, loadbalance, recipientlist). */
const GROUP_KINDS = new Set(endpointDefinitions.filter((e) => e.descriptor.children?.some((c) => c.descriptor.element === 'endpoint')).map((e) => e.descriptor.element));

/** The engine's DOM element, seen structurally (src/ has no DOM typings). */
interface DomElement {
  firstChild: DomElement | null;
  nextSibling: DomElement | null;
  nodeType: number;
}
type SourceElement = ConfigNode['source'];

export interface ListInfo {
  id: string;
  /** The element whose children the items are (for an endpoint artifact's one endpoint: that endpoint). */
  container: ScannedElement;
  items: ItemInfo[];
  flow: FlowList;
  /** Undefined for mediator lists; see FlowList.holds. */
  holds?: 'endpoints' | 'endpoint';
}

export interface ItemInfo {
  id: string;
  kind: string;
  range: OffsetRange;
  /** The element (absent when disabled: the comment holds it). */
  element?: ScannedElement;
  comment?: ScannedLeaf;
  list: ListInfo;
  flow: FlowNode;
  /** Lists inside this node (its branches). */
  branches: ListInfo[];
}

export interface DocumentModel {
  text: string;
  scan?: ScannedDocument;
  model: FlowModel;
  lists: Map<string, ListInfo>;
  items: Map<string, ItemInfo>;
}

/** Records the step path prefix the compiler gives each mediator list. */
class PathRecorder extends CompileEnvImpl {
  readonly listPaths = new Map<readonly MediatorNode[], string>();
  override mediators(list: readonly MediatorNode[] | undefined, path: string): Step[] {
    if (list && !this.listPaths.has(list)) this.listPaths.set(list, path);
    return super.mediators(list, path);
  }
}

export function analyseDocument(text: string): DocumentModel {
  const compiled = compileArtifactText(FILE, text);
  const problems = compiled.diagnostics.map(toProblem);
  const empty = (error?: FlowProblem): DocumentModel => ({ text, model: { ok: false, error, sections: [], problems, size: 0 }, lists: new Map(), items: new Map() });
  if (!compiled.tree) return empty(problems[0] ?? { code: 'XML001', severity: 'error', message: 'not a Synapse artifact', line: 1, col: 1 });
  const scan = scanXml(text);
  if (!scan?.root) return empty({ code: 'XML001', severity: 'error', message: 'the XML cannot be read', line: 1, col: 1 });
  const tree = compiled.tree;
  const artifactId = `${compiled.kind}:${compiled.name ?? ''}`;
  const recorder = new PathRecorder(FILE, artifactId);
  const def = artifactDefinitions.find((d) => d.kind === compiled.kind && d.rootElement === tree.element);
  try {
    def?.compile(tree, recorder);
  } catch {
    // A tree with grammar errors may not compile; lists it did not reach get structural ids.
  }
  const builder = new Builder(text, scan, recorder.listPaths);
  builder.pair(tree.source, scan.root);
  const sections = builder.sections(tree, artifactId, compiled.kind ?? '');
  builder.attachProblems(problems);
  return {
    text,
    scan,
    model: { ok: true, artifactKind: compiled.kind, name: compiled.name, sections, problems, size: builder.mediatorCount },
    lists: builder.lists,
    items: builder.items,
  };
}

function toProblem(d: ConfigDiagnostic): FlowProblem {
  return { code: d.code, severity: d.severity, message: d.message, line: d.line, col: d.col };
}

class Builder {
  readonly lists = new Map<string, ListInfo>();
  readonly items = new Map<string, ItemInfo>();
  mediatorCount = 0;
  /** Elements whose content the canvas draws as a lane (mediator lists, endpoint groups). */
  private readonly lanes = new Set<ScannedElement>();
  private readonly scanned = new Map<SourceElement | DomElement, ScannedElement>();
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly scan: ScannedDocument,
    private readonly listPaths: Map<readonly MediatorNode[], string>,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** Pairs DOM elements with scanned elements (both in document order). */
  pair(dom: SourceElement | DomElement, el: ScannedElement): void {
    this.scanned.set(dom, el);
    const domKids: DomElement[] = [];
    for (let n = (dom as DomElement).firstChild; n; n = n.nextSibling) if (n.nodeType === 1) domKids.push(n);
    const kids = elementChildren(el);
    if (domKids.length !== kids.length) return;
    domKids.forEach((d, i) => this.pair(d, kids[i]!));
  }

  sections(root: ConfigNode, artifactId: string, kind: string): FlowSection[] {
    const out: FlowSection[] = [];
    if (kind === 'endpoint') {
      out.push(this.endpointSection(root, `${artifactId}/endpoint`, artifactId, 'endpoint'));
      return out;
    }
    if (kind === 'inbound-endpoint' || kind === 'task') return triggerSections(root, artifactId);
    const visit = (node: ConfigNode, id: string, context: string) => {
      if (node.mediators) {
        const list = this.list(node, id, node.element);
        out.push({ id: list.id, title: context ? `${context} · ${node.element}` : `${node.element}${node.attrs.name ? ` ${node.attrs.name}` : ''}`, list: list.flow });
        return;
      }
      const here = node.element === 'resource' ? `${node.attrs.methods ?? ''} ${node.attrs['uri-template'] ?? node.attrs['url-mapping'] ?? '/*'}`.trim() : context;
      for (const attr of ['inSequence', 'outSequence', 'faultSequence']) {
        if ((node.element === 'resource' || node.element === 'target') && node.attrs[attr] !== undefined) out.push({ id: `${id}/@${attr}`, title: here ? `${here} · ${attr}` : attr, sequenceKey: node.attrs[attr] });
      }
      if (node.element === 'target' && node.attrs.endpoint !== undefined) out.push({ id: `${id}/@endpoint`, title: 'endpoint', endpoint: { kind: 'key', key: node.attrs.endpoint } });
      node.children.forEach((c, i) => {
        if (c.element === 'endpoint' && node.element === 'target') out.push(this.endpointSection(c, `${id}/endpoint`, `${artifactId}/endpoint`, 'endpoint'));
        else visit(c, `${id}/${c.element}[${sameNameIndex(node, c, i)}]`, here);
      });
    };
    visit(root, artifactId, '');
    return out;
  }

  /** The list a container holds; `fallbackId` when the compiler did not reach it. */
  private list(container: ConfigNode, fallbackId: string, label: string): ListInfo {
    const id = this.listPaths.get(container.mediators!) ?? fallbackId;
    const el = this.scanned.get(container.source)!;
    const flow: FlowList = { id, label, nodes: [] };
    const info: ListInfo = { id, container: el, items: [], flow };
    this.lists.set(id, info);
    if (el) this.lanes.add(el);
    const bySource = new Map<ScannedElement, { node: ConfigNode; kind: string }>();
    for (const m of container.mediators ?? []) {
      if (m.kind === 'comment') continue;
      const node = (m as { node: ConfigNode }).node;
      const s = this.scanned.get(node.source);
      if (s) bySource.set(s, { node, kind: m.kind });
    }
    let index = 0;
    let disabled = 0;
    for (const child of el?.children ?? []) {
      if (child.type === 'element') {
        const found = bySource.get(child);
        if (found) this.addItem(info, this.mediatorItem(info, found.node, found.kind, `${id}/${index++}`, child));
      } else if (child.type === 'comment') {
        const held = commentedElement(this.text.slice(child.start + 4, child.end - 3));
        // Any one element commented out in a mediator list is a disabled mediator (unknown ones as generic nodes).
        if (held) this.addItem(info, this.disabledItem(info, kindOfElement(held.element.local) ?? 'connector', `${id}#${disabled++}`, child, held));
      }
    }
    return info;
  }

  private addItem(list: ListInfo, item: ItemInfo): void {
    if (!list.holds) this.mediatorCount++;
    list.items.push(item);
    list.flow.nodes.push(item.flow);
    this.items.set(item.id, item);
  }

  private mediatorItem(list: ListInfo, node: ConfigNode, kind: string, id: string, el: ScannedElement): ItemInfo {
    const pos = this.position(el.start);
    const flow: FlowNode = {
      id,
      kind,
      element: el.name,
      label: labelOf(kind, el.name),
      group: groupOf(kind),
      range: { start: el.start, end: el.end },
      line: pos.line,
      col: pos.col,
      attrs: { ...node.attrs },
    };
    if (node.attrs.description) flow.description = node.attrs.description;
    const epNode = node.children.find((c) => c.element === 'endpoint');
    const hasEndpoint = epNode && (kind === 'call' || kind === 'send' || kind === 'callout');
    if (hasEndpoint) flow.endpoint = describeEndpoint(epNode);
    if (kind === 'sequence' && node.attrs.key !== undefined) flow.sequenceKey = node.attrs.key;
    const detail = flow.endpoint ? endpointSummary(flow.endpoint) : detailOf(kind, node.attrs);
    if (detail) flow.detail = detail;
    const item: ItemInfo = { id, kind, range: flow.range, element: el, list, flow, branches: [] };
    item.branches = this.branches(node, id);
    // An inline group endpoint's members are a lane of endpoint nodes (ids as the runtime's paths: `<call>/endpoint/endpoint[i]`).
    const members = hasEndpoint ? this.endpointMembers(epNode, `${id}/endpoint`) : undefined;
    if (members) item.branches.push(members);
    if (item.branches.length) flow.branches = item.branches.map((b) => b.flow);
    // A mediator whose own element is a mediator list (an inline sequence) has no child elements for its form.
    if (!node.mediators) flow.children = flowElements(this.text, el, mediatorDefinitions.find((m) => m.kind === kind)?.descriptor, this.lanes);
    return item;
  }

  /** The section of an endpoint artifact or a proxy target's inline endpoint: a one-node list holding the endpoint tree. */
  private endpointSection(ep: ConfigNode, listId: string, nodeId: string, title: string): FlowSection {
    const section: FlowSection = { id: listId, title, endpoint: describeEndpoint(ep) };
    const el = this.scanned.get(ep.source);
    if (!el) return section;
    const info: ListInfo = { id: listId, container: el, items: [], flow: { id: listId, label: title, nodes: [], holds: 'endpoint' }, holds: 'endpoint' };
    this.lists.set(listId, info);
    this.addItem(info, this.endpointItem(info, ep, nodeId, el));
    section.list = info.flow;
    return section;
  }

  /** One `<endpoint>` as a node; a group's members become its lane. */
  private endpointItem(list: ListInfo, ep: ConfigNode, id: string, el: ScannedElement): ItemInfo {
    const pos = this.position(el.start);
    const described = describeEndpoint(ep);
    const summary = endpointSummary(described);
    const flow: FlowNode = {
      id,
      kind: `endpoint:${described.kind}`,
      element: el.name,
      label: endpointLabel(described.kind),
      group: 'endpoints',
      range: { start: el.start, end: el.end },
      line: pos.line,
      col: pos.col,
      attrs: { ...ep.attrs },
      endpoint: described,
    };
    const detail = [ep.attrs.name, summary === described.kind ? undefined : summary].filter(Boolean).join(' · ');
    if (detail) flow.detail = detail;
    const item: ItemInfo = { id, kind: flow.kind, range: flow.range, element: el, list, flow, branches: [] };
    const members = this.endpointMembers(ep, id);
    if (members) {
      item.branches = [members];
      flow.branches = [members.flow];
    }
    flow.children = flowElements(this.text, el, ENDPOINT_DESCRIPTOR, this.lanes);
    return item;
  }

  /** The members of the group kind inside `<endpoint>` `ep` (whose runtime path is `path`) as a list; undefined for other kinds. */
  private endpointMembers(ep: ConfigNode, path: string): ListInfo | undefined {
    const group = ep.children.find((c) => GROUP_KINDS.has(c.element));
    const container = group && this.scanned.get(group.source);
    // A dynamic recipient list (`<endpoints value="{…}"/>`) has no members to draw.
    if (!group || !container || group.children.some((c) => c.element !== 'endpoint')) return undefined;
    const id = `${path}/${group.element}`;
    const info: ListInfo = { id, container, items: [], flow: { id, label: group.element, nodes: [], holds: 'endpoints' }, holds: 'endpoints' };
    this.lists.set(id, info);
    this.lanes.add(container);
    group.children
      .filter((c) => c.element === 'endpoint')
      .forEach((member, i) => {
        const el = this.scanned.get(member.source);
        if (el) this.addItem(info, this.endpointItem(info, member, `${path}/endpoint[${i}]`, el));
      });
    return info;
  }

  private disabledItem(list: ListInfo, kind: string, id: string, comment: ScannedLeaf, held: { text: string; element: ScannedElement }): ItemInfo {
    const pos = this.position(comment.start);
    const attrs: Record<string, string> = {};
    for (const a of held.element.attrs) attrs[a.name] = attrValue(held.text, a);
    const flow: FlowNode = {
      id,
      kind,
      element: held.element.name,
      label: labelOf(kind, held.element.name),
      group: groupOf(kind),
      range: { start: comment.start, end: comment.end },
      line: pos.line,
      col: pos.col,
      disabled: true,
      attrs,
    };
    if (attrs.description) flow.description = attrs.description;
    const detail = detailOf(kind, attrs);
    if (detail) flow.detail = detail;
    return { id, kind, range: flow.range, comment, list, flow, branches: [] };
  }

  /** Lists inside a mediator: its own body (filter without then/else, inline sequence) and those of its child elements. */
  private branches(node: ConfigNode, ownerId: string): ListInfo[] {
    const out: ListInfo[] = [];
    if (node.mediators && node.mediators.length > 0) out.push(this.list(node, ownerId, node.element));
    const within = (n: ConfigNode, fallback: string, label: string) => {
      if (n.mediators) {
        out.push(this.list(n, fallback, label));
        return;
      }
      n.children.forEach((c, i) => within(c, `${fallback}/${c.element}[${sameNameIndex(n, c, i)}]`, `${label}/${c.element}`));
    };
    node.children.forEach((c, i) => within(c, `${ownerId}/${c.element}[${sameNameIndex(node, c, i)}]`, branchLabel(node, c, i)));
    for (const list of out) {
      const relative = list.id.startsWith(ownerId + '/') ? list.id.slice(ownerId.length + 1) : list.flow.label;
      list.flow.label = prettyLabel(relative, list.container, this.text);
    }
    return out;
  }

  attachProblems(problems: FlowProblem[]): void {
    const all = [...this.items.values()];
    for (const p of problems) {
      const at = this.offset(p.line, p.col);
      let best: ItemInfo | undefined;
      for (const item of all) {
        if (item.range.start <= at && at < item.range.end && (!best || item.range.end - item.range.start < best.range.end - best.range.start)) best = item;
      }
      if (best) (best.flow.problems ??= []).push(p);
    }
  }

  private position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  private offset(line: number, col: number): number {
    return (this.lineStarts[line - 1] ?? this.text.length) + col - 1;
  }
}

function sameNameIndex(parent: ConfigNode, child: ConfigNode, index: number): number {
  return parent.children.slice(0, index).filter((c) => c.element === child.element).length;
}

function branchLabel(parent: ConfigNode, child: ConfigNode, index: number): string {
  return `${child.element}[${sameNameIndex(parent, child, index)}]`;
}

/** `then`, `case[0]` → `case 'regex'`, `target[1]/sequence` → `target[1]`. */
function prettyLabel(relative: string, container: ScannedElement | undefined, text: string): string {
  const label = relative.replace(/\/sequence$/, '').replace(/\[0\]$/, (m) => (/^(then|else|default|onComplete|on-fail|onAccept|onReject|onCacheHit|sequence)\[0\]$/.test(relative) ? '' : m));
  if (container?.local === 'case') {
    const regex = container.attrs.find((a) => a.name === 'regex');
    if (regex) return `case ${attrValue(text, regex)}`;
  }
  return label;
}

/**
 * What an inbound endpoint or a task leads to: a section per sequence it injects into (and the
 * inbound endpoint's error sequence), so the canvas shows the trigger and opens the sequence.
 */
function triggerSections(root: ConfigNode, artifactId: string): FlowSection[] {
  const out: FlowSection[] = [];
  if (root.element === 'inboundEndpoint') {
    const protocol = root.attrs.protocol ?? root.attrs.class?.split('.').pop() ?? 'custom';
    const params = root.children.find((c) => c.element === 'parameters')?.children ?? [];
    // Parameter content is raw XML (content 'xml'): a port is its text.
    const port = (params.find((p) => /\.port$/i.test(p.attrs.name ?? ''))?.raw ?? []).map((n) => n.textContent ?? '').join('').trim();
    const what = `${protocol} inbound endpoint${port ? ` on port ${port}` : ''}`;
    if (root.attrs.sequence) out.push({ id: `${artifactId}/@sequence`, title: `${what} · injects into`, sequenceKey: root.attrs.sequence });
    if (root.attrs.onError) out.push({ id: `${artifactId}/@onError`, title: `${what} · on error`, sequenceKey: root.attrs.onError });
    return out;
  }
  const property = (name: string) => root.children.find((c) => c.element === 'property' && c.attrs.name === name)?.attrs.value;
  const trigger = root.children.find((c) => c.element === 'trigger')?.attrs ?? {};
  const when = trigger.cron ? `cron ${trigger.cron}` : trigger.interval ? `every ${trigger.interval} s${trigger.count ? `, ${trigger.count} times` : ''}` : trigger.once ? 'once' : 'task';
  const injectTo = property('injectTo') ?? 'proxy';
  if (injectTo === 'sequence' && property('sequenceName')) out.push({ id: `${artifactId}/@sequenceName`, title: `${when} · injects into`, sequenceKey: property('sequenceName') });
  else out.push({ id: `${artifactId}/@injectTo`, title: `${when} · injects into ${injectTo === 'proxy' ? `proxy ${property('proxyName') ?? ''}`.trim() : injectTo}` });
  return out;
}
