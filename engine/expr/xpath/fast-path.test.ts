/**
 * The direct location-path evaluator must select exactly what the `xpath`
 * package selects: every path below runs both ways over several messages and
 * the node lists (document order, duplicates removed) must be the same nodes.
 */
import { describe, it, expect } from 'vitest';
import { compileXPath } from './index.js';
import { compileSimplePath } from './fast-path.js';
import { parseXPath } from './parse.js';
import { lib, xnodes, isNodeSet } from './lib.js';
import { functionResolver } from './functions.js';
import { testContext, SOAP11 } from './test-context.js';
import type { NamespaceMap } from '../types.js';

const NS: NamespaceMap = { m0: 'http://services.samples', soapenv: SOAP11, r: 'urn:routing', ns: 'urn:other' };

const MESSAGES = [
  '<orders><order id="1"><symbol>IBM</symbol><price>1</price></order><order id="2"><symbol>MSFT</symbol><order><symbol>NESTED</symbol></order></order>text<!--c--><?pi x?><![CDATA[cd]]></orders>',
  `<soapenv:Envelope xmlns:soapenv="${SOAP11}"><soapenv:Header><r:routing xmlns:r="urn:routing">a;b</r:routing><r:routing xmlns:r="urn:routing">c</r:routing></soapenv:Header><soapenv:Body><m0:getQuote xmlns:m0="http://services.samples"><m0:request><m0:symbol>IBM</m0:symbol></m0:request></m0:getQuote></soapenv:Body></soapenv:Envelope>`,
  '<a xmlns="urn:other" xmlns:x="urn:x" x:k="v" k="w"><b>1</b><b><a><b>2</b></a></b></a>',
  '',
];

const SIMPLE = [
  '//order[1]/symbol',
  '//order/symbol',
  '//order[2]',
  '//order[1][1]',
  '//order[3]',
  '//order[1.5]',
  '//symbol/text()',
  '//text()',
  '//node()',
  '//*',
  '//@id',
  '//order/@*',
  '//@k',
  '/soapenv:Envelope/soapenv:Header/r:routing',
  '/soapenv:Envelope/soapenv:Header/r:routing[2]',
  'soapenv:Body/*',
  'soapenv:Body//m0:symbol',
  '//m0:*',
  '//ns:b',
  '//ns:b[1]',
  '//ns:a//ns:b',
  '$body/orders/order',
  '$body/*[1]',
  '$header/r:routing',
  '$body',
  '$env/soapenv:Body',
  '/',
  '.',
  'self::node()',
  '//order/descendant::symbol',
  '//orders/descendant-or-self::order[1]',
];

const GENERAL = ['//order[symbol="IBM"]', '//order[last()]', 'count(//order)', '//order/..', '//comment()', '$ctx:x/a', '//undeclared:x', '//order/@id[1]', '//processing-instruction()'];

function viaPackage(source: string, xml: string): Node[] {
  const ctx = testContext({ xml });
  const { parsed } = parseXPath(source);
  const c = new lib.XPathContext();
  c.functionResolver = functionResolver;
  const namespaces: NamespaceMap = { ...NS, xml: 'http://www.w3.org/XML/1998/namespace' };
  c.namespaceResolver = { getNamespace: (p) => (p === '' ? null : (namespaces[p] ?? null)) };
  // Re-run the compiler's variable renaming by compiling once; then resolve $body/$header/$env as it does.
  const doc = ctx.envelope();
  const root = doc.documentElement!;
  const child = (name: string) => {
    for (let n = root.firstChild; n; n = n.nextSibling) if ((n as Element).localName === name) return [n];
    return [];
  };
  c.variableResolver = { getVariable: (name) => xnodes(name === 'body' ? child('Body') : name === 'header' ? child('Header') : [root]) };
  c.expressionContextNode = root;
  const v = parsed.evaluate(c);
  return isNodeSet(v) ? v.toArray() : [];
}

describe('direct location-path evaluation', () => {
  it('handles the routing paths and leaves everything else to the package', () => {
    for (const source of SIMPLE) expect(compileSimplePath(parseXPath(source).parsed.expression, (p) => NS[p] ?? null, () => true), source).toBeDefined();
    for (const source of GENERAL) expect(compileSimplePath(parseXPath(source).parsed.expression, (p) => NS[p] ?? null, () => false), source).toBeUndefined();
  });

  it('selects the same nodes as the xpath package, in the same order', () => {
    for (const xml of MESSAGES) {
      for (const source of SIMPLE) {
        const expected = viaPackage(source, xml);
        const actual = compileXPath(source, NS).evaluate(testContextSharing(xml, expected));
        expect(Array.isArray(actual), source).toBe(true);
        expect((actual as Node[]).length, `${source} over ${xml.slice(0, 40)}`).toBe(expected.length);
        (actual as Node[]).forEach((n, i) => expect(n === expected[i], `${source} node ${i}`).toBe(true));
      }
    }
  });

  it('gives the same strings the routing mediators compare', () => {
    const flat = testContext({ xml: '<orders><order><symbol>IBM</symbol></order><order><symbol>MSFT</symbol></order></orders>' });
    expect(compileXPath('//order[1]/symbol', NS).evaluateString(flat)).toBe('IBM');
    expect(compileXPath('//order[2]/symbol', NS).evaluateString(flat)).toBe('MSFT');
    expect(compileXPath('//order[9]', NS).evaluateBoolean(flat)).toBe(false);
    // A nested order is also the first order of its parent: both symbols, printed as XML.
    const nested = testContext({ xml: MESSAGES[0] });
    expect(compileXPath('//order[1]/symbol', NS).evaluateString(nested)).toBe('<symbol>IBM</symbol><symbol>NESTED</symbol>');
    expect(compileXPath('//order/@id', NS).evaluateString(nested)).toBe('12');
  });
});

/** A context over the very document `viaPackage` used, so nodes compare by identity. */
function testContextSharing(xml: string, expected: Node[]) {
  const ctx = testContext({ xml });
  const doc = expected[0] ? (expected[0].nodeType === 9 ? (expected[0] as Document) : expected[0].ownerDocument!) : undefined;
  if (doc) ctx.envelope = () => doc;
  return ctx;
}
