/**
 * Designer edits of a `.dbs` as splices of its text: only the attribute,
 * property value, SQL or element the edit is about changes; everything else
 * (comments, layout, CDATA, the order of things) stays byte for byte. New
 * elements follow the file's indentation, quotes and line ends.
 */
import type { DsEdit, DsEditResult } from '../../contract/dataservices.js';
import { apply, attributeSplice, CanvasEditError, insertion, rangeOf, type Splice } from '../canvas/splices.js';
import { TextFacts } from '../canvas/text-layout.js';
import { elementChildren, escapeAttr, type ScannedElement } from '../canvas/xml-scan.js';
import { attrOf, childrenNamed, configElement, mappingElements, queryElement, scanDataService } from './dbs-scan.js';

export function editDataService(text: string, edit: DsEdit): DsEditResult {
  const doc = scanDataService(text);
  const t = new TextFacts(text);
  return { edits: apply(text, splicesOf(t, doc.root, edit)).edits };
}

function splicesOf(t: TextFacts, root: ScannedElement, edit: DsEdit): Splice[] {
  const text = t.text;
  switch (edit.op) {
    case 'setConfigProperty': {
      const config = configElement(text, root, edit.config);
      const prop = childrenNamed(config, 'property').find((p) => attrOf(text, p, 'name') === edit.name);
      if (edit.value === null) return prop ? [removal(t, prop)] : [];
      if (prop) return [contentSplice(prop, escapeText(edit.value))];
      return [append(t, config, `<property name=${q(t, edit.name)}>${escapeText(edit.value)}</property>`)];
    }
    case 'setQuerySql': {
      const query = queryElement(text, root, edit.query);
      const sql = childrenNamed(query, 'sql')[0];
      if (!sql) return [insertion(t, query, siblings(query), 0, `<sql>${sqlContent(edit.sql, false)}</sql>`)];
      const cdata = sql.children.length > 0 && sql.children.every((c) => c.type === 'cdata' || (c.type === 'text' && text.slice(c.start, c.end).trim() === ''));
      return [contentSplice(sql, sqlContent(edit.sql, cdata))];
    }
    case 'setResultAttribute': {
      const query = queryElement(text, root, edit.query);
      const result = childrenNamed(query, 'result')[0];
      if (!result) {
        if (edit.value === null) return [];
        return [insertion(t, query, siblings(query), resultIndex(query), `<result ${edit.name}=${q(t, edit.value)}/>`)];
      }
      const s = attributeSplice(t, result, edit.name, edit.value === '' ? null : edit.value);
      return s ? [s] : [];
    }
    case 'addMapping': {
      const query = queryElement(text, root, edit.query);
      const xml = mappingXml(t, edit.kind, edit.name, edit.column);
      const result = childrenNamed(query, 'result')[0];
      if (!result) return [insertion(t, query, siblings(query), resultIndex(query), t.convertUnit(`<result element="Entries" rowName="Entry">\n    ${xml}\n</result>`))];
      return [append(t, result, xml)];
    }
    case 'setMapping': {
      const el = mappingAt(t, root, edit.query, edit.index);
      const out: Splice[] = [];
      if (el.local !== edit.kind) {
        const prefix = el.prefix ? `${el.prefix}:` : '';
        out.push({ start: el.start + 1, end: el.start + 1 + el.name.length, text: prefix + edit.kind });
        if (!el.selfClosing) out.push({ start: el.endTagStart + 2, end: el.endTagStart + 2 + el.name.length, text: prefix + edit.kind });
      }
      for (const [name, value] of [['name', edit.name], ['column', edit.column]] as const) {
        const s = attributeSplice(t, el, name, value);
        if (s) out.push(s);
      }
      return out;
    }
    case 'removeMapping':
      return [removal(t, mappingAt(t, root, edit.query, edit.index))];
    case 'addResource': {
      const path = edit.path.startsWith('/') ? edit.path : `/${edit.path}`;
      return [after(t, root, 'resource', `<resource method=${q(t, edit.method.toUpperCase())} path=${q(t, path)}>\n    ${callQueryXml(t, root, edit.query)}\n</resource>`)];
    }
    case 'addOperation':
      return [after(t, root, 'operation', `<operation name=${q(t, edit.name)}>\n    ${callQueryXml(t, root, edit.query)}\n</operation>`)];
    case 'removeResource':
    case 'removeOperation': {
      const local = edit.op === 'removeResource' ? 'resource' : 'operation';
      const el = childrenNamed(root, local)[edit.index];
      if (!el) throw new CanvasEditError(`the data service has no ${local} number ${edit.index + 1}`);
      return [removal(t, el)];
    }
  }
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function q(t: TextFacts, value: string): string {
  return `${t.quote}${escapeAttr(value, t.quote)}${t.quote}`;
}

/** SQL in a CDATA section when it was in one (or needs `<`/`&` and has no `]]>`); escaped text otherwise. */
function sqlContent(sql: string, cdata: boolean): string {
  if ((cdata || /[<&]/.test(sql)) && !sql.includes(']]>')) return `<![CDATA[${sql}]]>`;
  return escapeText(sql);
}

function siblings(el: ScannedElement) {
  return elementChildren(el).map(rangeOf);
}

/** Replaces what is between the start and end tag (a self-closing element gets an end tag). */
function contentSplice(el: ScannedElement, content: string): Splice {
  if (el.selfClosing) return { start: el.startTagEnd - 2, end: el.startTagEnd, text: `>${content}</${el.name}>` };
  return { start: el.startTagEnd, end: el.endTagStart, text: content };
}

function removal(t: TextFacts, el: ScannedElement): Splice {
  const r = t.lineRemoval(rangeOf(el));
  return { start: r.start, end: r.end, text: '' };
}

function append(t: TextFacts, container: ScannedElement, xml: string): Splice {
  const kids = siblings(container);
  return insertion(t, container, kids, kids.length, t.convertUnit(xml));
}

/** After the last `<local>` of the root, else after its last query, else at its end. */
function after(t: TextFacts, root: ScannedElement, local: string, xml: string): Splice {
  const kids = elementChildren(root);
  let index = kids.length;
  const same = kids.map((k, i) => (k.local === local ? i : -1)).filter((i) => i >= 0);
  if (same.length) index = same.at(-1)! + 1;
  return insertion(t, root, kids.map(rangeOf), index, t.convertUnit(xml));
}

/** MI writes `<result>` after `<sql>` and before the params. */
function resultIndex(query: ScannedElement): number {
  const kids = elementChildren(query);
  const sql = kids.findIndex((k) => k.local === 'sql' || k.local === 'expression');
  return sql >= 0 ? sql + 1 : 0;
}

function mappingXml(t: TextFacts, kind: 'element' | 'attribute', name: string, column: string): string {
  return `<${kind} column=${q(t, column)} name=${q(t, name)} xsdType=${q(t, 'xs:string')}/>`;
}

function mappingAt(t: TextFacts, root: ScannedElement, queryId: string, index: number): ScannedElement {
  const result = childrenNamed(queryElement(t.text, root, queryId), 'result')[0];
  const found = result ? mappingElements(t.text, result).find((m) => m.index === index) : undefined;
  if (!found) throw new CanvasEditError(`query ${queryId} has no column mapping at ${index}`);
  return found.el;
}

/** `<call-query href>` passing each of the query's params from the request field of the same name. */
function callQueryXml(t: TextFacts, root: ScannedElement, queryId: string): string {
  const params = childrenNamed(queryElement(t.text, root, queryId), 'param')
    .map((p) => attrOf(t.text, p, 'name'))
    .filter((n): n is string => !!n);
  if (params.length === 0) return `<call-query href=${q(t, queryId)}/>`;
  return `<call-query href=${q(t, queryId)}>\n${params.map((n) => `        <with-param name=${q(t, n)} query-param=${q(t, n)}/>`).join('\n')}\n    </call-query>`;
}
