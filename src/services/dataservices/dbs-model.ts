/**
 * What the designer shows of a `.dbs` text: the engine's own reading of it
 * (parseDataService, the same the runtime serves) reduced to JSON, with the
 * problems MI would refuse and, for a malformed text, where it breaks.
 */
import { parseDataService, parseXmlStrict, XmlSyntaxError, type DataServiceDef, type QueryDef } from '../../../engine/index.js';
import type { DsIssue, DsModel, DsQueryView, DsResultView } from '../../contract/dataservices.js';
import { scanXml, type ScannedElement } from '../canvas/xml-scan.js';
import { attrOf, childrenNamed, mappingElements } from './dbs-scan.js';

/** The engine's definition of the text; throws XmlSyntaxError when it is not well-formed. */
export function readDataService(text: string, file?: string): { def: DataServiceDef; problems: DsIssue[] } {
  const doc = parseXmlStrict(text);
  const root = doc.documentElement;
  if (!root || root.localName !== 'data') throw new XmlSyntaxError(`the root element is <${root?.localName ?? ''}>, a data service's is <data>`, 1, 1);
  const { service, problems } = parseDataService(root, file);
  return { def: service, problems: problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, line: p.loc.line ?? 1, col: p.loc.col ?? 1 })) };
}

export function dataServiceModel(text: string, file?: string): DsModel {
  let read: ReturnType<typeof readDataService>;
  try {
    read = readDataService(text, file);
  } catch (e) {
    const err = e instanceof XmlSyntaxError ? e : undefined;
    const syntaxError: DsIssue = { code: 'XML001', severity: 'error', message: e instanceof Error ? e.message : String(e), line: err?.line ?? 1, col: err?.col ?? 1 };
    return { ok: false, syntaxError, name: '', serviceNamespace: '', configs: [], queries: [], resources: [], operations: [], problems: [syntaxError] };
  }
  const { def, problems } = read;
  const doc = scanXml(text);
  const scanned = doc?.root ? { text, root: doc.root } : undefined;
  return {
    ok: true,
    name: def.name,
    serviceNamespace: def.serviceNamespace,
    configs: def.configs.map((c) => ({
      id: c.id,
      properties: Object.entries(c.properties).filter((e): e is [string, string] => typeof e[1] === 'string'),
      carbonName: typeof c.properties.carbon_datasource_name === 'string' ? c.properties.carbon_datasource_name : undefined,
    })),
    queries: [...def.queries.values()].map((q) => queryView(q, scanned)),
    resources: def.resources.filter((r) => !r.batchOf).map((r) => ({ method: r.method, path: r.path, query: r.callQuery?.href })),
    operations: def.operations.filter((o) => !o.batchOf).map((o) => ({ name: o.name, query: o.callQuery?.href })),
    problems,
  };
}

function queryView(q: QueryDef, scanned: { text: string; root: ScannedElement } | undefined): DsQueryView {
  return {
    id: q.id,
    useConfig: q.useConfig,
    sql: q.sql,
    params: q.params.filter((p) => p.direction !== 'OUT').map((p) => ({ name: p.name, sqlType: p.sqlType, ordinal: p.ordinal, defaultValue: p.defaultValue })),
    result: q.result ? resultView(q, scanned) : undefined,
  };
}

/** Mappings come from the scanned text, so their indices are the ones edits address. */
function resultView(q: QueryDef, scanned: { text: string; root: ScannedElement } | undefined): DsResultView {
  const r = q.result!;
  const view: DsResultView = { element: r.element, rowName: r.rowName, outputType: r.outputType, mappings: [], otherChildren: 0 };
  const queryEl = scanned ? queryElementOrUndefined(scanned, q.id) : undefined;
  const resultEl = queryEl ? childrenNamed(queryEl, 'result')[0] : undefined;
  if (!scanned || !resultEl || r.outputType === 'json') {
    view.otherChildren = r.children.length;
    return view;
  }
  const mapped = mappingElements(scanned.text, resultEl);
  view.mappings = mapped.map(({ index, el }) => {
    const xsdType = attrOf(scanned.text, el, 'xsdType');
    return { index, kind: el.local as 'element' | 'attribute', name: attrOf(scanned.text, el, 'name') ?? '', column: attrOf(scanned.text, el, 'column') ?? '', ...(xsdType && !/(^|:)string$/.test(xsdType) ? { xsdType } : {}) };
  });
  view.otherChildren = childrenCount(resultEl) - mapped.length;
  return view;
}

function queryElementOrUndefined(scanned: { text: string; root: ScannedElement }, id: string): ScannedElement | undefined {
  return childrenNamed(scanned.root, 'query').find((c) => attrOf(scanned.text, c, 'id') === id);
}

function childrenCount(el: ScannedElement): number {
  return el.children.filter((c) => c.type === 'element').length;
}
