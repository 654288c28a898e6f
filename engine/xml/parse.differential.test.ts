/**
 * Our parser against xmldom's own, on every XML file of the conformance corpus and every
 * XML entry of the real CARs: where xmldom reads a document, ours must build the same
 * DOM (same serialization, same nodes, names, namespaces, values and positions); where
 * xmldom refuses one, ours must refuse it too.
 */
import { readdirSync, readFileSync, existsSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { readZip } from '../node/car/zip.js';
import { parseXmlDocument, XmlSyntaxError } from './parse.js';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
const corpus = path.join(shared, 'corpus');
const cars = path.join(shared, 'fixtures/car');
const XML_FILE = /\.(xml|dbs|xsd|wsdl|xslt?)$/i;
const missing = !existsSync(corpus) || !existsSync(cars);
if (missing && process.env.CI === 'true') throw new Error(`the corpus and CAR fixtures are required in CI (looked in ${shared})`);

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e: Dirent) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? corpusFiles(p) : XML_FILE.test(e.name) ? [p] : [];
  });
}

type Outcome = { doc: Document } | { error: string };

function parseWithXmldom(text: string): Outcome {
  let error: string | undefined;
  try {
    const doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && (error ??= message)) }).parseFromString(text, 'text/xml');
    return error === undefined ? { doc: doc as unknown as Document } : { error };
  } catch (e) {
    return { error: error ?? String(e) };
  }
}

function parseWithOurs(text: string): Outcome {
  try {
    return { doc: parseXmlDocument(text) };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { error: `${e.line}:${e.col} ${e.message}` };
    throw e;
  }
}

type Positioned = Node & { lineNumber?: number; columnNumber?: number };

function describeNode(n: Node): string {
  const p = n as Positioned;
  return `${n.nodeType} ${n.nodeName} ns=${n.namespaceURI} prefix=${(n as Element).prefix} local=${(n as Element).localName} value=${JSON.stringify(n.nodeValue)} at ${p.lineNumber}:${p.columnNumber}`;
}

/** Every difference between two trees, as readable lines (empty when they are the same). */
function differences(a: Node, b: Node, where = ''): string[] {
  const out: string[] = [];
  if (describeNode(a) !== describeNode(b)) out.push(`${where || '/'}: ${describeNode(a)}  vs  ${describeNode(b)}`);
  const aAttrs = (a as Element).attributes;
  const bAttrs = (b as Element).attributes;
  if (aAttrs || bAttrs) {
    const names = (m: NamedNodeMap | undefined) => Array.from({ length: m?.length ?? 0 }, (_, i) => describeNode(m!.item(i)!)).join(' | ');
    if (names(aAttrs) !== names(bAttrs)) out.push(`${where}/@: ${names(aAttrs)}  vs  ${names(bAttrs)}`);
  }
  if (a.childNodes.length !== b.childNodes.length) out.push(`${where}: ${a.childNodes.length} child nodes vs ${b.childNodes.length}`);
  let i = 0;
  for (let x = a.firstChild, y = b.firstChild; x || y; x = x?.nextSibling ?? null, y = y?.nextSibling ?? null, i++) {
    if (!x || !y) {
      out.push(`${where}/${i}: only one side has this child`);
      break;
    }
    if (b.childNodes.item(i) !== y || y.parentNode !== b) out.push(`${where}/${i}: childNodes or parentNode out of step with the sibling links`);
    out.push(...differences(x, y, `${where}/${i}`));
  }
  return out;
}

describe.skipIf(missing)('parseXmlDocument against xmldom', async () => {
  const inputs: [string, string][] = missing ? [] : corpusFiles(corpus).map((f) => [path.relative(shared, f), readFileSync(f, 'utf8')]);
  for (const car of missing ? [] : readdirSync(cars).filter((f) => f.endsWith('.car')).sort()) {
    for (const entry of await readZip(path.join(cars, car))) {
      if (entry.data && XML_FILE.test(entry.name)) inputs.push([`${car}!${entry.name}`, entry.data.toString('utf8')]);
    }
  }

  it('has the corpus and the CARs to compare on', () => {
    expect(inputs.length).toBeGreaterThan(500);
  });

  it.each(inputs)('%s', (_name, text) => {
    const theirs = parseWithXmldom(text);
    const ours = parseWithOurs(text);
    if ('error' in theirs) {
      expect(ours, `xmldom refused it (${theirs.error})`).toHaveProperty('error');
      return;
    }
    expect(ours).toHaveProperty('doc');
    const doc = (ours as { doc: Document }).doc;
    const serializer = new XMLSerializer();
    expect(serializer.serializeToString(doc as never)).toBe(serializer.serializeToString(theirs.doc as never));
    expect(differences(theirs.doc, doc)).toEqual([]);
    expect(doc.documentElement).toBe(doc.childNodes.item(Array.from(doc.childNodes).findIndex((n) => n.nodeType === 1)));
  });
});
