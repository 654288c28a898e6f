/**
 * Reads a `.dbs` document into a DataServiceDef, collecting problems with the
 * position they were found at (never throwing for user input). Follows MI's
 * DataServiceFactory / QueryFactory: legacy RDBMS property names, params
 * before or after `<sql>`, ordinals auto-incremented, JSON result templates.
 */
import type { Loc } from '../model/node.js';
import { attr, childElement, elementChildren, lineOf, colOf, attrPosition, textOf } from '../xml/dom.js';
import { DS_NAMESPACE, type CallQueryDef, type ConfigDef, type DataServiceDef, type OperationDef, type OutputDef, type ParamDef, type QueryDef, type ResourceDef, type ResultDef, type ValidatorDef, type WithParamDef } from './types.js';
import { resultFromJsonTemplate, JsonTemplateError } from './json-template.js';
import { addGeneratedOperations, requestNameOf } from './generated-operations.js';

export interface DsProblem {
  code: string;
  message: string;
  loc: Loc;
  severity: 'error' | 'warning';
}

export interface ParsedDataService {
  service: DataServiceDef;
  problems: DsProblem[];
}

/** MI's DSS 2.x property names, mapped to the current ones (swagger-data-service uses them). */
const LEGACY_RDBMS: Record<string, string> = {
  'org.wso2.ws.dataservice.driver': 'driverClassName',
  'org.wso2.ws.dataservice.protocol': 'url',
  'org.wso2.ws.dataservice.user': 'username',
  'org.wso2.ws.dataservice.password': 'password',
  'org.wso2.ws.dataservice.minpoolsize': 'minIdle',
  'org.wso2.ws.dataservice.maxpoolsize': 'maxActive',
  'org.wso2.ws.dataservice.validation_query': 'validationQuery',
  'org.wso2.ws.dataservice.max_wait': 'maxWait',
  'org.wso2.ws.dataservice.initial_size': 'initialSize',
  'org.wso2.ws.dataservice.max_idle': 'maxIdle',
};

export function parseDataService(root: Element, file?: string): ParsedDataService {
  const problems: DsProblem[] = [];
  const at = (n: Node): Loc => ({ file, line: lineOf(n), col: colOf(n) });
  const atAttr = (el: Element, name: string): Loc => ({ file, ...attrPosition(el, name) });
  const problem = (code: string, message: string, loc: Loc, severity: 'error' | 'warning' = 'error') => problems.push({ code, message, loc, severity });

  const serviceNamespace = nonEmpty(attr(root, 'serviceNamespace')) ?? DS_NAMESPACE;
  const service: DataServiceDef = {
    name: attr(root, 'name') ?? '',
    serviceNamespace,
    baseURI: nonEmpty(attr(root, 'baseURI')) ?? serviceNamespace,
    description: (() => {
      const d = childElement(root, 'description');
      return d ? textOf(d).trim() || undefined : undefined;
    })(),
    transports: (attr(root, 'transports') ?? 'http https').split(/\s+/).filter(Boolean),
    enableBatchRequests: attr(root, 'enableBatchRequests') === 'true',
    enableBoxcarring: attr(root, 'enableBoxcarring') === 'true',
    disableLegacyBoxcarringMode: attr(root, 'disableLegacyBoxcarringMode') === 'true',
    publishSwagger: nonEmpty(attr(root, 'publishSwagger')),
    configs: [],
    queries: new Map(),
    operations: [],
    resources: [],
    loc: at(root),
  };
  if (!service.name) problem('DSS001', '<data> needs a name attribute', at(root));

  for (const el of elementChildren(root)) {
    switch (el.localName) {
      case 'config':
        service.configs.push(readConfig(el));
        break;
      case 'query': {
        const q = readQuery(el);
        if (service.queries.has(q.id)) problem('DSS002', `duplicate query id '${q.id}'`, atAttr(el, 'id'));
        else service.queries.set(q.id, q);
        break;
      }
      case 'operation': {
        const name = attr(el, 'name') ?? '';
        if (!name) problem('DSS001', '<operation> needs a name', at(el));
        service.operations.push({ name, returnRequestStatus: attr(el, 'returnRequestStatus') === 'true', callQuery: readCallQuery(el), loc: at(el) });
        break;
      }
      case 'resource': {
        const method = (attr(el, 'method') ?? '').toUpperCase();
        const path = (attr(el, 'path') ?? '').replace(/^\/+/, '');
        if (!method) problem('DSS001', '<resource> needs a method', at(el));
        if (!path) problem('DSS001', '<resource> needs a path', at(el));
        service.resources.push({ method, path, returnRequestStatus: attr(el, 'returnRequestStatus') === 'true', callQuery: readCallQuery(el), requestName: requestNameOf(method, path), loc: at(el) });
        break;
      }
      default:
        break; // description, event-trigger, policy ... do not change what is served
    }
  }
  checkReferences();
  addGeneratedOperations(service);
  return { service, problems };

  function readConfig(el: Element): ConfigDef {
    const id = attr(el, 'id') ?? 'default';
    const properties: ConfigDef['properties'] = {};
    const propertyLocs: Record<string, Loc> = {};
    for (const p of elementChildren(el)) {
      if (p.localName !== 'property') continue;
      let name = attr(p, 'name') ?? '';
      name = LEGACY_RDBMS[name] ?? name;
      const nested = elementChildren(p).filter((c) => c.localName === 'property');
      if (nested.length > 0) {
        const inner: Record<string, string> = {};
        for (const n of nested) inner[attr(n, 'name') ?? ''] = textOf(n).trim();
        properties[name] = inner;
      } else {
        const value = textOf(p).trim();
        // Empty legacy properties (minpoolsize with no text) mean "the default", as MI reads them.
        if (value === '' && (attr(p, 'name') ?? '').startsWith('org.wso2.ws.dataservice.')) continue;
        properties[name] = value;
      }
      propertyLocs[name] = at(p);
    }
    return { id, enableOData: attr(el, 'enableOData') === 'true', properties, propertyLocs, loc: at(el) };
  }

  function readQuery(el: Element): QueryDef {
    const id = attr(el, 'id') ?? '';
    if (!id) problem('DSS001', '<query> needs an id', at(el));
    const sqlEl = childElement(el, 'sql');
    const params: ParamDef[] = [];
    let nextOrdinal = 1;
    for (const p of elementChildren(el).filter((c) => c.localName === 'param')) {
      const written = Number(attr(p, 'ordinal') ?? '0');
      const ordinal = Number.isInteger(written) && written > 0 ? written : nextOrdinal;
      nextOrdinal = ordinal + 1;
      const direction = (attr(p, 'type') ?? 'IN').toUpperCase();
      const paramType = (attr(p, 'paramType') ?? 'SCALAR').toUpperCase();
      if (!['IN', 'OUT', 'INOUT'].includes(direction)) problem('DSS003', `param ${attr(p, 'name')}: type must be IN, OUT or INOUT, not '${direction}'`, atAttr(p, 'type'));
      if (!['SCALAR', 'ARRAY'].includes(paramType)) problem('DSS003', `param ${attr(p, 'name')}: paramType must be SCALAR or ARRAY, not '${paramType}'`, atAttr(p, 'paramType'));
      params.push({
        name: attr(p, 'name') ?? '',
        sqlType: (attr(p, 'sqlType') ?? 'STRING').toUpperCase(),
        direction: direction as ParamDef['direction'],
        paramType: paramType as ParamDef['paramType'],
        ordinal,
        defaultValue: attr(p, 'defaultValue'),
        forceDefault: attr(p, 'forceDefault') === 'true',
        optional: attr(p, 'optional') === 'true',
        validators: readValidators(p),
        loc: at(p),
      });
    }
    const props: Record<string, string> = {};
    const propsEl = childElement(el, 'properties');
    if (propsEl) for (const p of elementChildren(propsEl)) props[attr(p, 'name') ?? ''] = textOf(p).trim();
    const resultEl = childElement(el, 'result');
    return {
      id,
      useConfig: attr(el, 'useConfig') ?? 'default',
      sql: sqlEl ? textOf(sqlEl).trim() : undefined,
      sqlLoc: sqlEl ? at(sqlEl) : undefined,
      returnGeneratedKeys: attr(el, 'returnGeneratedKeys') === 'true',
      returnUpdatedRowCount: attr(el, 'returnUpdatedRowCount') === 'true',
      keyColumns: (attr(el, 'keyColumns') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      params,
      result: resultEl ? readResult(resultEl, id) : undefined,
      properties: props,
      loc: at(el),
    };
  }

  function readValidators(p: Element): ValidatorDef[] {
    const out: ValidatorDef[] = [];
    const num = (el: Element, n: string) => {
      const v = attr(el, n);
      if (v === undefined || v === '') return undefined;
      const x = Number(v);
      if (!Number.isFinite(x)) problem('DSS004', `${el.localName}: ${n} must be a number, not '${v}'`, atAttr(el, n));
      return x;
    };
    for (const v of elementChildren(p)) {
      const message = attr(v, 'message');
      switch (v.localName) {
        case 'validateLength':
          out.push({ kind: 'length', min: num(v, 'minimum'), max: num(v, 'maximum'), message, loc: at(v) });
          break;
        case 'validatePattern': {
          const pattern = attr(v, 'pattern') ?? '';
          try {
            new RegExp(pattern);
          } catch (e) {
            problem('DSS004', `validatePattern: invalid pattern '${pattern}': ${e instanceof Error ? e.message : String(e)}`, atAttr(v, 'pattern'));
          }
          out.push({ kind: 'pattern', pattern, message, loc: at(v) });
          break;
        }
        case 'validateLongRange':
          out.push({ kind: 'long-range', min: num(v, 'minimum'), max: num(v, 'maximum'), message, loc: at(v) });
          break;
        case 'validateDoubleRange':
          out.push({ kind: 'double-range', min: num(v, 'minimum'), max: num(v, 'maximum'), message, loc: at(v) });
          break;
        case 'validateCustom':
          out.push({ kind: 'custom', className: attr(v, 'class') ?? '', loc: at(v) });
          problem('DSS005', `validateCustom class ${attr(v, 'class') ?? ''} is a Java class this runtime cannot load; the parameter is not checked by it`, at(v), 'warning');
          break;
        default:
          break;
      }
    }
    return out;
  }

  function readResult(el: Element, queryId: string): ResultDef | undefined {
    const outputType = (attr(el, 'outputType') ?? 'xml').toLowerCase();
    const base = nonEmpty(attr(el, 'defaultNamespace')) ?? service.baseURI;
    if (outputType === 'json') {
      try {
        // MI puts JSON-template results in <defaultNamespace>/<queryId>.
        return resultFromJsonTemplate(textOf(el).trim(), `${base.replace(/\/$/, '')}/${queryId}`, at(el));
      } catch (e) {
        if (!(e instanceof JsonTemplateError)) throw e;
        problem('DSS006', `query ${queryId}: ${e.message}`, at(el));
        return undefined;
      }
    }
    if (outputType !== 'xml' && outputType !== 'rdf') problem('DSS006', `query ${queryId}: outputType must be xml, json or rdf, not '${outputType}'`, atAttr(el, 'outputType'));
    return {
      element: nonEmpty(attr(el, 'element')),
      rowName: nonEmpty(attr(el, 'rowName')),
      namespace: base,
      outputType: outputType === 'rdf' ? 'rdf' : 'xml',
      useColumnNumbers: attr(el, 'useColumnNumbers') === 'true',
      escapeNonPrintableChar: attr(el, 'escapeNonPrintableChar') === 'true',
      children: readOutputs(el),
      loc: at(el),
    };
  }

  function readOutputs(parent: Element): OutputDef[] {
    const out: OutputDef[] = [];
    for (const c of elementChildren(parent)) {
      const name = attr(c, 'name') ?? '';
      const common = { name, column: attr(c, 'column'), queryParam: attr(c, 'query-param'), xsdType: stripXs(attr(c, 'xsdType') ?? 'string'), optional: attr(c, 'optional') === 'true', requiredRoles: nonEmpty(attr(c, 'requiredRoles')), loc: at(c) };
      if (c.localName === 'element') {
        const kids = elementChildren(c);
        if (kids.length > 0 && common.column === undefined && common.queryParam === undefined) out.push({ kind: 'group', name, namespace: nonEmpty(attr(c, 'namespace')), arrayName: nonEmpty(attr(c, 'arrayName')), requiredRoles: common.requiredRoles, children: readOutputs(c), loc: common.loc });
        else {
          if (common.column === undefined && common.queryParam === undefined) problem('DSS007', `result element ${name} needs a column or query-param`, at(c));
          out.push({ kind: 'element', ...common, arrayName: nonEmpty(attr(c, 'arrayName')), namespace: nonEmpty(attr(c, 'namespace')) });
        }
      } else if (c.localName === 'attribute') {
        if (common.column === undefined && common.queryParam === undefined) problem('DSS007', `result attribute ${name} needs a column or query-param`, at(c));
        out.push({ kind: 'attribute', ...common });
      } else if (c.localName === 'call-query') {
        const cq = readCallQueryEl(c);
        out.push({ kind: 'call-query', href: cq.href, withParams: cq.withParams, requiredRoles: nonEmpty(attr(c, 'requiredRoles')), loc: cq.loc });
      }
    }
    return out;
  }

  function readCallQuery(owner: Element): CallQueryDef | undefined {
    const c = childElement(owner, 'call-query');
    return c ? readCallQueryEl(c) : undefined;
  }

  function readCallQueryEl(c: Element): CallQueryDef {
    const withParams: WithParamDef[] = elementChildren(c)
      .filter((w) => w.localName === 'with-param')
      .map((w) => ({ name: attr(w, 'name') ?? '', queryParam: attr(w, 'query-param'), column: attr(w, 'column'), loc: at(w) }));
    return { href: attr(c, 'href') ?? '', withParams, loc: at(c) };
  }

  /** Queries name configs that exist; call-queries name queries that exist and params they have. */
  function checkReferences(): void {
    const configIds = new Set(service.configs.map((c) => c.id));
    for (const q of service.queries.values()) {
      if (!configIds.has(q.useConfig)) problem('DSS010', `query ${q.id} uses config '${q.useConfig}', which this data service does not define (configs: ${[...configIds].join(', ') || 'none'})`, q.loc);
    }
    const checkCall = (cq: CallQueryDef, owner: string) => {
      const target = service.queries.get(cq.href);
      if (!target) {
        problem('DSS011', `${owner} calls query '${cq.href}', which is not defined`, cq.loc);
        return;
      }
      for (const w of cq.withParams) {
        if (!target.params.some((p) => p.name === w.name)) problem('DSS012', `${owner} passes with-param '${w.name}', but query ${target.id} has no param of that name (params: ${target.params.map((p) => p.name).join(', ') || 'none'})`, w.loc);
      }
    };
    for (const o of service.operations) if (o.callQuery) checkCall(o.callQuery, `operation ${o.name}`);
    for (const r of service.resources) if (r.callQuery) checkCall(r.callQuery, `resource ${r.method} ${r.path}`);
    for (const q of service.queries.values()) {
      const walk = (outs: OutputDef[]) => {
        for (const o of outs) {
          if (o.kind === 'call-query') checkCall(o, `query ${q.id}`);
          else if (o.kind === 'group') walk(o.children);
        }
      };
      if (q.result) walk(q.result.children);
    }
  }
}

function stripXs(t: string): string {
  const colon = t.indexOf(':');
  return colon >= 0 ? t.slice(colon + 1) : t;
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s.trim();
}

export type { OperationDef, ResourceDef };
