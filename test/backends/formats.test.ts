// Unit checks for the helpers whose output the backends' payloads depend on.
import { describe, it, expect } from 'vitest';
import { javaDouble, javaDateString } from './java-format.mjs';
import { double, toJavaJson } from './java-json.mjs';
import { parseXml, serializeXml, descendantsNamed, textOf, XmlSyntaxError } from './xml-lite.mjs';

describe('javaDouble', () => {
  it('prints like Double.toString', () => {
    expect(javaDouble(7000)).toBe('7000.0');
    expect(javaDouble(3.141593)).toBe('3.141593');
    expect(javaDouble(-2.5)).toBe('-2.5');
    expect(javaDouble(0)).toBe('0.0');
    expect(javaDouble(0.001)).toBe('0.001');
    expect(javaDouble(1e-4)).toBe('1.0E-4');
    expect(javaDouble(5.7e7)).toBe('5.7E7');
    expect(javaDouble(1e7)).toBe('1.0E7');
    expect(javaDouble(9999999)).toBe('9999999.0');
    expect(javaDouble(-56495579.98178506)).toBe('-5.649557998178506E7');
  });

  it('formats dates like java.util.Date#toString in UTC', () => {
    expect(javaDateString(new Date(Date.UTC(2024, 6, 1, 16, 12, 3)))).toBe('Mon Jul 01 16:12:03 UTC 2024');
  });
});

describe('toJavaJson', () => {
  it('keeps Java doubles and otherwise matches JSON.stringify', () => {
    expect(toJavaJson({ fee: double(7000), n: 1, s: 'a"b', skip: undefined, list: [double(0.5), null, true] }))
      .toBe('{"fee":7000.0,"n":1,"s":"a\\"b","list":[0.5,null,true]}');
    expect(toJavaJson(2)).toBe('2');
  });
});

describe('xml-lite', () => {
  it('resolves namespaces, decodes entities and CDATA, skips comments and prologs', () => {
    const root = parseXml(`<?xml version="1.0"?><!DOCTYPE a><!-- c --><a xmlns="urn:d" xmlns:p="urn:p"><p:b>x &amp; &#65;<![CDATA[<y>]]></p:b><c q:z="1"/></a>`);
    expect([root.local, root.ns]).toEqual(['a', 'urn:d']);
    const [b] = descendantsNamed(root, 'b');
    expect([b.prefix, b.ns, textOf(b)]).toEqual(['p', 'urn:p', 'x & A<y>']);
    expect(descendantsNamed(root, 'c')[0].ns).toBe('urn:d');
  });

  it('rejects malformed documents', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<a/><b/>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('just text')).toThrow(XmlSyntaxError);
  });

  it('serializes an element with the namespaces it inherits', () => {
    const root = parseXml('<e:Envelope xmlns:e="urn:e" xmlns:ns="urn:n"><e:Body><ns:op a="&quot;1&quot;"><ns:v>1 &lt; 2</ns:v></ns:op></e:Body></e:Envelope>');
    const [op] = descendantsNamed(root, 'op');
    const text = serializeXml(op);
    expect(text).toBe('<ns:op xmlns:e="urn:e" xmlns:ns="urn:n" a="&quot;1&quot;"><ns:v>1 &lt; 2</ns:v></ns:op>');
    expect(parseXml(text).ns).toBe('urn:n');
  });
});
