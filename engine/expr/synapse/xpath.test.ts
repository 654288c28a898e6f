import { describe, expect, it } from 'vitest';
import { compileInlineTemplate, compileSynapseExpression } from './index.js';
import { makeTestContext } from './test-context.js';
import { faultOf } from './test-helpers.js';

const xml = '<catalog><book><id>101</id><title>Gatsby</title><price>10.99</price></book><book><id>102</id><title>1984</title><price>8.99</price></book></catalog>';

describe('xpath()', () => {
  it('evaluates XPath over the message and marks the expression as reading the payload', () => {
    const e = compileSynapseExpression('${xpath("//book[2]/title/text()")}');
    expect(e.readsPayload).toBe(true);
    expect(e.evaluateString(makeTestContext({ xml }))).toBe('1984');
  });
  it('gives XPath scalars as text', () => {
    const ctx = makeTestContext({ xml });
    // the XPath engine's text for numbers (Synapse prints XPath numbers as Java doubles)
    expect(compileSynapseExpression('${xpath("count(//book)")}').evaluate(ctx)).toBe('2.0');
    expect(compileSynapseExpression('${xpath("string(//book[1]/id)") == "101"}').evaluate(ctx)).toBe(true);
  });
  it('gives node-sets as nodes, printed as XML in templates', () => {
    const ctx = makeTestContext({ xml });
    const nodes = compileSynapseExpression("${xpath('//catalog/book[1]')}").evaluate(ctx) as Node[];
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.nodeName).toBe('book');
    expect(compileInlineTemplate("Book: ${xpath('//catalog/book[1]')}").render(ctx)).toBe(
      'Book: <book><id>101</id><title>Gatsby</title><price>10.99</price></book>',
    );
  });
  it('resolves namespace prefixes from the element where the expression is written', () => {
    const nsXml = '<m:order xmlns:m="urn:shop"><m:item>pen</m:item></m:order>';
    const e = compileSynapseExpression('${xpath("//s:item/text()")}', { s: 'urn:shop' });
    expect(e.evaluateString(makeTestContext({ xml: nsXml }))).toBe('pen');
  });
  it('evaluates against a variable with xpath(expr, name)', () => {
    const ctx = makeTestContext({ xml, vars: { v: 'abc' } });
    expect(compileSynapseExpression('${xpath("", "v")}').evaluateString(ctx)).toBe('abc');
  });
  it('fails on an invalid XPath, and exists() turns that into false', () => {
    expect(faultOf('${xpath("//[")}', { xml })).toMatch(/Invalid XPATH expression/);
    expect(compileSynapseExpression('${exists(xpath("//["))}').evaluate(makeTestContext({ xml }))).toBe(false);
  });
});
