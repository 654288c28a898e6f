/**
 * XsltProcessor backed by SaxonJS (XSLT 3.0 processor; 1.0 stylesheets run in
 * backwards-compatible mode). Stylesheets are compiled from source at run
 * time through fn:transform with `cache`, so a key's stylesheet is compiled
 * once per text. Imported/included documents are written to a private
 * temporary directory so the compiler resolves their hrefs.
 * Known divergence from XSLT 1.0 processors (xsltproc, Xalan): in a 1.0
 * stylesheet SaxonJS's format-number() does not convert a node argument with
 * number(), so format-number(price, '0.00') gives NaN; write number(price).
 * SaxonJS is Saxonica's freely redistributable binary (licence in
 * node_modules/saxon-js/LICENSE.txt), not open source.
 *
 * fn:transform compiles the stylesheet text on every call (its `cache` option
 * has no effect here: about 80 ms for a one-template stylesheet). So the first
 * call per stylesheet captures the compiled package SaxonJS hands to its
 * `internalTransform`, and later calls run that package through
 * `checkOptions` + `internalTransform` directly (under 1 ms). Both are keys of
 * the SaxonJS export object; when either is missing every call takes the slow,
 * documented path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { XsltError, type XsltProcessor, type XsltRequest } from '../../mediators/xslt/processor.js';

interface SaxonError {
  message?: string;
  code?: string;
}
interface TransformOptions {
  principalResult?: unknown;
}
interface Saxon {
  XPath: { evaluate(expr: string, context: unknown, options: Record<string, unknown>): unknown };
  getPlatform(): { parseXmlFromString(text: string): unknown };
  checkOptions?(options: Record<string, unknown>): TransformOptions;
  internalTransform?(compiled: unknown, source: unknown, options: TransformOptions): void;
}

const require = createRequire(import.meta.url);
let saxon: Saxon | undefined;
function load(): Saxon {
  saxon ??= require('saxon-js') as Saxon;
  return saxon;
}

const TRANSFORM = `transform(map{
  'stylesheet-text': $xsl,
  'stylesheet-base-uri': $base,
  'source-node': parse-xml($src),
  'stylesheet-params': map:merge(for $i in 1 to count($names) return map{QName('', $names[$i]): $values[$i]}),
  'delivery-format': 'serialized',
  'cache': true()
})?output`;

let workDir: string | undefined;

function baseFor(request: XsltRequest): string {
  workDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-xslt-'));
  const id = createHash('sha256').update(request.resources.map((r) => `${r.name}\0${r.text}`).join('\0')).digest('hex').slice(0, 16);
  const dir = path.join(workDir, id);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    for (const r of request.resources) {
      const file = path.resolve(dir, r.name);
      if (!file.startsWith(dir + path.sep)) throw new XsltError(`resource location '${r.name}' leaves the stylesheet directory`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, r.text);
    }
  }
  return `file://${dir}/stylesheet.xsl`;
}

/** Compiled packages by stylesheet text, resources and base; bounded so edited stylesheets do not pile up. */
const compiled = new Map<string, unknown>();
const MAX_COMPILED = 64;

function compileKey(request: XsltRequest, base: string): string {
  return createHash('sha256').update(`${base}\0${request.stylesheet.text}`).digest('hex');
}

/** Runs fn:transform (compiling the text) and keeps the compiled package it ran. */
function transformCompiling(s: Saxon, request: XsltRequest, base: string, key: string): unknown {
  const original = s.internalTransform;
  let captured: unknown;
  if (original && s.checkOptions) {
    s.internalTransform = function capture(this: unknown, pkg: unknown, ...rest: unknown[]) {
      captured = pkg;
      return (original as (...a: unknown[]) => void).call(this, pkg, ...rest);
    };
  }
  try {
    return s.XPath.evaluate(TRANSFORM, null, {
      params: { xsl: request.stylesheet.text, base, src: request.source, names: request.params.map((p) => p[0]), values: request.params.map((p) => p[1]) },
      namespaceContext: { map: 'http://www.w3.org/2005/xpath-functions/map' },
    });
  } finally {
    if (original) s.internalTransform = original;
    if (captured) {
      if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, captured);
    }
  }
}

function transformCompiled(s: Saxon, pkg: unknown, request: XsltRequest): unknown {
  const source = s.getPlatform().parseXmlFromString(request.source);
  const options = s.checkOptions!({
    stylesheetInternal: pkg,
    destination: 'serialized',
    sourceNode: source,
    baseOutputURI: '',
    stylesheetParams: Object.fromEntries(request.params),
  });
  s.internalTransform!(pkg, source, options);
  return options.principalResult;
}

export const saxonXsltProcessor: XsltProcessor = {
  async transform(request) {
    const s = load();
    try {
      const base = baseFor(request);
      const key = compileKey(request, base);
      const pkg = compiled.get(key);
      const out = pkg ? transformCompiled(s, pkg, request) : transformCompiling(s, request, base, key);
      return String(out ?? '').replace(/^<\?xml[^?]*\?>/, '');
    } catch (e) {
      const err = e as SaxonError;
      const code = err.code?.replace(/^Q\{[^}]*\}/, '');
      throw new XsltError(String(err.message ?? e).split('\n')[0]!, code);
    }
  },
};
