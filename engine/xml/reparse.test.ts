import { describe, expect, it } from 'vitest';
import { colOf, lineOf, parseXml, serializeXml } from './dom.js';
import { domDifferences } from './fixtures/dom-differences.js';
import { sharedXmlMissing, sharedXmlTexts } from './fixtures/shared-xml.js';
import { IncrementalXmlParser } from './reparse.js';

/** Parses `next` after `previous` incrementally and checks the result against a full parse of `next`. */
function expectSameAsFullParse(parser: IncrementalXmlParser, next: string): Document | undefined {
  const incremental = parser.parse(next, 'f.xml');
  const full = parseXml(next, 'f.xml');
  expect(incremental.diagnostics).toEqual(full.diagnostics);
  if (!full.doc) return undefined;
  expect(serializeXml(incremental.doc!)).toBe(serializeXml(full.doc));
  expect(domDifferences(full.doc, incremental.doc!)).toEqual([]);
  return incremental.doc;
}

const SEQ = [
  '<sequence xmlns="http://ws.apache.org/ns/synapse" xmlns:m="urn:m" name="s">',
  '  <log level="custom">',
  '    <property name="a" value="1"/>',
  '  </log>',
  '  <m:thing m:x="1">text &amp; more</m:thing>',
  '  <!-- note -->',
  '  <respond/>',
  '</sequence>',
].join('\n');

describe('IncrementalXmlParser', () => {
  it('keeps the nodes an edit does not touch and moves the ones after it', () => {
    const parser = new IncrementalXmlParser();
    const before = parser.parse(SEQ).doc!;
    const [log, thing, , respond] = Array.from(before.documentElement!.childNodes).filter((n) => n.nodeType !== 3);
    const next = SEQ.replace('<property name="a" value="1"/>', '<property name="a"\n              value="22"/>\n    <property name="b" value="2"/>');
    const after = expectSameAsFullParse(parser, next)!;
    const [log2, thing2, , respond2] = Array.from(after.documentElement!.childNodes).filter((n) => n.nodeType !== 3);
    expect(after).toBe(before);
    expect(log2).toBe(log);
    expect(thing2).toBe(thing);
    expect(respond2).toBe(respond);
    expect([lineOf(respond2), colOf(respond2)]).toEqual([9, 3]);
  });

  it.each([
    ['an attribute value', (t: string) => t.replace('value="1"', 'value="100"')],
    ['text', (t: string) => t.replace('text &amp;', 'texts &lt;')],
    ['a new element between others', (t: string) => t.replace('  <respond/>', '  <drop/>\n  <respond/>')],
    ['a removed element', (t: string) => t.replace('  <!-- note -->\n', '')],
    ['a renamed element', (t: string) => t.replace('<respond/>', '<loopback/>')],
    ['a prefixed attribute', (t: string) => t.replace('m:x="1"', 'm:x="1" m:y="2"')],
    ['the root start tag', (t: string) => t.replace('name="s"', 'name="t"')],
    ['white space only', (t: string) => t.replace('  <respond/>', '\n\n      <respond/>')],
    ['a comment opened across elements', (t: string) => t.replace('<!-- note -->', '<!-- note')],
    ['an element left open', (t: string) => t.replace('<respond/>', '<respond>')],
    ['an end tag made to match another', (t: string) => t.replace('</log>', '</logs>')],
    ['text before the root', (t: string) => `x${t}`],
    ['everything deleted', () => ''],
  ])('gives what a full parse gives after editing %s, and after undoing it', (_what, edit) => {
    const parser = new IncrementalXmlParser();
    parser.parse(SEQ);
    expectSameAsFullParse(parser, edit(SEQ));
    expectSameAsFullParse(parser, SEQ);
  });

  it('edits from the last well-formed version while the text is malformed', () => {
    const parser = new IncrementalXmlParser();
    const log = parser.parse(SEQ).doc!.getElementsByTagName('log')[0];
    expect(log).toBeDefined();
    expect(parser.parse(SEQ.replace('<respond/>', '<drop/>\n  <respond')).doc).toBeUndefined();
    const doc = expectSameAsFullParse(parser, SEQ.replace('<respond/>', '<drop/>\n  <respond/>'))!;
    expect(doc.getElementsByTagName('log')[0]).toBe(log);
  });

  it('parses afresh when the DOM was changed since', () => {
    const parser = new IncrementalXmlParser();
    const doc = parser.parse(SEQ).doc!;
    doc.documentElement!.removeChild(doc.documentElement!.firstChild!);
    expect(expectSameAsFullParse(parser, SEQ.replace('value="1"', 'value="2"'))).not.toBe(doc);
  });

  it('counts CR LF line ends as one', () => {
    const parser = new IncrementalXmlParser();
    parser.parse(SEQ.replace(/\n/g, '\r\n'));
    expectSameAsFullParse(parser, SEQ.replace(/\n/g, '\r\n').replace('<respond/>', '<drop/>\r\n  <respond/>'));
  });
});

/** A repeatable stream of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['x', ' ', '\n', '\n    ', '<a/>', '<b c="1">t</b>', '</', '<', '>', '"', '&amp;', '&', '<!-- c -->', '<![CDATA[<x>]]>', '<?pi d?>', 'p:', ' q="2"'];

/** One random keystroke-sized edit: an insertion, a deletion, or a replacement. */
function randomEdit(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const kind = random();
  const snippet = SNIPPETS[Math.floor(random() * SNIPPETS.length)]!;
  if (kind < 0.45) return text.slice(0, at) + snippet + text.slice(at);
  const length = 1 + Math.floor(random() * 12);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + length);
  return text.slice(0, at) + snippet + text.slice(at + length);
}

describe.skipIf(sharedXmlMissing !== undefined)('IncrementalXmlParser on edited corpus files', async () => {
  const inputs = (await sharedXmlTexts()).filter(([, text]) => parseXml(text).doc);

  it.each(inputs)('%s', (name, text) => {
    const random = seededRandom([...name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), 7));
    const parser = new IncrementalXmlParser();
    parser.parse(text);
    let current = text;
    for (let i = 0; i < 12; i++) {
      // Mostly edits of the last well-formed version (as when typing), now and then a return to the original.
      current = random() < 0.15 ? text : randomEdit(current, random);
      expectSameAsFullParse(parser, current);
      if (!parseXml(current).doc && random() < 0.7) current = text;
    }
  });
});
