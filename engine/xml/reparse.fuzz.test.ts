/**
 * Fuzzing the incremental parser: after any sequence of edits (typing, deleting, pasting
 * markup, breaking the document and mending it), each version parses to what a full parse of
 * the same text gives: the same diagnostics, and where it is well-formed the same DOM with the
 * same positions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../test/support/fuzz.js';
import { parseXml, serializeXml } from './dom.js';
import { domDifferences } from './fixtures/dom-differences.js';
import { render, xmlDocument, xmlElement } from './fixtures/xml-arbitrary.js';
import { IncrementalXmlParser } from './reparse.js';

type Edit = { at: number; remove: number; insert: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(
    fc.string({ unit: fc.constantFrom('<', '>', '/', '"', '=', '&', ' ', '\n', '\r\n', 'a', 'b', ':', '-', '!'), maxLength: 3 }),
    xmlElement.map(render),
  ),
});

function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

function expectSameAsFullParse(parser: IncrementalXmlParser, text: string): void {
  const incremental = parser.parse(text, 'f.xml');
  const full = parseXml(text, 'f.xml');
  expect(incremental.diagnostics).toEqual(full.diagnostics);
  if (!full.doc) return;
  expect(serializeXml(incremental.doc!)).toBe(serializeXml(full.doc));
  expect(domDifferences(full.doc, incremental.doc!)).toEqual([]);
}

describe('IncrementalXmlParser under fuzzing', () => {
  it('gives what a full parse gives after every edit of a sequence, and after undoing them all', () => {
    fc.assert(
      fc.property(xmlDocument, fc.array(edit, { minLength: 1, maxLength: 6 }), ({ text }, edits) => {
        const parser = new IncrementalXmlParser();
        expectSameAsFullParse(parser, text);
        const versions = [text];
        for (const e of edits) {
          versions.push(applyEdit(versions[versions.length - 1]!, e));
          expectSameAsFullParse(parser, versions[versions.length - 1]!);
        }
        for (const v of versions.reverse()) expectSameAsFullParse(parser, v);
      }),
      fuzzParameters(250),
    );
  });
});
