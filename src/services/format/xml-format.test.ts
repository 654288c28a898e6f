import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser } from '@xmldom/xmldom';
import { formatXml, isXmlWhitespace } from './xml-format.js';
import { tokenizeXml } from './xml-tokens.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = path.resolve(repoRoot, '../shared');

function* xmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* xmlFiles(file);
    else if (/\.(xml|dbs)$/i.test(name)) yield file;
  }
}

/** Everything but whitespace-only text, token by token: what formatting must not change. */
const content = (text: string) => tokenizeXml(text).filter((t) => !(t.type === 'text' && isXmlWhitespace(t.raw))).map((t) => t.raw);

/** An independent well-formedness check: the formatter may refuse only what this parser refuses too. */
function wellFormed(text: string): boolean {
  try {
    new DOMParser({ onError: (level) => { if (level !== 'warning') throw new Error(level); } }).parseFromString(text, 'text/xml');
    return true;
  } catch {
    return false;
  }
}

const files = [...xmlFiles(path.join(shared, 'corpus')), ...xmlFiles(path.join(repoRoot, 'samples'))];

describe('formatXml', () => {
  it('finds the corpus and the samples', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('keeps every non-whitespace token of every corpus and sample artifact, and is stable', () => {
    let formattedCount = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const result = formatXml(text);
      if (!result.ok) {
        expect(wellFormed(text), `${file}: ${result.error}`).toBe(false);
        expect(result.text).toBe(text);
        continue;
      }
      formattedCount++;
      expect(content(result.text), file).toEqual(content(text));
      expect(result.text.replace(/\s+/g, ''), file).toBe(text.replace(/\s+/g, ''));
      const again = formatXml(result.text);
      expect(again.ok && again.text, file).toBe(result.text);
    }
    expect(formattedCount).toBeGreaterThan(files.length - 5);
  });

  it('re-indents elements and keeps comments, CDATA, PIs, attribute quoting and entities', () => {
    const messy =
      `<?xml version="1.0"?>\n<!-- head -->\n<api name='A'  context="/a" xmlns="http://ws.apache.org/ns/synapse"><resource methods="GET">\n` +
      `<inSequence>   <!-- keep me -->\n<log level="custom"><property name="p" value="a &amp; b"/></log>\n` +
      `<script language="js"><![CDATA[var x = 1;\n   mc.setPayloadJSON({a: x});]]></script>\n` +
      `<payloadFactory media-type="xml"><format>\n  <r xmlns="">  <a>$1</a></r>\n</format><args><arg expression="//a"/></args></payloadFactory>\n` +
      `<?custom pi?><respond/></inSequence></resource></api>`;
    const result = formatXml(messy);
    expect(result.ok).toBe(true);
    expect(result.text).toBe(
      `<?xml version="1.0"?>\n<!-- head -->\n<api name='A'  context="/a" xmlns="http://ws.apache.org/ns/synapse">\n` +
        `    <resource methods="GET">\n        <inSequence>\n            <!-- keep me -->\n` +
        `            <log level="custom">\n                <property name="p" value="a &amp; b"/>\n            </log>\n` +
        `            <script language="js"><![CDATA[var x = 1;\n   mc.setPayloadJSON({a: x});]]></script>\n` +
        `            <payloadFactory media-type="xml">\n                <format>\n  <r xmlns="">  <a>$1</a></r>\n</format>\n` +
        `                <args>\n                    <arg expression="//a"/>\n                </args>\n            </payloadFactory>\n` +
        `            <?custom pi?>\n            <respond/>\n        </inSequence>\n    </resource>\n</api>\n`,
    );
  });

  it('leaves text-bearing elements and whitespace-only values untouched', () => {
    const text = `<localEntry key="k"><a>  mixed <b>bold</b> text </a><v>   </v><j>{"a": [1,\n 2]}</j></localEntry>`;
    const result = formatXml(text);
    expect(result.text).toBe(`<localEntry key="k">\n    <a>  mixed <b>bold</b> text </a>\n    <v>   </v>\n    <j>{"a": [1,\n 2]}</j>\n</localEntry>\n`);
  });

  it('uses the indentation asked for and keeps CRLF line ends', () => {
    const result = formatXml('<a>\r\n<b/>\r\n</a>\r\n', { indent: '\t' });
    expect(result.text).toBe('<a>\r\n\t<b/>\r\n</a>\r\n');
    expect(result.ok && result.changed).toBe(true);
  });

  it('refuses broken markup and returns the text unchanged', () => {
    for (const broken of ['<a><b></a>', '<a>', '<a><!-- open', '<a b="x></a>', 'text<a/>']) {
      const result = formatXml(broken);
      expect(result.ok, broken).toBe(false);
      expect(result.text).toBe(broken);
    }
  });
});
