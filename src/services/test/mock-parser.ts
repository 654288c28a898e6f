/**
 * Reads a mock-service file (`<mock-service>`: service-name, port, context,
 * resources with method, sub-context, optional request criteria and the
 * response). Problems carry the mock file's own position.
 */
import fs from 'node:fs';
import type { TestProblem } from './types.js';
import type { MockHeader, MockResource, MockSpec } from './suite-model.js';
import { child, childElements, colOf, contentOf, lineOf, parseDocument, rawText, textOf, type XmlElement } from './xml.js';
import { toRelative } from './paths.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);

export function parseMockFile(root: string, file: string): { mock: MockSpec } | { problem: TestProblem } {
  const relative = toRelative(root, file);
  const fail = (line: number, col: number, message: string) => ({ problem: { file: relative, line, col, code: 'MOCK_FILE', message } });
  const failAt = (el: XmlElement, message: string) => fail(lineOf(el), colOf(el), message);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return fail(1, 1, `cannot read the mock service: ${(e as Error).message}`);
  }
  const doc = parseDocument(text);
  if (!doc.ok) return fail(doc.line, doc.col, doc.message);
  const el = doc.root;
  if (el.localName !== 'mock-service') return failAt(el, `<${el.nodeName}> is not a mock service (the root element must be <mock-service>)`);
  const name = textOf(el, 'service-name');
  if (!name) return failAt(el, '<mock-service> has no <service-name> (the endpoint it stands in for)');
  const portText = textOf(el, 'port') ?? '';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return failAt(child(el, 'port') ?? el, `mock service ${name}: <port> must be a number from 1 to 65535, not "${portText}"`);
  const context = normalizeContext(textOf(el, 'context') ?? '/');
  const resources: MockResource[] = [];
  const list = child(el, 'resources');
  for (const r of list ? childElements(list, 'resource') : []) {
    const method = (textOf(r, 'method') ?? '').toUpperCase();
    if (!METHODS.has(method)) return failAt(child(r, 'method') ?? r, `mock service ${name}: resource method must be one of ${[...METHODS].join(', ')}, not "${method}"`);
    const subContext = textOf(r, 'sub-context') ?? '';
    const request = child(r, 'request');
    const response = child(r, 'response');
    const statusText = response ? textOf(response, 'status-code') : undefined;
    const status = statusText ? Number(statusText) : 200;
    if (!Number.isInteger(status) || status < 100 || status > 599) return failAt(child(response!, 'status-code')!, `mock service ${name}: status-code must be an HTTP status, not "${statusText}"`);
    const requestPayload = request ? child(request, 'payload') : undefined;
    const responsePayload = response ? child(response, 'payload') : undefined;
    resources.push({
      method,
      subContext,
      request: request ? { payload: requestPayload ? contentOf(requestPayload) : undefined, headers: headersOf(request) } : undefined,
      response: { status, payload: responsePayload ? contentOf(responsePayload) : '', headers: response ? headersOf(response) : [] },
    });
  }
  return {
    mock: {
      info: { name, port, context, position: { file: relative, line: lineOf(el), col: colOf(el) }, resources: resources.map((r) => ({ method: r.method, subContext: r.subContext })) },
      resources,
    },
  };
}

function headersOf(el: XmlElement): MockHeader[] {
  const headers = child(el, 'headers');
  return (headers ? childElements(headers, 'header') : []).map((h) => ({ name: h.getAttribute('name') ?? '', value: h.getAttribute('value') ?? rawText(h).trim() })).filter((h) => h.name);
}

function normalizeContext(c: string): string {
  const withSlash = c.startsWith('/') ? c : `/${c}`;
  return withSlash.length > 1 ? withSlash.replace(/\/$/, '') : withSlash;
}
