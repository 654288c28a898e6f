/**
 * Writing MI unit-test files (../shared/reference/unit-test-format.md): a
 * suite (`<unit-test>`), its test cases and mock services, as Integration
 * Studio and MI for VS Code write them. Values go into CDATA or escaped
 * attributes; a `]]>` inside a payload is split across two CDATA sections.
 */
import type { NewMockResource, NewMockService, NewTestCase } from '../../contract/index.js';

export const SUITE_FOLDER = 'src/test/wso2mi';
export const MOCK_FOLDER = 'src/test/resources/mock-services';

export function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function cdata(value: string): string {
  return `<![CDATA[${value.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export interface SuiteFiles {
  artifact: string;
  supportive: string[];
  cases: NewTestCase[];
  /** Project-relative mock-service files. */
  mockFiles: string[];
}

export function suiteXml(s: SuiteFiles): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<unit-test>', '    <artifacts>', '        <test-artifact>', `            <artifact>${escapeText(s.artifact)}</artifact>`, '        </test-artifact>'];
  if (s.supportive.length === 0) lines.push('        <supportive-artifacts/>');
  else lines.push('        <supportive-artifacts>', ...s.supportive.map((f) => `            <artifact>${escapeText(f)}</artifact>`), '        </supportive-artifacts>');
  lines.push('        <registry-resources/>', '        <connector-resources/>', '    </artifacts>');
  lines.push('    <test-cases>', ...s.cases.map((c) => caseXml(c, '        ')), '    </test-cases>');
  if (s.mockFiles.length === 0) lines.push('    <mock-services/>');
  else lines.push('    <mock-services>', ...s.mockFiles.map((f) => `        <mock-service>${escapeText(f)}</mock-service>`), '    </mock-services>');
  lines.push('</unit-test>', '');
  return lines.join('\n');
}

/** One `<test-case>` element, indented by `pad`. */
export function caseXml(c: NewTestCase, pad: string): string {
  const i = (n: number) => pad + '    '.repeat(n);
  const out = [`${pad}<test-case name="${escapeAttr(c.name)}">`];
  const props = c.properties ?? [];
  const hasInput = c.requestPath !== undefined || c.requestMethod !== undefined || (c.payload ?? '') !== '' || props.length > 0;
  if (hasInput) {
    out.push(`${i(1)}<input>`);
    if (c.requestPath !== undefined) out.push(`${i(2)}<request-path>${escapeText(c.requestPath)}</request-path>`);
    if (c.requestMethod !== undefined) out.push(`${i(2)}<request-method>${escapeText(c.requestMethod.toUpperCase())}</request-method>`);
    if ((c.payload ?? '') !== '') out.push(`${i(2)}<payload>${cdata(c.payload!)}</payload>`);
    if (props.length) {
      out.push(`${i(2)}<properties>`);
      for (const p of props) {
        const scope = p.scope && p.scope !== 'default' ? ` scope="${escapeAttr(p.scope)}"` : '';
        out.push(`${i(3)}<property name="${escapeAttr(p.name)}"${scope} value="${escapeAttr(p.value)}"/>`);
      }
      out.push(`${i(2)}</properties>`);
    }
    out.push(`${i(1)}</input>`);
  }
  out.push(`${i(1)}<assertions>`);
  for (const a of c.assertions) {
    out.push(`${i(2)}<${a.type}>`, `${i(3)}<actual>${escapeText(a.actual)}</actual>`);
    if (a.type === 'assertEquals') out.push(`${i(3)}<expected>${cdata(a.expected ?? '')}</expected>`);
    out.push(`${i(3)}<message>${escapeText(a.message || defaultMessage(a.type, a.actual))}</message>`, `${i(2)}</${a.type}>`);
  }
  out.push(`${i(1)}</assertions>`, `${pad}</test-case>`);
  return out.join('\n');
}

function defaultMessage(type: string, actual: string): string {
  return type === 'assertNotNull' ? `${actual} has no value` : `${actual} is not as expected`;
}

export function mockXml(m: NewMockService): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<mock-service>', `    <service-name>${escapeText(m.serviceName)}</service-name>`, `    <port>${m.port}</port>`, `    <context>${escapeText(m.context)}</context>`, '    <resources>'];
  for (const r of m.resources) lines.push(resourceXml(r, '        '));
  lines.push('    </resources>', '</mock-service>', '');
  return lines.join('\n');
}

/** One mock `<resource>` element, indented by `pad`. */
export function resourceXml(r: NewMockResource, pad: string): string {
  const i = (n: number) => pad + '    '.repeat(n);
  const lines = [`${pad}<resource>`, `${i(1)}<sub-context>${escapeText(r.subContext)}</sub-context>`, `${i(1)}<method>${escapeText(r.method.toUpperCase())}</method>`];
  const reqHeaders = r.requestHeaders ?? [];
  if ((r.requestPayload ?? '') !== '' || reqHeaders.length) {
    lines.push(`${i(1)}<request>`);
    if ((r.requestPayload ?? '') !== '') lines.push(`${i(2)}<payload>${cdata(r.requestPayload!)}</payload>`);
    if (reqHeaders.length) lines.push(`${i(2)}<headers>`, ...reqHeaders.map((h) => `${i(3)}<header name="${escapeAttr(h.name)}" value="${escapeAttr(h.value)}"/>`), `${i(2)}</headers>`);
    lines.push(`${i(1)}</request>`);
  }
  lines.push(`${i(1)}<response>`, `${i(2)}<status-code>${r.statusCode}</status-code>`);
  if ((r.responsePayload ?? '') !== '') lines.push(`${i(2)}<payload>${cdata(r.responsePayload!)}</payload>`);
  const resHeaders = r.responseHeaders ?? [];
  if (resHeaders.length) lines.push(`${i(2)}<headers>`, ...resHeaders.map((h) => `${i(3)}<header name="${escapeAttr(h.name)}" value="${escapeAttr(h.value)}"/>`), `${i(2)}</headers>`);
  lines.push(`${i(1)}</response>`, `${pad}</resource>`);
  return lines.join('\n');
}

/** A mock-service file's text with more `<resource>` elements before `</resources>`. */
export function addMockResources(mock: string, resources: NewMockResource[]): string {
  if (resources.length === 0) return mock;
  const xml = resources.map((r) => resourceXml(r, '        ')).join('\n');
  const close = mock.lastIndexOf('</resources>');
  if (close >= 0) {
    const lineStart = mock.lastIndexOf('\n', close) + 1;
    return mock.slice(0, lineStart) + xml + '\n' + mock.slice(lineStart);
  }
  const empty = /<resources\s*\/>/.exec(mock);
  if (empty) return mock.slice(0, empty.index) + `<resources>\n${xml}\n    </resources>` + mock.slice(empty.index + empty[0].length);
  const end = mock.lastIndexOf('</mock-service>');
  if (end < 0) throw Object.assign(new Error('the mock-service file has no <mock-service> element'), { code: 'INVALID' });
  return mock.slice(0, end) + `    <resources>\n${xml}\n    </resources>\n` + mock.slice(end);
}

/**
 * The suite's text with one more test case before `</test-cases>` (a
 * `<test-cases/>` is opened up; a suite without one gets it before
 * `<mock-services>` or the end), everything else kept as written.
 */
export function insertCase(suite: string, c: NewTestCase): string {
  const close = suite.lastIndexOf('</test-cases>');
  if (close >= 0) {
    const lineStart = suite.lastIndexOf('\n', close) + 1;
    const indent = /^[ \t]*$/.test(suite.slice(lineStart, close)) ? suite.slice(lineStart, close) : '    ';
    return suite.slice(0, lineStart) + caseXml(c, indent + '    ') + '\n' + suite.slice(lineStart);
  }
  const empty = /<test-cases\s*\/>/.exec(suite);
  if (empty) return suite.slice(0, empty.index) + `<test-cases>\n${caseXml(c, '        ')}\n    </test-cases>` + suite.slice(empty.index + empty[0].length);
  const anchor = suite.search(/<mock-services[\s/>]/);
  const at = anchor >= 0 ? anchor : suite.lastIndexOf('</unit-test>');
  if (at < 0) throw Object.assign(new Error('the suite has no <unit-test> element to add a case to'), { code: 'INVALID' });
  return suite.slice(0, at) + `<test-cases>\n${caseXml(c, '        ')}\n    </test-cases>\n    ` + suite.slice(at);
}

/** A file name from free text: letters, digits, `-` and `_` kept, the rest `_`. */
export function safeFileName(name: string): string {
  return name.trim().replace(/\.xml$/i, '').replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Test';
}

/** The suite's text with `<mock-service>` references to `files` added to its `<mock-services>` (made when missing). */
export function addMockReferences(suite: string, files: string[]): string {
  if (files.length === 0) return suite;
  const refs = (pad: string) => files.map((f) => `${pad}<mock-service>${escapeText(f)}</mock-service>`).join('\n');
  const close = suite.lastIndexOf('</mock-services>');
  if (close >= 0) {
    const lineStart = suite.lastIndexOf('\n', close) + 1;
    const indent = /^[ \t]*$/.test(suite.slice(lineStart, close)) ? suite.slice(lineStart, close) : '    ';
    return suite.slice(0, lineStart) + refs(indent + '    ') + '\n' + suite.slice(lineStart);
  }
  const empty = /<mock-services\s*\/>/.exec(suite);
  if (empty) return suite.slice(0, empty.index) + `<mock-services>\n${refs('        ')}\n    </mock-services>` + suite.slice(empty.index + empty[0].length);
  const end = suite.lastIndexOf('</unit-test>');
  if (end < 0) throw Object.assign(new Error('the suite has no <unit-test> element'), { code: 'INVALID' });
  return suite.slice(0, end) + `    <mock-services>\n${refs('        ')}\n    </mock-services>\n` + suite.slice(end);
}
