/**
 * Fuzzing the XML parser: whatever the text, parsing ends with a Document or an
 * XmlSyntaxError that points into the text (never another exception, never a hang; vitest's
 * test time-out is the bound on a run); well-formed documents give exactly the tree they were
 * written from; serializing a parsed document and parsing it again gives the same tree; a
 * truncated document is always refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { serializeXml } from './dom.js';
import { modelOf, xmlDocument } from './fixtures/xml-arbitrary.js';
import { normalizeLineEnds, parseXmlDocument, XmlSyntaxError } from './parse.js';

/** Parses `text`; a malformed one must be refused with an XmlSyntaxError at a position inside it. */
function parseOrRefuse(text: string): Document | XmlSyntaxError {
  try {
    return parseXmlDocument(text);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    const lines = normalizeLineEnds(text).split('\n');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines.length);
    expect(e.col).toBeGreaterThanOrEqual(1);
    expect(e.col).toBeLessThanOrEqual(lines[e.line - 1]!.length + 1);
    return e;
  }
}

/** Text made of XML's own punctuation and names, so random input reaches deep into the grammar. */
const xmlish = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '/', '?', '!', '=', '"', "'", '&', ';', '#', 'x', ':', '-', '[', ']', ' ', '\n', '\r', '\t'),
    fc.constantFrom('<a>', '</a>', '<a/>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml version="1.0"?>', '<!DOCTYPE a [', 'xmlns:p="urn:p"', 'xmlns=""', '&amp;', '&#x', '&#', 'p:', 'xml:', '<p:a>'),
    fc.constantFrom('\u0000', '\u0001', '\uFFFE', '\uD800', '\uDC00', '\uFEFF', 'é', '\u{1F600}'),
  ),
  maxLength: 40,
});

const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.string({ unit: fc.constantFrom('<', '>', '&', '"', '/', '=', ' ', 'a', ']]>', '--', '\u0000'), maxLength: 2 }) });

describe('parseXmlDocument under fuzzing', () => {
  it('builds exactly the tree a well-formed document was written from', () => {
    fc.assert(
      fc.property(xmlDocument, ({ text, root }) => {
        const doc = parseXmlDocument(text);
        expect(modelOf(doc.documentElement!)).toEqual(root);
      }),
      fuzzParameters(300),
    );
  });

  it('reads back what it serializes (parse after serialize gives the same tree)', () => {
    fc.assert(
      fc.property(xmlDocument, ({ text }) => {
        const first = parseXmlDocument(text);
        const written = serializeXml(first);
        const second = parseXmlDocument(written);
        expect(modelOf(second.documentElement!)).toEqual(modelOf(first.documentElement!));
        expect(serializeXml(second)).toBe(written);
      }),
      fuzzParameters(300),
    );
  });

  it('answers any text with a Document or an XmlSyntaxError inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(xmlish, fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        parseOrRefuse(text);
      }),
      fuzzParameters(1500),
    );
  });

  it('answers a well-formed document with an edit anywhere in it the same way', () => {
    fc.assert(
      fc.property(xmlDocument, fc.array(edit, { minLength: 1, maxLength: 3 }), ({ text }, edits) => {
        let t = text;
        for (const e of edits) {
          const at = e.at % (t.length + 1);
          t = t.slice(0, at) + e.insert + t.slice(at + e.remove);
        }
        parseOrRefuse(t);
      }),
      fuzzParameters(800),
    );
  });

  it('refuses every truncated document (a cut payload is never read as complete)', () => {
    fc.assert(
      fc.property(xmlDocument, fc.nat(), ({ text, rootEnd }, n) => {
        const cut = text.slice(0, n % rootEnd);
        expect(parseOrRefuse(cut)).toBeInstanceOf(XmlSyntaxError);
      }),
      fuzzParameters(400),
    );
  });

  it('reads deeply nested elements without running out of stack', () => {
    const depth = 20_000;
    const doc = parseXmlDocument('<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth));
    let levels = 0;
    for (let n: Node | null = doc.documentElement; n && n.nodeType === 1; n = n.firstChild) levels++;
    expect(levels).toBe(depth);
  });
});

