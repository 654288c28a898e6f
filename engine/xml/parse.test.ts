import { describe, expect, it } from 'vitest';
import { attrPosition, colOf, lineOf, parseXml, parseXmlStrict, serializeXml, XmlSyntaxError } from './dom.js';

/** The single XML001 diagnostic of a malformed text, as line:col and message. */
function problem(text: string): string {
  const r = parseXml(text, 'f.xml');
  expect(r.doc).toBeUndefined();
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0]!;
  expect([d.code, d.severity, d.file]).toEqual(['XML001', 'error', 'f.xml']);
  return `${d.line}:${d.col} ${d.message}`;
}

describe('parseXml: malformed documents', () => {
  it.each([
    ['an element left open', '<a>\n  <b>\n</a>', "3:1 malformed XML: end tag </a> does not match the start tag <b> (line 2, col 3)"],
    ['an element never closed', '<sequence>\n  <log/>\n', '1:1 malformed XML: <sequence> is not closed (the document ends first)'],
    ['an end tag without start tag', '<a/>\n</a>', '2:1 malformed XML: end tag </a> has no start tag'],
    ['an end tag missing its >', '<a>\n  <b>\n  </b\n</a>', "3:3 malformed XML: end tag </b> is missing its '>' (found '<')"],
    ['a start tag missing its >', '<a>\n  <b x="1"\n</a>', "2:3 malformed XML: start tag <b> is missing its '>' (found '<')"],
    ['an unquoted attribute value', '<a x=1/>', "1:6 malformed XML: the value of attribute 'x' of <a> must be in quotes"],
    ['an attribute without value', '<a\n  checked/>', `2:3 malformed XML: attribute 'checked' of <a> has no value (expected checked="...")`],
    ['an unclosed attribute value', '<a x="1/>', "1:6 malformed XML: the value of attribute 'x' of <a> is not closed"],
    ['attributes run together', '<a x="1"y="2"/>', '1:9 malformed XML: attributes of <a> must be separated by white space'],
    ['a duplicate attribute', '<a x="1"\n   x="2"/>', "2:4 malformed XML: duplicate attribute 'x' on <a>"],
    ['a duplicate expanded name', '<a xmlns:p="u" xmlns:q="u" p:x="1" q:x="2"/>', "1:40 malformed XML: attributes 'p:x' and 'q:x' of <a> have the same namespace and local name"],
    ['< in an attribute value', '<a x="1 < 2"/>', "1:9 malformed XML: '<' is not allowed in an attribute value; write &lt;"],
    ['an undeclared element prefix', '<a>\n  <p:b/>\n</a>', "2:3 malformed XML: the namespace prefix 'p' of <p:b> is not declared"],
    ['an undeclared attribute prefix', '<a p:x="1"/>', "1:8 malformed XML: the namespace prefix 'p' of attribute 'p:x' is not declared"],
    ['a prefix undeclared with xmlns:p=""', '<a xmlns:p=""/>', `1:12 malformed XML: the prefix 'p' cannot be undeclared (xmlns:p="" is not allowed in XML 1.0)`],
    ['text after the root', '<a/>\nhello', '2:1 malformed XML: text after the root element'],
    ['text before the root', 'hello <a/>', '1:1 malformed XML: text before the root element'],
    ['two roots', '<a/>\n<b/>', '2:1 malformed XML: a document has one root element; this element follows it'],
    ['no root', '<!-- only a comment -->', '1:24 malformed XML: the document has no root element'],
    ['an empty document', '', '1:1 malformed XML: the document has no root element'],
    ['an unterminated comment', '<a>\n  <!-- note\n</a>', '2:3 malformed XML: comment is not closed (missing -->)'],
    ['-- inside a comment', '<a><!-- a -- b --></a>', "1:11 malformed XML: '--' is not allowed inside a comment"],
    ['an unterminated CDATA section', '<a><![CDATA[x</a>', '1:4 malformed XML: CDATA section is not closed (missing ]]>)'],
    ['CDATA outside the root', '<![CDATA[x]]><a/>', '1:1 malformed XML: a CDATA section is only allowed inside the root element'],
    [']]> in text', '<a>x ]]> y</a>', "1:6 malformed XML: ']]>' is not allowed in text; write ]]&gt;"],
    ['a control character', '<a>\n bell\u0007</a>', '2:6 malformed XML: character U+0007 is not allowed in XML'],
    ['an unpaired surrogate', '<a>\uD800</a>', '1:4 malformed XML: character U+D800 is not allowed in XML'],
    ['an unknown entity', '<a>&nbsp;</a>', '1:4 malformed XML: unknown entity &nbsp; (XML defines only &lt; &gt; &amp; &apos; &quot;; DTD entities are not expanded)'],
    ['a DTD entity', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', '1:34 malformed XML: unknown entity &e; (XML defines only &lt; &gt; &amp; &apos; &quot;; DTD entities are not expanded)'],
    ['a bare &', '<a x="a & b"/>', "1:9 malformed XML: '&' must start an entity or character reference; write &amp; for a literal '&'"],
    ['a reference to a forbidden character', '<a>&#0;</a>', '1:4 malformed XML: character reference &#0; is not a character XML allows'],
    ['a malformed character reference', '<a>&#x12G;</a>', '1:4 malformed XML: malformed character reference &#x12G;'],
    ['a bare <', '<a>1 < 2</a>', "1:6 malformed XML: '<' must start a tag; write &lt; for a literal '<'"],
    ['a bad element name', '<a><b:c:d/></a>', "1:8 malformed XML: invalid element name: ':' is not allowed here"],
    ['a bad character after a name', '<a"x"/>', `1:3 malformed XML: unexpected '"' in the name of <a>`],
    ['an XML declaration not at the start', '\n<?xml version="1.0"?><a/>', '2:1 malformed XML: the XML declaration must be the very first thing in the document, written <?xml ...?>'],
    ['a malformed XML declaration', '<?xml encoding="UTF-8"?><a/>', '1:1 malformed XML: malformed XML declaration; expected <?xml version="1.0" encoding="..." standalone="yes|no"?>'],
    ['a DOCTYPE after the root', '<a/><!DOCTYPE a>', '1:5 malformed XML: a DOCTYPE is only allowed before the root element'],
    ['an unclosed processing instruction', '<a><?pi data</a>', '1:4 malformed XML: processing instruction <?pi is not closed (missing ?>)'],
    ['an unknown <! declaration', '<a><!ELEMENT a ANY></a>', "1:4 malformed XML: '<!' must start a comment (<!--), a CDATA section (<![CDATA[) or a DOCTYPE"],
  ])('%s', (_what, text, expected) => {
    expect(problem(text)).toBe(expected);
  });

  it('counts lines after CR LF and lone CR line ends as one line end each', () => {
    expect(problem('<a>\r\n<b>\r</a>')).toBe('3:1 malformed XML: end tag </a> does not match the start tag <b> (line 2, col 1)');
  });

  it('throws XmlSyntaxError with the position for payloads', () => {
    const err = (() => {
      try {
        parseXmlStrict('<order>\n  <id>1</order>');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(XmlSyntaxError);
    expect(err).toMatchObject({ line: 2, col: 8, message: 'malformed XML: end tag </order> does not match the start tag <id> (line 2, col 3)' });
  });
});

describe('parseXml: documents', () => {
  it('resolves namespaces: defaults, prefixes, undeclaring the default, xml:', () => {
    const doc = parseXmlStrict('<a xmlns="urn:d" xmlns:p="urn:p"><p:b p:c="1" d="2" xml:lang="en"/><c xmlns=""><d/></c></a>');
    const a = doc.documentElement!;
    const b = a.firstChild as Element;
    const c = b.nextSibling as Element;
    expect([a.namespaceURI, b.namespaceURI, b.prefix, b.localName, c.namespaceURI, (c.firstChild as Element).namespaceURI]).toEqual(['urn:d', 'urn:p', 'p', 'b', null, null]);
    expect(b.getAttributeNode('p:c')!.namespaceURI).toBe('urn:p');
    expect(b.getAttributeNode('d')!.namespaceURI).toBeNull();
    expect(b.getAttributeNode('xml:lang')!.namespaceURI).toBe('http://www.w3.org/XML/1998/namespace');
    expect(a.getAttributeNode('xmlns:p')!.namespaceURI).toBe('http://www.w3.org/2000/xmlns/');
    expect(b.lookupNamespaceURI('p')).toBe('urn:p');
  });

  it('decodes references, keeps CDATA, comments and processing instructions', () => {
    const doc = parseXmlStrict('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&lt;&#65;&#x1F600;&quot;">t &amp; u<![CDATA[<raw>&amp;]]><!-- c --><?pi data?></a>');
    const a = doc.documentElement!;
    expect(a.getAttribute('x')).toBe('<A\u{1F600}"');
    expect(Array.from(a.childNodes).map((n) => [n.nodeType, n.nodeValue])).toEqual([
      [3, 't & u'],
      [4, '<raw>&amp;'],
      [8, ' c '],
      [7, 'data'],
    ]);
    expect(serializeXml(doc)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&lt;A\u{1F600}&quot;">t &amp; u<![CDATA[<raw>&amp;]]><!-- c --><?pi data?></a>');
  });

  it('normalizes literal tabs and line ends in attribute values to spaces, but not character references', () => {
    expect(parseXmlStrict('<a x="1\t2\r\n3&#10;4"/>').documentElement!.getAttribute('x')).toBe('1 2 3\n4');
  });

  it('gives elements, attributes and text 1-based positions (attributes at their opening quote)', () => {
    const doc = parseXmlStrict('<a>\n  <b name = "v"\n     other=\'w\'>text</b>\n</a>');
    const b = doc.documentElement!.firstChild!.nextSibling as Element;
    expect([lineOf(b), colOf(b)]).toEqual([2, 3]);
    expect(attrPosition(b, 'name')).toEqual({ line: 2, col: 13 });
    expect(attrPosition(b, 'other')).toEqual({ line: 3, col: 12 });
    expect([lineOf(b.firstChild), colOf(b.firstChild)]).toEqual([3, 16]);
  });

  it('counts columns in UTF-16 units, as the editor does', () => {
    const doc = parseXmlStrict('<a>\u{1F600}<b/></a>');
    expect(colOf(doc.documentElement!.lastChild)).toBe(6);
  });

  it('keeps a DOCTYPE as a node without applying it, and skips a byte order mark', () => {
    const doc = parseXmlStrict('\uFEFF<!DOCTYPE a SYSTEM "a.dtd" [<!ELEMENT a ANY>]><a/>');
    expect(doc.doctype!.name).toBe('a');
    expect(serializeXml(doc)).toBe('<!DOCTYPE a SYSTEM "a.dtd" [<!ELEMENT a ANY>]><a/>');
    expect(colOf(doc.documentElement)).toBe(2 + '<!DOCTYPE a SYSTEM "a.dtd" [<!ELEMENT a ANY>]>'.length);
  });

  it('keeps white space between top-level nodes but not after the last, as xmldom did', () => {
    expect(serializeXml(parseXmlStrict('<?xml version="1.0"?>\n<a/>\n<!-- end -->\n\n'))).toBe('<?xml version="1.0"?>\n<a/>\n<!-- end -->');
  });

  it('builds a DOM the rest of xmldom works with: childNodes, cloning, editing', () => {
    const doc = parseXmlStrict('<a><b/>x<c/></a>');
    const a = doc.documentElement!;
    expect(a.childNodes.length).toBe(3);
    expect(a.childNodes.item(2)!.nodeName).toBe('c');
    const copy = a.cloneNode(true) as Element;
    copy.removeChild(copy.firstChild!);
    copy.appendChild(doc.createElement('d'));
    expect(serializeXml(copy)).toBe('<a>x<c/><d/></a>');
    expect(a.getElementsByTagName('c').length).toBe(1);
  });
});
